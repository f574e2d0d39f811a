"""A document's periods as a whole, after its claims are made (claims.py): the periods its
dates name in text order (`named_periods`), the period it mainly reports on
(`dominant_period`) and the fiscal calendar it states (`stated_fiscal`). Pure."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from quellenlage.claim_cues import COMPARED_WITH
from quellenlage.frame_rules import FrameRules
from quellenlage.normalize.periods import FiscalCalendar, extent, grain, pub_date
from quellenlage.patterns import cue_search
from quellenlage.period_resolver import FISCAL_NAMED, STRONG_COMPARISON, PeriodResolver
from quellenlage.textutil import clauses, sentence_end, sentence_start

if TYPE_CHECKING:  # pragma: no cover
    from quellenlage.claim_rules import DocView


BRACKET_OPEN = re.compile(r"\s*\(\s*(?:im\s+|Vorjahr\s+|Vj\.\s+)?")


# a relative (or "als") clause opened after a comma, still open where the date stands (its pronoun
# followed by a small word: ", den der Konzern …", ", die im …"; not an article: ", der Vorgänger …")
BACKGROUND_CLAUSE = re.compile(r",\s+(?:den|die|das|dem|der|denen|als)\s+(?=[a-zäöüß])(?:[^,;.:!?]|\.(?=\d))*$")


def named_periods(figures: list[dict], periods: PeriodResolver, fiscal, dominant: str | None = None) -> list[tuple[int, str]]:
    """(position, period) of the dates that name a reporting period ("Geschäftsjahr 2025", "im
    dritten Quartal"), not a day, not a span "seit"/"bis"; a year a figure is compared with ("nach
    1,85 Mrd. im Jahr 2022", "664 Mio. (2022: 635 Mio.)") only when it is the document's `dominant`
    period itself (without one: when no later period was named before it)."""
    out = []
    last = None  # the last figure before, not a date
    for d in figures:
        if d["label"] != "DATE":
            last = d
            continue
        if d.get("date_relation") or periods.relative_or_compared(d) or cue_search(
                periods.r.period_cue("earlier_contrast"), periods.text, sentence_start(periods.text, d["start"]), sentence_end(periods.text, d["end"])):
            continue  # "gegenüber dem Vorjahr", "im Vorquartal", "2019 hatte der Konzern noch …": compared with, not reported on
        compared = last is not None and d["start"] - last["end"] <= 25 and (
            not re.search(r"[,;.:]", periods.text[last["end"]:d["start"]])
            and COMPARED_WITH.search(periods.text, max(0, last["start"] - 30), last["start"]) is not None
            or BRACKET_OPEN.fullmatch(periods.text, last["end"], d["start"]) is not None)  # "664 Mio. Euro (2022: 635 Mio.)"
        if d.get("date_mod") and grain(d.get("date_value")) in ("quarter", "half", "year"):
            continue  # "Ende 2023 waren es …": a point in time, not a period reported on
        if BACKGROUND_CLAUSE.search(periods.text, max(0, d["start"] - 80), d["start"]):
            continue  # "den ersten Platz zurück, den der Konzern im vierten Quartal 2023 an Apple abgeben musste": background
        p = periods.date_period(d, fiscal)
        if p and grain(p) == "year" and not p.startswith("FY") and cue_search(
                periods.r.period_cue("event_words"), periods.text, max(0, d["start"] - 60), min(len(periods.text), d["end"] + 40)):
            continue  # "Sie ging 2016 in Betrieb": the year of an event, no period the paragraph reports on
        if compared and (p != dominant if dominant is not None else bool(out) and p is not None and p < out[-1][1]):
            continue  # "kletterte auf 1,96 Mrd., nach 1,85 Mrd. im Jahr 2022": an earlier year, compared with
        if p and (p.startswith("FY") or grain(p) in ("quarter", "half", "year")):
            out.append((d["start"], p))
    return out



def dominant_period(claims: list[dict], view: "DocView", periods: PeriodResolver, fiscal_of,
                    grains: tuple[str, ...] | None = None) -> str | None:
    """The period a document mainly reports on: the quarter, half or fiscal year its actual
    per-period claims name most (twice the weight), or its dates name most (read with the fiscal
    calendar of the company the document's per-period claims are about); of those of `grains`
    only, if given (its main quarter)."""
    votes: Counter = Counter()
    where: dict[str, int] = {}  # where each period is first named
    subjects: Counter = Counter()
    day = pub_date(view.published) if view.published and len(view.published) >= 10 else None
    for c in claims:
        if c["time"] == "flow":
            subjects[c["subject"]] += 1
        if c["period"] and c["time"] == "flow" and c["aspect"] == "actual" \
                and (_reporting(c["period"]) or _last_year(c["period"], day)) \
                and not COMPARED_WITH.search(view.text, max(0, c["figure"]["start"] - 30), c["figure"]["start"]) \
                and not _for_comparison(view, c["figure"]["start"], periods):
            # (not a value compared with: "…, nach etwa 17 Mrd. im vergangenen Jahr", "Zum Vergleich: Im
            # zweiten Quartal hatte der Konzern 161,1 Mrd. umgesetzt")
            span = extent(c["period"], fiscal_of(c["subject"]))
            if day is not None and span is not None and span[1] > day:
                continue  # "Für das Geschäftsjahr 2026 rechnet Siemens mit …": not over yet, no report on it
            votes[c["period"]] += 2
            where.setdefault(c["period"], c["figure"]["start"])
    main = subjects.most_common(1)[0][0] if subjects else None
    fiscal = fiscal_of(main) if main else None
    first = True
    for f in view.figures:
        if f["label"] != "DATE" or f.get("date_relation") or view.skipped(f["start"], f["end"]):
            continue
        ss, se = view.sentence_of(f["start"])
        if periods.in_outlook(next(((a, b) for a, b in clauses(view.text, ss, se) if a <= f["start"] < b), (ss, se))):
            # "im vierten Quartal erwartet Nvidia …": the outlook's period, not the report's (its clause:
            # "Das Geschäftsjahr 2022/23 war das beste …, doch der Ausblick fällt verhalten aus" reports on the year)
            continue
        start = view.sentence_of(f["start"])[0]
        if cue_search(periods.r.period_cue("aside"), view.text, start, min(f["start"], start + 12)):
            continue  # "Allein im vierten Quartal verbuchten die Spanier …": a part of the period reported on
        v = periods.date_period(f, fiscal)
        after = str(int(v) + 1) if v and v.isdigit() else None
        if after and _last_year(after, day) and STRONG_COMPARISON.search(view.text, max(0, f["start"] - 30), f["start"]):
            votes[after] += 1  # "Der Umsatz lag knapp unter dem Wert von 2023", published in March 2025: 2024 is reported on
            where.setdefault(after, f["start"])
            continue
        # ("Geschäftsjahr 2024"; or last year as the first period the article names, early in the next:
        # "Telefónica ist im vergangenen Jahr in die Verlustzone gerutscht", published in February)
        if v and (_reporting(v) or grain(v) == "year" and (FISCAL_NAMED.search(f["text"]) or first and not f.get("date_mod") and _last_year(v, day))):
            votes[v] += 2 if first else 1  # the first period an article names is most often its subject
            if _results_for(view.text, f["start"], periods) and not _of_another(view, f["start"], main) \
                    and not _release_ahead(view, f["start"]):
                votes[v] += 10  # "die Zahlen für das Geschäftsjahr 2024 vorgelegt": what the article reports on, whatever it names more often
            where[v] = min(where.get(v, f["start"]), f["start"])
            first = False
    years = [p for p in votes if grain(p) == "year"]
    if years and cue_search(periods.r.period_cue("year_results"), view.text, 0, min(len(view.text), LEAD)):
        votes[min(years, key=lambda p: where.get(p, 0))] += 10  # "bei der Vorlage der Jahreszahlen"
    half = _results_half(view, periods, day, fiscal)
    if half is not None:
        votes[half] += 10  # "Auslöser waren die Halbjahreszahlen": the half just ended, whatever else is named
        where.setdefault(half, LEAD)
    if grains is not None:
        votes = Counter({p: v for p, v in votes.items() if grain(p) in grains})
    # (a tie goes to the period named first: "Für das abgelaufene Geschäftsjahr 2024/25 …", later "im Schlussquartal")
    return max(votes, key=lambda p: (votes[p], -where.get(p, 0), p)) if votes else None


LEAD = 1000  # the characters of title and lead, where an article names the period it reports on
HALF_RECENT = 100  # days: half-year results are told within this after the half ends


def _results_half(view: "DocView", periods: PeriodResolver, day: date | None, fiscal: FiscalCalendar | None) -> str | None:
    """The calendar half that ended last before publication, when the lead speaks of half-year
    results without naming the year ("Auslöser waren die Halbjahreszahlen", published in August)
    and the company keeps the calendar year (rules: period.half_results)."""
    if day is None or fiscal is not None and fiscal.start_month != 1:
        return None
    if not cue_search(periods.r.period_cue("half_results"), view.text, 0, min(len(view.text), LEAD)):
        return None
    end, label = (date(day.year, 6, 30), f"{day.year}-H1") if day.month > 6 else (date(day.year - 1, 12, 31), f"{day.year - 1}-H2")
    return label if 0 < (day - end).days <= HALF_RECENT else None


RESULTS_GAP = re.compile(r"(?:\s+(?:das|den|die|dem|des|sein|seine|seinen|ihr|ihre|ihren|abgelaufene[nm]?|vergangene[nm]?|"
                         r"zurückliegende[nm]?|gesamte[nm]?))*\s*$")


def _results_for(text: str, pos: int, periods: PeriodResolver) -> bool:
    """Is the date right after "Zahlen für (das)", "Bilanz für" (rules: period.results_for)?"""
    lead = text[max(0, pos - 80):pos]
    before = periods.r.period_cue("results_before")
    return any(RESULTS_GAP.fullmatch(lead, m.end()) and not (before is not None and _ends_with(before, lead[:m.start()]))
               for m in periods.r.period_cue("results_for").finditer(lead))


def _release_ahead(view: "DocView", pos: int) -> bool:
    """Does the sentence date the release after publication ("Seine Zahlen für das zweite
    Geschäftsquartal legt Apple am 2. Mai vor", published on 15 April)? Then the period is the
    next report's, not this one's."""
    if not view.published or len(view.published) < 10:
        return False
    ss, se = view.sentence_of(pos)
    return any(f["label"] == "DATE" and ss <= f["start"] < se and len(f.get("date_value") or "") == 10
               and f["date_value"] > view.published[:10] for f in view.figures)


def _ends_with(cue, text: str) -> bool:
    return any(m.end() >= len(text.rstrip()) for m in cue.finditer(text))


def _of_another(view: "DocView", pos: int, main: str | None) -> bool:
    """Does the sentence name organisations, none of them the one the document reports on ("Am
    Mittwoch legt SentinelOne Zahlen für das dritte Geschäftsquartal vor": a rival's quarter)?"""
    ss, se = view.sentence_of(pos)
    orgs = {e.name for e in view.entity_index.starting(ss, se) if e.type == "ORG" and e.end <= se}
    return bool(orgs) and main is not None and main not in orgs


def _for_comparison(view: "DocView", pos: int, periods: PeriodResolver) -> bool:
    """Does the figure's sentence open with "Zum Vergleich" (another period's figures)?"""
    start = view.sentence_of(pos)[0]
    m = cue_search(periods.r.period_cue("for_comparison"), view.text, start, min(pos, start + 30))
    return m is not None and not view.text[start:m.start()].strip()


def _last_year(period: str, day: date | None) -> bool:
    """A calendar year that actual figures name in the first half of the next year: the
    annual report's year ("Rheinmetall setzte 2024 9,75 Mrd. € um", published in March 2025)."""
    if day is None or grain(period) != "year" or not period.isdigit():
        return False
    return day.year == int(period) + 1 and day.month <= 6


def _reporting(period: str) -> bool:
    """A period a report is about: a quarter, a half, or a fiscal year ("Geschäftsjahr
    2024/25": an annual report; a calendar year alone is named too often to say so), or a
    year's first nine months ("in den ersten neun Monaten": the 9-month report)."""
    return grain(period) in ("quarter", "half") or (period.startswith("FY") and grain(period) == "year") \
        or bool(NINE_MONTHS.fullmatch(period))


NINE_MONTHS = re.compile(r"(\d{4})-01/\1-09")


def stated_fiscal(text: str, rules: FrameRules, published: str | None = None) -> FiscalCalendar | None:
    """The fiscal calendar an article states, if it states one (see `fiscal_statements`); or
    implies: "hat das Geschäftsjahr 2024 … abgeschlossen" in a November 2024 article closed a
    year that ended with the last quarter before (September)."""
    closed = rules.fiscal_closed.search(text) if published and len(published) >= 7 else None
    if closed and closed.group("y") == published[:4]:
        end = (int(published[5:7]) - 1) // 3 * 3  # the last month of the calendar quarter before publication
        if 0 < end < 12:
            return FiscalCalendar(end + 1)
    for kind, rx in rules.fiscal_statements:
        m = rx.search(text)
        if not m:
            continue
        month = rules.months[m.group("m")]
        if kind in ("year_start", "year_span"):
            start = month
        elif kind == "year_end":
            start = month % 12 + 1
        else:  # the n-th quarter ends in this month: the year ends 3 * (4 - n) months later
            n = ("erste", "zweite", "dritte", "vierte").index(m.group("n")) + 1
            start = (month + 3 * (4 - n)) % 12 + 1
        if start != 1:
            return FiscalCalendar(start)
    return None
