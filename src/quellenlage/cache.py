"""A per-user cache of values that are slow to make and never change for the same inputs: the
checked rule files of a rules folder, the common-noun forms of the german-nouns package.

A value is stored under a key that names everything it was made from (the inputs' digest, the
code and library versions, the Python version: `marshal`'s format is Python's own), so a stale
value is never read: a changed input makes another key. Writes go to a temporary file that is
renamed into place (processes that make the same value at once each leave a whole file). The
folder is `QUELLENLAGE_CACHE` if set, else the platform's user cache folder (platformdirs);
`QUELLENLAGE_CACHE=off` turns the cache off. A cache that cannot be read or written is no
error: the value is made again. Values are builtin types only (marshal: no code is run on
load, unlike pickle).
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

from quellenlage import __version__


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    where = os.environ.get("QUELLENLAGE_CACHE")
    if where == "off":
        return None
    if where:
        return Path(where)
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("quellenlage", appauthor=False))


def cache_key(*parts: str, code: tuple[str, ...] = ()) -> str:
    """A key for a value made from `parts` by this version of quellenlage under this Python, and
    by the source files `code` as they are now (an edit to the code that makes it is a new key)."""
    h = hashlib.sha256()
    for part in (__version__, sys.version, *parts):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for path in code:
        h.update(Path(path).read_bytes() + b"\0")
    return h.hexdigest()[:32]


def cached(name: str, key: str, make: Callable[[], Any]) -> Any:
    """The value stored as `name`-`key`, or `make()`, stored for the next process."""
    value = load(name, key)
    if value is None:
        value = make()
        store(name, key, value)
    return value


def load(name: str, key: str) -> Any:
    """The value stored as `name`-`key`, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return marshal.loads((folder / f"{name}-{key}.marshal").read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(name: str, key: str, value: Any, keep: int | None = None) -> None:
    """Store a value as `name`-`key`; with `keep`, only the newest `keep` values of that name
    stay (a rules folder being edited makes a new key at every change)."""
    folder = cache_dir()
    if folder is None:
        return
    path = folder / f"{name}-{key}.marshal"
    try:
        data = marshal.dumps(value)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        if keep is not None:
            older = sorted(folder.glob(f"{name}-*.marshal"), key=_mtime, reverse=True)[keep:]
            for old in older:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # a read-only home, a full disk: the value is made again next time


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
