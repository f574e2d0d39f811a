"""Periods a figure can be about, and their calendar extent. Pure functions, no spaCy.

A period is an ISO partial string (`2025`, `2025-Q3`, `2025-H1`, `2025-08`, `2025-08-29`,
`2025-W35`) or a fiscal one (`FY2026`, `FY2026-Q3`, `FY2026-H1`). A fiscal period has a
calendar extent only through the company's fiscal calendar: the month its fiscal year starts
and labels are named after the calendar year the fiscal year ends in (Nvidia, Microsoft, Apple
name their years so; Sony's and SoftBank's texts name them by the year they start in, which
`FiscalCalendar.from_text` turns into the canonical label). `FY2026-Q1` of Microsoft (July start, named by its end) is
July to September 2025, the same extent as the calendar `2025-Q3`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DECADE_RE = re.compile(r"\d{3}")
PERIOD_RE = re.compile(r"(?P<fy>FY)?(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|Q(?P<q>[1-4])|H(?P<h>[12])|W(?P<w>\d{2})))?")


@dataclass(frozen=True)
class FiscalCalendar:
    """A company's fiscal calendar. Labels are canonical: `FY2025` is always the fiscal year that
    ends in 2025, whatever the company calls it; `named_by` says only how its own texts name a
    year ("start": Sony's "Geschäftsjahr 2024" runs April 2024 to March 2025, which is FY2025)."""
    start_month: int = 1       # the month the fiscal year starts in
    named_by: str = "end"      # how the company's texts name a year: by the year it ends or starts in

    def year_start(self, fy: int) -> dt.date:
        """First day of fiscal year `fy` (the one that ends in `fy`)."""
        if self.start_month == 1:
            return dt.date(fy, 1, 1)
        return dt.date(fy - 1, self.start_month, 1)

    def fiscal_year_of(self, day: dt.date) -> int:
        """The fiscal year a calendar day falls in."""
        if self.start_month == 1:
            return day.year
        started = day.year if day.month >= self.start_month else day.year - 1
        return started + 1

    def from_text(self, year: int) -> int:
        """The canonical fiscal year of a year as the company's texts name it."""
        return year + 1 if self.named_by == "start" and self.start_month != 1 else year


CALENDAR = FiscalCalendar()


def _add_months(day: dt.date, months: int) -> dt.date:
    k = day.year * 12 + day.month - 1 + months
    return dt.date(k // 12, k % 12 + 1, 1)


def _month_span(first: dt.date, months: int) -> tuple[dt.date, dt.date]:
    return first, _add_months(first, months) - dt.timedelta(days=1)


def extent(period: str | None, fiscal: FiscalCalendar | None = None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a period; None when it has none (a fiscal period without its
    company's calendar, or a string that is not a period). An ISO interval `a/b` spans both."""
    if not period:
        return None
    if "/" in period:
        a, _, b = period.partition("/")
        ea, eb = extent(a, fiscal), extent(b, fiscal)
        return (ea[0], eb[1]) if ea and eb and ea[0] <= eb[1] else None
    if DECADE_RE.fullmatch(period):  # "201": the 2010s (ISO 8601's decade)
        return dt.date(int(period) * 10, 1, 1), dt.date(int(period) * 10 + 9, 12, 31)
    m = PERIOD_RE.fullmatch(period)
    if not m:
        return None
    y = int(m["y"])
    try:
        if m["fy"]:
            if fiscal is None:
                return None
            start = fiscal.year_start(y)
            if m["q"]:
                return _month_span(_add_months(start, 3 * (int(m["q"]) - 1)), 3)
            if m["h"]:
                return _month_span(_add_months(start, 6 * (int(m["h"]) - 1)), 6)
            return _month_span(start, 12)
        if m["d"]:
            day = dt.date(y, int(m["m"]), int(m["d"]))
            return day, day
        if m["m"]:
            return _month_span(dt.date(y, int(m["m"]), 1), 1)
        if m["q"]:
            return _month_span(dt.date(y, 3 * (int(m["q"]) - 1) + 1, 1), 3)
        if m["h"]:
            return _month_span(dt.date(y, 6 * (int(m["h"]) - 1) + 1, 1), 6)
        if m["w"]:
            monday = dt.date.fromisocalendar(y, int(m["w"]), 1)
            return monday, monday + dt.timedelta(days=6)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None


def calendar_label(span: tuple[dt.date, dt.date] | None) -> str | None:
    """The calendar label of a span that is a calendar quarter, half or year: (1 Jan 2024,
    31 Mar 2024) -> "2024-Q1"; None for any other span."""
    if span is None or span[0].day != 1 or (span[1] + dt.timedelta(days=1)).day != 1:
        return None
    first, months = span[0], (span[1].year - span[0].year) * 12 + span[1].month - span[0].month + 1
    if months == 3 and first.month % 3 == 1:
        return f"{first.year}-Q{first.month // 3 + 1}"
    if months == 6 and first.month in (1, 7):
        return f"{first.year}-H{1 if first.month == 1 else 2}"
    if months == 12 and first.month == 1:
        return str(first.year)
    return None


def grain(period: str | None) -> str | None:
    """`day`, `week`, `month`, `quarter`, `half`, `year` or `decade` (None for no period)."""
    if DECADE_RE.fullmatch(period or ""):
        return "decade"
    m = PERIOD_RE.fullmatch(period or "")
    if not m:
        return None
    return ("day" if m["d"] else "month" if m["m"] else "quarter" if m["q"] else "half" if m["h"]
            else "week" if m["w"] else "year")


def shift(period: str, unit: str, n: int) -> str | None:
    """The period `n` years (`unit="year"`) or quarters (`"quarter"`) before (n < 0) or after.
    Keeps the grain and the fiscal prefix: shift('FY2026-Q1', 'quarter', -1) == 'FY2025-Q4'."""
    m = PERIOD_RE.fullmatch(period or "")
    if not m:
        return None
    fy, y = m["fy"] or "", int(m["y"])
    if unit == "year":
        y += n
        rest = period[len(fy) + 4:]
        if m["d"]:
            try:
                dt.date(y, int(m["m"]), int(m["d"]))
            except ValueError:
                return None
        return f"{fy}{y}{rest}" if 1000 <= y <= 9999 else None
    if unit == "quarter":
        if m["q"]:
            k = y * 4 + int(m["q"]) - 1 + n
            return f"{fy}{k // 4}-Q{k % 4 + 1}"
        if m["h"] and n % 2 == 0:
            k = y * 2 + int(m["h"]) - 1 + n // 2
            return f"{fy}{k // 2}-H{k % 2 + 1}"
        if m["m"] and not m["d"] and not fy:
            first = _add_months(dt.date(y, int(m["m"]), 1), 3 * n)
            return f"{first.year}-{first.month:02d}"
    return None


def quarter_of(day: dt.date, fiscal: FiscalCalendar | None = None) -> str:
    """The (fiscal, when a calendar is given) quarter a day falls in."""
    cal = fiscal or CALENDAR
    fy = cal.fiscal_year_of(day)
    months = (day.year * 12 + day.month) - (cal.year_start(fy).year * 12 + cal.year_start(fy).month)
    q = months // 3 + 1
    return f"FY{fy}-Q{q}" if fiscal and fiscal.start_month != 1 else f"{day.year}-Q{q}"


SPAN_OF_MONTHS = re.compile(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})")


def span_period(value: str, fiscal: FiscalCalendar | None = None, ends_early: bool = False) -> str:
    """ "2024-07/2024-09" (Juli bis September): three months ending a quarter are that (fiscal)
    quarter; with `ends_early` (the last month's first days: "September bis Anfang Dezember") the
    month before ends it; another span ("die ersten neun Monate") stays as it is."""
    m = SPAN_OF_MONTHS.fullmatch(value)
    if not m:
        return value
    ya, ma, yb, mb = (int(g) for g in m.groups())
    months = (yb * 12 + mb) - (ya * 12 + ma)
    if months == 3 and ends_early:
        months, yb, mb = 2, (yb if mb > 1 else yb - 1), (mb - 1 or 12)
    return quarter_ending(yb, mb, fiscal) if months == 2 else value


def quarter_ending(year: int, month: int, fiscal: FiscalCalendar | None = None) -> str:
    """The quarter that ends with the given month ("im Ende Juli abgelaufenen Quartal"): the
    fiscal quarter when the company's quarters end then, else the three months as an interval."""
    last = dt.date(year, month, 1)
    if fiscal is not None and fiscal.start_month != 1 and (month - fiscal.start_month + 1) % 3 == 0:
        return quarter_of(last, fiscal)
    if month % 3 == 0:
        return quarter_of(last)
    first = _add_months(last, -2)
    return f"{first.year}-{first.month:02d}/{year}-{month:02d}"


def half_ending(year: int, month: int, fiscal: FiscalCalendar | None = None) -> str:
    """The half year that ends with the given month ("in den sechs Monaten bis Ende September"):
    the (fiscal) half when one ends then, else the six months as an interval."""
    cal = fiscal or CALENDAR
    if (month - cal.start_month + 1) % 6 == 0:
        last = dt.date(year, month, 1)
        fy = cal.fiscal_year_of(last)
        h = 1 if (month - cal.start_month) % 12 < 6 else 2
        return f"FY{fy}-H{h}" if cal.start_month != 1 else f"{year}-H{h}"
    first = _add_months(dt.date(year, month, 1), -5)
    return f"{first.year}-{first.month:02d}/{year}-{month:02d}"


def last_completed_quarter(published: dt.date, quarter: int, fiscal: FiscalCalendar | None,
                           fiscal_named: bool) -> str | None:
    """ "im zweiten Geschäftsquartal" without a year in an article of `published`: the latest
    such quarter that ended before publication."""
    cal = fiscal if fiscal_named and fiscal is not None else CALENDAR
    if fiscal_named and fiscal is None:
        return None
    fy = cal.fiscal_year_of(published) + 1
    for _ in range(3):
        label = f"FY{fy}-Q{quarter}" if cal is not CALENDAR and cal.start_month != 1 else f"{fy}-Q{quarter}"
        span = extent(label, cal)
        if span and span[1] < published:
            return label
        fy -= 1
    return None


def same_period(a: str | None, b: str | None, fa: FiscalCalendar | None = None,
                fb: FiscalCalendar | None = None) -> bool | None:
    """True/False when both periods are known (same calendar extent, or the same fiscal label
    when an extent is unknown); None when either is unknown."""
    if not a or not b:
        return None
    ea, eb = extent(a, fa), extent(b, fb)
    if ea is not None and eb is not None:
        return ea == eb
    return a == b


QUARTER = re.compile(r"(FY)?(\d{4})-Q([1-4])")


def year_so_far(ref: str) -> str | None:
    """The (fiscal) year from its start to the end of the quarter `ref` ("nach neun Monaten"):
    "2024-Q3" -> "2024-01/2024-09", "FY2025-Q2" -> "FY2025-Q1/FY2025-Q2"; a span that already
    starts in January stays as it is, the first quarter is itself."""
    if re.fullmatch(r"\d{4}-01/\d{4}-\d{2}", ref):
        return ref
    m = QUARTER.fullmatch(ref)
    if not m:
        return None
    fy, year, q = m.group(1) or "", m.group(2), int(m.group(3))
    if q == 1:
        return ref
    return f"{fy}{year}-Q1/{fy}{year}-Q{q}" if fy else f"{year}-01/{year}-{3 * q:02d}"


def last_fourth_quarter(current: str) -> str | None:
    """The fourth quarter last begun, given the quarter running now ("Schlussquartal"):
    "2025-Q1" -> "2024-Q4", "FY2025-Q4" -> "FY2025-Q4"."""
    m = QUARTER.fullmatch(current or "")
    if not m:
        return None
    return f"{m.group(1) or ''}{int(m.group(2)) - (m.group(3) != '4')}-Q4"


def claim_time(time: str, measure: str | None) -> str:
    """How a claim's figure lies in time: its property's `time`, except that what a count at a
    point in time (`stock`) gained or lost ("gewann im vierten Quartal 18,9 Mio. Kunden hinzu")
    happened over a period, as a `flow` does.

    >>> claim_time("stock", "change"), claim_time("stock", "level"), claim_time("event", "change")
    ('flow', 'stock', 'event')
    """
    return "flow" if time == "stock" and measure == "change" else time


def next_quarter(pub: dt.date, quarter: int, cal: FiscalCalendar | None) -> str | None:
    """The first quarter numbered `quarter` from the one `pub` lies in on (that one included)."""
    current = quarter_of(pub, cal)
    for k in range(0, 5):
        label = shift(current, "quarter", k)
        if label and label.endswith(f"Q{quarter}"):
            return label
    return None


def pub_date(published: str | None) -> dt.date | None:
    """A publication date (ISO, partial: a month's 28th, a year's December 28th) as a date."""
    if not published:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 12), int(m.group(3) or 28))
    except ValueError:
        return None
