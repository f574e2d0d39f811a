"""The cross-document step of a run: claims from figures, then conflicts between sources."""
from __future__ import annotations

from itertools import combinations

from quellenlage.claims import ClaimFinder, ClaimRules
from quellenlage.conflicts import compare, conflict_id, same_text_groups, same_time
from quellenlage.quotes import Mentions, QuoteRules
from quellenlage.readers import Article
from quellenlage.rules import RuleSet

NUMBER_FIELDS = ("value", "low", "high", "unit", "currency", "date_value", "qualifier")


def build_claims(articles: list[Article], tables: dict[str, list[dict]], rules: RuleSet,
                 regions: dict[str, list] | None = None) -> list[dict]:
    claim_rules = ClaimRules.from_ruleset(rules)
    quote_rules = QuoteRules.from_ruleset(rules)
    finder = ClaimFinder(claim_rules)
    by_doc: dict[str, list[dict]] = {}
    for f in tables["figures"]:
        by_doc.setdefault(f["doc_id"], []).append(f)
    ok = {a.doc_id: a for a in articles if a.ok}
    groups = same_text_groups({d: a.text for d, a in ok.items()})
    claims: list[dict] = []
    for doc_id in sorted(by_doc):
        a = ok.get(doc_id)
        if a is None:
            continue
        figs = by_doc[doc_id]
        skip = (regions or {}).get(doc_id, [(0, a.body_start)])
        try:
            persons = [(m.start, m.end, m.name) for m in Mentions(a.text, quote_rules, skip).items if m.kind == "PER"]
            found = finder.claims(a.text, figs, skip, persons)
        except Exception as exc:  # noqa: BLE001 - one article's claims never end the run
            a.error = f"claims skipped: {type(exc).__name__}: {exc}"
            _note_error(tables, doc_id, a.error)
            continue
        dates = [f for f in figs if f["label"] == "DATE" and f.get("date_value")]
        for c in found:
            f = c["figure"]
            as_of = None if f["label"] == "DATE" else _as_of(f, figs, dates, c["anchors"], a.published)
            claims.append({
                "claim_id": f"{doc_id}#C{f['start']}-{f['end']}", "doc_id": doc_id, "figure_id": f["figure_id"],
                "subject": c["subject"], "property": c["property"], **{k: f.get(k) for k in NUMBER_FIELDS},
                "qualifier": f.get("qualifier") or "exact", "source": a.outlet or doc_id,
                "evidence": a.text[f["sentence_start"]:f["sentence_end"]], "status": "single_source",
                "n_agree": 0, "n_conflict": 0, "as_of": as_of, "published": a.published,
                # for comparison only, not written out:
                "label": f["label"], "text": f["text"], "start": f["start"], "end": f["end"],
                "source_key": (a.outlet or "").casefold() or groups.get(doc_id, doc_id),
                "window_days": c["window_days"], "past": c["past"], "scope": c["scope"],
            })
    claims.sort(key=lambda c: (c["doc_id"], c["start"], c["end"]))
    return claims


def _note_error(tables: dict[str, list[dict]], doc_id: str, message: str) -> None:
    for row in tables["documents"]:
        if row["doc_id"] == doc_id:
            row["error"] = message


def _as_of(f: dict, figs: list[dict], dates: list[dict], now_words: list[int], published: str | None) -> str | None:
    """The time a figure refers to: the time word of its sentence nearest to it, a date or a
    word for "now" ("Nach rund 100.000 H100 im vergangenen Jahr stehen inzwischen 200.000 GPUs")."""
    anchors = [(d["start"], d["date_value"]) for d in dates if d["sentence_start"] == f["sentence_start"]]
    anchors += [(pos, published) for pos in now_words]
    if not anchors:
        return None
    return min(anchors, key=lambda a: (abs(a[0] - f["start"]), a[0]))[1]


def build_conflicts(claims: list[dict], rules: RuleSet) -> list[dict]:
    names = {k: p.get("name", k) for k, p in rules.get("properties")["properties"].items()}
    groups: dict[tuple[str, str], list[dict]] = {}
    for c in claims:
        groups.setdefault((c["subject"], c["property"]), []).append(c)
    rows = []
    for (subject, prop), members in sorted(groups.items()):
        for a, b in combinations(members, 2):
            verdict = compare(a, b, a["window_days"])
            if verdict == "agree":
                a["n_agree"] += 1
                b["n_agree"] += 1
            elif verdict == "conflict":
                a["n_conflict"] += 1
                b["n_conflict"] += 1
                rows.append(_conflict_row(a, b, subject, prop, names.get(prop, prop)))
    for c in claims:
        c["status"] = "conflicting" if c["n_conflict"] else "corroborated" if c["n_agree"] else "single_source"
    rows.sort(key=lambda r: (r["subject"], r["property"], r["claim_a"], r["claim_b"]))
    return rows


def _conflict_row(a: dict, b: dict, subject: str, prop: str, prop_name: str) -> dict:
    if a["claim_id"] > b["claim_id"]:
        a, b = b, a
    explanation = (f"Zu „{prop_name}“ von {subject} nennt {a['source']} „{a['text']}“, "
                   f"{b['source']} dagegen „{b['text']}“; die Angaben schließen einander aus.")
    _, newer = same_time(a, b, a["window_days"])
    if newer:
        n = a if newer == a["claim_id"] else b
        explanation += f" Die Angabe von {n['source']} ist neuer ({n['published']})."
    return {"conflict_id": conflict_id(a["claim_id"], b["claim_id"]), "subject": subject, "property": prop,
            "claim_a": a["claim_id"], "claim_b": b["claim_id"], "doc_a": a["doc_id"], "start_a": a["start"],
            "end_a": a["end"], "doc_b": b["doc_id"], "start_b": b["start"], "end_b": b["end"],
            "text_a": a["text"], "text_b": b["text"], "explanation": explanation}


def crosscheck(articles: list[Article], tables: dict[str, list[dict]], rules: RuleSet,
               regions: dict[str, list] | None = None) -> dict[str, list[dict]]:
    claims = build_claims(articles, tables, rules, regions)
    tables["conflicts"] = build_conflicts(claims, rules)
    tables["claims"] = claims
    return tables
