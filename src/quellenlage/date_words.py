"""Dates named by words and numeric forms beyond the core patterns of dates.py: relative days
("gestern", "übermorgen"), holidays fixed and movable (Easter computed for the year),
ordinal words ("am zweiten Mai"), weekdays and weeks with a modifier ("nächsten Montag",
"kommende Woche"), the weekend, "Ende des Monats", numeric dates with slashes or hyphens
("22/04/2025", "3-7-2025"), and ranges of days as one span with an ISO interval ("3. bis
5. März", "von Montag bis Freitag"). Pure, no spaCy; the words come from rules/<lang>/dates.yaml.

One rule for a date without a year (or a weekday without a week): the occurrence nearest the
publication date, the next one when the clause speaks of the future, the last one when it
speaks of the past.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Iterator

from quellenlage.figure import Figure
from quellenlage.normalize.dates import parse_published, week_span
from quellenlage.normalize.numbers import parse_ordinal_word
from quellenlage.patterns import alternation, gated

SP = r"[ \u00a0\u202f\t]+"
DASH = r"(?:[ \u00a0\u202f]*[–—-][ \u00a0\u202f]*|" + SP + r"bis(?:" + SP + r"zum)?" + SP + r")"
TODAY_STOPS = ".;:!?\n„“”»«\""
YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"


def easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nearest(pub: dt.date, make, tense: int) -> dt.date | None:
    """Of the candidates `make(year)` for the years around `pub`, the nearest to it; only
    later ones when `tense` > 0, only earlier ones when `tense` < 0 (the day itself counts)."""
    days = [d for d in (make(pub.year + k) for k in (-1, 0, 1)) if d is not None]
    if tense > 0:
        days = [d for d in days if d >= pub] or days
    elif tense < 0:
        days = [d for d in days if d <= pub] or days
    return min(days, key=lambda d: (abs((d - pub).days), d)) if days else None


def nearest_tense(text: str, a: int, b: int, pos: int, future_re: re.Pattern, past_re: re.Pattern) -> int:
    """+1 or -1 by the tense marker in text[a:b] nearest to `pos` (0: none): "setzte von Juli
    bis September 7,5 Mrd. um und übertraf die Prognose" is the past July. A future marker
    wins at the same distance."""
    best = None
    for sign, rx in ((1, future_re), (-1, past_re)):
        for m in rx.finditer(text, a, b):
            d = 0 if m.start() <= pos < m.end() else min(abs(m.start() - pos), abs(m.end() - pos))
            if best is None or d < best[0]:
                best = (d, sign)
    return best[1] if best else 0


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class DateWords:
    def __init__(self, cfg: dict, month_of: dict[str, int], weekday_of: dict[str, int], numbers,
                 future_re: re.Pattern, past_re: re.Pattern, clause_past_re: re.Pattern | None = None):
        self.cfg, self.month_of, self.weekday_of, self.numbers = cfg, month_of, weekday_of, numbers
        self.future_re, self.past_re = future_re, past_re
        self.clause_past_re = clause_past_re or past_re  # (with the perfect: the date's own clause)

    # --- patterns ---
    @cached_property
    def _months(self) -> str:
        ambiguous = set(self.cfg.get("ambiguous_months") or [])
        return alternation(f for f in self.month_of if "." not in f and f not in ambiguous)

    @cached_property
    def _month(self) -> str:
        return r"(?P<month>" + self._months + r")(?!\w)"

    @cached_property
    def _weekday(self) -> str:
        return alternation(f for f in self.weekday_of if "." not in f)

    @cached_property
    def holidays(self) -> tuple[re.Pattern, dict[str, tuple[str, int]]]:
        table = {name: ("fixed", int(md[:2]) * 100 + int(md[3:])) for name, md in (self.cfg.get("holidays") or {}).items()}
        table.update({name: ("easter", int(k)) for name, k in (self.cfg.get("movable_holidays") or {}).items()})
        return gated(r"(?<![\w-])(?P<h>" + alternation(table) + r")(?!\w)(?:" + SP + YEAR + r")?"), table

    @cached_property
    def relative_days(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?P<w>" + alternation(self.cfg.get("relative_days") or {"(?!)": 0})
                          + r")(?![\w-])", re.IGNORECASE)

    @cached_property
    def today_cues(self) -> re.Pattern:
        return re.compile(r"(?<!\w)(?:" + alternation(self.cfg.get("today_cues") or ["(?!)"]) + r")(?!\w)")

    @cached_property
    def modifiers(self) -> dict[str, int]:
        return {k.lower(): int(v) for k, v in (self.cfg.get("weekday_modifiers") or {}).items()}

    @cached_property
    def modified(self) -> re.Pattern:
        mods = alternation(self.cfg.get("weekday_modifiers") or {"(?!)": 0})
        return re.compile(r"(?<![\w-])(?:(?P<mod>" + mods + r")" + SP + r"(?:(?P<week>Woche)(?:" + SP + r"(?P<wd2>"
                          + self._weekday + r"))?|(?P<weekend>Wochenende)|(?P<wd>" + self._weekday + r"))"
                          # "Dienstagabend vergangener Woche": a part of the day glued on
                          + r"|(?P<wd3>" + self._weekday + r")(?:" + alternation(self.cfg.get("day_parts") or ["(?!)"]) + r")?"
                          + SP + r"(?P<mod3>" + mods + r")" + SP + r"Woche"
                          + r"|(?<=\bam" + SP[:-1] + r")(?P<weekend0>Wochenende))(?!\w)", re.IGNORECASE)

    @cached_property
    def patterns(self) -> list[tuple[str, re.Pattern]]:
        m, wd = self._month, self._weekday
        return [
            ("day_range_month", gated(r"(?<![\d.])(?P<d1>\d{1,2})\.(?:" + SP + r"(?P<m1>" + self._months
                                           + r"))?" + r"(?P<gap>" + DASH + r"|" + SP + r"und(?:" + SP + r"dem)?" + SP
                                           + r")(?P<d2>\d{1,2})\." + SP + m + r"(?:" + SP + YEAR + r")?")),
            ("numeric_range", gated(r"(?<![\d.])(?P<d1>\d{1,2})\.(?:(?P<m1>\d{1,2})\.(?P<y1>\d{4})?)?" + DASH
                                         + r"(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4})?(?![\d])")),
            ("weekday_range", gated(r"(?<!\w)(?P<w1>" + wd + r")" + SP + r"bis" + SP + r"(?P<w2>" + wd + r")(?:"
                                         + SP + r"(?P<mod>" + alternation(self.cfg.get("weekday_modifiers") or {"(?!)": 0}) + r")" + SP
                                         + r"Woche)?(?!\w)")),
            # (no year range: 'zwischen 1996 und 2023' is two years, start and end, as the guidelines keep it)
            ("calendar_week", gated(r"(?<![\w-])(?:KW|Kalenderwoche)" + SP + r"(?P<w>\d{1,2})(?!\d)(?:" + SP + YEAR + r")?")),
            ("slash_date", gated(r"(?<![\d./-])(?P<d>\d{1,2})(?P<sep>[/-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/-])")),
            ("ordinal_day", re.compile(r"(?<![\w-])(?P<o>[a-zäöüß]+(?:te|ten|ter|tes|ste|sten))" + SP + m
                                       + r"(?:" + SP + YEAR + r")?")),
            ("month_edge", gated(r"(?<!\w)(?P<mod>Anfang|Mitte|Ende)" + SP + r"(?:des|diese[sn])" + SP
                                      + r"(?P<which>Monats)(?!\w)")),
            # "im März des Vorjahres", "im Juni vergangenen Jahres": a month of a year named relative to publication
            ("month_of_year", gated(r"(?<!\w)" + m + SP + r"(?:des" + SP + r")?(?P<rel>"
                                         + alternation(self.cfg.get("month_year_relative") or {"(?!)": 0}) + r")(?!\w)")),
        ]

    # --- finding ---
    def find(self, text: str, published: str | None) -> Iterator[Figure]:
        y, mo, d = parse_published(published)
        pub = _day(y, mo, d) if y and mo and d else None
        yield from self._holidays(text, pub)
        yield from self._relative_days(text, pub)
        yield from self._modified(text, pub)
        for name, rx in self.patterns:
            for m in rx.finditer(text):
                fig = getattr(self, "_" + name)(text, m, pub)
                if fig is not None:
                    yield fig

    def tense(self, text: str, pos: int) -> int:
        """+1 when the clause around `pos` speaks of the future, -1 of the past, else 0."""
        lo, hi = max(0, pos - 300), min(len(text), pos + 300)  # bounded: linear in the text
        # its own clause first ("In den Handel kommt das Headset am 10. Oktober, vorbestellen lässt es sich
        # bereits seit Mittwoch": the next 10 October), else its sentence
        for stops, past in ((".;!?\n,", self.clause_past_re), (".;!?\n", self.past_re)):
            a = max(max(text.rfind(ch, lo, pos) for ch in stops) + 1, lo)
            ends = [i for i in (text.find(ch, pos, hi) for ch in stops) if i >= 0]
            found = nearest_tense(text, a, min(ends) if ends else hi, pos, self.future_re, past)
            if found:
                return found
        return 0

    def _fig(self, s: int, e: int, value: str | None, rule: str) -> Figure:
        fig = Figure(s, e, "DATE", rule=rule)
        fig.date_value = value
        return fig

    def _holidays(self, text: str, pub: dt.date | None) -> Iterator[Figure]:
        rx, table = self.holidays
        for m in rx.finditer(text):
            kind, n = table[m.group("h")]

            def make(year: int, kind=kind, n=n) -> dt.date | None:
                return _day(year, n // 100, n % 100) if kind == "fixed" else easter(year) + dt.timedelta(days=n)
            if m.group("year"):
                day = make(int(m.group("year")))
            else:
                day = nearest(pub, make, self.tense(text, m.start())) if pub else None
            yield self._fig(m.start(), m.end(), day.isoformat() if day else None, "date_holiday")

    def _relative_days(self, text: str, pub: dt.date | None) -> Iterator[Figure]:
        offsets = {k.lower(): int(v) for k, v in (self.cfg.get("relative_days") or {}).items()}
        morning = {w.lower() for w in self.cfg.get("morning_before") or []}
        for m in self.relative_days.finditer(text):
            word = m.group("w")
            low = word.lower()
            before = re.search(r"(\w+)\W*$", text[max(0, m.start() - 20):m.start()])
            prev = before.group(1).lower() if before else ""
            if low == "morgen" and (word[0].isupper() and not _sentence_start(text, m.start()) or prev in morning):
                continue  # "am Morgen", "heute Morgen": the morning
            if low == "heute":  # its clause, inside any quotation marks around it
                lo = max(0, m.start() - 300)
                a = max(max(text.rfind(ch, lo, m.start()) for ch in TODAY_STOPS) + 1, lo)
                ends = [i for i in (text.find(ch, m.end(), m.end() + 300) for ch in TODAY_STOPS) if i >= 0]
                if not self.today_cues.search(text[a:min(ends) if ends else m.end() + 300]):
                    continue  # "heute" as "nowadays"
            value = (pub + dt.timedelta(days=offsets[low])).isoformat() if pub else None
            yield self._fig(m.start(), m.end(), value, "date_relative_day")

    def _modified(self, text: str, pub: dt.date | None) -> Iterator[Figure]:
        for m in self.modified.finditer(text):
            mod = m.group("mod") or m.group("mod3")
            k = self.modifiers[mod.lower()] if mod else None
            if pub is None:
                yield self._fig(m.start(), m.end(), None, "date_modified")
                continue
            if k is None:  # "am Wochenende": the coming one, or the last when the clause looks back
                k = -1 if self.tense(text, m.start()) < 0 and pub.weekday() < 5 else 0
            monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=k)
            if m.group("wd3"):  # "Freitag vergangener Woche": that week's day
                value = (monday + dt.timedelta(days=self.weekday_of[_cap(m.group("wd3"))])).isoformat()
            elif m.group("weekend") or m.group("weekend0"):
                this_sat = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=5)
                if k == 0:
                    sat = this_sat
                elif k > 0:  # the first weekend after publication, then weekends on
                    sat = (this_sat if pub.weekday() < 5 else this_sat + dt.timedelta(weeks=1)) + dt.timedelta(weeks=k - 1)
                else:  # the last weekend before it
                    sat = this_sat - dt.timedelta(weeks=1) + dt.timedelta(weeks=k + 1)
                value = f"{sat.isoformat()}/{(sat + dt.timedelta(days=1)).isoformat()}"
            elif m.group("week"):
                if m.group("wd2"):
                    value = (monday + dt.timedelta(days=self.weekday_of[_cap(m.group("wd2"))])).isoformat()
                else:
                    value = week_span(monday)
            else:
                wd = self.weekday_of[_cap(m.group("wd"))]
                if k > 0:   # the first such day after publication, then weeks on
                    day = pub + dt.timedelta(days=(wd - pub.weekday() - 1) % 7 + 1) + dt.timedelta(weeks=k - 1)
                elif k < 0:  # the last such day before publication
                    day = pub - dt.timedelta(days=(pub.weekday() - wd - 1) % 7 + 1) + dt.timedelta(weeks=k + 1)
                else:
                    day = monday + dt.timedelta(days=wd)
                value = day.isoformat()
            yield self._fig(m.start(), m.end(), value, "date_modified")

    def _day_range_month(self, text: str, m: re.Match, pub: dt.date | None) -> Figure | None:
        if "und" in m.group("gap") and not re.search(r"zwischen(?:\s+dem)?\s*$", text[max(0, m.start() - 15):m.start()], re.IGNORECASE):
            return None  # "am 10. und 14. Juni" names two days; "zwischen dem 10. und 14. Juni" a range
        m2 = self.month_of[m.group("month")]
        m1 = self.month_of[m.group("m1")] if m.group("m1") else m2
        return self._interval(m, pub, (m1, int(m.group("d1"))), (m2, int(m.group("d2"))),
                              int(m.group("year")) if m.group("year") else None, "date_day_range")

    def _numeric_range(self, text: str, m: re.Match, pub: dt.date | None) -> Figure | None:
        year = m.group("y2") or m.group("y1")
        return self._interval(m, pub, (int(m.group("m1") or m.group("m2")), int(m.group("d1"))), (int(m.group("m2")), int(m.group("d2"))),
                              int(year) if year else None, "date_day_range")

    def _interval(self, m: re.Match, pub, first: tuple[int, int], last: tuple[int, int], year: int | None,
                  rule: str) -> Figure | None:
        if year is None:
            if pub is None:
                return self._fig(m.start(), m.end(), None, rule)
            end = nearest(pub, lambda y: _day(y, *last), 0)
            year = end.year if end else pub.year
        a = _day(year if first <= last else year - 1, *first)
        b = _day(year, *last)
        if a is None or b is None or b < a:
            return None
        return self._fig(m.start(), m.end(), f"{a.isoformat()}/{b.isoformat()}", rule)

    def _weekday_range(self, text: str, m: re.Match, pub: dt.date | None) -> Figure | None:
        if pub is None:
            return self._fig(m.start(), m.end(), None, "date_weekday_range")
        w1, w2 = self.weekday_of[_cap(m.group("w1"))], self.weekday_of[_cap(m.group("w2"))]
        k = self.modifiers.get((m.group("mod") or "").lower())  # "… nächster Woche": from rules/<lang>/dates.yaml
        if k is None:  # the coming days, or the past ones when the clause speaks of the past
            tense = self.tense(text, m.start())
            start = pub - dt.timedelta(days=(pub.weekday() - w1) % 7) if tense < 0 else \
                pub + dt.timedelta(days=(w1 - pub.weekday()) % 7)
        else:
            start = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=k, days=w1)
        end = start + dt.timedelta(days=(w2 - w1) % 7)
        return self._fig(m.start(), m.end(), f"{start.isoformat()}/{end.isoformat()}", "date_weekday_range")

    def _calendar_week(self, text: str, m: re.Match, pub: dt.date | None) -> Figure | None:
        week = int(m.group("w"))
        year = int(m.group("year")) if m.group("year") else (pub.isocalendar()[0] if pub else None)
        if year is None:
            return self._fig(m.start(), m.end(), None, "date_calendar_week")
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            return None
        return self._fig(m.start(), m.end(), f"{year:04d}-W{week:02d}", "date_calendar_week")

    def _slash_date(self, text: str, m: re.Match, pub: dt.date | None) -> Figure | None:
        day = _day(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return self._fig(m.start(), m.end(), day.isoformat(), "date_numeric") if day else None

    def _ordinal_day(self, text: str, m: re.Match, pub: dt.date | None) -> Figure | None:
        n = parse_ordinal_word(m.group("o"), self.numbers)
        if n is None or not 1 <= n <= 31:
            return None
        month = self.month_of[m.group("month")]
        if m.group("year"):
            day = _day(int(m.group("year")), month, n)
        else:
            day = nearest(pub, lambda y: _day(y, month, n), self.tense(text, m.start())) if pub else None
        if day is None and (m.group("year") or pub):
            return None
        return self._fig(m.start(), m.end(), day.isoformat() if day else None, "date_ordinal_day")

    def _month_of_year(self, text: str, m: re.Match, pub: dt.date | None) -> Figure | None:
        fig = self._fig(m.start(), m.end(), None, "date_month_of_year")
        if pub is not None:
            year = pub.year + int(self.cfg["month_year_relative"][m.group("rel")])
            fig.date_value = f"{year:04d}-{self.month_of[m.group('month')]:02d}"
        return fig

    def _month_edge(self, text: str, m: re.Match, pub: dt.date | None) -> Figure | None:
        fig = self._fig(m.start(), m.end(), None, "date_edge")
        fig.date_mod = {"Anfang": "start", "Mitte": "mid", "Ende": "end"}[m.group("mod")]
        if pub is not None:
            fig.date_value = f"{pub.year:04d}-{pub.month:02d}" if m.group("which") == "Monats" else f"{pub.year:04d}"
        return fig


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def _sentence_start(text: str, pos: int) -> bool:
    return not text[:pos].strip() or text[:pos].rstrip()[-1:] in ".!?:\n\"„“"
