"""Processing prepared articles into rows: in this process, or in worker processes that each
build the pipeline once, with a watchdog that replaces a worker stuck past every budget.

Each document runs under its time budget inside whichever process runs it (budget.py). A
worker that still does not answer (stuck where no signal reaches it) or dies is replaced:
the pool is killed and started again, its batch is redone one document at a time, and the
one document that stalls or kills a worker gets status `error` with the reason.
"""
from __future__ import annotations

from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from quellenlage import memory
from quellenlage.budget import DOC_TIMEOUT, DocTimeout, time_budget
from quellenlage.extract import run_docs
from quellenlage.pipeline import backbone_name, build
from quellenlage.readers import Article
from quellenlage.rows import doc_tables, document_row
from quellenlage.rules import RuleSet

PER_DOC = ("figures", "quotes", "claims")
BATCH = 16     # documents per task of a worker process
GRACE = 30.0   # seconds a worker may take beyond its documents' budgets before it is replaced


@dataclass
class DocResult:
    """What processing one article gives: its documents row, its rows and its sketch."""
    document: dict
    rows: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in PER_DOC})
    sketch: list[int] = field(default_factory=list)


def failed(a: Article, pipeline: str) -> DocResult:
    """The result of an article that could not be processed (its status and error are set)."""
    row = document_row(a, pipeline, None)
    return DocResult(row, sketch=row.pop("_sketch"))


def process(nlp, articles: list[Article], doc_timeout: float | None = DOC_TIMEOUT) -> list[DocResult]:
    """Rows for already prepared articles, in their order (one worker's task). The Docs live
    inside the pipeline's memory zone (memory.py) and are gone when this returns."""
    with memory.around(nlp, len(articles)):
        return _process(nlp, articles, doc_timeout)


def _process(nlp, articles: list[Article], doc_timeout: float | None) -> list[DocResult]:
    pipeline = backbone_name(nlp)
    out = []
    docs = {a.doc_id: d for a, d in run_docs(nlp, articles, workers=1, doc_timeout=doc_timeout)}
    for a in articles:
        doc = docs.get(a.doc_id) if a.ok else None
        rows = {t: [] for t in PER_DOC}
        if doc is not None:
            try:
                with time_budget(doc_timeout):
                    rows = doc_tables(doc, a)
            except DocTimeout as exc:
                a.status, a.error = "error", f"row building {exc}"
                doc = None
            except Exception as exc:  # noqa: BLE001 - never lose the run for one article
                a.status, a.error = "error", f"row building failed: {type(exc).__name__}: {exc}"
                doc = None
        row = document_row(a, pipeline, doc if a.ok else None)
        out.append(DocResult(row, rows if a.ok else {t: [] for t in PER_DOC}, row.pop("_sketch")))
    return out


_WORKER: dict = {}


def _init_worker(model: str, rules_dir: str, doc_timeout: float | None) -> None:
    from quellenlage.tables import arrow_without_pandas, system_memory_pool
    system_memory_pool()
    arrow_without_pandas()
    _WORKER["nlp"] = build(model, RuleSet.load(rules_dir))
    _WORKER["timeout"] = doc_timeout


def _work(articles: list[Article]) -> Packed:
    return pack(process(_WORKER["nlp"], articles, _WORKER["timeout"]))


def _ready() -> None:
    """A task that makes the pool start its processes."""


@dataclass
class Packed:
    """A batch's results on their way back from a worker: documents rows and sketches as they
    are, each table's rows as one Arrow table (its buffers pickle at memory speed, where rows
    as dicts are pickled and unpickled field by field, and the conversion runs in the worker,
    not in the parent that writes the parts)."""
    results: list[DocResult]            # with their rows taken out
    tables: dict[str, object]           # table -> pyarrow.Table of the batch's rows
    counts: dict[str, list[int]]        # table -> rows per document


def pack(results: list[DocResult]) -> Packed:
    from quellenlage.tables import to_arrow
    tables, counts = {}, {}
    for t in PER_DOC:
        counts[t] = [len(r.rows[t]) for r in results]
        tables[t] = to_arrow(t, [row for r in results for row in r.rows[t]])
    for r in results:
        r.rows = {}
    return Packed(results, tables, counts)


def unpack(packed: Packed | list[DocResult]) -> list[DocResult]:
    """The results, each document's rows a slice of its batch's tables."""
    if not isinstance(packed, Packed):
        return packed
    for t in PER_DOC:
        offset = 0
        for r, n in zip(packed.results, packed.counts[t]):
            r.rows[t] = packed.tables[t].slice(offset, n)
            offset += n
    return packed.results


class Lazy:
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

    def __init__(self, nlp: Lazy, model: str, rules: RuleSet, workers: int, backbone: str,
                 doc_timeout: float | None = DOC_TIMEOUT):
        self.nlp, self.workers, self.model, self.rules = nlp, workers, model, rules
        self.backbone, self.timeout = backbone, doc_timeout
        self.pool: ProcessPoolExecutor | None = None
        self.generation = 0   # which pool a future belongs to
        self.replaced = 0     # workers replaced in this run

    def start(self) -> None:
        """Start the worker processes now (they build their pipelines while the input is read)."""
        if self.workers > 1 and self.pool is None:
            self._start()
            for _ in range(self.workers):  # ProcessPoolExecutor starts processes on demand
                self.pool.submit(_ready)

    def submit(self, articles: list[Article]):
        """Start work on a segment; `collect` waits for it (the next segment can be submitted
        before: the workers never idle while this process writes)."""
        if not articles:
            return []
        if self.workers <= 1:
            return articles  # processed in `collect`, in this process
        if self.pool is None:
            self._start()
        return [self._send(articles[i:i + BATCH]) for i in range(0, len(articles), BATCH)]

    def collect(self, handle) -> list[DocResult]:
        if not handle:
            return []
        if self.workers <= 1:
            return process(self.nlp(), handle, self.timeout)
        return [r for job in handle for r in self._result(*job)]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    # --- the watchdog ---

    def _start(self) -> None:
        self.pool = ProcessPoolExecutor(self.workers, initializer=_init_worker,
                                        initargs=(self.model, str(self.rules.root), self.timeout))
        self.generation += 1

    def _send(self, batch: list[Article]):
        return batch, self.pool.submit(_work, batch), self.generation

    def _replace(self) -> None:
        """Kill the pool's processes (a stuck worker cannot be asked to stop) and start anew."""
        if self.pool is not None:
            for proc in list((getattr(self.pool, "_processes", None) or {}).values()):
                proc.kill()
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.replaced += 1
        self._start()

    def _limit(self, n: int) -> float | None:
        # A batch may wait behind one batch per other worker before it starts.
        return self.timeout * n * self.workers + GRACE if self.timeout else None

    def _result(self, batch: list[Article], future, generation: int) -> list[DocResult]:
        try:
            return unpack(future.result(timeout=self._limit(len(batch))))
        except (BrokenProcessPool, CancelledError):
            if generation != self.generation:  # sent to a pool replaced since: send again
                return self._result(*self._send(batch))
        except FuturesTimeout:
            pass
        # A worker is stuck past every budget, or died: replace it, redo one by one.
        self._replace()
        results = []
        for a in batch:
            _, future, _ = self._send([a])
            try:
                results.extend(unpack(future.result(timeout=self._limit(1))))
            except (FuturesTimeout, BrokenProcessPool, CancelledError) as exc:
                stalled = isinstance(exc, FuturesTimeout)
                a.status = "error"
                a.error = (f"timed out after {self.timeout:g} s (worker replaced)" if stalled
                           else "worker process died on this document (worker replaced)")
                results.append(failed(a, self.backbone))
                self._replace()
        return results
