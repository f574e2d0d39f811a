"""One extraction run over a folder of articles, streaming: read, process, write, in segments.

The input is read lazily and processed in segments of `SEGMENT` documents; each segment's
rows go straight to Parquet parts in the output's staging area, so memory does not grow with
the corpus. Workers (`--workers N`) are processes that each build the pipeline once and
process their own batches (only article texts and rows travel between processes); `--engine
dask` spreads the segments over a Dask cluster, whose workers write their own parts. The
cross-document step (facts, conflicts) then reads the claims back in Arrow and groups them
by comparison key. An incremental run (the default) reuses the rows of documents whose text,
rules, pipeline version and backbone are unchanged since the last run; `full=True` redoes
everything. Tables move into place only at the end (store.py).
"""
from __future__ import annotations

import json
import platform
from array import array
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyarrow
import spacy
from tqdm import tqdm

from quellenlage import __version__
from quellenlage.crosscheck import crosscheck_arrow
from quellenlage.extract import prepare_stream, run_docs, show_progress
from quellenlage.pipeline import backbone_name, build, describe
from quellenlage.readers import Article, discover, read_sources
from quellenlage.rows import doc_tables, document_row
from quellenlage.rules import RuleSet
from quellenlage.store import OldRows, OutputStore
from quellenlage.tables import SCHEMAS, TABLES, to_arrow

SEGMENT = 256      # documents per part file of each table
BATCH = 32         # documents per task of a worker process
PER_DOC = ("figures", "quotes", "claims")


@dataclass
class DocResult:
    """What processing one article gives: its documents row, its rows and its sketch."""
    document: dict
    rows: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in PER_DOC})
    sketch: list[int] = field(default_factory=list)


@dataclass
class RunResult:
    out: Path
    backbone: str
    rules: RuleSet
    counts: dict[str, int]
    status: dict[str, int]
    problems: list[dict]                # documents rows that are not ok
    reused: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    _tables: dict[str, list[dict]] | None = None

    def status_counts(self) -> dict[str, int]:
        return dict(self.status)

    @property
    def tables(self) -> dict[str, list[dict]]:
        """All rows of the written tables (read back; for small runs and tests)."""
        if self._tables is None:
            store = OutputStore(self.out)
            self._tables = {name: store.read(name).to_pylist() for name in TABLES}
        return self._tables


# --- processing ------------------------------------------------------------------------------

def process(nlp, articles: list[Article]) -> list[DocResult]:
    """Rows for already prepared articles, in their order (one worker's task)."""
    pipeline = backbone_name(nlp)
    out = []
    docs = {a.doc_id: d for a, d in run_docs(nlp, articles, workers=1)}
    for a in articles:
        doc = docs.get(a.doc_id) if a.ok else None
        rows = {t: [] for t in PER_DOC}
        if doc is not None:
            try:
                rows = doc_tables(doc)
            except Exception as exc:  # noqa: BLE001 - never lose the run for one article
                a.status, a.error = "error", f"row building failed: {type(exc).__name__}: {exc}"
                doc = None
        row = document_row(a, pipeline, doc if a.ok else None)
        out.append(DocResult(row, rows if a.ok else {t: [] for t in PER_DOC}, row.pop("_sketch")))
    return out


_WORKER: dict = {}


def _init_worker(model: str, rules_dir: str) -> None:
    _WORKER["nlp"] = build(model, RuleSet.load(rules_dir))


def _work(articles: list[Article]) -> list[DocResult]:
    return process(_WORKER["nlp"], articles)


class _Lazy:
    """A value made on first use."""

    def __init__(self, make):
        self.make, self.built, self.value = make, False, None

    def __call__(self):
        if not self.built:
            self.value, self.built = self.make(), True
        return self.value


class LocalEngine:
    """In this process, or in `workers` processes that each build the pipeline once (the pool
    starts with the first document to process)."""

    def __init__(self, nlp: _Lazy, model: str, rules: RuleSet, workers: int):
        self.nlp, self.workers, self.model, self.rules = nlp, workers, model, rules
        self.pool = None

    def submit(self, articles: list[Article]):
        """Start work on a segment; `collect` waits for it (the next segment can be submitted
        before: the workers never idle while this process writes)."""
        if not articles:
            return []
        if self.workers <= 1:
            return articles  # processed in `collect`, in this process
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, initializer=_init_worker,
                                            initargs=(self.model, str(self.rules.root)))
        return [self.pool.submit(_work, articles[i:i + BATCH]) for i in range(0, len(articles), BATCH)]

    def collect(self, handle) -> list[DocResult]:
        if not handle:
            return []
        if self.workers <= 1:
            return process(self.nlp(), handle)
        return [r for future in handle for r in future.result()]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


# --- the run -----------------------------------------------------------------------------------

def segments(items: Iterable[Article], size: int | None = None) -> Iterator[list[Article]]:
    it = iter(items)
    size = size or SEGMENT
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def run(paths: list[str], out: Path, model: str = "auto", rules_dir: str | None = None,
        workers: int = 1, engine: str = "local", scheduler: str | None = None,
        progress: bool | None = None, log: Callable[[str], None] = print, full: bool = False) -> RunResult:
    t0 = time.perf_counter()
    rules = RuleSet.load(rules_dir)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    store = OutputStore(out)
    store.lock()
    try:
        return _run(paths, out, store, model, rules, workers, engine, scheduler, progress, full, t0)
    finally:
        store.discard()
        store.unlock()


def _run(paths, out: Path, store: OutputStore, model: str, rules: RuleSet, workers: int, engine: str,
         scheduler: str | None, progress: bool | None, full: bool, t0: float) -> RunResult:
    store.begin()
    # The pipeline is built only when a document needs it (an unchanged re-run builds none).
    lazy = _Lazy(lambda: build(model, rules))
    backbone = describe(model) or backbone_name(lazy())
    t1 = time.perf_counter()
    last = {} if full else store.manifest()
    same_setup = (last.get("version"), last.get("rules_sha256"), last.get("backbone")) == (__version__, rules.sha256, backbone)
    known = last.get("documents", {}) if same_setup else {}
    old_sketches = store.sketches() if known else {}
    old = {t: OldRows(store, t) for t in ("documents",) + PER_DOC} if known else {}
    runner = _engine(engine, lazy, model, rules, workers, scheduler)
    sources = discover(paths, exclude=[out])
    articles = prepare_stream(read_sources(sources), rules, known)
    progress = show_progress() if progress is None else progress
    # Documents per second and the time left: JSONL files count their lines.
    bar = tqdm(total=sum(_documents_in(src) for src in sources), unit="doc", disable=not progress, desc="extract")
    counts = {t: 0 for t in ("documents",) + PER_DOC}
    status = {"ok": 0, "skipped": 0, "error": 0}
    problems: list[dict] = []
    sketches: dict[str, list[int]] = {}
    manifest_docs: dict[str, str] = {}
    reused = 0
    def started(stream):
        """Segments with their work submitted one segment ahead."""
        pending = None
        for segment in stream:
            keep = {a.doc_id for a in segment if a.ok and known.get(a.doc_id) == a.sha256}
            job = (segment, keep, runner.submit([a for a in segment if a.doc_id not in keep]))
            if pending is not None:
                yield pending
            pending = job
        if pending is not None:
            yield pending

    for k, (segment, keep, handle) in enumerate(started(segments(articles))):
        fresh = iter(runner.collect(handle))
        parts: dict[str, list] = {t: [] for t in ("documents",) + PER_DOC}
        for a in segment:
            if a.doc_id in keep:
                doc_rows = old["documents"].take(a.doc_id).to_pylist()
                result = DocResult(dict(doc_rows[0], path=a.path) if doc_rows else document_row(a, backbone, None),
                                   {t: old[t].take(a.doc_id) for t in PER_DOC}, old_sketches.get(a.doc_id, []))
                reused += 1
            else:
                result = next(fresh)
            doc_row = result.document
            parts["documents"].append(doc_row)
            for t in PER_DOC:
                _add(parts[t], result.rows[t])
            status[doc_row["status"]] = status.get(doc_row["status"], 0) + 1
            if doc_row["status"] != "ok":
                problems.append(doc_row)
            else:
                sketches[a.doc_id] = array("q", result.sketch)  # 8 bytes a hash, not a Python int
                manifest_docs[a.doc_id] = doc_row["text_sha256"]
        for t in ("documents", "figures", "quotes"):
            counts[t] += store.write_part(t, k, _arrow(t, parts[t]))
        counts["claims"] += store.write_part("claims", k, _arrow("claims", parts["claims"]), sub="claims_raw")
        bar.update(len(segment))
    bar.close()
    runner.close()
    t2 = time.perf_counter()
    unchanged = bool(known) and reused == len(manifest_docs) and manifest_docs.keys() == known.keys()
    if unchanged and all(store.has_table(t) for t in ("claims", "facts", "conflicts")):
        # Nothing the cross-document step reads has changed: its tables of the last run stand.
        for t in ("claims", "facts", "conflicts"):
            counts[t] = store.keep_table(t)
    else:
        # The cross-document step, on the rows written (Arrow, grouped by comparison key).
        claims, facts, conflicts = crosscheck_arrow(store.read_staged("documents"), store.staged_parts("claims_raw"),
                                                    rules, sketches)
        claims_writer = store.writer("claims")
        for part in claims:
            claims_writer.write(part)
        claims_writer.close()
        counts["facts"] = store.write_part("facts", 0, facts)
        counts["conflicts"] = store.write_part("conflicts", 0, conflicts)
    shutil.rmtree(store.staging / "claims_raw", ignore_errors=True)
    store.write_sketches(sketches)
    t3 = time.perf_counter()
    timings = {"load_pipeline_s": t1 - t0, "extract_s": t2 - t1, "crosscheck_s": t3 - t2}
    info = {
        "quellenlage": __version__, "spacy": spacy.__version__, "pyarrow": pyarrow.__version__,
        "python": platform.python_version(), "backbone": backbone,
        "pipe_names": lazy().pipe_names if lazy.built else None,
        "model_option": model, "engine": engine, "workers": workers, "incremental": not full,
        "reused_documents": reused, "rules_dir": str(rules.root), "rules_sha256": rules.sha256,
        "inputs": [str(p) for p in paths], "counts": counts, "documents_by_status": status,
    }
    manifest = {"version": __version__, "rules_sha256": rules.sha256, "backbone": backbone,
                "documents": manifest_docs}
    timings["total_s"] = time.perf_counter() - t0
    info["timings"] = {k: round(v, 3) for k, v in timings.items()}
    store.commit(TABLES, {"run.json": json.dumps(info, indent=2, ensure_ascii=False) + "\n",
                          "manifest.json": json.dumps(manifest, ensure_ascii=False),
                          "sketches.parquet": None})
    return RunResult(out, backbone, rules, counts, status, problems, reused, timings)


def _add(pieces: list, rows: list[dict] | pyarrow.Table) -> None:
    """Rows of one document onto a segment's pieces (runs of new rows, or old tables)."""
    if isinstance(rows, pyarrow.Table):
        if rows.num_rows:
            pieces.append(rows)
    elif rows:
        if pieces and isinstance(pieces[-1], list):
            pieces[-1].extend(rows)
        else:
            pieces.append(list(rows))


def _arrow(name: str, pieces: list) -> pyarrow.Table:
    """A segment's rows of one table: new rows made Arrow, old slices as they are."""
    if pieces and all(isinstance(p, dict) for p in pieces):
        return to_arrow(name, pieces)
    tables = [p if isinstance(p, pyarrow.Table) else to_arrow(name, p) for p in pieces]
    return pyarrow.concat_tables(tables) if tables else SCHEMAS[name].empty_table()


def _documents_in(source) -> int:
    """How many documents a source holds (JSONL: its non-empty lines), for the progress bar."""
    if source.kind != "jsonl":
        return 1
    try:
        with open(source.path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


def _engine(engine: str, nlp, model: str, rules: RuleSet, workers: int, scheduler: str | None):
    if engine == "dask":
        from quellenlage.distributed import DaskEngine
        return DaskEngine(model, str(rules.root), workers, scheduler)
    return LocalEngine(nlp, model, rules, workers)
