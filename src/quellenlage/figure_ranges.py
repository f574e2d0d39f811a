"""Two figures that are the two ends of one range, each written with its own unit ("zwischen 7% und
15%", "7 % bis 15 %", "zwischen 10 Mio. Euro und 12 Mio. Euro"): one figure with `low` and `high`,
as a range whose unit comes once ("zwischen 7 und 15 Prozent") already is (SPEC §7: a range is one
span). Pure: figures in, figures out; no spaCy."""
from __future__ import annotations

import re

from quellenlage.figure import Figure
from quellenlage.textutil import SPACES

# "bis", a dash, or "und" after "zwischen" (not "von 7 % auf 15 %": a change)
_TO = re.compile(r"[ \u00a0]*(?:bis|–|—)[ \u00a0]*|[ \u00a0]+-[ \u00a0]+|[ \u00a0]+bis[ \u00a0]+")
_AND = re.compile(r"[ \u00a0]+und[ \u00a0]+")
JOINED_LABELS = frozenset({"PERCENT", "MONEY", "DURATION"})
# "zwischen einer und zehn Milliarden Dollar": the word for one, no figure of its own, is the low end in the
# high end's scale
# ("mit einem bis zehn Prozent ihres Umsatzes": the same with "bis")
_ONE_AND = re.compile(r"(?<![\w-])(?:(?P<w>[Zz]wischen)[ \u00a0]+(?:einer|einem|ein|eins)[ \u00a0]+und|(?P<w2>einer|einem|eins)[ \u00a0]+bis)[ \u00a0]+$")
_SCALE = re.compile(r"(?<![\w-])(?:(?P<k>Tausend)|(?P<m>Millionen|Million|Mio\.?)|(?P<b>Milliarden|Milliarde|Mrd\.?)|(?P<t>Billionen|Billion))(?![\w-])")
_FACTOR = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}


def join_ranges(text: str, figures: list[Figure], range_before: re.Pattern) -> list[Figure]:
    """`figures` in text order, with each pair of a range's ends made one figure."""
    out: list[Figure] = []
    i = 0
    while i < len(figures):
        a = figures[i]
        b = figures[i + 1] if i + 1 < len(figures) else None
        lead = max(0, a.start - 15)
        between = range_before.search(text, lead, a.start) if b is not None else None
        after_between = bool(between and between.group("w").lower() == "zwischen")
        if b is not None and _ends(text, a, b, after_between):
            joined = Figure(between.start("w") if after_between else a.start, b.end, a.label, low=a.value, high=b.value,
                            unit=a.unit, currency=a.currency, qualifier="range", item=b.item or a.item, rule="range_of_two")
            out.append(joined)
            i += 2
            continue
        one = _ONE_AND.search(text, max(0, a.start - 30), a.start) if a.label in JOINED_LABELS and a.value and a.qualifier == "exact" else None
        scale = _SCALE.search(text, a.start, a.end) if one else None
        factor = _FACTOR[scale.lastgroup] if scale else 1.0
        if one and a.value > factor:
            a = Figure(one.start("w") if one.group("w") else one.start("w2"), a.end, a.label, low=factor, high=a.value, unit=a.unit, currency=a.currency,
                       qualifier="range", item=a.item, rule="range_from_one")
        out.append(a)
        i += 1
    return out


def _ends(text: str, a: Figure, b: Figure, after_between: bool) -> bool:
    if a.label != b.label or a.label not in JOINED_LABELS or a.value is None or b.value is None \
            or a.low is not None or b.low is not None or a.currency != b.currency or a.unit != b.unit:
        return False
    if not 0 <= a.value < b.value or a.qualifier not in ("exact",) or b.qualifier not in ("exact",):
        return False
    gap = text[a.end:b.start]
    return bool(_TO.fullmatch(gap) or after_between and _AND.fullmatch(gap))


def is_range_connector(conn: str, allow_und: bool, signed: bool = False) -> bool:
    """The words between a range's two numbers: "bis", a dash; "und" after "zwischen"; after a
    number below zero also with "plus" before the upper end ("minus 9 bis plus 16 Millionen")."""
    c = conn.strip(SPACES)
    if signed and c.endswith(" plus") and c[:-5].rstrip(SPACES) in ("bis", "und"):
        return c.startswith("bis") or allow_und
    if c in ("bis", "–", "—", "-", "to"):
        return len(conn) <= 5 and (c != "-" or conn in ("-", " - "))
    return allow_und and c == "und"
