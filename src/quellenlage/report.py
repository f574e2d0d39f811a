"""`quellenlage report`: one self-contained HTML page about the last run."""
from __future__ import annotations

import html
import json
from pathlib import Path

from quellenlage.tables import read_table

CSS = """body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}
table{border-collapse:collapse;font-size:13px;margin-bottom:2em}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
th{background:#eee}h2{margin-top:1.5em}.bad{color:#b00}"""


def _table(rows: list[dict], cols: list[str], limit: int = 2000) -> str:
    if not rows:
        return "<p>(none)</p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = []
    for r in rows[:limit]:
        cells = "".join(f"<td>{html.escape('' if r.get(c) is None else str(r.get(c)))}</td>" for c in cols)
        body.append(f"<tr>{cells}</tr>")
    more = f"<p>… and {len(rows) - limit} more rows</p>" if len(rows) > limit else ""
    return f"<table><tr>{head}</tr>{''.join(body)}</table>{more}"


def write_report(out: Path) -> Path:
    tables = {n: read_table(out, n).to_pylist() for n in ("documents", "figures", "quotes", "claims", "conflicts")}
    run = json.loads((out / "run.json").read_text(encoding="utf-8")) if (out / "run.json").exists() else {}
    by_label: dict[str, int] = {}
    for f in tables["figures"]:
        by_label[f["label"]] = by_label.get(f["label"], 0) + 1
    parts = [f"<!doctype html><meta charset='utf-8'><title>quellenlage report</title><style>{CSS}</style>",
             "<h1>quellenlage report</h1>",
             f"<p>Backbone: {html.escape(str(run.get('backbone', '?')))} · rules "
             f"{html.escape(str(run.get('rules_sha256', ''))[:12])} · counts "
             f"{html.escape(json.dumps(run.get('counts', {})))}</p>",
             "<h2>Documents</h2>",
             _table(tables["documents"], ["doc_id", "status", "error", "published", "outlet", "encoding", "n_chars", "n_tokens"]),
             "<h2>Figures by label</h2>",
             _table([{"label": k, "n": v} for k, v in sorted(by_label.items())], ["label", "n"]),
             "<h2>Conflicts</h2>",
             _table(tables["conflicts"], ["subject", "property", "doc_a", "text_a", "doc_b", "text_b", "explanation"]),
             "<h2>Claims</h2>",
             _table(tables["claims"], ["doc_id", "subject", "property", "value", "unit", "currency", "date_value", "qualifier", "status"]),
             "<h2>Figures</h2>",
             _table(tables["figures"], ["doc_id", "start", "end", "text", "label", "value", "low", "high", "unit", "currency", "qualifier", "date_value"]),
             "<h2>Quotes</h2>",
             _table(tables["quotes"], ["doc_id", "start", "end", "kind", "speaker", "cue", "text"])]
    path = out / "report.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
