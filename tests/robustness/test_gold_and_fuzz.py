"""`evaluate` refuses malformed gold with file, line and field; the whole pipeline keeps its
offsets on any text hypothesis makes up (issue 11)."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quellenlage.evaluate import load_gold, relations_for
from quellenlage.extract import make_doc
from quellenlage.gold_check import GoldError
from quellenlage.readers import Article

TEXT = "Microsoft zahlte 2,5 Milliarden Euro für 15.000 GPUs."
GOOD = {"id": "g1", "text": TEXT, "meta": {}, "spans": [{"start": 17, "end": 36, "label": "MONEY", "value": 2.5e9}]}


def _gold(tmp_path, *lines, relations=None):
    folder = tmp_path / "gold"
    folder.mkdir(exist_ok=True)
    (folder / "g.jsonl").write_text("\n".join(l if isinstance(l, str) else json.dumps(l, ensure_ascii=False)
                                              for l in lines) + "\n", encoding="utf-8")
    if relations is not None:
        (folder / "relations.jsonl").write_text("\n".join(json.dumps(r) for r in relations) + "\n", encoding="utf-8")
    return folder


def _problem(tmp_path, *lines):
    with pytest.raises(GoldError) as err:
        load_gold([_gold(tmp_path, *lines)])
    return str(err.value)


def test_good_gold_loads(tmp_path):
    assert [d["id"] for d in load_gold([_gold(tmp_path, GOOD)])] == ["g1"]


@pytest.mark.parametrize("change, where, says", [
    (lambda d: d["spans"][0].update(end=999), "g.jsonl:2: spans[0].end", "beyond the text"),
    (lambda d: d["spans"][0].update(start=36, end=17), "g.jsonl:2: spans[0]", "not after start"),
    (lambda d: d["spans"][0].update(text="3,5 Milliarden Euro"), "g.jsonl:2: spans[0].text", "does not match"),
    (lambda d: d["spans"][0].update(label="GELD"), "g.jsonl:2: spans[0].label", "MONEY"),
    (lambda d: d["spans"][0].update(start="17"), "g.jsonl:2: spans[0].start", "integer"),
    (lambda d: d.pop("text"), "g.jsonl:2: text", "required"),
    (lambda d: d.update(spans={"a": 1}), "g.jsonl:2: spans", "array"),
    (lambda d: d.update(boilerplate=[[5, 2000]]), "g.jsonl:2: boilerplate[0].end", "beyond the text"),
])
def test_malformed_gold_is_refused_with_file_line_and_field(tmp_path, change, where, says):
    doc = json.loads(json.dumps(GOOD))
    change(doc)
    message = _problem(tmp_path, {**GOOD, "id": "g0"}, doc)
    assert where in message and says in message, message


def test_invalid_json_and_duplicate_ids_are_named(tmp_path):
    message = _problem(tmp_path, GOOD, "{oops", GOOD)
    assert "g.jsonl:2: invalid JSON" in message and "'g1' appears twice" in message


def test_relations_must_match_the_gold_texts(tmp_path):
    other = {**GOOD, "id": "g2"}
    bad = {"relation": "conflict", "a": {"doc": "g1", "start": 17, "end": 36, "text": "2,5 Milliarden Euro"},
           "b": {"doc": "g2", "start": 17, "end": 36, "text": "9 Milliarden Euro"}}
    folder = _gold(tmp_path, GOOD, other, relations=[bad, {**bad, "relation": "maybe"}])
    docs = load_gold([folder])
    with pytest.raises(GoldError) as err:
        relations_for(docs, [folder])
    assert "relations.jsonl:1: b.text" in str(err.value) and "relations.jsonl:2: relation" in str(err.value)


def test_evaluate_exits_nonzero_on_bad_gold(cli, tmp_path):
    doc = json.loads(json.dumps(GOOD))
    doc["spans"][0]["end"] = 5000
    res = cli("evaluate", "--gold", _gold(tmp_path, doc), "--model", "rules")
    assert res.exit_code != 0 and "g.jsonl:1: spans[0].end" in res.output


FRAGMENTS = st.sampled_from([
    "Microsoft", " zahlte ", "2,5", " Milliarden", " Euro", " rund ", "15.000", " GPUs", "„", "“", "»", "«", "‚", "‘",
    "\"", ", sagte ", "Satya Nadella", ". ", "\n", "\n\n", "\r", "am 3. März 2025", " 12 %", " Platz 3", " seit ",
    " 18 Monate", "Q3", " bis ", "–", "(", ")", ":", "title: x\n", "\u200b", "\u202e", "🚀", " ", "1", "0", ",", ".",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(FRAGMENTS | st.text(max_size=8), max_size=60).map("".join))
def test_the_whole_pipeline_keeps_offsets_on_any_text(nlp, text):
    from quellenlage.rows import doc_tables
    doc = nlp(make_doc(nlp, Article(doc_id="f", path="f", text=text, published="2025-06-18")))
    rows = doc_tables(doc)
    for table in ("figures", "quotes", "claims"):
        for r in rows[table]:
            assert 0 <= r["start"] < r["end"] <= len(text) and text[r["start"]:r["end"]] == r["text"], (table, r)
