"""The claims' periods, second pass (claims.py): relative periods ("im Vorquartal") against the
period of their sentence, paragraph or document, headings, the document's main reporting
period for what is reported per period, and every period's calendar extent. `fiscal_of`: a
subject's fiscal calendar; `stated`: the one the article states. Pure, one document's claims."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from quellenlage.claim_cues import COMPARED_WITH
from quellenlage.claim_rules import DocView
from quellenlage.document_periods import dominant_period, named_periods
from quellenlage.normalize.periods import CALENDAR, calendar_label, claim_time, extent, grain
from quellenlage.patterns import cue_search
from quellenlage.period_resolver import COMPARING, PeriodResolver


def _named_periods(view: DocView, claims: list[dict], periods: PeriodResolver, fiscal_of, stated,
                   dominant: str | None) -> list[tuple[int, str]]:
    subjects = Counter(c["subject"] for c in claims if c["time"] == "flow")
    fiscal = fiscal_of(subjects.most_common(1)[0][0]) if subjects else stated
    return named_periods(view.figures, periods, fiscal, dominant)

HAD_EXPECTED = re.compile(r"(?<!\w)(?:hatten|hatte)(?!\w)")


def _compared_periods(view: DocView, claims: list[dict], periods: PeriodResolver, fiscal_of) -> set:
    """(sentence, period) of the periods a sentence compares with ("Gegenüber dem dritten
    Quartal, in dem SK Hynix 17,57 Bio. umgesetzt hatte, bedeutet das ein Plus von 12 %", or tells
    in contrast: "2019 hatte der Konzern noch …"): a figure of such a period does not say what the
    sentence reports on."""
    out = set()
    sentences = {c["sentence"]: c["subject"] for c in claims}
    contrast = periods.r.period_cue("earlier_contrast")
    for (ss, se), subject in sentences.items():
        earlier = cue_search(contrast, view.text, ss, se) is not None  # ("2019 hatte der Konzern noch 12 Mrd. erlöst")
        for d in view.figure_index.starting(ss, se):
            if d["label"] == "DATE" and d["end"] <= se and (earlier or periods.compared(d)):
                p = periods.date_period(d, fiscal_of(subject))
                if p:
                    out.add(((ss, se), p))
    return out


OUTLOOK_REACH = 400  # characters: how far an outlook's period goes on in its paragraph


YEAR_PARTS = ("first_half", "second_half", "whole_year")  # relative cues that complete a year


def resolve_periods(view: DocView, claims: list[dict], periods: PeriodResolver, fiscal_of, stated) -> None:
    """Relative periods against the passage's period, headings, then the document's main
    reporting period for what is reported per period; calendar extents for all."""
    dominant = dominant_period(claims, view, periods, fiscal_of)
    # the document's quarter, for a sentence that compares with a quarter (rules: quarter_comparison)
    # (the main period itself when it is a quarter: "Im Vorjahresquartal …" after "für 2025 vorgenommen")
    quarter = (dominant if grain(dominant) == "quarter" else dominant_period(claims, view, periods, fiscal_of, grains=("quarter",))) \
        if dominant else None
    quarterly: dict[tuple[int, int], bool] = {}

    def reported(c: dict, period: str | None) -> str | None:
        """The period a sentence without its own reports on: `period`, or the document's quarter
        where the sentence compares with a quarter and `period` is none."""
        if quarter is None or period is None or grain(period) == "quarter":
            return period
        if c["sentence"] not in quarterly:
            quarterly[c["sentence"]] = cue_search(periods.r.period_cue("quarter_comparison"), view.text, *c["sentence"]) is not None
        return quarter if quarterly[c["sentence"]] else period
    by_sentence: dict[tuple[int, int], str] = {}
    named_at: dict[tuple[int, int], int] = {}  # where in the sentence that period is named
    compared = _compared_periods(view, claims, periods, fiscal_of)
    for c in claims:  # the period each sentence reports on, named by an actual figure of it
        if c["period"] and not c["relative"] and c["aspect"] == "actual" and c["time"] == "flow" \
                and (c["sentence"], c["period"]) not in compared \
                and not COMPARED_WITH.search(view.text, max(0, c["figure"]["start"] - 30), c["figure"]["start"]):
            # not one compared with: "fiel auf 2,6 Mrd., nach 5,6 Mrd. im zweiten Quartal"
            by_sentence.setdefault(c["sentence"], c["period"])
            named_at.setdefault(c["sentence"], c["figure"]["start"])
    passage: tuple[int, str] | None = None  # (where, period) the paragraph last reported on
    outlook: tuple[int, str, str] | None = None  # (where, period, subject) of the paragraph's last outlook
    named = _named_periods(view, claims, periods, fiscal_of, stated, dominant)  # periods named by dates, in text order
    # the calendar a fiscal label of the article was read with: that of the company most of its
    # per-period claims are about (the main period's), else that of the company it names most
    flows = Counter(c["subject"] for c in claims if c["time"] == "flow")
    doc_fiscal = next((cal for cal in (fiscal_of(flows.most_common(1)[0][0]) if flows else None,
                                       fiscal_of(view.main_organisation)) if cal is not None and cal.start_month != 1), None)
    k = 0
    plain: dict[tuple, str] = {}  # (sentence, property, subject) -> the period of its last claim with one of its own
    for c in claims:
        while k < len(named) and named[k][0] < c["figure"]["start"]:
            passage, k = named[k], k + 1
        if passage is not None and "\n\n" in view.text[passage[0]:c["figure"]["start"]]:
            passage = None
        if c["sentence"] in by_sentence and c["figure"]["start"] >= named_at.get(c["sentence"], -1):
            # (not a figure before it: "Die Erlöse kletterten auf 671,4 Mio., im Schlussquartal waren es 178 Mio.")
            passage = (c["figure"]["start"], by_sentence[c["sentence"]])
        fig = c["figure"]
        fiscal = fiscal_of(c["subject"])
        if c["time"] != "static" and fig["label"] != "DATE":
            follows = c.get("follows")
            if c["period"] is None and follows is not None and not c["relative"] and not follows["relative"]:
                c["period"] = follows["period"]  # the claim it continues, now resolved
            # "Im Vorquartal waren es …", "Ein Jahr zuvor …": relative to the period of the
            # sentence, else of the paragraph so far, else the document's.
            ref = by_sentence.get(c["sentence"]) or reported(c, passage[1] if passage else dominant)
            # "Im ersten Halbjahr hatte X 1,54 Mrd. umgesetzt …, im Gesamtjahr 2018 standen …": a half
            # or a whole year without its year is not of a year the sentence names only after it
            late = c["relative"] in YEAR_PARTS and named_at.get(c["sentence"], -1) > fig["start"]
            if late:
                ref = reported(c, passage[1] if passage else dominant)
            key = (c["sentence"], c["property"], c["subject"])
            if c["relative"] in COMPARING and c["time"] == "flow" and key in plain:
                # "2022 setzte X 235,5 Mio. um, im ersten Halbjahr 2023 waren es 93,4 Mio. nach 104,9 Mio. im
                # Vorjahreszeitraum": the year before the period of the same figure just before it
                ref = plain[key]
            if c["period"] is None and c["relative"] in COMPARING and ref \
                    and cue_search(periods.r.period_cue("whole_year"), view.text, *c["sentence"]):
                # "Für das Gesamtjahr erwartet Bechtle ein Ergebnis … unter dem Vorjahreswert von rund 370 Mio.": last year's whole
                ref = periods.relative("whole_year", ref, fiscal) or ref
            if c["period"] is None and c["relative"]:
                if c["relative"] == "whole_year" and c["aspect"] in ("forecast", "target"):
                    ref = periods.relative("current_quarter", None, fiscal) or ref  # the year under way
                c["period"] = periods.relative(c["relative"], ref, fiscal)
                if c["period"] and c["relative"] not in COMPARING and c["aspect"] == "actual" and c["time"] == "flow":
                    # "Im Gesamtjahr kam X auf 66,2 Mrd. …, und einen Gewinn von 23,5 Mrd.": the
                    # period the sentence reports on from here
                    by_sentence.setdefault(c["sentence"], c["period"])
                    passage = (fig["start"], c["period"] if late else by_sentence[c["sentence"]])
            if c["period"] is None:
                c["period"] = periods.heading_period(fig["start"], claim_time(c["time"], c["measure"]) == "flow",
                                                     c["aspect"], fiscal)
            if c["period"] is None and c["aspect"] in ("forecast", "target") and c["time"] == "flow" and outlook is not None \
                    and outlook[2] == c["subject"] and fig["start"] - outlook[0] <= OUTLOOK_REACH \
                    and "\n\n" not in view.text[outlook[0]:fig["start"]] and not periods.r.period_word.search(view.text, *c["sentence"]):
                # "Für das laufende Geschäftsjahr rechnet X mit einem Umsatz von 2,55 Bio. Yen. … Der
                # operative Gewinn soll auf 794 Mrd. Yen steigen": the outlook goes on
                c["period"] = outlook[1]
            if c["period"] is None and c["aspect"] in ("forecast", "target") and c["time"] == "flow" \
                    and not periods.r.period_word.search(view.text, *c["sentence"]) \
                    and _outlook_for_year(view, c["sentence"][0], periods):
                # "Für das Gesamtjahr bestätigte Ionos die Prognose. Demnach soll das Ebitda auf rund 450 Mio. zulegen"
                c["period"] = periods.relative("whole_year", periods.relative("current_quarter", None, fiscal), fiscal)
            if c["aspect"] in ("forecast", "target") and c["time"] == "flow" and c["period"] is not None:
                outlook = (fig["start"], c["period"], c["subject"])
            # (what a count gained, "5,1 Mio. Neukunden", in the period reported on; not a price's move)
            per_period = c["time"] == "flow" or fig["label"] == "COUNT" and claim_time(c["time"], c["measure"]) == "flow"
            if c["period"] is None and per_period and not c["relative"] and (c["aspect"] == "actual" or (
                    c["aspect"] == "estimate" and HAD_EXPECTED.search(view.text, *c["sentence"]))):
                # (and what analysts had expected for it: "Analysten hatten nur 5,75 Mrd. erwartet")
                before = passage[1] if passage else dominant
                if passage and periods.published and (extent(before, fiscal or CALENDAR) or (periods.published,))[0] > periods.published:
                    before = dominant  # "eine Konsolenversion soll 2025 folgen. Außerhalb Chinas wuchs …": no actual of a year to come
                c["period"] = reported(c, before)
                if c["period"] != before:  # the paragraph goes on about that quarter
                    passage = (fig["start"], c["period"])
        if c.get("period_grain") == "year" and c["period"] and grain(c["period"]) in ("quarter", "half"):
            c["period"] = c["period"].split("-")[0]  # "Die Aktionäre sollen 32 Cent erhalten" after the fourth quarter: the year's
        if c["period"] and c["period"].startswith("FY") and (fiscal is None or fiscal.start_month == 1) \
                and doc_fiscal is not None and doc_fiscal.start_month != 1:
            # a date read with the main company's fiscal calendar ("im ersten Quartal" of an Apple
            # article is its FY2024-Q2), the figure a calendar company's: the same months, its label
            c["period"] = calendar_label(extent(c["period"], doc_fiscal)) or c["period"]
        if c["period"] and not c["relative"] and c["aspect"] == "actual":
            plain[(c["sentence"], c["property"], c["subject"])] = c["period"]
        # A company whose fiscal calendar nobody states keeps the calendar year: its
        # "Geschäftsjahr 2024" is the 2024 another source names.
        span = extent(c["period"], fiscal or CALENDAR)
        if span and c["time"] == "event" and YEAR.fullmatch(c["period"] or ""):
            span = _part_of_year(view, c["sentence"], c["period"]) or span
        c["period_start"], c["period_end"] = (span if span else (None, None))


YEAR = re.compile(r"\d{4}")
PART_OF_YEAR = {"start": (1, 3), "mid": (5, 8), "end": (10, 12)}  # a date's `date_mod`: its months


def _part_of_year(view: DocView, sentence: tuple[int, int], year: str):
    """ "hatte Ende 2023 rund 1500 Stellen gestrichen": an event of the months the sentence's date of
    that year names with its modifier (Anfang, Mitte, Ende: `date_mod`), not of any day of the year."""
    mod = next((f.get("date_mod") for f in view.figure_index.starting(*sentence)
                if f["label"] == "DATE" and f.get("date_value") == year and f.get("date_mod") in PART_OF_YEAR), None)
    if mod is None:
        return None
    a, b = PART_OF_YEAR[mod]
    y = int(year)
    return dt.date(y, a, 1), (dt.date(y + 1, 1, 1) if b == 12 else dt.date(y, b + 1, 1)) - dt.timedelta(days=1)


def _outlook_for_year(view: DocView, start: int, periods: PeriodResolver) -> bool:
    """Does the sentence before, in the same paragraph, set an outlook for the whole year ("Für
    das Gesamtjahr bestätigte Ionos die Prognose.")?"""
    prev = view.previous_sentence(start)
    if prev is None or "\n\n" in view.text[prev[0]:start]:
        return False
    return periods.in_outlook(prev) and cue_search(periods.r.period_cue("whole_year"), view.text, *prev) is not None
