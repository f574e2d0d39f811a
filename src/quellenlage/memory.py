"""Flat memory over a long run: spaCy memory zones around runs of documents, and freed heap
pages given back to the system.

A pipeline's vocab keeps every word it has seen: a lexeme and its strings (the form, its lower
case, norm, shape, prefix and suffix). A run over a real corpus meets new words to its last
document (names, numbers, compounds: Heaps' law), so a process that builds its pipeline once
grows without end: 1,500 articles add about 135,000 strings and 70 MB. spaCy's
`Language.memory_zone` drops what the vocab gained inside the zone when the zone ends; a Doc
made inside must not be used after it, and `process` (engine.py) turns every Doc into rows
before it returns.

A zone around each call would make the lexemes of the commonest words anew for every batch (a
worker's task is 16 documents), and inside a zone spaCy's tokenizer caches nothing. So a
pipeline's first `EVERY` documents run outside any zone (their words, the commonest, stay in
the vocab and the tokenizer's cache: a one-time cost), and after them a zone spans calls:
`around(nlp, n)` opens one if none is open, and the zone ends after the call that brings it to
`EVERY` documents (or after a call that failed: its Docs may be held by the exception). Every
process (a worker, the run's own process, a Dask worker) keeps its own zones, per pipeline; a
pipeline that `process` runs is used by nothing else that keeps Docs.

Memory that Python, spaCy and Arrow free goes back to malloc, which keeps it for later
allocations; pages between live blocks stay resident, and a run's process that receives its
workers' rows (unpickled in the pool's result thread, whose allocations have an arena of their
own) grew by about 30 MB in 5,000 documents that way. `trim()` asks glibc to give free pages back
(`malloc_trim`), after each segment and when a zone ends; elsewhere (no glibc) it does nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from spacy.language import Language

# Documents per zone; QUELLENLAGE_ZONE_DOCUMENTS overrides it (1: a zone per call, as the tests
# run it to show that no string made in a zone is read after it).
EVERY = int(os.environ.get("QUELLENLAGE_ZONE_DOCUMENTS") or 256)


class Zone:
    """The open memory zone of one pipeline and how many documents it has seen (it holds no
    reference to the pipeline: a pipeline no longer used goes, and its zone with it)."""

    def __init__(self):
        self.stack: ExitStack | None = None
        self.documents = 0
        self.warm = False  # the first window ran outside any zone

    def open(self, nlp: Language) -> None:
        if self.stack is None:
            self.stack = ExitStack()
            if self.warm:
                self.stack.enter_context(nlp.memory_zone())
            self.warm = True
            self.documents = 0

    def close(self) -> None:
        if self.stack is not None:
            stack, self.stack = self.stack, None
            stack.close()
            trim()


_ZONES: WeakKeyDictionary = WeakKeyDictionary()


@contextmanager
def around(nlp: Language, documents: int) -> Iterator[None]:
    """Process `documents` documents inside the pipeline's zone; no Doc made in the block may
    be used after it."""
    zone = _ZONES.get(nlp)
    if zone is None:
        zone = _ZONES[nlp] = Zone()
    zone.open(nlp)
    try:
        yield
    except BaseException:
        zone.close()
        raise
    zone.documents += documents
    if zone.documents >= EVERY:
        zone.close()


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's `malloc_trim`, or None where there is none."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def trim() -> None:
    """Give the heap's free pages back to the system (glibc's `malloc_trim(0)`; a no-op where
    there is none)."""
    release = _malloc_trim()
    if release is not None:
        release(0)
