"""Resolving German date expressions to ISO partial strings. Pure functions, no spaCy.

A date expression is parsed into a `DateExpr` (what the text says: a year, a month without
a year, a weekday, "vergangene Woche", …) and `resolve` turns it into an ISO partial string
(`2025`, `2025-03`, `2025-03-04`, `2025-Q3`, `2025-H1`, a week as its days `2025-01-20/2025-01-26`, `FY2025-Q1`, decade `202`)
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
    fiscal_start: int = 1           # the month the subject's fiscal year starts (1: calendar)
    months: int | None = None       # "die ersten neun Monate": months since the year's start
    weekend: bool = False           # "vergangenes Wochenende": the Saturday and Sunday


def parse_published(published: str | None) -> tuple[int | None, int | None, int | None]:
    """'2025-03-04' -> (2025, 3, 4); '2025-03' -> (2025, 3, None); None -> (None, None, None)."""
    if not published:
        return None, None, None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published.strip())
    if not m:
        return None, None, None
    y, mo, d = m.groups()
    return int(y), int(mo) if mo else None, int(d) if d else None


def week_span(day: dt.date) -> str:
    """The calendar week (Monday to Sunday) that holds `day`, as an interval of days
    ("2025-01-20/2025-01-26"), as SPEC writes a weekend ("2024-08-31/2024-09-01")."""
    monday = day - dt.timedelta(days=day.weekday())
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


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
    if expr.weekend and expr.rel_unit == "week":
        return _weekend(pub_date, expr.rel_offset) if pub_date else None
    if expr.year is None and pub_date is not None and (expr.months or (expr.fiscal and (expr.quarter or expr.half))
                                                       or (expr.quarter or expr.half) and expr.fiscal_start == 1
                                                       and expr.month is None and expr.rel_unit is None
                                                       and expr.weekday is None and expr.decade is None):
        return _yearless_period(expr, pub_date)
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
            return week_span(pub_date + dt.timedelta(weeks=off)) if pub_date else None
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
    if expr.months and year is not None and not expr.fiscal:  # "in den ersten neun Monaten 2020"
        return f"{year}-01/{year}-{expr.months:02d}"
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


def _weekend(pub: dt.date, offset: int) -> str:
    """ "vergangenes Wochenende": the last Saturday and Sunday before publication; "kommendes
    Wochenende" the next ones; as an ISO interval."""
    if offset < 0:
        sunday = pub - dt.timedelta(days=(pub.weekday() + 1) % 7 or 7)
    else:
        sunday = pub + dt.timedelta(days=(6 - pub.weekday()) % 7 or 7) + dt.timedelta(weeks=max(0, offset - 1))
    saturday = sunday - dt.timedelta(days=1)
    return f"{saturday.isoformat()}/{sunday.isoformat()}"


def _yearless_period(expr: DateExpr, pub: dt.date) -> str | None:
    """A quarter, half or the first months named without a year: the latest one that ended
    before publication, or (when the clause looks ahead) the current or next one; fiscal labels (`FY…`)
    when the subject's year is shifted."""
    start = expr.fiscal_start or 1
    fiscal = start != 1

    def year_start(fy: int) -> dt.date:  # fiscal years are named by the year they end in
        return dt.date(fy - 1 if fiscal else fy, start, 1)

    if expr.months:
        size, first, label = expr.months, 0, None
    elif expr.quarter:
        size, first = 3, 3 * (expr.quarter - 1)
        label = "Q%d" % expr.quarter
    else:
        size, first = 6, 6 * ((expr.half or 1) - 1)
        label = "H%d" % (expr.half or 1)
    fy0 = pub.year + (1 if fiscal and pub.month >= start else 0)
    spans = []
    for fy in (fy0 - 1, fy0, fy0 + 1):
        begin = _add(year_start(fy), first)
        end = _add(begin, size) - dt.timedelta(days=1)
        spans.append((fy, begin, end))
    ahead = next(((fy, b, e) for fy, b, e in spans if e >= pub), spans[-1])  # the current or next
    done = [(fy, b, e) for fy, b, e in spans if e < pub]
    if expr.future:
        fy, begin, end = ahead
    elif not done:
        return None
    elif not expr.past and expr.quarter and (ahead[2] - pub).days * 2 < (pub - done[-1][2]).days:
        # Neither tense: the nearer of the two, a past one preferred ("Für das zweite Quartal
        # rechnet Dell mit …" in May, after the first quarter's results: the coming one).
        fy, begin, end = ahead
    else:
        fy, begin, end = done[-1]
    if label is None:
        return f"{begin.year}-{begin.month:02d}/{end.year}-{end.month:02d}"
    return (f"FY{fy}-" if fiscal else f"{fy}-") + label


def _add(day: dt.date, months: int) -> dt.date:
    y, m = _shift_month(day.year, day.month, months)
    return dt.date(y, m, 1)


def fiscal_year_at(published: str | None, start: int | None, offset: int, new: bool = False) -> int | None:
    """The fiscal year `offset` years from the one publication falls in (years named by the
    year they end in). `new` ("das neue", "das kommende Geschäftsjahr"): the current one when it began at most
    three months before publication, else the next."""
    py, pm, _ = parse_published(published)
    if py is None or pm is None:
        return None
    start = start or 1
    current = py + (1 if start != 1 and pm >= start else 0)
    if new:
        months_in = (pm - start) % 12
        return current if months_in < 3 else current + 1
    return current + offset


def season_interval(year: int, first: int, last: int) -> str:
    """A season's months as an ISO interval ("Herbst 2007": 2007-09/2007-11); a season that runs
    past December ends in the next year (Winter 2007: 2007-12/2008-02)."""
    return f"{year:04d}-{first:02d}/{year + (1 if last < first else 0):04d}-{last:02d}"
