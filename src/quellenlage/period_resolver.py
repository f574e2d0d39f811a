"""The period a claim is about (SPEC §5 `period`): a date in its clause or sentence, a period
named relative to the passage's period, a heading, the document's main reporting period;
fiscal quarters follow the subject's fiscal calendar. Pure, no spaCy."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from itertools import chain

from quellenlage.normalize.periods import (FiscalCalendar, half_ending, extent, grain, last_completed_quarter, last_fourth_quarter,
                                           next_quarter, pub_date, quarter_ending, span_period, quarter_of, shift, year_so_far)

from quellenlage.date_context import months_until
from quellenlage.frame_rules import FrameRules
from quellenlage.patterns import cue_finditer, cue_search
from quellenlage.textutil import TO_LEVEL, SpanIndex, bracketed_before, dash_insertion

STRONG_COMPARISON = re.compile(r"(?:gegenüber|im\s+Vergleich\s+zu[mr]?|verglichen\s+mit|als\s+im|nach\s+zuvor|(?:weniger|mehr|höher|niedriger)\s+als|(?:Niveau|Wert|Werte)\s+(?:von|aus))\s+(?:de[mnr]\s+|die\s+|das\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)
RELATIVE_CLAUSE = re.compile(r"\s*(?:das|der|die|welche[rs]?)\s")

YEAR_IN = re.compile(r"(?<!\d)(?:\d{4}|'\d{2}|/\d{2})(?!\d)")
QUARTER_NUMBER = re.compile(r"(?:Q\s?([1-4])|([1-4])\.\s|(erst|zweit|dritt|viert|letzt)e[nrs]?\s)", re.IGNORECASE)
ORDINALS = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "letzt": 4}
FISCAL_BEFORE = re.compile(r"(?:fiskalische[nmrs]?|Geschäfts-?|Fiskal-?)\s+(?:\w+\s+)?$", re.IGNORECASE)
GOVERNED = re.compile(r"\s*(?:,\s*)?(?:mit|von|bei|auf|:|\()\s*(?:(?:rund|etwa|knapp|gut|damals|noch|nur|erst)\s+)?")
GRAIN_RANK = {"quarter": 0, "half": 0, "year": 1, "month": 2, "week": 3, "day": 3}
CALENDAR_WORDS = re.compile(r"\s*(?:des\s+)?Kalender(?:jahre?s?|quartals?)\b", re.IGNORECASE)
FISCAL_NAMED = re.compile(r"Geschäfts|[Ff]iskal|GJ|FY")
RELATIVE = ("previous_year", "previous_quarter", "current_quarter", "final_quarter", "holiday_quarter", "whole_year", "first_half",
            "second_half", "year_to_date", "reported")
# "von Januar bis September": the "von" opens the range, it compares with nothing.
NOW_CONTRAST = re.compile(r"(?<![\w-])(?:[Nn]un|[Jj]etzt|[Dd]iesmal|[Nn]unmehr|[Aa]ktuell|[Ii]nzwischen)(?![\w-])")
RANGE_OPENER = re.compile(r"(?<!\w)[Vv]o[nm]\s+$")


ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Dd]em|[Dd]es|[Ee]ine?[mnrs]?)\s+$")
PARTICIPLE_AFTER = re.compile(r"\s+[a-zäöüß]+(?:te|ene)[mnrs]?(?![\w-])")
AND_BETWEEN = re.compile(r"(?<![\w-])(?:und|sowie)(?![\w-])")
UNTIL_GAP = re.compile(r"\s*\(?\s*bis\s+(?:zum\s+)?")  # "Geschäftsjahr bis Ende September 2024": the cue is the date's


class PeriodResolver:
    """The period a figure is about (SPEC §5 `period`), in this order: a date in its clause
    (or a clause of its sentence without figures of its own), a period named relative to the
    passage's period ("im Vorjahresquartal", "im Vorquartal", "im laufenden Quartal",
    "im Gesamtjahr"), a heading, and (for what is reported per period) the document's main
    reporting period. Fiscal quarters follow the subject's fiscal calendar."""

    def __init__(self, rules: FrameRules, text: str, dates: list[dict], published: str | None,
                 headings: list[tuple[int, int]], fiscal_text: bool):
        self.r = rules
        self.text = text
        self.dates = [d for d in dates if d["label"] == "DATE"]
        self.figures = [d for d in dates if d["label"] != "DATE"]
        self.date_index, self.figure_index = SpanIndex(self.dates), SpanIndex(self.figures)
        self._heading_ends = [h[1] for h in headings]
        self.published = pub_date(published)
        self.headings = headings
        self.fiscal_text = fiscal_text  # the article speaks of fiscal periods
        self._outlook: dict[tuple[int, int], bool] = {}

    def explicit(self, fig: dict, clauses: list[tuple[int, int]], time: str, aspect: str,
                 fiscal: FiscalCalendar | None, earlier: list[tuple[int, int]] = (),
                 antecedent: tuple[int, int] | None = None) -> tuple[str | None, str | None]:
        """(period, relative cue): a date in the clauses (nearest first), or a relative cue
        (`previous_year`, `previous_quarter`, `current_quarter`, `whole_year`, `first_half`,
        `second_half`, `year_to_date`, `reported`); then a date in an `earlier` clause of the sentence ("Bei der
        Runde im Oktober 2024 hatte OpenAI 6,6 Milliarden eingesammelt, damals bei einer
        Bewertung von 157 Milliarden")."""
        found = self._explicit(fig, clauses, time, aspect, fiscal, relative=True)
        if found == (None, None) and antecedent is not None:
            # "… als im Vorjahresquartal, in dem Nvidia 35 Mrd. umsetzte": the clause the
            # relative clause hangs on names the period, compared or not.
            found = self._explicit(fig, [antecedent], time, aspect, fiscal, relative=True, compare=False)
        if found == (None, None) and earlier and not any(NOW_CONTRAST.search(self.text, a, b) for a, b in clauses):
            # not "Erst im Mai hatte X 6000 Stellen gestrichen, nun folgt die nächste Welle: Rund
            # 9000 …": a clause that says "nun" speaks of now, not of the earlier clause's time
            found = self._explicit(fig, list(reversed(earlier)), time, aspect, fiscal, relative=False)
            if found == (None, None) and self.published:
                # "Im Schlussquartal zog das Wachstum auf 3,2 % an, das Ebitdaal lag hier bei 3,25 Mrd.":
                # the quarter that opens the sentence is its figures' (not one compared with)
                opening = next((rel for d in self.date_index.starting(earlier[0][0], earlier[0][1])
                                for rel in [self._relative(d["start"], d["end"])]
                                if rel in OPENING_QUARTERS and not self.figure_index.starting(earlier[0][0], d["start"])), None)
                if opening:
                    found = (self.relative(opening, None, fiscal), None)
        return found

    def _explicit(self, fig, clauses, time, aspect, fiscal, relative: bool, compare: bool = True) -> tuple[str | None, str | None]:
        """The best period named in `clauses`: dates without a relation word before those with
        one ("von Juli bis September"), periods before months, the nearest first; a date nearer
        to another figure of its clause belongs to that figure ("3,72 Dollar nach 3,30 Dollar
        ein Jahr zuvor")."""
        cands = []
        for k, (cs, ce) in enumerate(clauses):
            others = [f["start"] for f in self.figure_index.starting(cs, ce) if f is not fig]
            describes = self._describes_date(cs)
            for d in self.date_index.starting(cs, ce):
                held_since = time == "stock" and k == 0 and d.get("date_relation") == "since" and d.get("date_value")
                if not d["end"] <= ce or compare and self._compared(d["start"], d["end"], fig) and not held_since \
                        and self._relative(d["start"], d["end"]) != "year_to_date" \
                        and not ("/" in (d.get("date_value") or "") and RANGE_OPENER.search(self.text, max(0, d["start"] - 6), d["start"])):
                    continue
                if bracketed_before(self.text, d["start"], fig["start"]) or self._next_conjunct(d["start"], d["end"], fig, others) \
                        or cue_search(self.r.period_cue("meeting_words"), self.text, max(0, d["start"] - 25), d["start"]):
                    continue  # "(2023: 4,37 Mrd.), +84 %"; "der Generalversammlung im September": the meeting's
                if self.r.founding_attribute.match(self.text, d["end"]) and not d["start"] <= fig["start"] < d["end"] \
                        or dash_insertion(self.text, d["start"], fig["start"]):  # ("2020 – … 1920 gegründet – sank der Umsatz")
                    continue  # "Das 2019 gegründete Start-up sammelte 100 Mio. ein": not the round's year
                if describes and not (cs <= fig["start"] < ce):
                    continue  # "im Geschäftsjahr 2025, das Ende September endete": the year is the period
                # "im März des Vorjahres": a month resolved to its year is no relative period
                # ("im laufenden Geschäftsjahr": the fiscal year its date already names)
                # (nor, for a count at a point in time, a time ago where no quarter was named before: "vor einem Jahr waren
                # es noch etwa 40" is a year before the article, not before the quarter a report is about)
                rel = None if d.get("rule") in ("date_month_of_year", "date_fiscal_relative") and d.get("date_value") \
                    or time == "stock" and d.get("rule") == "date_ago" and d.get("date_value") and not self._quarter_before(d["start"]) \
                    else self._relative(d["start"], d["end"])
                if relative and self._nearer_other(d["start"], d["end"], fig, others, bool(rel)):
                    continue
                if rel and not relative:
                    continue
                period = None if rel else self._date_period(d, time, aspect, fiscal) or (held_since or None)  # "seit März kostet sie …"
                if period is None and rel is None:
                    continue
                rank = GRAIN_RANK.get(grain(period) if period else "quarter", 3) if time == "flow" else 0
                cands.append(((k > 0, bool(d.get("date_relation")), rank, abs(d["start"] - fig["start"])), period, rel))
            for m in chain(cue_finditer(self.r.period_cue("anaphoric"), self.text, cs, ce),
                           cue_finditer(self.r.period_cue("anaphoric_period"), self.text, cs, ce) if time == "flow" else ()):
                if self.text[m.end():m.end() + 1].isspace() and (self.r.period_cue("anaphoric_compared").match(self.text, m.end() + 1)
                                                                 or any(d["start"] <= m.end() + 2 for d in self.date_index.starting(m.end(), m.end() + 3))):
                    continue  # "im gleichen Quartal des Vorjahres", "im selben Zeitraum 2023": not the period named before
                prior = [d for d in self.date_index.starting(m.start() - 700, m.start())
                         if d["end"] <= m.start() and m.start() - d["end"] < 600 and d.get("date_value")]
                if prior:
                    cands.append(((k > 0, False, -1, abs(m.start() - fig["start"])), prior[-1]["date_value"], None))
            if relative:
                cues = [(m.span(), name) for name in RELATIVE for m in cue_finditer(self.r.period_cue(name), self.text, cs, ce)]
                for (a, b), name in cues:
                    if any(x <= a and b <= y and (x, y) != (a, b) for (x, y), _ in cues) or name not in COMPARING \
                            and any(x < b and a < y for (x, y), other in cues if other in COMPARING):
                        continue  # "Quartal" inside "laufende Quartal"; "im Geschäftsjahr davor" compares
                    if bracketed_before(self.text, a, fig["start"]) or (compare and self._compared(a, b, fig)) or any(d["start"] < b and a < d["end"] or b <= d["start"] <= b + 1
                                                                      or UNTIL_GAP.fullmatch(self.text, b, d["start"]) is not None
                                                                      for d in self.date_index.starting(a - 200, b + 12)) \
                            or self._nearer_other(a, b, fig, others, name in COMPARING) \
                            or any(b <= o <= b + 14 and CUE_OF_NEXT.fullmatch(self.text, b, o) for o in others):
                        # "Im Gesamtjahr stieg der Umsatz um 44 % auf 51,6 Mrd.": both figures;
                        # "unter dem Vorjahreswert von 1,81 Mio.": the figure it names, not this one
                        continue
                    cands.append(((k > 0, False, 0, abs(a - fig["start"])), None, name))
            if cands and k == 0:
                break  # the figure's own clause names a period: it decides
        if not cands:
            return None, None
        _, period, rel = min(cands, key=lambda c: c[0])
        if rel in ("current_quarter", "final_quarter", "holiday_quarter") and self.published:
            return self.relative(rel, None, fiscal), None
        return period, rel

    def _quarter_before(self, pos: int) -> bool:
        """Does a date before `pos` name a quarter or a half (a report's period)?"""
        return any(grain(d.get("date_value")) in ("quarter", "half") for d in self.date_index.starting(0, pos))

    def _describes_date(self, cs: int) -> bool:
        """Is the clause at cs a relative clause right after a date ("Geschäftsjahr 2025, das
        Ende September endete", "Quartal, das am 27. September endete")?"""
        if not RELATIVE_CLAUSE.match(self.text, cs):
            return False
        comma = self.text.rfind(",", max(0, cs - 3), cs + 1)
        return comma >= 0 and (any(comma - 3 <= d["end"] <= comma for d in self.date_index.starting(comma - 200, comma))
                               # "Im Geschäftsjahr, das Ende März endete": the year words name the period
                               or self.r.period_noun_before.search(self.text, max(0, comma - 30), comma) is not None)

    def _nearer_other(self, s: int, e: int, fig: dict, others: list[int], relative: bool) -> bool:
        """Does a date belong to another figure of the clause? A date after the figure with
        another figure in between ("3,72 Dollar nach 3,30 Dollar ein Jahr zuvor") belongs to
        that one; so does a relative period before the figure with another figure in between
        ("im Vorquartal mit 44,1 Mrd., nun 46,7 Mrd."). A date before all figures ("Im dritten
        Quartal stieg der Umsatz um 62 % auf 57 Mrd.") is the whole clause's."""
        if s >= fig["end"]:
            return any(fig["end"] <= o < s for o in others)
        # ("von 20,7 Prozent im Vorjahresquartal auf 17,3 Prozent": the start's period; but "Im Vorjahreszeitraum
        # hatte X 64,77 Mio. erlöst und einen Verlust von 533 Mio. geschrieben": one time for both of its predicates)
        between = [o for o in others if e <= o < fig["start"]]
        if relative and between and not any(o < s for o in others) and AND_BETWEEN.search(self.text, between[-1], fig["start"]) \
                and not NOW_CONTRAST.search(self.text, e, fig["start"]):
            return False
        return relative and (any(e <= o < fig["start"] for o in others)
                             or any(o < s for o in others) and TO_LEVEL.fullmatch(self.text, e, fig["start"]) is not None)

    def _next_conjunct(self, s: int, e: int, fig: dict, others: list[int]) -> bool:
        """Is a date after the figure in the next conjunct, which has a figure of its own after
        it ("beschäftigt rund 6.000 Mitarbeiter und kam im Ende Januar abgelaufenen
        Geschäftsjahr auf einen Umsatz von 4,2 Mrd.": the year is the revenue's)?"""
        return s >= fig["end"] and bool(AND_BETWEEN.search(self.text, fig["end"], s)) and any(o >= e for o in others)

    def in_outlook(self, sentence: tuple[int, int]) -> bool:
        """Does the sentence look ahead (a forecast or target cue)? (Once per sentence.)"""
        found = self._outlook.get(sentence)
        if found is None:
            # "früher als geplant", "besser als erwartet": a comparison, no look ahead
            blocked = [m.span() for m in cue_finditer(self.r.comparison, self.text, *sentence)]
            found = self._outlook[sentence] = any(
                k in ("forecast", "target") and any(not any(a <= m.start() and m.end() <= b for a, b in blocked)
                                                    for m in cue_finditer(rx, self.text, *sentence))
                for k, rx in self.r.aspect_clause)
        return found

    def before_window(self, fig: dict, clause: tuple[int, int], window: int | None) -> bool:
        """A count at an earlier, vaguely dated time: "nach rund 100.000 H100 im vergangenen Jahr"
        (a date of the clause that ended before the publication's window)."""
        if not self.published or not window:
            return False
        for d in self.date_index.starting(*clause):
            if d["end"] <= clause[1] and not d.get("date_relation") and not self._attributive(d):
                span = extent(d.get("date_value"))
                if span and (self.published - span[1]).days > window:
                    return True
        return False

    def _attributive(self, d: dict) -> bool:
        """A date that only describes a noun ("Das 2003 gegründete Unternehmen bringt 8.000
        Mitarbeiter mit"): between an article and a participle, not the time of the clause."""
        return bool(ARTICLE_BEFORE.search(self.text, max(0, d["start"] - 8), d["start"])
                    and PARTICIPLE_AFTER.match(self.text, d["end"]))

    def heading_period(self, pos: int, flow: bool, aspect: str, fiscal: FiscalCalendar | None) -> str | None:
        """The period a heading above the figure names (for what is reported per period)."""
        k = bisect.bisect_right(self._heading_ends, pos)
        if not k or not flow or pos - self.headings[k - 1][1] >= 1500:
            return None
        hs, he = self.headings[k - 1]
        for d in self.date_index.starting(hs, he):
            if d["end"] <= he and not d.get("date_relation"):
                p = self._date_period(d, "flow" if flow else "stock", aspect, fiscal)
                if p and grain(p) in ("quarter", "half", "year"):
                    return p  # "Dividende steigt, Hauptversammlung im Februar": a month names no report
        return None

    def relative(self, cue: str, ref: str | None, fiscal: FiscalCalendar | None) -> str | None:
        if cue == "current_quarter":
            return quarter_of(self.published, fiscal) if self.published else None
        if cue == "final_quarter":
            return last_fourth_quarter(quarter_of(self.published, fiscal)) if self.published else None
        if cue == "holiday_quarter":  # October to December, the last begun (a fiscal year's quarter holding them)
            if not self.published:
                return None
            return quarter_of(dt.date(self.published.year - (self.published.month < 10), 12, 15), fiscal)
        if ref is None:
            return None
        if cue == "previous_year":
            return shift(ref, "year", -1)
        if cue == "previous_quarter":
            return shift(ref, "quarter", -1)
        if cue == "year_to_date":
            return year_so_far(ref)  # "nach neun Monaten"
        if cue in ("whole_year", "first_half", "second_half"):
            m = re.match(r"(FY)?(\d{4})", ref)
            if not m:
                return None
            year = (m.group(1) or "") + m.group(2)
            return year if cue == "whole_year" else f"{year}-H{1 if cue == 'first_half' else 2}"
        return ref  # reported: the passage's own period

    # --- helpers ---
    def _compared(self, pos: int, end: int | None = None, fig: dict | None = None) -> bool:
        """ "gegenüber dem Vorjahresquartal": what a change compares with, not the period;
        unless the figure follows right after ("im Vergleich zum Vorquartal mit 44,1 Mrd."), not
        as a signed change ("Umsatz ggü. Vorjahresquartal: +75 %")."""
        if fig is not None and end is not None and end <= fig["start"] and fig["text"][:1] not in "+-−±" and \
                GOVERNED.match(self.text, end, fig["start"]) and GOVERNED.match(self.text, end, fig["start"]).end() == fig["start"]:
            return False
        if self.r.as_of_opener.search(self.text, max(0, pos - 25), pos) and (
                DAY_AT.match(self.text, pos) or self.r.period_cue("as_of").match(self.text, pos)):
            return False  # "Zum 30. September arbeiteten 15.598 Menschen", "Zum Jahresende …": as of that day
        return bool(self.r.period_comparison.search(self.text, max(0, pos - 40), pos))

    def _relative(self, s: int, e: int) -> str | None:
        if YEAR_IN.search(self.text, s, e):
            return None  # "im ersten Halbjahr 2024": a period of its own
        for name in RELATIVE[:-1]:  # (a cue may open before the date: "seit Jahresbeginn")
            m = cue_search(self.r.period_cue(name), self.text, max(0, s - 6), min(len(self.text), e + 12))
            if m and m.start() < e and m.end() > s:
                return name
        return None

    def _ends_early(self, text: str) -> bool:
        """Does a span's last month follow "Anfang" ("September bis Anfang Dezember")?"""
        last = text.rsplit(None, 1)[0] if " " in text else ""
        return any(not last[m.end():].strip() for m in self.r.period_cue("span_ends_early").finditer(last))

    def compared(self, d: dict) -> bool:
        """A date something is compared with ("Gegenüber dem dritten Quartal, …")."""
        return bool(STRONG_COMPARISON.search(self.text, max(0, d["start"] - 30), d["start"]))

    def relative_or_compared(self, d: dict) -> bool:
        """A date named relative to another period, or what something is compared with."""
        return bool(self._relative(d["start"], d["end"])
                    or STRONG_COMPARISON.search(self.text, max(0, d["start"] - 30), d["start"]))

    def date_period(self, d: dict, fiscal: FiscalCalendar | None) -> str | None:
        """A DATE figure as an actual reporting period (for the document's main period)."""
        return self._date_period(d, "flow", "actual", fiscal)

    def _date_period(self, d: dict, time: str, aspect: str, fiscal: FiscalCalendar | None) -> str | None:
        """A DATE figure as the period of a figure: per period (`flow`) a quarter, half, year or
        month, not the day of the news; at a point in time (`stock`) a day or month (or the end
        of a longer period); an event's date (`event`) at any grain."""
        flow = time == "flow"
        value, text = d.get("date_value"), d["text"]
        if value and d.get("rule", "").startswith("date_season"):
            value = value[:4]  # "im Frühjahr 2000": a season says of a figure's period no more than its year
        if value and "/" in value:
            return span_period(value, fiscal, self._ends_early(text))
        after = self.text[d["end"]:d["end"] + 40]
        g = grain(value)
        before = self.text[max(0, d["start"] - 40):d["start"]]
        until = self.r.period_cue("quarter_until")
        if value and g == "month" and (self.r.period_cue("quarter_ending").match(after.lstrip()) or any(
                not before[m.end():].strip() for m in until.finditer(before))):
            y, mo = int(value[:4]), int(value[5:7])
            return quarter_ending(y, mo, fiscal)
        if value and g == "month" and any(not before[m.end():].strip()
                                          for m in self.r.period_cue("half_until").finditer(before)):
            return half_ending(int(value[:4]), int(value[5:7]), fiscal)  # "in den sechs Monaten bis Ende September"
        if value and g == "month" and any(not before[m.end():].strip()
                                          for m in self.r.period_cue("nine_months_until").finditer(before)):
            return months_until(int(value[5:7]), 9, int(value[:4]), None)  # "in den neun Monaten bis Ende September"
        if value and g in ("month", "day") and flow and (self.r.year_until.search(before) or self.r.year_ended_after.match(after)):
            # "im Geschäftsjahr bis Ende Januar 2024", "das Ende März abgeschlossene Geschäftsjahr": the
            # (fiscal) year that ended then; "in den zwölf Monaten bis Ende März" of a calendar-year
            # company: those months
            y, mo = int(value[:4]), int(value[5:7])
            if (fiscal is None or fiscal.start_month == 1) and mo != 12:
                return months_until(mo, 12, y, None)
            q = quarter_ending(y, mo, fiscal)
            return q.rsplit("-", 1)[0] if q else None
        if flow and g in ("day", "week"):
            return None  # "am Mittwoch meldete …": the day of the news, not the period
        if time == "stock" and self.r.year_ended_after.match(after):
            return None  # "im Ende Januar abgelaufenen Geschäftsjahr": when a year ended, not when it was counted
        if time == "stock" and g == "year" and d.get("date_mod") != "end" and not (value or "").startswith("FY") and d.get("rule") != "date_ago" \
                and not (self.published and text.startswith("Jahr ") and value[:4].isdigit() and int(value[:4]) < self.published.year - 1):
            return None  # a count at a point in time: "2024" says too little of when ("im vierten Quartal 2024
            # hatte Roblox 85,3 Mio. tägliche Nutzer" says enough); "im Jahr" long past does ("hatte im Jahr 2000 fast 95.000 Mitarbeiter"), not any year near it
        q = QUARTER_NUMBER.search(text)
        quarter = int(q.group(1) or q.group(2)) if q and (q.group(1) or q.group(2)) else ORDINALS.get((q.group(3) or "").lower()) if q else None
        yearless = not YEAR_IN.search(text)
        if quarter and yearless and self.published and (value is None or g == "quarter" or value.startswith("FY")):
            # "im ersten Geschäftsquartal", "im dritten Quartal (des Kalenderjahres)": which year the
            # company's calendar and the publication date say, not a guess from elsewhere in the text.
            fiscal_named = bool(FISCAL_NAMED.search(text)) or bool(
                FISCAL_BEFORE.search(self.text, max(0, d["start"] - 30), d["start"]))
            if CALENDAR_WORDS.match(self.text, d["end"]):
                fiscal, fiscal_named = None, False
            return self._yearless_quarter(quarter, aspect, fiscal, fiscal_named=fiscal_named)
        if value and value.startswith("FY"):
            return value
        if value and g == "quarter" and FISCAL_BEFORE.search(self.text, max(0, d["start"] - 30), d["start"]):
            return "FY" + value  # "sein fiskalisches erstes Quartal 2026"
        return value

    def _yearless_quarter(self, quarter: int, aspect: str, fiscal: FiscalCalendar | None, fiscal_named: bool) -> str | None:
        """ "im dritten Quartal" without a year: the latest such quarter that ended before
        publication (the next one for forecasts), read fiscally when the company's fiscal year
        is shifted and the article speaks of fiscal periods, unless the calendar reading is
        clearly the recent one."""
        pub = self.published
        shifted = fiscal is not None and fiscal.start_month != 1
        readings = []
        if shifted and (fiscal_named or self.fiscal_text):
            readings.append(("fiscal", fiscal))
        if not fiscal_named or not shifted:
            readings.append(("calendar", None))
        best = None
        for kind, cal in readings:
            # an estimate is of the quarter nearest to publication, reported or to come ("Analysten
            # hatten für das vierte Quartal …" in January; "erwarten für das vierte Quartal …" in November)
            for ahead in ((False, True) if aspect == "estimate" else (aspect != "actual",)):
                if not ahead:
                    label = last_completed_quarter(pub, quarter, cal, kind == "fiscal")
                    span = extent(label, cal) if label else None
                    score = (pub - span[1]).days if span else None
                else:
                    label = next_quarter(pub, quarter, cal)
                    span = extent(label, cal) if label else None
                    score = (span[1] - pub).days if span else None
                if score is not None and (best is None or score < best[0] - (45 if kind == "calendar" else 0)):
                    best = (score, label)
        return best[1] if best else None


CUE_OF_NEXT = re.compile(r"\s*(?:von|mit|bei|in Höhe von|:|\()?\s*")
# Relative cues that name a period compared with: a figure between them and the figure keeps them.
DAY_AT = re.compile(r"\d{1,2}\.\s")
COMPARING = frozenset({"previous_year", "previous_quarter"})
OPENING_QUARTERS = frozenset({"current_quarter", "final_quarter", "holiday_quarter"})
