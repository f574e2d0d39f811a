"""The cross-document step of a run, on rows only: sources, facts, conflicts, claim status.

Each document's claims were made in the pipeline (quellenlage_claims); here they meet. A
claim's source is its document's outlet, or, without one, its group of agency copies (the
documents' text sketches say which texts are copies of one another).
"""
from __future__ import annotations

from quellenlage.conflicts import date_interval, published_day, same_text_groups
from quellenlage.facts import build_facts
from quellenlage.rules import RuleSet


def crosscheck(tables: dict[str, list[dict]], rules: RuleSet) -> dict[str, list[dict]]:
    """Fills `facts` and `conflicts` and completes the claim rows (source, status, counts)."""
    props = rules.get("properties")["properties"]
    names = {k: p.get("name", k) for k, p in props.items()}
    docs = {d["doc_id"]: d for d in tables["documents"] if d["status"] == "ok"}
    groups = same_text_groups({d: row.get("_sketch") or [] for d, row in docs.items()})
    claims = [c for c in tables["claims"] if c["doc_id"] in docs]
    for c in claims:
        d = docs[c["doc_id"]]
        p = props.get(c["property"]) or {}
        c["source"] = d.get("outlet") or c["doc_id"]
        c["source_key"] = (d.get("outlet") or "").casefold() or groups.get(c["doc_id"], c["doc_id"])
        c["published"] = d.get("published")
        c["outlet"] = d.get("outlet")
        c["_day"] = published_day(d.get("published"))
        c["time"], c["window_days"] = p.get("time", "static"), p.get("window_days")
        c["_background"] = _background(c, p.get("recent_days"))
        c["_value_is_time"] = bool(p.get("recent_days"))  # the date of the news itself
        c.update(status="single_source", n_agree=0, n_conflict=0, fact_id=None, suspected_cause=None)
    tables["facts"], tables["conflicts"] = build_facts(claims, names)
    tables["claims"] = claims
    return tables


def _background(c: dict, recent_days: int | None) -> bool:
    """A date further than `recent_days` before publication is background ("im August 2024
    hatte Intel angekündigt"), not the news the article reports: it is compared with nothing."""
    if not recent_days or c.get("_day") is None or not c.get("date_value"):
        return False
    span = date_interval(c["date_value"])
    return span is None or not (c["_day"] - recent_days <= span.high and span.low <= c["_day"] + 1)
