"""`quellenlage report`: a review tool for the last run, as static HTML files.

- `<out>/report.html`: the overview (small SVG charts), the disputed facts with their values,
  sources, dates, suspected causes and evidence sentences, and the list of documents; a
  filter box (subject, property, outlet, label) and pages, in inline JavaScript;
- `<out>/report/articles/<name>.html`: one page per article, its text with figures, dates,
  quotes and speakers highlighted by label (values and speakers on hover), its claims beside.

Every page is self-contained (inline CSS, JavaScript and SVG; nothing is loaded from
anywhere) and is rendered from Jinja2 templates (package data, `templates/`) with
autoescape on: article text is data, never markup.

Everything comes from the tables of the run: the article text is the `documents.text`
column (the text exactly as read, so every `start`/`end` indexes into it). Where a run has
no text for a document (documents that were not processed, tables of an older layout), the
article page shows the sentences the other tables carry (claims' evidence) instead.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from quellenlage.disputes import disputes
from quellenlage.tables import read_table
from quellenlage.wording import CAUSE_WORDS, describe_frame, format_value

FIGURE_LABELS = ("MONEY", "COUNT", "PERCENT", "RANK", "DURATION", "DATE")
LABELS = FIGURE_LABELS + ("QUOTE",)
TOP = 15            # bars per chart
STATUS_WORDS = {"conflicting": "widersprüchlich", "corroborated": "bestätigt", "single_source": "eine Quelle"}


def _env() -> Environment:
    env = Environment(loader=PackageLoader("quellenlage", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["keys"] = lambda values: "\n".join(sorted({str(v).casefold() for v in values if v}))
    # The pages' one script, allowed by its hash (Content-Security-Policy): no other script
    # runs, not even one that escaping let through.
    script = env.loader.get_source(env, "report.js")[0]
    env.globals["script"] = script
    env.globals["script_hash"] = "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return env


def page_name(doc_id: str) -> str:
    """A file name for a document's page: readable, safe on every file system, unique."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._")[:60] or "doc"
    return f"{slug}-{hashlib.sha1(doc_id.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}.html"


def _property_names(run: dict) -> dict[str, str]:
    try:
        from quellenlage.rules import RuleSet
        props = RuleSet.load(run.get("rules_dir")).get("properties")["properties"]
        return {k: p.get("name", k) for k, p in props.items()}
    except Exception:   # the names are a courtesy: without rules, the keys are shown
        return {}


def chart(title: str, counts: Counter | dict, top: int = TOP) -> dict:
    """Bars for a small horizontal SVG bar chart (largest first; the rest as one bar)."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    if len(items) > top:
        items = items[:top - 1] + [(f"{len(items) - top + 1} weitere", sum(n for _, n in items[top - 1:]))]
    biggest = max((n for _, n in items), default=0) or 1
    bars = [{"label": str(k), "short": str(k) if len(str(k)) <= 24 else str(k)[:23] + "…", "n": n,
             "y": 4 + i * 20, "width": max(1, round(170 * n / biggest)) if n else 0} for i, (k, n) in enumerate(items)]
    return {"title": title, "bars": bars, "height": 8 + 20 * len(bars), "total": sum(n for _, n in items)}


def _figure_title(f: dict) -> str:
    shown = format_value(f)
    parts = [f"{f['label']}: {shown}"]
    if f.get("date_mod"):
        parts.append(f"mod {f['date_mod']}")
    if f.get("date_relation"):
        parts.append(f"Relation {f['date_relation']}")
    if f.get("item"):
        parts.append(f"Gegenstand {f['item']}")
    if f.get("qualifier") and f["qualifier"] != "exact":
        parts.append(f"Qualifier {f['qualifier']}")
    return " · ".join(parts)


def _quote_title(q: dict) -> str:
    who = q.get("speaker") or "unbekannt"
    via = f" · via {q['via']}" if q.get("via") else ""
    cue = f" · Verb „{q['cue']}“" if q.get("cue") else ""
    return f"QUOTE ({q['kind']}): Sprecher {who}{cue}{via}"


def spans_of(figures: list[dict], quotes: list[dict]) -> list[dict]:
    """The highlighted spans of one article: figures, quotes and the quotes' speakers."""
    spans = [{"start": f["start"], "end": f["end"], "label": f["label"], "title": _figure_title(f),
              "anchor": f"f{f['start']}-{f['end']}", "kind": "figure"} for f in figures]
    for q in quotes:
        spans.append({"start": q["start"], "end": q["end"], "label": "QUOTE", "title": _quote_title(q),
                      "anchor": f"q{q['start']}-{q['end']}", "kind": "quote"})
        if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
            spans.append({"start": q["speaker_start"], "end": q["speaker_end"], "label": "SPEAKER",
                          "title": f"Sprecher: {q.get('speaker') or '?'}", "anchor": None, "kind": "speaker"})
    return spans


def segments(text: str, offset: int, spans: list[dict]) -> list[dict]:
    """`text` (which starts at `offset` of the article) cut where spans start or end; each
    piece with the spans covering it (classes, hover titles), the anchors of the spans that
    start there and the label tags of those that end there (the displaCy span look)."""
    end_all = offset + len(text)
    inside = [s for s in spans if s["start"] < end_all and s["end"] > offset and s["end"] > s["start"]]
    cuts = sorted({offset, end_all} | {max(offset, min(end_all, p)) for s in inside for p in (s["start"], s["end"])})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in inside if s["start"] <= a and s["end"] >= b]
        covering.sort(key=lambda s: (s["kind"] != "quote", s["start"], -s["end"]))
        out.append({
            "text": text[a - offset:b - offset],
            "classes": " ".join(f"l-{s['label']}" for s in covering),
            "title": "\n".join(s["title"] for s in covering),
            "anchors": [s["anchor"] for s in inside if s["start"] == a and s["anchor"]],
            "tags": [s["label"] for s in inside if s["end"] == b and s["kind"] != "speaker"],
        })
    return out


def evidence_parts(c: dict) -> dict:
    """A claim's evidence sentence cut around its figure, for highlighting."""
    ev, ss = c["evidence"], c.get("sentence_start")
    s = c["start"] - ss if ss is not None else ev.find(c["text"])
    e = s + (c["end"] - c["start"])
    if s < 0 or e > len(ev):
        return {"before": ev, "figure": "", "after": ""}
    return {"before": ev[:s], "figure": ev[s:e], "after": ev[e:]}


def _gather(out: Path) -> dict:
    run = json.loads((out / "run.json").read_text(encoding="utf-8")) if (out / "run.json").exists() else {}
    doc_cols = ["doc_id", "path", "title", "outlet", "url", "published", "encoding", "language", "n_chars",
                "n_tokens", "pipeline", "status", "error", "warning"]
    documents = read_table(out, "documents", columns=doc_cols).to_pylist()
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: {"figures": [], "quotes": [], "claims": []})
    for name in ("figures", "quotes", "claims"):
        for r in read_table(out, name).to_pylist():
            by_doc[r["doc_id"]][name].append(r)
    facts = {f["fact_id"]: f for f in read_table(out, "facts").to_pylist()}
    return {"run": run, "documents": documents, "by_doc": by_doc, "facts": facts}


def write_report(out: Path) -> Path:
    """Write `<out>/report.html` and `<out>/report/articles/*.html`; returns the first."""
    out = Path(out)
    g = _gather(out)
    env = _env()
    run, documents, by_doc, facts = g["run"], g["documents"], g["by_doc"], g["facts"]
    names = _property_names(run)
    pages = {d["doc_id"]: page_name(d["doc_id"]) for d in documents}
    outlet_of = {d["doc_id"]: d["outlet"] or d["doc_id"] for d in documents}

    # --- the disputed facts ---------------------------------------------------------------
    items = disputes(out)
    for f in items:
        f["property_name"] = names.get(f["property"], f["property"])
        f["frame"] = describe_frame(f).strip(" ()")
        outlets, docs = set(), set()
        for v in f["values"]:
            v["shown"] = v["text"] if f["label"] == "DATE" else format_value(
                {"label": f["label"], "unit": f["unit"], "currency": f["currency"], "value": v["value"],
                 "low": v["low"], "high": v["high"], "text": v["text"]})
            v["cause_words"] = CAUSE_WORDS.get(v["cause"], v["cause"]) if v["cause"] else None
            for c in v["claims"]:
                c["page"] = pages.get(c["doc_id"])
                c["parts"] = evidence_parts(c)
                c["outlet_shown"] = c.get("outlet") or c["source"]
                outlets.add(c["outlet_shown"])
                docs.add(c["doc_id"])
        f["outlets"], f["n_docs"] = sorted(outlets), len(docs)

    # --- the documents ----------------------------------------------------------------------
    doc_rows = []
    for d in documents:
        rows = by_doc.get(d["doc_id"], {"figures": [], "quotes": [], "claims": []})
        labels = {f["label"] for f in rows["figures"]} | ({"QUOTE"} if rows["quotes"] else set())
        doc_rows.append({**d, "page": pages[d["doc_id"]], "n_figures": len(rows["figures"]),
                         "n_quotes": len(rows["quotes"]), "n_claims": len(rows["claims"]),
                         "n_conflicting": sum(c["status"] == "conflicting" for c in rows["claims"]),
                         "labels": sorted(labels), "subjects": sorted({c["subject"] for c in rows["claims"]}),
                         "properties": sorted({c["property"] for c in rows["claims"]})})

    # --- the overview -------------------------------------------------------------------------
    per_label = Counter(f["label"] for rows in by_doc.values() for f in rows["figures"])
    per_label.update({"QUOTE": sum(len(rows["quotes"]) for rows in by_doc.values())})
    per_outlet = Counter()
    has_outlet = {d["doc_id"]: bool(d["outlet"]) for d in documents}
    for doc_id, rows in by_doc.items():
        per_outlet[outlet_of.get(doc_id) if has_outlet.get(doc_id) else "(ohne Outlet)"] += len(rows["figures"])
    charts = [chart("Fundstellen je Label", {k: per_label.get(k, 0) for k in LABELS if per_label.get(k)}),
              chart("Fundstellen je Outlet", per_outlet),
              chart("Umstrittene Fakten je Subjekt", Counter(f["subject"] for f in items)),
              chart("Dokumente nach Status", Counter(d["status"] for d in documents))]

    filters = {
        "subject": sorted({c["subject"] for r in by_doc.values() for c in r["claims"]}),
        "property": sorted({c["property"] for r in by_doc.values() for c in r["claims"]}),
        "outlet": sorted({d["outlet"] for d in documents if d["outlet"]}),
        "label": [k for k in LABELS],
    }

    # --- writing: the article pages into a fresh folder, then the overview -----------------
    folder = out / "report"
    staging = out / ".report.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "articles").mkdir(parents=True)
    article = env.get_template("article.html.j2")
    doc_index = {r["doc_id"]: r for r in doc_rows}
    for batch in read_table(out, "documents", columns=["doc_id", "text"]).to_batches(max_chunksize=256):
        for row in batch.to_pylist():
            _write_article(article, staging / "articles" / pages[row["doc_id"]], doc_index[row["doc_id"]], row["text"],
                           by_doc.get(row["doc_id"], {"figures": [], "quotes": [], "claims": []}), facts, names)
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(staging, folder)

    html = env.get_template("index.html.j2").render(
        run=run, charts=charts, facts=items, documents=doc_rows, filters=filters, labels=LABELS,
        n_facts=len(facts), n_disputed=len(items), counts=run.get("counts", {}),
        rules=str(run.get("rules_sha256", ""))[:12], names=names)
    path = out / "report.html"
    tmp = out / ".report.html.tmp"
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _write_article(template, path: Path, meta: dict, text: str | None, rows: dict, facts: dict,
                   names: dict) -> None:
    spans = spans_of(rows["figures"], rows["quotes"])
    if text is not None:
        pieces = [{"start": 0, "segments": segments(text, 0, spans)}]
    else:
        # No text in the run: the sentences the claims carry, in order, each once.
        seen = {}
        for c in rows["claims"]:
            seen.setdefault(c["sentence_start"], c["evidence"])
        pieces = [{"start": s, "segments": segments(ev, s, spans)} for s, ev in sorted(seen.items())]
    claims = []
    for c in sorted(rows["claims"], key=lambda c: (c["start"], c["end"])):
        fact = facts.get(c["fact_id"]) if c.get("fact_id") else None
        claims.append({**c, "shown": format_value(c), "property_name": names.get(c["property"], c["property"]),
                       "frame": describe_frame(c).strip(" ()"), "status_words": STATUS_WORDS.get(c["status"], c["status"]),
                       "cause_words": CAUSE_WORDS.get(c["suspected_cause"]) if c.get("suspected_cause") else None,
                       "fact_status": fact["status"] if fact else None})
    legend = Counter(s["label"] for s in spans if s["kind"] != "speaker")
    path.write_text(template.render(doc=meta, pieces=pieces, has_text=text is not None, claims=claims,
                                    quotes=rows["quotes"], legend=[(k, legend[k]) for k in LABELS if legend.get(k)],
                                    n_figures=len(rows["figures"]), n_quotes=len(rows["quotes"])),
                    encoding="utf-8")
