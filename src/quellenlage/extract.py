"""One extraction run: read inputs, run the pipeline in batches, write the tables."""
from __future__ import annotations

import json
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyarrow
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from quellenlage import __version__
from quellenlage.language import guess_language
from quellenlage.pipeline import backbone_name, build
from quellenlage.readers import Article, discover, read_sources
from quellenlage.conflicts import sketch
from quellenlage.crosscheck import crosscheck
from quellenlage.components import text_of
from quellenlage.rules import RuleSet
from quellenlage.tables import TABLES, write_table

BATCH = 32


@dataclass
class RunResult:
    tables: dict[str, list[dict]]
    backbone: str
    rules: RuleSet
    timings: dict[str, float] = field(default_factory=dict)

    def status_counts(self) -> dict[str, int]:
        counts = {"ok": 0, "skipped": 0, "error": 0}
        for row in self.tables["documents"]:
            counts[row["status"]] = counts.get(row["status"], 0) + 1
        return counts


def show_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def prepare(articles: Iterable[Article], rules: RuleSet) -> list[Article]:
    """Unique doc_ids and the language check; bad articles keep their status."""
    from quellenlage.dates import DateRules, find_dateline
    lang_cfg = rules.get("language")
    date_rules = DateRules.from_ruleset(rules)
    seen: dict[str, int] = {}
    out = []
    for a in articles:
        if a.doc_id in seen:
            seen[a.doc_id] += 1
            a.doc_id = f"{a.doc_id}~{seen[a.doc_id]}"
        else:
            seen[a.doc_id] = 1
        if a.ok:
            a.language = guess_language(a.text[a.body_start:], lang_cfg)
            if a.language != "de":
                a.status, a.error = "skipped", f"not German (looks like '{a.language}')"
            elif a.published is None:
                dateline = find_dateline(a.text, date_rules, a.body_start)
                if dateline is not None:
                    a.published, a.published_source = dateline.date_value, "dateline"
                    a.meta_regions.append((dateline.start, dateline.end))
        out.append(a)
    return out


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc.user_data["quellenlage_text"] = article.text  # the components read it, never Doc.text
    doc._.doc_id = article.doc_id
    doc._.published = article.published
    doc._.body_start = article.body_start
    doc._.meta_regions = [list(r) for r in article.meta_regions]
    return doc


def run_docs(nlp: Language, articles: list[Article], workers: int = 1,
             progress: bool = False) -> Iterator[tuple[Article, Doc | None]]:
    """Docs for the ok articles, in order. A batch that fails is redone one by one, so
    one bad article becomes an error row and never ends the run."""
    todo = [a for a in articles if a.ok]
    bar = tqdm(total=len(todo), unit="doc", disable=not progress, desc="extract")
    for i in range(0, len(todo), BATCH * max(workers, 1)):
        chunk = todo[i:i + BATCH * max(workers, 1)]
        try:
            docs = list(nlp.pipe((make_doc(nlp, a) for a in chunk), batch_size=BATCH,
                                 n_process=workers))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch
            docs = []
            for a in chunk:
                try:
                    docs.append(nlp(make_doc(nlp, a)))
                except Exception as exc:  # noqa: BLE001
                    a.status, a.error = "error", f"pipeline failed: {type(exc).__name__}: {exc}"
                    docs.append(None)
        for a, d in zip(chunk, docs):
            yield a, d
        bar.update(len(chunk))
    bar.close()


def sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence around [start, end), without edge whitespace."""
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    if span is None:
        return start, end
    sent = span.sent
    s, e = sent.start_char, sent.end_char
    text = text_of(doc)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return min(s, start), max(e, end)


def document_row(a: Article, pipeline: str, doc: Doc | None) -> dict:
    return {
        "doc_id": a.doc_id, "path": a.path, "text_sha256": a.sha256 if a.text else None,
        "title": a.title, "outlet": a.outlet, "url": a.url, "published": a.published,
        "published_source": a.published_source, "encoding": a.encoding or None,
        "language": a.language or None, "n_chars": len(a.text),
        "n_tokens": sum(1 for t in doc if not t.is_space) if doc is not None else 0,
        "pipeline": pipeline, "status": a.status, "error": a.error,
        # not a column: which texts are copies of one another, for the cross-document step
        "_sketch": sketch(text_of(doc)) if doc is not None else [],
    }


CLAIM_FIELDS = ("value", "low", "high", "unit", "currency", "date_value", "label", "text", "start", "end")


def claim_row(doc: Doc, c: dict) -> dict:
    """A claim of the Doc as a row: the figure's value, subject, property and frame."""
    f = c["figure"]
    ss, se = c["sentence"]
    doc_id = doc._.doc_id
    return {
        "claim_id": f"{doc_id}#C{f['start']}-{f['end']}", "doc_id": doc_id,
        "figure_id": f"{doc_id}#F{f['start']}-{f['end']}", "subject": c["subject"], "property": c["property"],
        **{k: f.get(k) for k in CLAIM_FIELDS}, "qualifier": f.get("qualifier") or "exact",
        "evidence": text_of(doc)[ss:se], "sentence_start": ss, "sentence_end": se,
        "period": c["period"], "period_start": c.get("period_start"), "period_end": c.get("period_end"),
        # rankings: the ranking a rank is in is the part of the subject it is about
        "segment": c["segment"] or c.get("scope"), "aspect": c["aspect"], "measure": c["measure"],
        "basis": c["basis"], "past": c["past"],
    }


def doc_tables(doc: Doc) -> dict[str, list[dict]]:
    """Figure, quote and claim rows that the components left on the doc."""
    rows: dict[str, list[dict]] = {"figures": [], "quotes": [], "claims": []}
    for group, key in (("figures", "figure"), ("quotes", "quote")):
        if group in doc.spans:
            for span in doc.spans[group]:
                rec = getattr(span._, key, None)
                if rec:
                    rows[group].append(dict(rec))
    for table, id_key, prefix in (("figures", "figure_id", "F"), ("quotes", "quote_id", "Q")):
        for r in rows[table]:
            r["doc_id"] = doc._.doc_id
            r[id_key] = f"{doc._.doc_id}#{prefix}{r['start']}-{r['end']}"
            r["sentence_start"], r["sentence_end"] = sentence_bounds(doc, r["start"], r["end"])
        rows[table].sort(key=lambda r: (r["start"], r["end"], r.get("label", "")))
    rows["claims"] = sorted((claim_row(doc, s._.claim) for s in doc.spans.get("claims", []) if s._.claim),
                            key=lambda r: (r["start"], r["end"]))
    return rows


def extract_articles(nlp: Language, articles: list[Article], workers: int = 1,
                     progress: bool = False) -> dict[str, list[dict]]:
    """Tables for already prepared articles (the core of a run, also used by evaluate)."""
    pipeline = backbone_name(nlp)
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    docs = {}
    for a, doc in run_docs(nlp, articles, workers, progress):
        docs[a.doc_id] = doc
        if doc is None:
            continue
        try:
            rows = doc_tables(doc)
        except Exception as exc:  # noqa: BLE001 - never lose the run for one article
            a.status, a.error = "error", f"row building failed: {type(exc).__name__}: {exc}"
            continue
        for name, rs in rows.items():
            tables[name].extend(rs)
    for a in articles:
        tables["documents"].append(document_row(a, pipeline, docs.get(a.doc_id) if a.ok else None))
    return sort_tables(tables)


def sort_tables(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The one row order of every run, whatever the engine or batching."""
    tables["documents"].sort(key=lambda r: r["doc_id"])
    for name in ("figures", "quotes", "claims"):
        tables[name].sort(key=lambda r: (r["doc_id"], r["start"], r["end"], r.get("label", "")))
    return tables


def run(paths: list[str], out: Path, model: str = "auto", rules_dir: str | None = None,
        workers: int = 1, engine: str = "local", scheduler: str | None = None,
        progress: bool | None = None, log: Callable[[str], None] = print) -> RunResult:
    t0 = time.perf_counter()
    rules = RuleSet.load(rules_dir)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    probe = out / ".quellenlage-write-test"
    probe.write_text("")
    probe.unlink()
    nlp = build(model, rules)
    t1 = time.perf_counter()
    articles = prepare(read_sources(discover(paths)), rules)
    t2 = time.perf_counter()
    progress = show_progress() if progress is None else progress
    if engine == "dask":
        from quellenlage.distributed import extract_with_dask
        tables = extract_with_dask(articles, model, str(rules.root), workers, scheduler)
    else:
        tables = extract_articles(nlp, articles, workers, progress)
    crosscheck(tables, rules)
    t3 = time.perf_counter()
    counts = {name: write_table(out, name, tables[name]) for name in TABLES}
    t4 = time.perf_counter()
    result = RunResult(tables, backbone_name(nlp), rules,
                       {"load_pipeline_s": t1 - t0, "read_s": t2 - t1, "extract_s": t3 - t2,
                        "write_s": t4 - t3, "total_s": t4 - t0})
    info = {
        "quellenlage": __version__, "spacy": spacy.__version__, "pyarrow": pyarrow.__version__,
        "python": platform.python_version(), "backbone": result.backbone,
        "pipe_names": nlp.pipe_names, "model_option": model, "engine": engine,
        "workers": workers, "rules_dir": str(rules.root), "rules_sha256": rules.sha256,
        "inputs": [str(p) for p in paths], "counts": counts,
        "documents_by_status": result.status_counts(),
        "timings": {k: round(v, 3) for k, v in result.timings.items()},
    }
    (out / "run.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result
