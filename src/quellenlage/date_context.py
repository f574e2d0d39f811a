"""Where a date stands (dates.py): its clause, a company named before it on its line, a year
named just before, and whether a past tense speaks of last year's end. Pure text helpers."""
from __future__ import annotations

import bisect
import re
from typing import Sequence


def clause_bounds(text: str, s: int, e: int, stops: str = ".;:!?\n", reach: int = 400) -> tuple[int, int]:
    """The clause around [s, e): from the last stop before it to the next after it, looking at
    most `reach` characters each way (a line without stops must not cost its whole length)."""
    lo, hi = max(0, s - reach), min(len(text), e + reach)
    start = max([text.rfind(ch, lo, s) for ch in stops] + [lo - 1])
    ends = [i for i in (text.find(ch, e, hi) for ch in stops) if i >= 0]
    return start + 1, (min(ends) if ends else hi)


NEAR_ON_LINE = 200  # characters before a fiscal year (on its line) that a company it belongs to may stand


def near_on_line(text: str, positions: Sequence[int], pos: int) -> bool:
    """Does one of `positions` (sorted) lie on pos's line, at most NEAR_ON_LINE characters before it?"""
    k = bisect.bisect_left(positions, max(0, pos - NEAR_ON_LINE))
    return k < len(positions) and positions[k] < pos and "\n" not in text[positions[k]:pos]


YEAR_BEFORE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # a year named just before: "des Jahres" is that one


def year_over(off: int, mod: str | None, past: bool, published: str | None) -> int:
    """ "haben Netflix zum Jahresende einen Rekordzulauf beschert", published in January: the
    end (or middle) of this year has not come yet, so a past tense speaks of last year's."""
    if off or not past or mod not in ("end", "mid") or not published or len(published) < 7:
        return off
    return -1 if int(published[5:7]) < (12 if mod == "end" else 7) else off
