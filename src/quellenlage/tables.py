"""The five output tables: explicit pyarrow schemas (SPEC §5) and dataset writing."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

S, I, F, D, B = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.bool_()
# Few distinct values (label, unit, currency, qualifier): dictionary-encoded strings, which
# pandas reads as categoricals, DuckDB as VARCHAR and Polars as categoricals.
C = pa.dictionary(pa.int32(), pa.string())


def _schema(*cols: tuple[str, pa.DataType, bool]) -> pa.Schema:
    return pa.schema([pa.field(name, typ, nullable=nullable) for name, typ, nullable in cols])


SCHEMAS: dict[str, pa.Schema] = {
    "documents": _schema(
        ("doc_id", S, False), ("path", S, False), ("text_sha256", S, True), ("title", S, True),
        ("outlet", S, True), ("url", S, True), ("published", S, True),
        ("published_date", D, True), ("published_source", S, True), ("encoding", S, True), ("language", S, True),
        ("n_chars", I, False), ("n_tokens", I, False), ("pipeline", S, False),
        ("status", S, False), ("error", S, True), ("warning", S, True),
        # the article text exactly as read (offsets of every table index into it), for the
        # report's article views; null unless status is ok
        ("text", S, True),
    ),
    "figures": _schema(
        ("figure_id", S, False), ("doc_id", S, False), ("start", I, False), ("end", I, False),
        ("text", S, False), ("label", C, False), ("value", F, True), ("low", F, True),
        ("high", F, True), ("unit", C, True), ("currency", C, True), ("qualifier", C, False),
        ("item", S, True), ("date_value", S, True), ("date_mod", S, True),
        ("date_relation", S, True), ("sentence_start", I, False), ("sentence_end", I, False),
        ("rule", S, False),
        # typed views for notebooks: the days a DATE's date_value covers, its grain, a
        # DURATION's single value as ISO 8601, and the document's outlet and publication date
        ("date_start", D, True), ("date_end", D, True), ("date_grain", S, True), ("duration", S, True),
        ("outlet", S, True), ("published", S, True),
    ),
    "quotes": _schema(
        ("quote_id", S, False), ("doc_id", S, False), ("start", I, False), ("end", I, False),
        ("text", S, False), ("kind", S, False), ("speaker", S, True), ("speaker_start", I, True),
        ("speaker_end", I, True), ("cue", S, True), ("via", S, True),
        ("sentence_start", I, False), ("sentence_end", I, False),
        ("outlet", S, True), ("published", S, True),
    ),
    "claims": _schema(
        ("claim_id", S, False), ("doc_id", S, False), ("figure_id", S, False),
        ("subject", S, False), ("property", S, False), ("label", C, False), ("start", I, False),
        ("end", I, False), ("text", S, False), ("value", F, True), ("low", F, True),
        ("high", F, True), ("unit", C, True), ("currency", C, True), ("date_value", S, True),
        ("qualifier", C, False), ("source", S, False), ("outlet", S, True), ("published", S, True),
        ("evidence", S, False), ("sentence_start", I, False), ("sentence_end", I, False),
        ("status", S, False), ("n_agree", I, False), ("n_conflict", I, False),
        # the claim frame (SPEC §9)
        ("period", S, True), ("period_start", D, True), ("period_end", D, True), ("segment", S, True),
        ("aspect", S, False), ("measure", S, False), ("basis", S, True), ("past", B, False),
        ("by_now", B, False), ("revised", B, False), ("market", S, True), ("issuer", S, True),
        ("fact_id", S, True), ("suspected_cause", S, True),
    ),
    "facts": _schema(
        ("fact_id", S, False), ("subject", S, False), ("property", S, False), ("label", C, False),
        ("period", S, True), ("segment", S, True), ("aspect", S, False), ("measure", S, False),
        ("basis", S, True), ("unit", C, True), ("currency", C, True), ("status", S, False),
        ("n_sources", I, False), ("n_values", I, False), ("n_conflicts", I, False),
        ("consensus", F, True), ("consensus_date", S, True), ("summary", S, False),
        ("values", pa.list_(pa.struct([("value", F), ("low", F), ("high", F), ("text", S),
                                       ("sources", pa.list_(S)), ("claims", pa.list_(S)), ("cause", S)])), False),
    ),
    "conflicts": _schema(
        ("conflict_id", S, False), ("fact_id", S, False), ("subject", S, False), ("property", S, False),
        ("claim_a", S, False), ("claim_b", S, False), ("doc_a", S, False), ("start_a", I, False),
        ("end_a", I, False), ("doc_b", S, False), ("start_b", I, False), ("end_b", I, False),
        ("text_a", S, False), ("text_b", S, False), ("explanation", S, False),
    ),
}
TABLES = tuple(SCHEMAS)


def to_arrow(name: str, rows: Iterable[dict]) -> pa.Table:
    schema = SCHEMAS[name]
    rows = list(rows)
    columns = {name: [r.get(name) for r in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


def compact(table: pa.Table) -> pa.Table:
    """The table with each dictionary column in one chunk whose dictionary is its values in
    order of first appearance: the same rows give the same column, whichever tables they
    were cut from (slices of an earlier run's batches carry those batches' whole dictionaries,
    and Parquet stores a dictionary as it is)."""
    for i, f in enumerate(table.schema):
        if pa.types.is_dictionary(f.type):
            plain = pc.cast(table.column(i), pa.string()).combine_chunks()
            table = table.set_column(i, f, pa.chunked_array([pc.dictionary_encode(plain).cast(f.type)], f.type))
    return table


def write_table(out_dir: Path, name: str, rows: Iterable[dict], rows_per_file: int = 250_000) -> int:
    """Replace outputs/<name>/ with part-NNNNN.parquet files; returns the row count."""
    folder = out_dir / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    table = compact(to_arrow(name, rows))
    n = table.num_rows
    for part, offset in enumerate(range(0, max(n, 1), rows_per_file)):
        pq.write_table(table.slice(offset, rows_per_file), folder / f"part-{part:05d}.parquet")
    return n


def read_table(out_dir: Path, name: str, columns: list[str] | None = None) -> pa.Table:
    folder = Path(out_dir) / name
    files = sorted(folder.glob("*.parquet"))
    schema = SCHEMAS[name] if columns is None else pa.schema([SCHEMAS[name].field(c) for c in columns])
    if not files:
        return schema.empty_table()
    return compact(pa.concat_tables([pq.read_table(f, schema=SCHEMAS[name], columns=columns).cast(schema) for f in files]))


def system_memory_pool() -> None:
    """Arrow's allocations through malloc, in a run and its workers: Arrow's default pool
    (mimalloc) keeps freed memory per thread, which made a run's peak grow with the parts read
    and written. A pool chosen with ARROW_DEFAULT_MEMORY_POOL stays."""
    if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        pa.set_memory_pool(pa.system_memory_pool())


def read_part(path: Path, columns: list[str] | None = None, schema: pa.Schema | None = None) -> pa.Table:
    """One Parquet file, its columns cast to `schema`'s types: `pq.read_table(path, columns=…,
    schema=…)` without the dataset layer, whose import imports pandas (0.23 s a process)."""
    table = pq.ParquetFile(path).read(columns=columns)
    if schema is not None:
        table = table.cast(pa.schema([schema.field(n) for n in table.column_names]))
    return table


def arrow_without_pandas() -> None:
    """For a process that only turns rows into Arrow and Parquet (a worker, the `extract`
    command): pyarrow's first conversion of a Python list imports pandas, only to ask whether
    the list is a pandas object (0.23 s here, in every process). Not found for the first
    conversions, pandas counts as absent to pyarrow's converters in this process: a pandas
    value inside a Python list (`pd.NaT`) is then not recognised (`Table.to_pandas()` still
    works). So only in processes whose rows hold no pandas values, never where a user works."""
    import sys
    if "pandas" in sys.modules:
        return
    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([1], type=pa.int8())  # the Python shim looks once
        pa.array(["x"])                # and so does the converter that infers a type
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    """An import finder that does not find pandas (for `arrow_without_pandas`)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def schema_fingerprint() -> str:
    """Changes whenever a table's columns change (an incremental run reuses no rows of another layout)."""
    return hashlib.sha256("\n".join(f"{n}:{SCHEMAS[n]}" for n in TABLES).encode()).hexdigest()[:16]
