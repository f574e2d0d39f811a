"""Every rule file is data with examples, and the examples hold."""
from __future__ import annotations

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
