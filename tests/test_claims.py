"""Claims and conflicts (SPEC §9): subjects, properties, intervals, and the corpus relations."""
from __future__ import annotations

import math

import pytest

from quellenlage.claims import ClaimRules, find_claims
from quellenlage.conflicts import Interval, claim_interval, compare, date_interval, same_text_groups
from quellenlage.evaluate import load_relations, score_relations
from quellenlage.extract import extract_articles, prepare
from quellenlage.readers import Article, parse_header
from quellenlage.rules import RuleSet
from quellenlage.tables import read_table

from conftest import GOLD

RULES = RuleSet.load()
CR = ClaimRules.from_ruleset(RULES)


def figures_of(nlp, text, doc_id="t"):
    a = Article(doc_id=doc_id, path=doc_id, text=text)
    parse_header(text, a)
    [a] = prepare([a], RULES)
    return extract_articles(nlp, [a])["figures"]


@pytest.mark.parametrize("example", RULES.get("properties")["examples"], ids=lambda e: e["text"][:40])
def test_property_examples(example, nlp):
    text = example["text"]
    got = [{"figure": c["figure"]["text"], "subject": c["subject"], "property": c["property"]}
           for c in find_claims(text, figures_of(nlp, text), CR)]
    assert got == example["claims"]


def claim(value=None, qualifier="exact", text="", **kw):
    base = {"subject": "S", "property": "p", "source_key": kw.pop("source", "a"), "label": "COUNT",
            "value": value, "qualifier": qualifier, "text": text, "claim_id": kw.pop("cid", "x")}
    base.update(kw)
    return base


def test_intervals_follow_the_spec():
    assert claim_interval(claim(100, "approx", "rund 100")) == Interval(90, 110)
    assert claim_interval(claim(100, "upper_bound", "bis zu 100")) == Interval(0, 100)
    assert claim_interval(claim(100, "lower_bound", "mehr als 100")) == Interval(100, math.inf)
    assert claim_interval(claim(None, "range", "12 bis 18", low=12, high=18)) == Interval(12, 18)
    # Exact: half a unit of the last written digit, never wider than ±2.5 %.
    five6 = claim_interval(claim(5.6e6, text="5,6 Mio. $"))
    assert five6.low == pytest.approx(5.55e6) and five6.high == pytest.approx(5.65e6)
    assert claim_interval(claim(590e9, text="590 Milliarden")) == Interval(585e9, 595e9)
    assert claim_interval(claim(100000, text="100.000")) == Interval(97500, 102500)


def test_dates_are_their_calendar_extent():
    import datetime as dt
    y = date_interval("2030")
    assert (y.low, y.high) == (dt.date(2030, 1, 1).toordinal(), dt.date(2030, 12, 31).toordinal())
    assert date_interval("2025-02").high == dt.date(2025, 2, 28).toordinal()
    assert date_interval("2025-Q3").low == dt.date(2025, 7, 1).toordinal()
    assert date_interval("2025-W04").low == dt.date(2025, 1, 20).toordinal()
    assert date_interval("FY2025-Q1") is None


def test_what_is_never_compared():
    a = claim(15000, cid="a", unit="gpu")
    assert compare(a, claim(100000, cid="b", source="b", unit="gpu"), None) == "conflict"
    assert compare(a, claim(15000, cid="b", source="b", unit="gpu", qualifier="approx"), None) == "agree"
    assert compare(a, claim(100000, cid="b", source="a", unit="gpu"), None) is None  # same source
    assert compare(a, claim(100000, cid="b", source="b", unit="gpu", subject="T"), None) is None
    assert compare(a, claim(100000, cid="b", source="b", unit="gpu", property="q"), None) is None
    assert compare(a, claim(100000, cid="b", source="b", unit="chip"), None) is None
    eur = claim(11.7e9, cid="a", currency="EUR", label="MONEY")
    assert compare(eur, claim(14e9, cid="b", source="b", currency="USD", label="MONEY"), None) is None


def test_values_that_change_are_compared_only_for_the_same_time():
    old = claim(100000, cid="a", published="2024-09-03", unit="gpu")
    new = claim(200000, cid="b", source="b", published="2025-03-01", unit="gpu")
    assert compare(old, new, 30) is None            # an update, not a contradiction
    assert compare(old, new, None) == "conflict"    # a value that does not change
    same = claim(200000, cid="b", source="b", published="2024-09-05", unit="gpu")
    assert compare(old, same, 30) == "conflict"
    dated = claim(200000, cid="b", source="b", as_of="2024-09", unit="gpu")
    assert compare(old, dated, 30) == "conflict"
    fiscal = claim(26e9, cid="a", as_of="FY2025-Q1", currency="USD", label="MONEY")
    assert compare(fiscal, claim(35e9, cid="b", source="b", published="2024-11-21", currency="USD",
                                 label="MONEY"), 30) is None


def test_agency_copies_are_one_source():
    text = "Die Nachrichtenagentur meldet, dass Microsoft rund 15.000 GPUs für das Training nutzte. " * 5
    groups = same_text_groups({"a": text, "b": text + " Ergänzung.", "c": "Ein ganz anderer Text über Nvidia."})
    assert groups["a"] == groups["b"] != groups["c"]


def test_corpus_relations_hold(tmp_path, rules):
    """Every expected conflict of the event sets is found, the blind sets keep their measured
    level, and no agreeing or unrelated pair anywhere is flagged."""
    import json
    from pathlib import Path
    from quellenlage.extract import run
    from conftest import ARTICLES
    floors = json.loads((Path(__file__).parent / "quality_floor.json").read_text(encoding="utf-8"))["relations"]
    heldout = {json.loads(line)["id"] for name in ("heldout.jsonl", "blind2.jsonl")
               for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line}
    run([str(ARTICLES)], tmp_path, model="rules", rules_dir=str(rules.root))
    conflicts = read_table(tmp_path, "conflicts").to_pylist()
    relations = load_relations(GOLD / "relations.jsonl")
    result = score_relations(relations, conflicts)
    assert result["conflicts_expected"] >= 3
    assert [r for r in result["missed"] if r["a"]["doc"] not in heldout] == []
    assert result["conflicts_found"] >= floors["conflicts_found_min"]
    assert len(result["false_flags"]) <= floors["false_flags_max"]
    claims = read_table(tmp_path, "claims").to_pylist()
    assert all(c["status"] in ("single_source", "corroborated", "conflicting") for c in claims)
    for c in conflicts:
        assert c["explanation"] and c["text_a"] in c["explanation"] and c["text_b"] in c["explanation"]
