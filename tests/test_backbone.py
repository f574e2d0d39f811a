"""A statistical backbone plugs in: train a tiny German NER pipeline, save it, extract with it."""
from __future__ import annotations

import json
import random
import shutil

import pandas as pd
import pytest
import spacy
from spacy.training import Example

from quellenlage.pipeline import build, resolve_model

from conftest import sample_paths


TRAIN = [
    ("Mustafa Suleyman leitet Microsoft AI.", [(0, 16, "PER"), (24, 36, "ORG")]),
    ("Satya Nadella sprach über OpenAI.", [(0, 13, "PER"), (26, 32, "ORG")]),
    ("Sam Altman führt OpenAI.", [(0, 10, "PER"), (17, 23, "ORG")]),
    ("Nvidia liefert die GPUs an Microsoft.", [(0, 6, "ORG"), (27, 36, "ORG")]),
    ("Elon Musk gründete xAI.", [(0, 9, "PER"), (19, 22, "ORG")]),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    random.seed(0)
    nlp = spacy.blank("de")
    ner = nlp.add_pipe("ner")
    for _, ents in TRAIN:
        for *_, label in ents:
            ner.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.1)
    nlp.meta["name"] = "tiny_ner_test"
    nlp.meta["version"] = "0.0.1"
    path = tmp_path_factory.mktemp("model") / "tiny_ner"
    nlp.to_disk(path)
    return path


def test_auto_falls_back_to_the_rule_backbone_without_models(monkeypatch):
    monkeypatch.setattr("quellenlage.pipeline.installed", lambda name: False)
    assert resolve_model("auto") is None
    monkeypatch.setattr("quellenlage.pipeline.installed", lambda name: name == "de_core_news_md")
    assert resolve_model("auto") == "de_core_news_md"


def test_a_trained_pipeline_from_a_path_is_the_backbone(tiny_model, rules):
    nlp = build(str(tiny_model), rules)
    assert "ner" in nlp.pipe_names and "quellenlage_sentences" in nlp.pipe_names
    doc = nlp("Mustafa Suleyman leitet Microsoft AI. Das ist neu.")
    assert [e.label_ for e in doc.ents]  # the statistical component runs inside our pipeline
    assert len(list(doc.sents)) == 2


def test_extract_with_model_path_records_the_backbone(cli, tiny_model, tmp_path):
    folder = tmp_path / "in"  # a dozen sample articles: the backbone is recorded on each document's row
    folder.mkdir()
    for p in sample_paths()[:12]:
        shutil.copy(p, folder / p.name)
    res = cli("extract", folder, "--out", tmp_path / "o", "--model", tiny_model)
    assert res.exit_code == 0, res.output
    docs = pd.read_parquet(tmp_path / "o" / "documents")
    assert len(docs) == 12
    assert docs["pipeline"].str.contains("tiny_ner_test 0.0.1").all()
    info = json.loads((tmp_path / "o" / "run.json").read_text())
    assert "ner" in info["pipe_names"]


def test_a_bracket_before_a_colon_is_no_emoticon(rules):
    """spaCy keeps "):" whole (an emoticon); a product named "Phone (2)" in a headline must end at
    its bracket, or its name takes the colon and no other source's "Phone (2)" is the same subject."""
    nlp = build("rules", rules)
    doc = nlp.make_doc("Nothing Phone (2): Preise ab 649 Euro. Nvidia (USA): ja, mit SpaceX. Hans J. Meier")
    assert [t.text for t in doc][:6] == ["Nothing", "Phone", "(", "2", ")", ":"]
    assert [t.text for t in doc][-5:] == ["SpaceX", ".", "Hans", "J.", "Meier"]  # a name's full stop; an initial
    assert doc.char_span(0, len("Nothing Phone (2)")) is not None
