"""Dates: rule examples, property tests of the pure resolver, dateline detection."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quellenlage.dateline import find_dateline
from quellenlage.dates import DateRules, scan_dates
from quellenlage.figures import FigureRules, scan_figures
from quellenlage.normalize.dates import DateExpr, resolve, season_interval
from quellenlage.rules import RuleSet

RULES = RuleSet.load()
DR = DateRules.from_ruleset(RULES)
FR = FigureRules.from_ruleset(RULES)
MONTHS = {int(k): v for k, v in RULES.get("dates")["months"].items()}


def dates_of(text, published=None):
    taken = [(f.start, f.end) for f in scan_figures(text, FR)]
    return scan_dates(text, DR, published, taken)


@pytest.mark.parametrize("example", RULES.get("dates")["examples"], ids=lambda e: e["text"][:40])
def test_date_examples(example):
    got = [{"text": example["text"][f.start:f.end], "value": f.date_value,
            **({"mod": f.date_mod} if f.date_mod else {}),
            **({"relation": f.date_relation} if f.date_relation else {})}
           for f in dates_of(example["text"], example.get("published"))]
    assert got == example["dates"]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["long", "numeric", "iso"]), st.booleans())
def test_written_dates_parse_back(day, style, austrian):
    names = MONTHS[day.month]
    month = names[1] if austrian and day.month in (1, 2) else names[0]
    text = {"long": f"am {day.day}. {month} {day.year}", "numeric": f"am {day.day}.{day.month}.{day.year}",
            "iso": f"am {day.isoformat()}"}[style]
    [fig] = dates_of(f"Das Modell erschien {text} in Europa.")
    assert fig.date_value == day.isoformat()


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(0, 6))
def test_weekdays_resolve_to_the_last_such_day(pub, weekday):
    value = resolve(DateExpr(weekday=weekday), pub.isoformat())
    day = dt.date.fromisoformat(value)
    assert day.weekday() == weekday and 0 <= (pub - day).days < 7
    future = dt.date.fromisoformat(resolve(DateExpr(weekday=weekday, future=True), pub.isoformat()))
    assert future.weekday() == weekday and 0 <= (future - pub).days < 7


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(-3, 3))
def test_relative_years_and_weeks(pub, off):
    assert resolve(DateExpr(rel_unit="year", rel_offset=off), pub.isoformat()) == str(pub.year + off)
    # a week is its seven days, Monday to Sunday, the one `off` weeks from publication
    first, last = map(dt.date.fromisoformat, resolve(DateExpr(rel_unit="week", rel_offset=off), pub.isoformat()).split("/"))
    assert first.weekday() == 0 and (last - first).days == 6 and first <= pub + dt.timedelta(weeks=off) <= last
    # Without a publication date nothing is guessed.
    assert resolve(DateExpr(rel_unit="year", rel_offset=off), None) is None


@given(st.integers(1, 12), st.integers(2000, 2090), st.integers(1, 12), st.booleans())
def test_month_without_year_is_its_nearest_occurrence(month, year, pub_month, future):
    value = resolve(DateExpr(month=month, future=future), f"{year}-{pub_month:02d}")
    y, m = map(int, value.split("-"))
    ahead = (y * 12 + m) - (year * 12 + pub_month)
    assert m == month
    if future:
        assert 0 <= ahead <= 11   # the next such month
    else:
        assert -6 <= ahead <= 5   # the nearest such month, the past one at equal distance


@given(st.text(max_size=100))
@settings(max_examples=200)
def test_arbitrary_text_never_raises(s):
    for fig in scan_dates(s, DR, "2025-03-04"):
        assert 0 <= fig.start < fig.end <= len(s)


def test_dateline_fills_published_and_is_no_figure(tmp_path, rules):
    from quellenlage.run import run
    import pandas as pd
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Berlin, 28. Januar 2025 – OpenAI hat am Montag ein neues Modell vorgestellt. "
        "Vergangene Woche gab es erste Gerüchte über das Projekt.", encoding="utf-8")
    run([str(tmp_path / "in")], tmp_path / "out", model="rules", rules_dir=str(rules.root))
    doc = pd.read_parquet(tmp_path / "out" / "documents").iloc[0]
    assert (doc["published"], doc["published_source"]) == ("2025-01-28", "dateline")
    figs = pd.read_parquet(tmp_path / "out" / "figures")
    assert list(figs["text"]) == ["Montag", "Vergangene Woche"]
    assert list(figs["date_value"]) == ["2025-01-27", "2025-01-20/2025-01-26"]


def test_dateline_needs_a_line_start():
    assert find_dateline("Am 21. Januar 2025 stellte OpenAI vor.", DR) is None
    assert find_dateline("Veröffentlicht am 21.01.2025\nText", DR).date_value == "2025-01-21"


def test_a_bylines_date_under_headline_and_teaser_is_the_dateline():
    text = ("Nintendo verdient weniger\n\nDer Umsatz ist um ein Drittel gefallen. Am 5. Juni kommt die Switch 2.\n\n"
            "Lisa Berger\n9. Mai 2025, 09:12\n\nIm Geschäftsjahr sank der Umsatz.")
    assert find_dateline(text, DR).date_value == "2025-05-09"
    assert find_dateline("A\nB\nC\nD\nE\nF\nG\n9. Mai 2025, 09:12\n", DR) is None  # too far down: a date in the text


@given(st.integers(1000, 2998), st.integers(1, 12), st.integers(1, 12))
def test_a_season_is_its_months_in_order(year, first, last):
    start, end = season_interval(year, first, last).split("/")
    assert start == f"{year}-{first:02d}" and end[5:] == f"{last:02d}"
    assert end > start or end == start  # never ends before it begins: a season past December ends the next year
    assert int(end[:4]) == year + (last < first)


def test_seasons_are_their_months():
    figs = dates_of("Im Herbst 2007 begann es, im Winter 2009 ruhte es, im vergangenen Sommer ging es weiter.", "2011-05-02")
    assert [(f.date_value, f.date_mod) for f in figs] == [("2007-09/2007-11", "end"), ("2009-12/2010-02", "end"),
                                                          ("2010-06/2010-08", "mid")]


@pytest.mark.parametrize("value, years, quarters, grain, want", [
    ("2024-Q3", -1, 0, "same", "2023-Q3"),         # Vorjahresquartal
    ("2024-Q1", 0, -1, "same", "2023-Q4"),         # Vorquartal across a year
    ("FY2025-Q2", -1, 0, "same", "FY2024-Q2"),     # a fiscal quarter
    ("2024-01/2024-09", -1, 0, "same", "2023-01/2023-09"),  # "ein Jahr zuvor" after nine months
    ("2024-07/2024-09", -1, 0, "same", "2023-Q3"),  # a calendar quarter by its months
    ("2024-Q4", -1, 0, "year", "2023"),             # "Vorjahr" after a quarter: the year before
    ("2024-H1", 0, -1, "same", None),               # no quarter before a half
    ("2023-06", 1, 0, "same", "2024-06"),           # "ein Jahr später" after a month
])
def test_compared_periods_shift_their_anchor(value, years, quarters, grain, want):
    from quellenlage.date_compared import shifted
    assert shifted(value, years, quarters, grain, month_ok=grain == "same") == want


def test_a_compared_period_without_an_earlier_one_is_no_date():
    found = [(f.start, f.date_value) for f in dates_of("Der Umsatz lag über dem Vorjahresquartal.", "2024-11-14")]
    assert found == []


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(1, 12))
def test_the_running_quarter_holds_publication(pub, start):
    """ "im laufenden Quartal": the quarter publication falls in, of the fiscal year that starts in
    month `start` (named by the year it ends in) when it is shifted, else of the calendar year."""
    expr = DR.current_period("laufenden Quartal", pub.isoformat(), start, True)
    first = dt.date(pub.year if pub.month >= start else pub.year - 1, start, 1)
    months = (pub.year - first.year) * 12 + pub.month - first.month
    assert expr.quarter == months // 3 + 1 and expr.fiscal == (start != 1)
    assert expr.year == (first.year + (1 if start != 1 else 0))
    assert resolve(expr, pub.isoformat()) == (f"FY{expr.year}" if start != 1 else str(expr.year)) + f"-Q{expr.quarter}"
