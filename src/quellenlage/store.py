"""The output folder: tables written safely, one run at a time, and what the last run saw.

- **Staging**: a run writes its tables into `<out>/.quellenlage/staging/` (Parquet parts,
  row groups as they come: memory does not grow with the corpus) and moves them into place
  only at the end, all tables together, `run.json` last. A journal makes the move finish on
  the next start when a run was killed half-way, so the tables are always complete and
  consistent with each other and with `run.json`.
- **Nothing foreign is deleted**: in a table folder only the project's `part-*.parquet` files
  are replaced; a file the user put there stays.
- **One run at a time**: a lock file with the process id; a lock left by a dead process is
  taken over.
- **Manifest** (`<out>/.quellenlage/manifest.json`): pipeline version, rules hash, backbone,
  every document's input digest (text and metadata) and every part's segment digest, for
  incremental runs; the documents' text sketches beside it (`sketches.parquet`) for the
  cross-document step.
"""
from __future__ import annotations

import json
import os
from array import array
import shutil
import socket
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from quellenlage.tables import SCHEMAS, compact, read_part, to_arrow

STATE = ".quellenlage"
PART_GLOB = "part-*.parquet"


class StoreError(Exception):
    """The output folder cannot be used (locked by another run, not writable)."""


class TableWriter:
    """Rows of one table into Parquet parts of at most `rows_per_file` rows, a row group per
    `write` call."""

    def __init__(self, folder: Path, name: str, rows_per_file: int = 250_000):
        self.folder, self.name, self.rows_per_file = folder, name, rows_per_file
        self.schema = SCHEMAS[name]
        self.folder.mkdir(parents=True, exist_ok=True)
        self.part, self.in_part, self.count = 0, 0, 0
        self._writer: pq.ParquetWriter | None = None

    def write(self, rows: list[dict] | pa.Table) -> None:
        table = compact(rows if isinstance(rows, pa.Table) else to_arrow(self.name, rows))
        offset = 0
        while offset < table.num_rows:
            if self._writer is None or self.in_part >= self.rows_per_file:
                self._roll()
            take = min(table.num_rows - offset, self.rows_per_file - self.in_part)
            self._writer.write_table(table.slice(offset, take))
            offset += take
            self.in_part += take
            self.count += take

    def _roll(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self.part += 1
        self._writer = pq.ParquetWriter(self.folder / f"part-{self.part:05d}.parquet", self.schema)
        self.in_part = 0

    def close(self) -> int:
        if self._writer is None:  # an empty table is one empty part: readers see its schema
            self._roll()
        self._writer.close()
        self._writer = None
        return self.count


class OutputStore:
    def __init__(self, out: Path):
        self.out = Path(out)
        self.state = self.out / STATE
        self.staging = self.state / "staging"
        self.lock_file = self.state / "lock"
        self.journal = self.state / "commit.json"

    # --- one run at a time ----------------------------------------------------------------
    def lock(self) -> None:
        self.state.mkdir(parents=True, exist_ok=True)
        me = f"{socket.gethostname()}:{os.getpid()}"
        try:
            fd = os.open(self.lock_file, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            holder = self.lock_file.read_text(encoding="utf-8").strip() if self.lock_file.exists() else ""
            if _alive(holder):
                raise StoreError(f"another run ({holder}) is writing to {self.out}; wait for it to finish") from None
            self.lock_file.write_text(me, encoding="utf-8")  # a dead run's lock
            return
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(me)

    def unlock(self) -> None:
        try:
            self.lock_file.unlink()
        except FileNotFoundError:
            pass

    # --- staging and commit -----------------------------------------------------------------
    def begin(self) -> None:
        """Finish a move a killed run left half-done, then start with an empty staging area."""
        self.recover()
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)

    def writer(self, name: str, sub: str | None = None) -> TableWriter:
        return TableWriter(self.staging / (sub or name), name)

    def write_part(self, name: str, part: int, rows: list[dict] | pa.Table, sub: str | None = None) -> int:
        """One part file of a table (the rows of one segment of the input)."""
        folder = self.staging / (sub or name)
        folder.mkdir(parents=True, exist_ok=True)
        table = compact(rows if isinstance(rows, pa.Table) else to_arrow(name, rows))
        pq.write_table(table, folder / f"part-{part:05d}.parquet")
        return table.num_rows

    def has_table(self, name: str) -> bool:
        return any((self.out / name).glob(PART_GLOB))

    def keep_table(self, name: str) -> int:
        """Stage the last run's parts of a table unchanged (linked, else copied); its row count."""
        return sum(self._keep(part, self.staging / name) for part in sorted((self.out / name).glob(PART_GLOB)))

    def keep_parts(self, names: Iterable[str], part: int, as_part: int | None = None) -> dict[str, int] | None:
        """Stage part `part` of the last run's tables `names` unchanged (a segment of the input
        whose documents are all as they were), as part `as_part` of this run (default: the same
        number); their row counts, or None (nothing staged) when one of them is missing."""
        files = {name: self.out / name / f"part-{part:05d}.parquet" for name in names}
        if not all(f.exists() for f in files.values()):
            return None
        new = f"part-{part if as_part is None else as_part:05d}.parquet"
        return {name: self._keep(f, self.staging / name, new) for name, f in files.items()}

    def keep_file(self, name: str) -> bool:
        """Stage a state file of the last run (the sketches) unchanged, to be moved by `commit`."""
        src = self.state / name
        if not src.exists():
            return False
        try:
            os.link(src, self.staging / f"{name}.next")
        except OSError:
            shutil.copy2(src, self.staging / f"{name}.next")
        return True

    @staticmethod
    def _keep(part: Path, folder: Path, name: str | None = None) -> int:
        folder.mkdir(parents=True, exist_ok=True)
        dest = folder / (name or part.name)
        try:
            os.link(part, dest)
        except OSError:
            shutil.copy2(part, dest)
        return pq.ParquetFile(dest).metadata.num_rows

    def commit(self, tables: Iterable[str], files: dict[str, str | None]) -> None:
        """Move the staged tables into place, then write `files` (name -> text: run.json,
        the manifest) over their old versions; journaled, so a crash is finished next time."""
        for name, text in files.items():
            if text is not None:  # None: staged already (a binary file such as the sketches)
                (self.staging / f"{name}.next").write_text(text, encoding="utf-8")
        self.journal.write_text(json.dumps({"tables": list(tables), "files": list(files)}), encoding="utf-8")
        self.recover()

    def recover(self) -> None:
        if not self.journal.exists():
            return
        plan = json.loads(self.journal.read_text(encoding="utf-8"))
        for name in plan["tables"]:
            staged = self.staging / name
            if not staged.exists():
                continue  # moved before the crash
            target = self.out / name
            target.mkdir(parents=True, exist_ok=True)
            for old in target.glob(PART_GLOB):  # only the project's parts; foreign files stay
                old.unlink()
            for part in sorted(staged.glob(PART_GLOB)):
                os.replace(part, target / part.name)
            shutil.rmtree(staged)
        for name in plan["files"]:
            nxt = self.staging / f"{name}.next"
            if nxt.exists():
                dest = self.out / name if name == "run.json" else self.state / name
                os.replace(nxt, dest)
        self.journal.unlink()

    def settle(self) -> None:
        """Finish a commit that a killed run left half-done, so a reader (report, conflicts)
        sees one run's tables; a live run that is committing finishes it itself."""
        if not self.journal.exists():
            return
        try:
            self.lock()
        except StoreError:
            return
        try:
            self.recover()
        finally:
            self.unlock()

    def discard(self) -> None:
        if self.staging.exists() and not self.journal.exists():
            shutil.rmtree(self.staging, ignore_errors=True)

    # --- what the last run saw ----------------------------------------------------------------
    def manifest(self) -> dict:
        path = self.state / "manifest.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def read(self, name: str, columns: list[str] | None = None, doc_ids: set[str] | None = None) -> pa.Table:
        """A table of the last run (only the given documents' rows)."""
        files = sorted((self.out / name).glob(PART_GLOB))
        if not files:
            return SCHEMAS[name].empty_table() if columns is None else SCHEMAS[name].empty_table().select(columns)
        tables = []
        for f in files:
            t = read_part(f, columns, SCHEMAS[name])
            if doc_ids is not None:
                import pyarrow.compute as pc
                t = t.filter(pc.is_in(t.column("doc_id"), pa.array(sorted(doc_ids), pa.string())))
            tables.append(t)
        return compact(pa.concat_tables(tables))

    def staged_parts(self, folder: str) -> list[Path]:
        return sorted((self.staging / folder).glob(PART_GLOB))

    def read_staged(self, name: str, sub: str | None = None, columns: list[str] | None = None) -> pa.Table:
        files = sorted((self.staging / (sub or name)).glob(PART_GLOB))
        schema = SCHEMAS[name] if columns is None else pa.schema([SCHEMAS[name].field(c) for c in columns])
        if not files:
            return schema.empty_table()
        return compact(pa.concat_tables([read_part(f, columns, schema) for f in files]))

    def sketches(self) -> dict[str, list[int]]:
        path = self.state / "sketches.parquet"
        if not path.exists():
            return {}
        t = read_part(path)
        flat = t.column("sketch").combine_chunks()
        hashes = flat.values.to_numpy(zero_copy_only=False).tolist() if len(flat) else []
        offsets = flat.offsets.to_pylist()
        return {d: array("q", hashes[offsets[i]:offsets[i + 1]]) for i, d in enumerate(t.column("doc_id").to_pylist())}

    def write_sketches(self, sketches: dict[str, list[int]]) -> None:
        """Staged with the tables; moved by `commit` (listed as a file)."""
        table = pa.table({"doc_id": pa.array(list(sketches), pa.string()),
                          "sketch": pa.array([list(v) for v in sketches.values()], pa.list_(pa.int64()))})
        pq.write_table(table, self.staging / "sketches.parquet.next")


def _alive(holder: str) -> bool:
    """Is the process that wrote the lock still running (on this host)?"""
    host, _, pid = holder.rpartition(":")
    if not pid.isdigit():
        return False
    if host and host != socket.gethostname():
        return True  # another machine's run: assume alive
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OldRows:
    """The last run's rows of one table, document by document, for an incremental run: read
    in stored order (the order a re-run asks for them), so the scan is linear; a document asked
    for out of that order is found by reading ahead. Rows stay in Arrow: a reused document's
    rows are slices of the batches read, never Python objects."""

    def __init__(self, store: OutputStore, name: str, only: set[str] | None = None):
        self.files = sorted((store.out / name).glob(PART_GLOB))
        self.schema = SCHEMAS[name]
        self._batches = self._iter()
        self._ahead: dict[str, list[pa.Table]] = {}
        self._last: str | None = None
        self.only = only               # None: every document may be asked for
        self.skipped: set[str] = set()  # documents that will not be asked for: not kept when read past
        self._skip_files: set[str] = set()

    def skip(self, doc_ids: Iterable[str]) -> None:
        """These documents' rows will not be asked for (their part was kept whole)."""
        for d in doc_ids:
            self.skipped.add(d)
            self._ahead.pop(d, None)

    def _wanted(self, doc_id: str) -> bool:
        return doc_id not in self.skipped and (self.only is None or doc_id in self.only)

    def skip_part(self, part: int) -> None:
        """A part kept whole: not read when the reader gets there (its documents are `skip`ped too)."""
        self._skip_files.add(f"part-{part:05d}.parquet")

    def _iter(self):
        for f in self.files:
            if f.name in self._skip_files:
                continue
            pf = pq.ParquetFile(f)
            for batch in pf.iter_batches(batch_size=8192):
                yield pa.Table.from_batches([batch]).cast(self.schema)

    def take(self, doc_id: str) -> pa.Table:
        # Read until the document's rows are complete (they are contiguous; a batch may end
        # in the middle of them).
        while doc_id not in self._ahead or self._last == doc_id:
            batch = next(self._batches, None)
            if batch is None:
                break
            ids = batch.column("doc_id").to_pylist()
            start = 0
            for i in range(1, len(ids) + 1):
                if i == len(ids) or ids[i] != ids[start]:
                    if self._wanted(ids[start]) or ids[start] == doc_id:
                        self._ahead.setdefault(ids[start], []).append(batch.slice(start, i - start))
                    start = i
            if ids:
                self._last = ids[-1]
        pieces = self._ahead.pop(doc_id, [])
        if not pieces:
            return self.schema.empty_table()
        return pieces[0] if len(pieces) == 1 else pa.concat_tables(pieces)
