"""Disputed facts for readers: what `quellenlage conflicts` prints (and --json gives).

Reads the tables of a run (rows only): each fact with its competing values, the sources and
evidence sentences behind each value, and the suspected cause of a minority value.
"""
from __future__ import annotations

from pathlib import Path

from quellenlage.tables import read_table
from quellenlage.wording import CAUSE_WORDS, describe_frame, format_value


def disputes(out: Path, subject: str | None = None, prop: str | None = None, include_agreed: bool = False) -> list[dict]:
    """Facts of the run in `out`, disputed ones first and largest first, each with its values
    and, per value, the claims behind it (source, document, offsets, evidence)."""
    facts = read_table(out, "facts").to_pylist()
    claims = {c["claim_id"]: c for c in read_table(out, "claims").to_pylist()}
    selected = []
    for f in facts:
        if not include_agreed and f["status"] != "disputed":
            continue
        if subject and subject.casefold() not in f["subject"].casefold():
            continue
        if prop and prop not in (f["property"],):
            continue
        values = []
        for v in f["values"]:
            behind = [claims[cid] for cid in v["claims"] if cid in claims]
            values.append({
                "value": v["value"], "low": v["low"], "high": v["high"], "text": v["text"], "cause": v["cause"],
                "sources": v["sources"],
                "claims": [{"claim_id": c["claim_id"], "doc_id": c["doc_id"], "source": c["source"],
                            "outlet": c["outlet"], "published": c["published"], "start": c["start"], "end": c["end"],
                            "text": c["text"], "evidence": c["evidence"], "sentence_start": c["sentence_start"]} for c in behind],
            })
        selected.append({**{k: f[k] for k in ("fact_id", "subject", "property", "label", "period", "segment", "aspect",
                                               "measure", "basis", "unit", "currency", "status", "n_sources",
                                               "n_values", "n_conflicts", "consensus", "consensus_date", "summary")},
                         "values": values})
    selected.sort(key=lambda f: (f["status"] != "disputed", -f["n_sources"], -f["n_conflicts"], f["subject"],
                                 f["property"], f["fact_id"]))
    return selected


def format_disputes(items: list[dict], names: dict[str, str]) -> str:
    lines = []
    for f in items:
        label = "umstritten" if f["status"] == "disputed" else "übereinstimmend"
        lines.append(f"■ {f['subject']} · {names.get(f['property'], f['property'])}{describe_frame(f)} — {label}, "
                     f"{f['n_sources']} Quellen, {f['n_values']} Werte")
        for v in f["values"]:
            shown = format_value({"label": f["label"], "unit": f["unit"], "currency": f["currency"],
                                  "value": v["value"], "date_value": f["consensus_date"] if f["label"] == "DATE" else None,
                                  "text": v["text"]}) if f["label"] != "DATE" else v["text"]
            n = len(v["sources"])
            cause = f" · {CAUSE_WORDS[v['cause']]}" if v["cause"] else ""
            lines.append(f"  {shown} ← {n} Quelle{'n' if n != 1 else ''}: {', '.join(v['sources'])}{cause}")
            for c in v["claims"][:2]:
                lines.append(f"      {c['doc_id']} [{c['start']}:{c['end']}] „{c['text']}“: {_short(c['evidence'])}")
        lines.append("")
    return "\n".join(lines)


def _short(sentence: str, width: int = 160) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= width else sentence[:width - 1] + "…"
