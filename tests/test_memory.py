"""Flat memory (memory.py): the words a zone's documents bring leave the vocab when the zone
ends, the first window's words stay, and the rows do not depend on where zones end."""
from __future__ import annotations

import copy

import pytest

from quellenlage import memory
from quellenlage.engine import process
from quellenlage.extract import prepare
from quellenlage.pipeline import build
from quellenlage.readers import discover, read_sources

from conftest import ARTICLES, sample_paths


def _articles(rules, paths):
    return prepare(read_sources(discover(paths)), rules)


def test_a_zones_words_leave_the_vocab_and_the_first_windows_stay(rules, monkeypatch):
    monkeypatch.setattr(memory, "EVERY", 1)
    nlp = build("rules", rules)
    warm, zoned = _articles(rules, sample_paths()[:2])
    process(nlp, [warm])  # the first window: outside any zone, its words stay
    assert [w for w in warm.text.split() if w.isalpha()][-1] in nlp.vocab.strings
    kept = set(nlp.vocab.strings)
    new = sorted({w for w in zoned.text.split() if w.isalpha() and w not in kept})
    assert len(new) > 20, "the second article brings words of its own"
    with memory.around(nlp, 1):
        nlp(zoned.text)
        assert all(w in nlp.vocab.strings for w in new)  # in the vocab while the zone is open
    assert not any(w in nlp.vocab.strings for w in new)  # and gone when it ends
    assert set(nlp.vocab.strings) == kept
    rows = process(nlp, [zoned])[0]
    assert rows.document["status"] == "ok" and len(rows.rows["figures"]) > 0
    assert set(nlp.vocab.strings) == kept


def test_rows_are_the_same_with_a_zone_per_document_and_with_none(rules, monkeypatch):
    """No string a zone made is read after it: a zone around every document (each of them
    processed alone) gives the rows of one run with no zone at all."""
    paths = [p for p in sorted(ARTICLES.glob("*.txt")) if p.name.startswith(("b3", "b12", "b40"))][:24]
    articles = _articles(rules, paths)
    assert len(articles) >= 12
    monkeypatch.setattr(memory, "EVERY", 10**9)  # the first window never ends: no zone
    plain = process(build("rules", rules), copy.deepcopy(articles))
    monkeypatch.setattr(memory, "EVERY", 1)
    nlp = build("rules", rules)
    zoned = [r for a in copy.deepcopy(articles) for r in process(nlp, [a])]
    assert [r.document for r in zoned] == [r.document for r in plain]
    for table in ("figures", "quotes", "claims"):
        assert [r.rows[table] for r in zoned] == [r.rows[table] for r in plain], table
    assert sum(len(r.rows["claims"]) for r in plain) > 20


@pytest.mark.parametrize("failing", [True, False])
def test_a_zone_ends_after_a_failed_call_and_after_its_documents(rules, monkeypatch, failing):
    monkeypatch.setattr(memory, "EVERY", 3)
    nlp = build("rules", rules)
    with memory.around(nlp, 3):  # the first window
        pass
    zone = memory._ZONES[nlp]
    if failing:
        with pytest.raises(RuntimeError), memory.around(nlp, 1):
            assert zone.stack is not None
            raise RuntimeError("a batch failed")
        assert zone.stack is None
    else:
        with memory.around(nlp, 2):
            pass
        assert zone.stack is not None and zone.documents == 2
        with memory.around(nlp, 1):
            pass
        assert zone.stack is None


def test_a_pipeline_no_longer_used_leaves_no_zone_behind(rules):
    import gc
    nlp = build("rules", rules)
    with memory.around(nlp, 1):
        pass
    assert len(memory._ZONES) >= 1
    before = len(memory._ZONES)
    del nlp
    gc.collect()
    assert len(memory._ZONES) == before - 1
