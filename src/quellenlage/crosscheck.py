"""The cross-document step of a run, on rows only: sources, facts, conflicts, claim status.

Each document's claims were made in the pipeline (quellenlage_claims); here they meet. A
claim's source is its document's outlet, or, without one, its group of agency copies (the
documents' text sketches say which texts are copies of one another).
"""
from __future__ import annotations

from quellenlage.conflicts import published_day, same_text_groups
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
        c.update(status="single_source", n_agree=0, n_conflict=0, fact_id=None, suspected_cause=None)
    tables["facts"], tables["conflicts"] = build_facts(claims, names)
    tables["claims"] = claims
    return tables
