"""The user cache (cache.py): checked rule folders and the common-noun forms, read back equal,
never stale, and no error when it cannot be used."""
from __future__ import annotations

import pytest

from quellenlage import cache
from quellenlage.lexicon_nouns import _read_forms, common_nouns
from quellenlage.rules import RuleSet, RulesInvalid

from conftest import ROOT


def _sources() -> dict[str, bytes]:
    root = ROOT / "rules"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_rules_read_back_equal(tmp_path, monkeypatch):
    monkeypatch.setenv("QUELLENLAGE_CACHE", str(tmp_path))
    first = RuleSet.from_sources(ROOT / "rules", "de", _sources())
    assert len(list(tmp_path.glob("rules-*.marshal"))) == 1
    again = RuleSet.from_sources(ROOT / "rules", "de", _sources())
    assert again.files == first.files and again.summaries == first.summaries and again.sha256 == first.sha256
    assert again.get("units")["count_units"] and "units" in again.summaries["de/units.yaml"]


def test_changed_rules_are_checked_again(tmp_path, monkeypatch):
    monkeypatch.setenv("QUELLENLAGE_CACHE", str(tmp_path))
    sources = _sources()
    RuleSet.from_sources(ROOT / "rules", "de", sources)
    broken = dict(sources)
    broken["de/units.yaml"] = sources["de/units.yaml"].replace(b"count_units:", b"count_unitz:", 1)
    with pytest.raises(RulesInvalid, match="units"):
        RuleSet.from_sources(ROOT / "rules", "de", broken)
    assert len(list(tmp_path.glob("rules-*.marshal"))) == 1  # a folder with problems is not kept


def test_rule_values_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setenv("QUELLENLAGE_CACHE", str(tmp_path))
    sources = _sources()
    for k in range(11):
        edited = dict(sources, **{"de/units.yaml": sources["de/units.yaml"] + f"\n# edit {k}\n".encode()})
        RuleSet.from_sources(ROOT / "rules", "de", edited)
    assert len(list(tmp_path.glob("rules-*.marshal"))) == 8


def test_a_damaged_value_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("QUELLENLAGE_CACHE", str(tmp_path))
    first = RuleSet.from_sources(ROOT / "rules", "de", _sources())
    [stored] = tmp_path.glob("rules-*.marshal")
    stored.write_bytes(stored.read_bytes()[:1000])
    assert RuleSet.from_sources(ROOT / "rules", "de", _sources()).files == first.files


def test_cache_off_or_unwritable(tmp_path, monkeypatch):
    monkeypatch.setenv("QUELLENLAGE_CACHE", "off")
    assert cache.cached("probe", "k", lambda: {"a": [1, 2]}) == {"a": [1, 2]}
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("QUELLENLAGE_CACHE", str(blocked / "cache"))
    assert cache.cached("probe", "k", lambda: (1, "x")) == (1, "x")
    assert RuleSet.from_sources(ROOT / "rules", "de", _sources()).get("units")


def test_keys_name_their_inputs_and_code(tmp_path):
    code = tmp_path / "maker.py"
    code.write_text("A = 1\n")
    key = cache.cache_key("x", "1", code=(str(code),))
    assert key == cache.cache_key("x", "1", code=(str(code),))
    assert key != cache.cache_key("x", "2", code=(str(code),))
    code.write_text("A = 2\n")
    assert key != cache.cache_key("x", "1", code=(str(code),))


def test_common_nouns_from_the_cache_equal_the_table(tmp_path, monkeypatch):
    from importlib.resources import files
    monkeypatch.setenv("QUELLENLAGE_CACHE", str(tmp_path))
    common_nouns.cache_clear()
    try:
        made = common_nouns()
        assert len(list(tmp_path.glob("common-nouns-*.marshal"))) == 1
        common_nouns.cache_clear()
        again = common_nouns()
    finally:
        common_nouns.cache_clear()
    assert again == made == _read_forms(files("german_nouns") / "nouns.csv")
    assert {"Aktien", "Verantwortung"} <= again and "Harman" not in again
