"""The claims of a run in buckets by comparison key, for the cross-document step: memory that
does not grow with the corpus.

The claims' parts are read once without their evidence; each claim gets its comparison key
(the same as `facts.fact_key`) and its row number in the run, and goes to one of a number of
buckets by its key (spilled to Arrow IPC files beside the run's staging area when there is more
than one bucket). All claims of one key are in one bucket, so a bucket is the unit of work:
the buckets grow in number with the corpus, not in size. What the step finds per claim is kept
as a few machine integers (`Updates`), not as Python rows.
"""
from __future__ import annotations

import math
import shutil
import tempfile
import zlib
from array import array
from pathlib import Path
from typing import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

from quellenlage.fact_time import ROUND
from quellenlage.tables import SCHEMAS, read_part

BUCKET_ROWS = 40_000  # claims per bucket (about): the step's memory is that of one bucket
KEY_COLUMNS = ("subject", "property", "segment", "aspect", "measure", "basis", "label", "unit", "currency")  # fact_key


def slim_schema() -> pa.Schema:
    """The claims' columns the step reads (no evidence), dictionary columns as plain strings
    (each part has its own dictionaries), plus the row number and the comparison key."""
    fields = [pa.field(f.name, pa.string() if pa.types.is_dictionary(f.type) else f.type)
              for f in SCHEMAS["claims"] if f.name != "evidence"]
    return pa.schema(fields + [pa.field("_row", pa.int64()), pa.field("_key", pa.string()), pa.field("_echo", pa.string())])


def _key_parts(t: pa.Table) -> dict[str, pa.Array]:
    col = {k: pc.fill_null(pc.cast(t.column(k), pa.string()), "") for k in KEY_COLUMNS}
    col["segment"] = pc.if_else(pc.starts_with(col["segment"], ROUND), "", col["segment"])  # facts.comparison_segment
    label = t.column("label")
    col["label"] = pc.if_else(pc.equal(label, "DATE"), "1", "0")
    col["unit"] = pc.if_else(pc.or_(pc.is_in(label, pa.array(["COUNT", "DURATION"])), pc.equal(col["unit"], "percentage_point")),
                             col["unit"], "")  # (points: facts.POINTS)
    col["aspect"] = pc.if_else(pc.equal(col["aspect"], "target"), "forecast", col["aspect"])  # facts.comparison_aspect
    return col


def comparison_keys(t: pa.Table) -> pa.Array:
    """`facts.fact_key` in Arrow: DATE or not, a unit only for COUNT and DURATION."""
    col = _key_parts(t)
    return pc.binary_join_element_wise(*[col[k] for k in KEY_COLUMNS], "\x1f")


def echo_keys(t: pa.Table) -> pa.Array:
    """`scale_echo.echo_key` in Arrow: the comparison key without segment and basis (a
    projection of it, so all claims of a comparison key share their echo key and bucket)."""
    col = _key_parts(t)
    return pc.binary_join_element_wise(*[col[k] for k in KEY_COLUMNS if k not in ("segment", "basis")], "\x1f")


def _slim_parts(claim_parts: list[Path], forms: dict[str, str] | None = None) -> Iterator[pa.Table]:
    schema = slim_schema()
    needed = [n for n in schema.names if not n.startswith("_")]
    offset = 0
    for f in claim_parts:
        t = read_part(f, needed, schema)
        if forms:  # one name per subject across sources (facts.subject_forms)
            i = t.schema.get_field_index("subject")
            t = t.set_column(i, t.schema.field(i), pa.array([forms.get(s, s) for s in t.column(i).to_pylist()], pa.string()))
        t = t.append_column(schema.field("_row"), pa.array(np.arange(offset, offset + t.num_rows), pa.int64()))
        t = t.append_column(schema.field("_key"), comparison_keys(t).cast(pa.string()))
        t = t.append_column(schema.field("_echo"), echo_keys(t).cast(pa.string()))
        offset += t.num_rows
        yield t


def buckets(claim_parts: list[Path], spill: Path | None = None, forms: dict[str, str] | None = None) -> Iterator[pa.Table]:
    """The claims (slim, with `_row`, `_key` and `_echo`) bucket by bucket; all claims of an echo
    key (and so of a comparison key) in one bucket, in row order."""
    total = sum(pq.ParquetFile(f).metadata.num_rows for f in claim_parts)
    n = max(1, math.ceil(total / BUCKET_ROWS))
    if n == 1:
        parts = list(_slim_parts(claim_parts, forms))
        yield pa.concat_tables(parts).combine_chunks() if parts else slim_schema().empty_table()
        return
    own = spill is None
    folder = Path(tempfile.mkdtemp(prefix="quellenlage-buckets-")) if own else spill
    folder.mkdir(parents=True, exist_ok=True)
    try:
        schema = slim_schema()
        sinks = [pa.OSFile(str(folder / f"bucket-{b:05d}.arrow"), "wb") for b in range(n)]
        writers = [ipc.new_stream(s, schema) for s in sinks]
        for t in _slim_parts(claim_parts, forms):
            # A stable bucket per key (not Python's per-process hash): the same key, the same bucket.
            which = np.fromiter((_bucket(k, n) for k in t.column("_echo").to_pylist()), np.int64, t.num_rows)
            order = np.argsort(which, kind="stable")
            ordered = t.take(pa.array(order))
            bounds = np.searchsorted(which[order], np.arange(n + 1))
            for b in range(n):
                if bounds[b + 1] > bounds[b]:
                    writers[b].write_table(ordered.slice(int(bounds[b]), int(bounds[b + 1] - bounds[b])))
            del which, ordered
        for w, s in zip(writers, sinks):
            w.close()
            s.close()
        for b in range(n):
            path = folder / f"bucket-{b:05d}.arrow"
            with pa.memory_map(str(path)) as source:
                t = ipc.open_stream(source).read_all()
            path.unlink()
            yield t.combine_chunks()
            del t
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _bucket(key: str, n: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % n


class Updates:
    """What the step found for each compared claim, by row number: status, agreeing and
    conflicting counts, fact id and suspected cause, as integers (strings interned)."""

    STATUS = ("single_source", "corroborated", "conflicting")

    def __init__(self):
        self.rows, self.status = array("q"), array("b")
        self.agree, self.conflict, self.fact, self.cause = array("i"), array("i"), array("i"), array("i")
        self.strings: list[str] = []
        self._index: dict[str, int] = {}
        self._order: np.ndarray | None = None

    def _intern(self, s: str | None) -> int:
        if s is None:
            return -1
        i = self._index.get(s)
        if i is None:
            i = self._index[s] = len(self.strings)
            self.strings.append(s)
        return i

    def add(self, row: int, c: dict) -> None:
        self.rows.append(row)
        self.status.append(self.STATUS.index(c["status"]))
        self.agree.append(c.get("n_agree") or 0)
        self.conflict.append(c.get("n_conflict") or 0)
        self.fact.append(self._intern(c.get("fact_id")))
        self.cause.append(self._intern(c.get("suspected_cause")))

    def between(self, start: int, end: int) -> dict[int, tuple]:
        """row -> (status, n_agree, n_conflict, fact_id, suspected_cause) for rows start…end-1."""
        if self._order is None:
            self._rows = np.frombuffer(self.rows, dtype=np.int64) if len(self.rows) else np.zeros(0, np.int64)
            self._order = np.argsort(self._rows, kind="stable")
            self._sorted = self._rows[self._order]
        lo, hi = np.searchsorted(self._sorted, [start, end])
        s = self.strings
        out = {}
        for j in self._order[lo:hi].tolist():
            f, k = self.fact[j], self.cause[j]
            out[self.rows[j]] = (self.STATUS[self.status[j]], self.agree[j], self.conflict[j],
                                 s[f] if f >= 0 else None, s[k] if k >= 0 else None)
        return out
