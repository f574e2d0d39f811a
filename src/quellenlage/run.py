"""One extraction run over a folder of articles, streaming: read, process, write, in segments.

The input is read lazily and processed in segments of about `SEGMENT` documents; each
segment's rows go straight to Parquet parts in the output's staging area, so memory does not
grow with the corpus. Segments end where the documents' ids say (`segments`), not at fixed
positions, so that adding or deleting a document changes only the segment around it. Workers
(`--workers N`) are processes that each build the pipeline once and process their own batches
(only article texts and rows travel between processes); `--engine dask` spreads the segments
over a Dask cluster; workers send their rows back as Arrow. The cross-document step (facts,
conflicts) then reads the claims back in Arrow, sorted into buckets by comparison key
(claim_buckets.py), a bucket at a time. An incremental run (the default) reuses the rows of
documents whose text and metadata (`input_digest`), rules, pipeline version and backbone are
unchanged since the last run: a segment of only such documents that was a segment last time
too keeps its parts as they are (hard links, under this run's part number), and a run where
nothing changed builds no pipeline and imports no spaCy; `full=True` redoes everything. Tables
move into place only at the end (store.py).
"""
from __future__ import annotations

import hashlib
import json
import platform
from array import array
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyarrow
from tqdm import tqdm

from quellenlage import __version__, memory
from quellenlage.crosscheck import crosscheck_arrow
from quellenlage.budget import DOC_TIMEOUT
from quellenlage.engine import PER_DOC, DocResult, Lazy, LocalEngine, failed, process  # noqa: F401 - process: the engines' API
from quellenlage.extract import prepare_stream, show_progress
from quellenlage.pipeline import backbone_name, build, describe, spacy_version
from quellenlage.readers import MAX_BYTES, Article, discover, read_sources
from quellenlage.rows import document_row
from quellenlage.rules import RuleSet
from quellenlage.store import OldRows, OutputStore
from quellenlage.tables import SCHEMAS, TABLES, compact, schema_fingerprint, system_memory_pool, to_arrow

SEGMENT = 256      # documents per part file of each table, on average (`segments`)
SYSTEMIC = 8       # this many documents failing alike, and most of them: the run stops


class SystemicFailure(Exception):
    """The same error hits document after document: a broken rule or resource, not bad input."""


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


# --- the run -----------------------------------------------------------------------------------

def segments(items: Iterable[Article], size: int | None = None) -> Iterator[list[Article]]:
    """The articles in segments of about `size` documents (at least `size // 4`, at most
    `2 * size`; the last may be shorter). Content-defined: once a segment has its minimum, it
    ends after a document whose id hashes to a multiple of `size - size // 4 + 1`, so where a
    segment ends does not depend on the documents before it: an insertion or deletion changes
    only the segment(s) around it, and the same ids give the same segments in every run and
    process."""
    size = size or SEGMENT
    # At most twice the mean: the run's process holds a segment's rows and the next segment's
    # results, so its peak follows the longest segment, and the more segments a run has, the
    # longer its longest (with a cap of 1,024 documents the process rose by about 70 MB while
    # it held one; 20,000 documents peaked at 572 MB, at 551 MB with this cap). About one
    # segment in ten ends at the cap.
    low, high = max(1, size // 4), 2 * size
    period = size - low + 1  # the mean size: the minimum, then a cut with chance 1/period a document
    chunk: list[Article] = []
    for a in items:
        chunk.append(a)
        if len(chunk) >= high or (len(chunk) >= low and _cuts_after(a.doc_id, period)):
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _cuts_after(doc_id: str, period: int) -> bool:
    """May a segment end after this document? (A stable hash of its id: the same in every process.)"""
    h = hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(h, "big") % period == 0


def run(paths: list[str], out: Path, model: str = "auto", rules_dir: str | None = None,
        workers: int = 1, engine: str = "local", scheduler: str | None = None,
        progress: bool | None = None, log: Callable[[str], None] = print, full: bool = False,
        doc_timeout: float | None = DOC_TIMEOUT, max_bytes: int = MAX_BYTES) -> RunResult:
    t0 = time.perf_counter()
    system_memory_pool()
    rules = RuleSet.load(rules_dir)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    store = OutputStore(out)
    store.lock()
    try:
        limits = {"doc_timeout": doc_timeout, "max_bytes": max_bytes}
        return _run(paths, out, store, model, rules, workers, engine, scheduler, progress, full, t0, limits)
    finally:
        store.discard()
        store.unlock()


def _run(paths, out: Path, store: OutputStore, model: str, rules: RuleSet, workers: int, engine: str,
         scheduler: str | None, progress: bool | None, full: bool, t0: float, limits: dict) -> RunResult:
    store.begin()
    # The pipeline is built only when a document needs it (an unchanged re-run builds none).
    lazy = Lazy(lambda: build(model, rules))
    backbone = describe(model) or backbone_name(lazy())
    t1 = time.perf_counter()
    last = {} if full else store.manifest()
    same_setup = (last.get("version"), last.get("rules_sha256"), last.get("backbone"), last.get("tables")) == \
        (__version__, rules.sha256, backbone, schema_fingerprint())
    known = last.get("inputs") if same_setup else None  # doc_id -> input digest (older manifests: none)
    known = known if isinstance(known, dict) else {}
    old_parts = last.get("parts") if known else None  # segment digests of the last run, by part number
    old_parts = {d: j for j, d in enumerate(old_parts) if isinstance(d, str)} if isinstance(old_parts, list) else {}
    old_sketches = Lazy(lambda: store.sketches() if known else {})
    old = {t: OldRows(store, t) for t in ("documents",) + PER_DOC} if known else {}
    runner = _engine(engine, lazy, model, rules, workers, scheduler, backbone, limits["doc_timeout"])
    if not known and hasattr(runner, "start"):
        runner.start()  # every document is to be processed: workers build their pipelines while this reads
    sources = discover(paths, exclude=[out])
    articles = prepare_stream(read_sources(sources, limits["max_bytes"]), rules, known)
    progress = show_progress() if progress is None else progress
    # Documents per second and the time left: JSONL files count their lines.
    bar = tqdm(total=sum(_documents_in(src) for src in sources), unit="doc", disable=not progress, desc="extract")
    counts = {t: 0 for t in ("documents",) + PER_DOC}
    status = {"ok": 0, "skipped": 0, "error": 0}
    problems: list[dict] = []
    sketches: dict[str, list[int] | None] = {}  # None: a kept segment's document (read at the end if needed)
    manifest_docs: dict[str, str] = {}
    digests: list[str | None] = []
    kept: list[tuple[int, list[str]]] = []         # segments whose parts were kept whole
    reused = 0
    failures = FailureWatch()

    def started(stream):
        """Segments with their work submitted one segment ahead."""
        pending = None
        for segment in stream:
            keep = {a.doc_id for a in segment if a.ok and known.get(a.doc_id) == a.input_sha256}
            # Bad inputs (unreadable, empty, not German, too large) need no pipeline: their rows
            # are made here. (Processing may turn an article into an error: decided before.)
            todo = [a for a in segment if a.doc_id not in keep and a.ok]
            job = (segment, keep, {a.doc_id for a in todo}, runner.submit(todo))
            if pending is not None:
                yield pending
            pending = job
        if pending is not None:
            yield pending

    for k, (segment, keep, todo, handle) in enumerate(started(segments(articles, SEGMENT))):
        digest = segment_digest(segment) if len(keep) == len(segment) else None
        # The last run's part of the same segment (wherever it was: a deletion before it renumbers)
        j = old_parts.get(digest) if digest is not None else None
        linked = store.keep_parts(("documents", "figures", "quotes"), j, k) if j is not None else None
        if linked is not None:
            # Every document of the segment as it was, in one part: the part stays as it is.
            ids = [a.doc_id for a in segment]
            for t in ("documents", "figures", "quotes"):
                counts[t] += linked[t]
                old[t].skip_part(j)
                old[t].skip(ids)
            old["claims"].skip(ids)
            kept.append((k, ids))
            for a in segment:
                sketches[a.doc_id] = None
                manifest_docs[a.doc_id] = a.input_sha256
            reused += len(segment)
            status["ok"] += len(segment)
            failures.seen += len(segment)
            digests.append(digest)
            bar.update(len(segment))
            continue
        fresh = iter(runner.collect(handle))
        parts: dict[str, list] = {t: [] for t in ("documents",) + PER_DOC}
        for a in segment:
            if a.doc_id in keep:
                doc_rows = old["documents"].take(a.doc_id).to_pylist()
                result = DocResult(dict(doc_rows[0], path=a.path) if doc_rows else document_row(a, backbone, None),
                                   {t: old[t].take(a.doc_id) for t in PER_DOC}, old_sketches().get(a.doc_id, []))
                reused += 1
            elif a.doc_id in todo:
                result = next(fresh)
            else:
                result = failed(a, backbone)
            doc_row = result.document
            parts["documents"].append(doc_row)
            for t in PER_DOC:
                _add(parts[t], result.rows[t])
            status[doc_row["status"]] = status.get(doc_row["status"], 0) + 1
            failures.see(doc_row, runner)
            if doc_row["status"] != "ok":
                problems.append(doc_row)
            else:
                sketches[a.doc_id] = array("q", result.sketch)  # 8 bytes a hash, not a Python int
                manifest_docs[a.doc_id] = a.input_sha256
        ok = [a for a in segment if a.doc_id in manifest_docs]
        digests.append(segment_digest(segment) if len(ok) == len(segment) else None)
        for t in ("documents", "figures", "quotes"):
            counts[t] += store.write_part(t, k, _arrow(t, parts[t]))
        counts["claims"] += store.write_part("claims", k, _arrow("claims", parts["claims"]), sub="claims_raw")
        memory.trim()  # the segment's rows are written: their pages go back (memory.py)
        bar.update(len(segment))
    bar.close()
    runner.close()
    t2 = time.perf_counter()
    unchanged = bool(known) and reused == len(manifest_docs) and manifest_docs.keys() == known.keys()
    if unchanged and all(store.has_table(t) for t in ("claims", "facts", "conflicts")) \
            and store.keep_file("sketches.parquet"):
        # Nothing the cross-document step reads has changed: its tables of the last run stand.
        for t in ("claims", "facts", "conflicts"):
            counts[t] = store.keep_table(t)
    else:
        counts["claims"] += _claims_of_kept(store, kept)
        for d, v in sketches.items():
            if v is None:
                sketches[d] = old_sketches().get(d, [])
        store.write_sketches(sketches)
        # The cross-document step, on the rows written (Arrow, grouped by comparison key).
        claims, facts, conflicts = crosscheck_arrow(store.read_staged("documents", columns=["doc_id", "outlet", "published", "status"]), store.staged_parts("claims_raw"),
                                                    rules, sketches, spill=store.staging / "claim_buckets")
        claims_writer = store.writer("claims")
        for part in claims:
            claims_writer.write(part)
        claims_writer.close()
        counts["facts"] = store.write_part("facts", 0, facts)
        counts["conflicts"] = store.write_part("conflicts", 0, conflicts)
    shutil.rmtree(store.staging / "claims_raw", ignore_errors=True)
    t3 = time.perf_counter()
    timings = {"load_pipeline_s": t1 - t0, "extract_s": t2 - t1, "crosscheck_s": t3 - t2}
    info = {
        "quellenlage": __version__, "spacy": spacy_version(), "pyarrow": pyarrow.__version__,
        "python": platform.python_version(), "backbone": backbone,
        "pipe_names": lazy().pipe_names if lazy.built else None,
        "model_option": model, "engine": engine, "workers": workers, "incremental": not full,
        "reused_documents": reused, "rules_dir": str(rules.root), "rules_sha256": rules.sha256,
        "inputs": [str(p) for p in paths], "counts": counts, "documents_by_status": status,
    }
    manifest = {"version": __version__, "rules_sha256": rules.sha256, "backbone": backbone,
                "tables": schema_fingerprint(),
                "inputs": manifest_docs, "parts": digests}
    timings["total_s"] = time.perf_counter() - t0
    info["timings"] = {k: round(v, 3) for k, v in timings.items()}
    store.commit(TABLES, {"run.json": json.dumps(info, indent=2, ensure_ascii=False) + "\n",
                          "manifest.json": json.dumps(manifest, ensure_ascii=False),
                          "sketches.parquet": None})
    return RunResult(out, backbone, rules, counts, status, problems, reused, timings)


def segment_digest(segment: list[Article]) -> str:
    """What a segment's parts depend on besides the setup: its documents, paths and inputs (text
    and metadata), in order."""
    h = hashlib.sha256()
    for a in segment:
        h.update(f"{a.doc_id}\x1f{a.path}\x1f{a.input_sha256}\x1e".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _claims_of_kept(store: OutputStore, kept: list[tuple[int, list[str]]]) -> int:
    """The claims of the segments kept whole, for the cross-document step: read from the last
    run's claims in one pass (they are in segment order), one part per segment."""
    if not kept:
        return 0
    reader = OldRows(store, "claims", only={d for _, ids in kept for d in ids})
    n = 0
    for k, ids in kept:
        pieces = [t for t in (reader.take(d) for d in ids) if t.num_rows]
        n += store.write_part("claims", k, pyarrow.concat_tables(pieces) if pieces else SCHEMAS["claims"].empty_table(),
                              sub="claims_raw")
    return n


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
    # slices of the workers' batches and of the last run's parts: one chunk per column
    return compact(pyarrow.concat_tables(tables)).combine_chunks() if tables else SCHEMAS[name].empty_table()


def _documents_in(source) -> int:
    """How many documents a source holds (JSONL: its non-empty lines), for the progress bar."""
    if source.kind != "jsonl":
        return 1
    try:
        with open(source.path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


def _engine(engine: str, nlp, model: str, rules: RuleSet, workers: int, scheduler: str | None,
            backbone: str, doc_timeout: float | None):
    if engine == "dask":
        from quellenlage.distributed import DaskEngine
        return DaskEngine(model, str(rules.root), workers, scheduler, doc_timeout)
    return LocalEngine(nlp, model, rules, workers, backbone, doc_timeout)


class FailureWatch:
    """Stops the run when the pipeline fails the same way on document after document (a broken
    rule file or a missing resource): that is the run's error, not a table of error rows.
    Input problems (unreadable, binary, not German) and time-outs are the documents' own."""

    SYSTEMIC_PREFIXES = ("pipeline failed:", "row building failed:")

    def __init__(self):
        self.seen = 0
        self.alike: dict[str, int] = {}

    def see(self, row: dict, runner) -> None:
        if row["status"] == "skipped" or (row["status"] == "error" and not row["error"].startswith(self.SYSTEMIC_PREFIXES)):
            return
        self.seen += 1
        if row["status"] != "error":
            return
        error = row["error"]
        self.alike[error] = n = self.alike.get(error, 0) + 1
        if n >= SYSTEMIC and n * 2 > self.seen:
            runner.close()
            raise SystemicFailure(f"the pipeline fails the same way on {n} of {self.seen} documents, "
                                  f"so the run stops and the previous output stays: {error}")
