"""Typed views of the tables' ISO strings, for notebooks: the calendar days a date value
covers, its grain, and durations as ISO 8601. Pure functions, no spaCy.

- `date_span("2025-Q3")` is `(2025-07-01, 2025-09-30, "quarter")`; an interval `a/b` spans
  from the first day of `a` to the last day of `b`, with the finer grain of its two ends; a
  fiscal period (`FY2026-Q1`) has days only with its company's `FiscalCalendar`.
- `first_day("2025-05")` is 2025-05-01: the first day of a stated (partial) date.
- `iso_duration(18, "month")` is `P18M`: one value in its stated unit (`PT90M` stays 90
  minutes); a fraction becomes the next smaller unit when that is exact (`0.5` years is
  `P6M`, `1.5` days `PT36H`, half a week `PT84H`), else stays a decimal fraction (`P2.5M`, as ISO 8601 allows on
  the last component).
"""
from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from quellenlage.normalize.periods import FiscalCalendar, extent, grain

GRAINS = ("day", "week", "month", "quarter", "half", "year", "decade")  # finest first

# unit -> (ISO designator, time part?, next smaller unit and how many of it make one)
DURATION_UNITS: dict[str, tuple[str, bool, tuple[str, int] | None]] = {
    "year": ("Y", False, ("month", 12)),
    "month": ("M", False, None),        # months have no fixed number of days
    "week": ("W", False, ("day", 7)),
    "day": ("D", False, ("hour", 24)),
    "hour": ("H", True, ("minute", 60)),
    "minute": ("M", True, ("second", 60)),
    "second": ("S", True, None),
}


def date_grain(value: str | None) -> str | None:
    """`day`, `week`, `month`, `quarter`, `half`, `year` or `decade`; an interval has the finer grain
    of its two ends; None when the value is no period."""
    if not value:
        return None
    if "/" in value:
        ends = [grain(v) for v in value.split("/", 1)]
        if None in ends:
            return None
        return min(ends, key=GRAINS.index)
    return grain(value)


def date_span(value: str | None, fiscal: FiscalCalendar | None = None) -> tuple[dt.date | None, dt.date | None, str | None]:
    """(first day, last day, grain) of an ISO date value; the days are None when the value
    has no calendar extent (a fiscal period without its calendar, an invalid date)."""
    g = date_grain(value)
    if g is None:
        return None, None, None
    span = extent(value, fiscal)
    return (span[0], span[1], g) if span else (None, None, g)


def first_day(value: str | None) -> dt.date | None:
    """The first day of an ISO (partial) date such as a publication date; None if unknown."""
    span = extent(value) if value and "/" not in value and not value.startswith("FY") else None
    return span[0] if span else None


def iso_duration(value: float | None, unit: str | None) -> str | None:
    """One duration as ISO 8601 (`P18M`, `P2Y`, `PT90M`, `P6M` for half a year); None for
    no value, an unknown unit, a negative or non-finite value."""
    if value is None or unit not in DURATION_UNITS or not math.isfinite(value) or value < 0:
        return None
    amount = Decimal(repr(float(value)))
    u, a = unit, amount
    while a != a.to_integral_value() and DURATION_UNITS[u][2] is not None:
        smaller, n = DURATION_UNITS[u][2]
        u, a = smaller, a * n
        if a == a.to_integral_value():  # exact in a smaller unit: 0.5 weeks are 84 hours
            unit, amount = u, a
    designator, time_part, _ = DURATION_UNITS[unit]
    number = format(amount.normalize(), "f") if amount != amount.to_integral_value() else str(int(amount))
    return f"P{'T' if time_part else ''}{number}{designator}"
