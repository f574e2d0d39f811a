"""A time budget for one piece of work (one document), so no input can stall a run.

In a process's main thread (this process, or a worker process of `--workers N`) the budget is
a real-time timer: when it runs out, `DocTimeout` is raised inside the work, even inside a
long regular-expression match (CPython's regex engine checks for signals). Where no timer
can be set (another thread, as in a Dask worker, or a platform without SIGALRM) the work runs
unbudgeted; the worker-level watchdog in run.py is the second line of defence.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

DOC_TIMEOUT = 60.0  # seconds per document, by default


class DocTimeout(Exception):
    """The work ran past its budget."""

    def __init__(self, seconds: float):
        super().__init__(f"timed out after {seconds:g} s")
        self.seconds = seconds


def can_budget() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise `DocTimeout` in the block when it runs longer than `seconds` (None or 0: no limit).
    Budgets nest: an inner budget never extends an outer one."""
    if not seconds or not can_budget():
        yield
        return
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left < seconds:
        yield  # the outer budget ends first and stays in charge
        return

    def expired(signum, frame):  # noqa: ARG001 - signal handler signature
        raise DocTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:  # give the outer budget back what it had left
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 1e-3))
