"""Finding the input files: folders walked in a stable order, every path accounted for.

Nothing is opened here, only `stat`ed, so a FIFO or a device can never block a run. What
cannot be read as an article still becomes a `Source` of kind `problem` with its reason
(FIFO, socket, device, dangling link, symlink loop, unreadable folder): the run gives it a
`documents` row instead of losing it. Hidden files and folders are skipped; so is anything
under `exclude` (an output folder inside the input is never read back as input).
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from quellenlage.decoding import printable_name

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}

_SPECIAL = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


@dataclass
class Source:
    """One input (a file, or a path that cannot be read) and the doc_id it gets."""

    path: Path
    doc_id: str
    kind: str  # text | jsonl | unsupported | problem
    status: str = "ok"      # for kind "problem": skipped | error
    reason: str | None = None

    @property
    def shown(self) -> str:
        """The path as text for rows and messages (undecodable bytes as U+FFFD)."""
        return printable_name(self.path.as_posix())


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    return "text" if suffix in TEXT_SUFFIXES else "jsonl" if suffix in JSONL_SUFFIXES else "unsupported"


def _problem(path: Path, base: Path, status: str, reason: str) -> Source:
    return Source(path, _doc_id(path, base), "problem", status, reason)


def _doc_id(path: Path, base: Path) -> str:
    try:
        rel = path.relative_to(base)
    except ValueError:
        rel = Path(path.name)
    return printable_name((rel.with_suffix("") if rel.suffix else rel).as_posix())


def _classify(path: Path, base: Path) -> tuple[str, os.stat_result | Source]:
    """('dir'|'file', stat) for a usable path, else ('problem', Source)."""
    try:
        st = os.stat(path)  # follows links
    except FileNotFoundError:
        reason = "dangling symbolic link" if os.path.islink(path) else "does not exist"
        return "problem", _problem(path, base, "error", reason)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "problem", _problem(path, base, "error", "symbolic link loop")
        return "problem", _problem(path, base, "error", f"cannot read: {exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        return "dir", st
    if stat.S_ISREG(st.st_mode):
        return "file", st
    for test, what in _SPECIAL:
        if test(st.st_mode):
            return "problem", _problem(path, base, "skipped", f"not a regular file: {what}")
    return "problem", _problem(path, base, "skipped", "not a regular file")


def _walk(top: Path, base: Path, skip: list[Path], seen: set[tuple[int, int]], out: list[Source]) -> None:
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        out.append(_problem(top, base, "error", f"cannot read folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if any(_inside(path, x) for x in skip):
            continue
        what, info = _classify(path, base)
        if what == "problem":
            out.append(info)
        elif what == "file":
            out.append(Source(path, _doc_id(path, base), _kind(path)))
        else:
            key = (info.st_dev, info.st_ino)
            if key in seen:
                out.append(_problem(path, base, "skipped", "symbolic link to a folder already read (loop)"))
                continue
            seen.add(key)
            _walk(path, base, skip, seen, out)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):
        return False


def discover(paths: list[str | Path], exclude: list[str | Path] = ()) -> list[Source]:
    """Input sources under the given paths, each with its doc_id, in a stable order."""
    sources: list[Source] = []
    skip = []
    for p in exclude:
        try:
            skip.append(Path(p).resolve())
        except (OSError, RuntimeError):
            pass
    for given in paths:
        given = Path(given)
        what, info = _classify(given, given.parent)
        if what == "problem":
            sources.append(info)
        elif what == "file":
            sources.append(Source(given, _doc_id(given, given.parent), _kind(given)))
        else:
            _walk(given, given, skip, {(info.st_dev, info.st_ino)}, sources)
    # Two inputs with the same doc_id (a.txt and a.md): the later ones keep their suffix.
    seen: set[str] = set()
    for s in sources:
        if s.doc_id in seen:
            s.doc_id = s.doc_id + printable_name(s.path.suffix)
        seen.add(s.doc_id)
    return sources
