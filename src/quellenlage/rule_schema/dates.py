"""Schema of rules/<lang>/dates.yaml (read by src/quellenlage/dates.py and frame_rules.py)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from quellenlage.rule_schema.base import (DateMod, DateRelation, Half, IsoPartialDate, Month, Quarter, Rules,
                                          Word, Words, count, regex)

Offset = Annotated[int, Field(ge=-10, le=10)]
MonthDay = Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]


class ExpectedDate(Rules):
    text: str
    value: str | None = Field(description="the ISO partial date, or null when it cannot be resolved")
    relation: DateRelation | None = None
    mod: DateMod | None = None


class DatesExample(Rules):
    text: str
    published: IsoPartialDate | None = None
    dates: list[ExpectedDate]


class ComparedPeriod(Rules):
    """A period named against an earlier date's ("nach 349 Mio. im Vorjahresquartal")."""
    years: Annotated[int, Field(ge=-5, le=5)] = 0
    quarters: Annotated[int, Field(ge=-4, le=4)] = 0
    grain: Literal["same", "year"] = Field(default="same", description="same: the earlier date's own grain; year: its year")


class DatesFile(Rules):
    months: dict[Month, Annotated[list[Word], Field(min_length=1)]] = Field(
        description="month number -> its names: 1: [Januar, Jänner, …]")
    ambiguous_months: Words = []
    name_months: Words = Field(default=[], description="months that are also first names: August before a capitalised "
                               "word is a person (\"von August Claas\") unless a date word stands before it")
    name_month_dated_after: Words = Field(default=[], description="words before such a month that make it the month: im, seit, …")
    weekdays: dict[Annotated[int, Field(ge=0, le=6)], Words] = Field(description="0 (Monday) … 6 -> names")
    mods: dict[DateMod, Words] = Field(description="start/mid/end -> period words: start: [Anfang, …]")
    seasons: dict[Word, DateMod] = Field(description="season -> start, mid or end")
    season_months: dict[Word, Month] = {}
    season_ranges: dict[Word, Annotated[list[Month], Field(min_length=2, max_length=2)]] = Field(default={}, description="season -> its first and last month: Herbst: [9, 11]")
    day_parts: Words = []
    quarters: dict[Word, Quarter] = Field(description="ordinal word -> quarter: erste: 1, …")
    halves: dict[Word, Half] = Field(description="ordinal word -> half: erste: 1, …")
    relations: dict[DateRelation, Words] = Field(description="since/until/before/after -> prepositions")
    relative_years: dict[Offset, Words] = Field(description="offset in years -> phrases: -1: [vergangenen Jahr, …]")
    relative_weeks: dict[Offset, Words] = Field(description="offset in weeks -> phrases")
    relative_months: dict[Offset, Words] = Field(description="offset in months -> phrases")
    future_markers: Words = Field(description="words that point to the future: soll, wird, …")
    compared_markers: Words = Field(default=[], description="als, wie: a future marker a few words after one compares (\"mehr als von Experten erwartet\"), it looks nowhere ahead")
    ahead_before: Words = Field(default_factory=list, description="words right before a weekday that make it the next one: ab, bis, …")
    behind_before: Words = Field(default_factory=list, description="words right before a bare month that make it the last one: vom, seit, …")
    this_year_before: Words = Field(default_factory=list, description="words right before a bare month that make it this year's: heuer im, …")
    fiscal_words: Annotated[list[Word], Field(min_length=1)] = Field(description="Geschäftsjahr, FY, …")
    relative_modifiers: dict[Word, Offset] = Field(description="word -> offset: vergangenen: -1, …")
    ago_units: dict[Word, Literal["year", "month", "week", "day"]] = Field(
        description="form -> unit counted back: Jahren: year, …")
    present_markers: Words = Field(default=[], description="present verbs of a schedule: a clause with one keeps its own tense (kommt, startet)")
    past_markers: Words = []
    perfect: str | None = Field(default=None, description=(
        "regular expression for an auxiliary of the perfect whose participle ends the clause: past as the markers are "
        "('Am Mittwoch hat die Kette Insolvenz angemeldet')"))
    weak_past_words: Words = Field(default_factory=list, description="adverbs that look back unless a modal verb stands right before them: bereits")
    modal_verbs: Words = Field(default_factory=list, description="könnte, soll, wird, …: before a weak past marker they make it look ahead")
    year_so_far: str | None = Field(default=None, description=(
        "regular expression at the start of a months-so-far date that holds a duration: 'ersten neun Monaten'"))
    per_month: Words = Field(default=[], description="im Monat, …: before a months-so-far date, a tariff's months, no date")
    next_clause: str | None = Field(default=None, description=(
        "regular expression for a coordinated clause with its own verb after a date: its tense is not the date's "
        "('verdient im dritten Quartal weniger und rechnet für das Gesamtjahr …')"))
    past_participle_after: str | None = Field(default=None, description=(
        "regular expression for a participle right after a date that makes it past: 'die im Februar ausgerufene Strategie'"))
    fiscal_quarter_words: Words = []
    relative_fiscal_years: dict[Offset, Words] = {}
    month_year_relative: dict[Word, Offset] = Field(default={}, description="year after a month -> offset: Vorjahres: -1")
    quarter_names: dict[Word, Quarter] = {}
    months_elapsed: dict[Word, Annotated[int, Field(ge=1, le=12)]] = {}
    current_periods: dict[Word, Literal["quarter", "half", "fiscal_quarter", "fiscal_half"]] = Field(default={}, description=(
        "phrase -> the period of publication it names: 'laufenden Quartal': quarter, 'laufende Geschäftshalbjahr': fiscal_half"))
    compared_periods: dict[str, ComparedPeriod] = Field(default={}, description=(
        "phrase -> its shift from the period an earlier date of the passage names: Vorjahresquartal: "
        "{years: -1, grain: same}"))
    holidays: dict[Word, MonthDay] = {}
    movable_holidays: dict[Word, Annotated[int, Field(ge=-70, le=70)]] = Field(
        default={}, description="feast -> days after Easter Sunday: Pfingsten: 49")
    relative_days: dict[Word, Annotated[int, Field(ge=-7, le=7)]] = Field(
        default={}, description="word -> days from publication: gestern: -1")
    today_cues: Words = []
    recurring_before: Words = []
    quantity_before: Words = []
    reported_years: Words = Field(default=[], description="relative years that are the fiscal year just reported")
    score_before: Words = Field(default=[], description="score words on a line before a number that is no year (Elo)")
    skip_patterns: list[regex(prefix="(?:", suffix=")")] = Field(default=[], description="spans without dates: links")
    morning_before: Words = []
    weekday_modifiers: dict[Word, Annotated[int, Field(ge=-2, le=2)]] = {}
    examples: list[DatesExample] = []

    def summary(self) -> str:
        return count(sum(map(len, self.months.values())), "month name")
