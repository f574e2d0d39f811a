"""Resolving German date expressions to ISO partial strings. Pure functions, no spaCy.

A date expression is parsed into a `DateExpr` (what the text says: a year, a month without
a year, a weekday, "vergangene Woche", …) and `resolve` turns it into an ISO partial string
(`2025`, `2025-03`, `2025-03-04`, `2025-Q3`, `2025-H1`, `2025-W04`, `FY2025-Q1`, decade `202`)
against the publication date. What cannot be resolved gives None, never a guess.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DateExpr:
    """What a date expression says, before resolution."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    fiscal: bool = False
    decade: int | None = None       # 2020 for "2020er"
    weekday: int | None = None      # 0 = Monday
    rel_unit: str | None = None     # year | month | week | day: relative to publication
    rel_offset: int = 0
    future: bool = False            # the clause speaks of the future
    past: bool = False              # the clause speaks of the past


def parse_published(published: str | None) -> tuple[int | None, int | None, int | None]:
    """'2025-03-04' -> (2025, 3, 4); '2025-03' -> (2025, 3, None); None -> (None, None, None)."""
    if not published:
        return None, None, None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published.strip())
    if not m:
        return None, None, None
    y, mo, d = m.groups()
    return int(y), int(mo) if mo else None, int(d) if d else None


def iso_week(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + offset
    return k // 12, k % 12 + 1


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def resolve(expr: DateExpr, published: str | None) -> str | None:
    """ISO partial string for `expr`, using the publication date where the text omits parts."""
    py, pm, pd_ = parse_published(published)
    pub_date = dt.date(py, pm, pd_) if py and pm and pd_ and _valid(py, pm, pd_) else None

    if expr.decade is not None:
        return str(expr.decade // 10)
    if expr.rel_unit is not None:
        off = expr.rel_offset
        if expr.rel_unit == "year":
            return str(py + off) if py else None
        if expr.rel_unit == "month":
            if not (py and pm):
                return None
            y, m = _shift_month(py, pm, off)
            return f"{y}-{m:02d}"
        if expr.rel_unit == "week":
            return iso_week(pub_date + dt.timedelta(weeks=off)) if pub_date else None
        if expr.rel_unit == "day":
            return (pub_date + dt.timedelta(days=off)).isoformat() if pub_date else None
        return None
    if expr.weekday is not None:
        if pub_date is None:
            return None
        delta = (pub_date.weekday() - expr.weekday) % 7
        day = pub_date + dt.timedelta(days=(7 - delta) % 7) if expr.future else pub_date - dt.timedelta(days=delta)
        return day.isoformat()
    year = expr.year
    if expr.fiscal:
        if year is None:
            return None
        return f"FY{year}" + (f"-Q{expr.quarter}" if expr.quarter else f"-H{expr.half}" if expr.half else "")
    if year is None:
        if expr.month is None and expr.quarter is None and expr.half is None:
            return None
        if py is None:
            return None
        year = py
        if expr.month is not None and pm is not None:
            # A month without a year: the next one when the clause speaks of the future,
            # else its occurrence nearest to publication (the past one at equal distance).
            def offset(y: int) -> int:
                return (y * 12 + expr.month) - (py * 12 + pm)
            if expr.future:
                year = min((y for y in (py, py + 1) if offset(y) >= 0), key=offset)
            elif expr.past:
                year = max((y for y in (py - 1, py) if offset(y) <= 0), key=offset)
            else:
                year = min((py - 1, py, py + 1), key=lambda y: (abs(offset(y)), offset(y) > 0))
    if expr.quarter:
        return f"{year}-Q{expr.quarter}"
    if expr.half:
        return f"{year}-H{expr.half}"
    if expr.month is None:
        return str(year)
    if expr.day is None:
        return f"{year}-{expr.month:02d}"
    if not _valid(year, expr.month, expr.day):
        return None
    return f"{year}-{expr.month:02d}-{expr.day:02d}"
