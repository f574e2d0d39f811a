"""Counts without a noun of their own ("… 2.781 Fahrzeuge, nach 2.500 ein Jahr zuvor", "davon 32
Milliarden"): the unit of a count before them in the same stretch of text. Pure: works on one
document's figures in text order."""
from __future__ import annotations

import math

from quellenlage.figure import Figure
from quellenlage.textutil import sentence_start

COMPARED_PEERS = 12  # counts before a compared one that may be what it counts


def carry_units(text: str, figures: list[Figure], elliptic_rules: frozenset[str], wide_reach: int) -> None:
    """A count with no noun of its own takes the unit of the nearest earlier count in its
    sentence or the two before, within one paragraph (figures in text order)."""
    last: Figure | None = None
    previous: Figure | None = None  # the figure before, of any label
    counted: list[Figure] = []  # the counts of something so far
    for fig in figures:
        before, previous = previous, fig
        if fig.label != "COUNT":
            continue
        if fig.rule == "count_compared":
            # "812 Menschen, nach 745 ein Jahr zuvor": only right after a count of something; of the
            # counts of its sentence the one nearest in size ("12.069 Mitarbeiter in mehr als 20 Ländern
            # (31. Dezember 2022: 10.754)": the staff of a year before)
            if before is not None and before is last and _near(text, last.end, fig.start):
                # (the last few counts only: bounded work however many counts a page holds)
                peers = [c for c in counted[-COMPARED_PEERS:] if c.start >= sentence_start(text, last.start)]
                like = min(peers, key=lambda c: _size_gap(c, fig), default=last)
                fig.unit, fig.item = like.unit, fig.item or like.item
                last = fig
                counted.append(fig)
            continue
        if fig.unit is None and fig.rule in elliptic_rules and last is not None \
                and (_near(text, last.end, fig.start)
                     # a grouped number in a list further down ("- Auslieferungen Q4: 495.750")
                     or fig.rule == "count_grouped" and fig.start - last.end <= wide_reach):
            fig.unit = last.unit
            if fig.item is None:
                fig.item = last.item
        elif fig.rule == "count_of_them" and last is not None and _near(text, last.end, fig.start):
            # "eine Billion Parameter, bei jeder Anfrage nur 32 Milliarden davon": of the count before (not
            # of a noun beside it: "Als Mixture-of-Experts-Modell aktiviert es nur 45,9 Milliarden davon")
            fig.unit = last.unit
        if fig.unit is not None:
            last = fig
            counted.append(fig)

def _near(text: str, a: int, b: int) -> bool:
    between = text[a:b]
    if "\n\n" in between or len(between) > 400:
        return False
    s = b
    for _ in range(3):
        s = sentence_start(text, s)
        if s <= a:
            return True
        s = max(0, s - 2)
    return False


def _size_gap(a: Figure, b: Figure) -> float:
    """How far apart two counts are in size (orders of magnitude)."""
    va, vb = a.value or a.high or 0, b.value or b.high or 0
    if va <= 0 or vb <= 0:
        return float("inf")
    return abs(math.log10(va) - math.log10(vb))
