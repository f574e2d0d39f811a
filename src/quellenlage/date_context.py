"""Where a date stands (dates.py): its clause, a company named before it on its line, a year
named just before, whether a past tense speaks of last year's end, the year a month takes from
its clause, fiscal years and months named up to a month. Pure, no spaCy."""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Sequence

from quellenlage.normalize.dates import DateExpr, resolve, season_interval
from quellenlage.textutil import SpanIndex


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


def year_over(off: int, mod: str | None, past: bool, published: str | None, before: str = "") -> int:
    """ "haben Netflix zum Jahresende einen Rekordzulauf beschert", published in January: the
    end (or middle) of this year has not come yet, so a past tense speaks of last year's; a year
    named just before (`before`: the text before the date) is the one it speaks of ("Der Umsatz legte
    2023 um 17 Prozent zu … Zum Jahresende beschäftigte Check24 …", published in March 2024)."""
    if off or not past or mod not in ("end", "mid") or not published or len(published) < 7:
        return off
    named = [int(m.group(0)) for m in YEAR_BEFORE.finditer(before)]
    if named:
        return named[-1] - int(published[:4]) if named[-1] <= int(published[:4]) else off
    return -1 if int(published[5:7]) < (12 if mod == "end" else 7) else off


TARGET_BEFORE = re.compile(r"\b(?:auf|bis|ab)\s+(?:den\s+|dem\s+|das\s+|zum\s+)?$", re.IGNORECASE)  # a date moved to or lasting until


def fiscal_end(g: dict) -> int:
    """The year a fiscal year named in the text ends in: "des Geschäftsjahres 2024/25" is 2025."""
    year = int(g["fyear"])
    end = g.get("ffyend")
    return year + 1 if end and (year + 1) % 100 == int(end) else year


def months_until(month: int, n: int, year: int | None, published: str | None) -> str | None:
    """ "in den zwölf Monaten bis Ende März": the `n` months up to and with `month` (of `year`, else the
    last such month by publication), as an ISO interval of months."""
    if year is None:
        last = resolve(DateExpr(month=month, past=True), published)
        if not last:
            return None
        year = int(last[:4])
    k = year * 12 + month - 1 - (n - 1)
    return f"{k // 12:04d}-{k % 12 + 1:02d}/{year:04d}-{month:02d}"


def anchor_in_clause(text: str, dates: list) -> None:
    """ "Anfang 2025 kam Mitte April ein Update": a month without a year takes the year
    another date of its clause names."""
    for k, fig in enumerate(dates):
        expr = getattr(fig, "_expr", None)
        if expr is None or expr.month is None or expr.year is not None or expr.weekday is not None:
            continue
        # Only a date close by in the same comma-bounded clause: "im November startete, soll
        # bis 2027" or "… bis 2030. Im Jänner" are no anchors.
        a, b = clause_bounds(text, fig.start, fig.end, ",;:.!?\n")
        near = dates[max(0, k - 3):k + 4]  # dates are in text order: the neighbours
        # a date something is moved to or lasts until is no anchor ("hat Anfang Mai auf den
        # 26. Mai 2026 verschoben": early May of the year of publication)
        years = {o._expr.year for o in near if o is not fig and getattr(o, "_expr", None) is not None
                 and o._expr.year and not o._expr.fiscal and a <= o.start < b
                 and min(abs(o.start - fig.end), abs(fig.start - o.end)) <= 25
                 and not TARGET_BEFORE.search(text, max(0, o.start - 14), o.start)}
        if len(years) == 1:
            fig.date_value = resolve(replace(expr, year=years.pop()), None)


def dates_over_durations(text: str, found: list, figures: list, rules) -> tuple[list, list]:
    """The months of a year so far that hold a duration are a date ("in den ersten neun Monaten":
    since January, not nine months; rules: `year_so_far`, not after `per_month`); any other date
    that overlaps a duration gives way to it. `found`: the dates (Figure), `figures`: (span, record)."""
    durations = SpanIndex([f for _, f in figures if f["label"] == "DURATION"])  # by bisection: linear cost

    def holds(d, a, b):
        return d.start <= a and b <= d.end and (d.start, d.end) != (a, b) and d.rule == "date_months_elapsed" \
            and rules.year_so_far.match(text, d.start) and not rules.per_month.search(text, max(0, d.start - 120), d.start)
    found = [d for d in found if all(holds(d, f["start"], f["end"]) for f in durations.overlapping(d.start, d.end))]
    held = SpanIndex(found)
    figures = [(s, f) for s, f in figures if not (f["label"] == "DURATION" and any(
        holds(d, f["start"], f["end"]) for d in held.overlapping(f["start"], f["end"])))]
    return found, figures


DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
APPOSED_WEEKDAY = re.compile(r",\s+(?:einem|einen|an\s+einem)\s+")  # "am 21. Juli, einem Sonntag"


def weekday_of_date(text: str, dates: list) -> None:
    """ "Am 21. Juli, einem Sonntagabend, …": a weekday in apposition to a day is that day."""
    for a, b in zip(dates, dates[1:]):
        if b.rule == "date_weekday" and a.date_value and DAY_VALUE.fullmatch(a.date_value) \
                and APPOSED_WEEKDAY.fullmatch(text, a.end, b.start):
            b.date_value = a.date_value


def resolve_by_narrative(dates: list) -> None:
    """Without a publication date, "am 27. Jänner" takes the year of the last date
    before it that names one (HeidelTime's narrative reference time)."""
    ref_year: str | None = None
    ref_end = -1
    for fig in dates:
        expr = getattr(fig, "_expr", None)
        # Only a nearby date with a month anchors the story; a bare year ("bis 2030")
        # often names a deadline, not the time of the events.
        if fig.date_value and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", fig.date_value):
            ref_year, ref_end = fig.date_value, fig.end
        elif fig.date_value is None and ref_year and fig.start - ref_end < 400 and expr is not None \
                and expr.month and expr.year is None and expr.weekday is None and expr.rel_unit is None:
            fig.date_value = resolve(replace(expr, future=False), ref_year)


def season_months(text: str, dates: list, ranges: dict) -> None:
    """ "Herbst 2007", "im vergangenen Sommer": the season's months (rules: season_ranges), not only
    its year (date_mod still says which part of it, as periods and tenses read it); a season
    resolved to no year stays as it is."""
    if not ranges:
        return
    words = sorted(ranges, key=len, reverse=True)
    for f in dates:
        if f.rule.startswith("date_season") and f.date_value and len(f.date_value) == 4 and f.date_value.isdigit():
            word = next((w for w in words if w in text[f.start:f.end]), None)
            if word is not None:
                f.date_value = season_interval(int(f.date_value), *ranges[word])
