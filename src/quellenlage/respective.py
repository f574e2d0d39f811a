"""Respective pairs: "Oppo und Vivo mit 28,6 und 28,5 Millionen Geräten", "Samsung und Apple kamen
auf 20 beziehungsweise 17 Prozent": n names coordinated, then n figures coordinated; the k-th
figure is the k-th name's. Pure, no spaCy."""
from __future__ import annotations

import re

JOIN = re.compile(r"\s*(?:,\s*(?:und\s+|sowie\s+)?|\s(?:und|sowie|bzw\.|beziehungsweise|respektive)\s)\s*")
# between the names and their figures: a short stretch without a clause's end or another figure
# ("mit", "kamen auf", "liegen mit jeweils", "erreichten Anteile von")
LINK = re.compile(r"[^,;:.!?()\d]{1,40}")


def _run(items: list, i: int, text: str, start=lambda x: x.start, end=lambda x: x.end) -> tuple[int, int]:
    """(first, last) index of the run of items around i joined by "und", commas, "bzw."."""
    lo = i
    while lo > 0 and JOIN.fullmatch(text, end(items[lo - 1]), start(items[lo])):
        lo -= 1
    hi = i
    while hi + 1 < len(items) and JOIN.fullmatch(text, end(items[hi]), start(items[hi + 1])):
        hi += 1
    return lo, hi


def respective_subject(text: str, fig: dict, ents: list, figures, clause: tuple[int, int]) -> str | None:
    """The name the figure is paired with when the clause names as many names as figures, both
    coordinated, names first; else None. `figures`: a SpanIndex of the document's figures."""
    cs, ce = clause
    figs = [f for f in figures.starting(cs, ce) if f["label"] == fig["label"]]
    k = next((i for i, f in enumerate(figs) if f is fig or f["start"] == fig["start"]), None)
    if k is None:
        return None
    lo, hi = _run(figs, k, text, start=lambda f: f["start"], end=lambda f: f["end"])
    if hi == lo:
        return None
    named = sorted((e for e in ents if cs <= e.start and e.end <= figs[lo]["start"]), key=lambda e: e.start)
    if not named or not LINK.fullmatch(text, named[-1].end, figs[lo]["start"]):
        return None
    first, last = _run(named, len(named) - 1, text)
    if last - first != hi - lo or len({e.name for e in named[first:last + 1]}) != hi - lo + 1:
        return None
    return named[first + k - lo].name


__all__ = ["respective_subject"]
