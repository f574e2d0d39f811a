"""Every rule file is data with examples, and the examples hold."""
from __future__ import annotations

from pathlib import Path

import pytest

from quellenlage.language import guess_language
from quellenlage.rules import RuleSet, RulesError


def test_every_rule_file_carries_examples(rules):
    for name, examples in rules.examples().items():
        assert examples, f"rules/{name} has no examples"


def test_language_examples(rules):
    cfg = rules.get("language")
    for ex in cfg["examples"]:
        assert guess_language(ex["text"], cfg) == ex["language"], ex["text"]


def test_segmentation_examples(rules, nlp):
    for ex in rules.get("segmentation")["examples"]:
        doc = nlp(ex["text"])
        assert [s.text.strip() for s in doc.sents] == ex["sentences"], ex["text"]


def test_rules_hash_changes_with_content(tmp_path, rules):
    import shutil
    copy = tmp_path / "rules"
    shutil.copytree(rules.root, copy)
    assert RuleSet.load(copy).sha256 == rules.sha256
    seg = copy / "de" / "segmentation.yaml"
    seg.write_text(seg.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert RuleSet.load(copy).sha256 != rules.sha256


def test_malformed_rules_are_reported(tmp_path):
    (tmp_path / "de").mkdir()
    (tmp_path / "language.yaml").write_text("languages: [unclosed", encoding="utf-8")
    with pytest.raises(RulesError, match="cannot read rule file"):
        RuleSet.load(tmp_path)


# --- figures: every example in every rule file -------------------------------------------
from quellenlage.boilerplate import BoilerplateRules, find_boilerplate  # noqa: E402
from quellenlage.figures import FigureRules, scan_figures  # noqa: E402
from quellenlage.normalize.numbers import NumberRules, parse_amount, parse_ordinal_word  # noqa: E402

FIGURE_KEYS = ("label", "value", "low", "high", "unit", "currency", "qualifier", "item")


def _figure_examples():
    rules = RuleSet.load()
    for name, examples in rules.examples().items():
        for k, ex in enumerate(examples):
            if "figures" in ex:
                yield pytest.param(ex, id=f"{name}#{k}")


def _comparable(fig: dict, expected: dict) -> dict:
    out = {"text": fig.get("text")}
    for key in FIGURE_KEYS:
        if key == "item" and key not in expected:
            continue
        v = fig.get(key)
        if key == "qualifier" and v is None:
            v = "exact"
        out[key] = round(float(v), 6) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
    return out


@pytest.mark.parametrize("example", list(_figure_examples()))
def test_figure_examples(example, rules):
    fr = FigureRules.from_ruleset(rules)
    got = [f.record(example["text"]) for f in scan_figures(example["text"], fr)]
    expected = [_comparable(e, e) for e in example["figures"]]
    assert [_comparable(g, e) for g, e in zip(got, example["figures"])] + \
        [_comparable(g, {}) for g in got[len(expected):]] == expected


def test_number_examples(rules):
    cfg = rules.get("numbers")
    nr = NumberRules.from_config(cfg)
    for ex in cfg["examples"]:
        if "ordinal" in ex:
            assert parse_ordinal_word(ex["text"], nr) == ex["ordinal"], ex
        else:
            got = parse_amount(ex["text"], nr, english=ex.get("english", False))
            if ex["value"] is None:
                assert got is None, ex
            else:
                assert got == pytest.approx(float(ex["value"])), ex


def test_boilerplate_examples(rules):
    br = BoilerplateRules.from_config(rules.get("boilerplate"))
    for ex in rules.get("boilerplate")["examples"]:
        regions = find_boilerplate(ex["text"], br)
        assert [ex["text"][s:e] for s, e in regions] == ex["regions"], ex["text"]


def test_currency_names_are_cldrs_as_generated():
    """rules/de/currency_names.yaml is what scripts/build_currencies.py makes from CLDR."""
    import importlib.util

    import yaml
    pytest.importorskip("babel")
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("build_currencies", root / "scripts" / "build_currencies.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stored = yaml.safe_load((root / "rules" / "de" / "currency_names.yaml").read_text(encoding="utf-8"))
    assert stored["names"] == module.build()
    assert {"schwedische Kronen", "schwedischen Kronen"} <= set(stored["names"]["SEK"])
    assert "polnischen Zloty" in stored["names"]["PLN"]
