"""The claim frame and its lexicon: `Frame` (period, segment, aspect, measure, basis) and
`FrameRules`, rules/<lang>/frames.yaml compiled into matchers. Pure, no spaCy."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from quellenlage.patterns import CueSet, alternation, cue_alternation, cue_re
from quellenlage.rules import RuleSet
from quellenlage.segment_rules import SegmentRules

YEAR_ONLY = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class Frame:
    period: str | None = None
    segment: str | None = None
    aspect: str = "actual"
    measure: str = "level"
    basis: str | None = None


@dataclass
class FrameRules(SegmentRules):
    cfg: dict
    months: dict = field(default_factory=dict)  # month name -> number (rules/<lang>/dates.yaml)
    minus_words: frozenset = frozenset()  # a sign as a word (rules/<lang>/numbers.yaml)

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "FrameRules":
        months = {name: int(n) for n, names in (rules.get("dates").get("months") or {}).items() for name in names}
        return cls(rules.get("frames"), months, frozenset(rules.get("numbers").get("minus_words") or []))

    # --- the fiscal calendar an article states ---
    @cached_property
    def fiscal_statements(self) -> list[tuple[str, re.Pattern]]:
        """ "Geschäftsjahr 2025, das Ende September endete", "Geschäftsjahr 2026, das am 1. Oktober
        begonnen hat", "vierte Fiskalquartal, das am 27. September endete", "Geschäftsjahr 2018/19 (30. September)"."""
        fc = self.cfg.get("fiscal_calendar") or {}
        if not fc or not self.months:
            return []
        month = r"(?P<m>" + alternation(m for m in self.months if not m.endswith(".")) + r")(?![\w.])"
        last = month[:-len(r"(?![\w.])")] + r"(?!\w)"  # a month ending the sentence: "beginnt jeweils im April."
        day = r"(?:Ende|Anfang|am\s+\d{1,2}\.|im)\s*"
        gap = r"[^.;]{0,40}?"
        ends, starts = alternation(fc["ends"]), alternation(fc["starts"])
        years, quarters = alternation(fc["year_words"]), alternation(fc["quarter_words"])
        return [
            ("year_end", re.compile(r"(?:" + years + r")" + gap + day + month + r"[^.;]{0,12}?\b(?:" + ends + r")")),
            ("year_start", re.compile(r"(?:" + years + r")" + gap + day + month + r"[^.;]{0,12}?\b(?:" + starts + r")")),
            # the verb first: "Das Geschäftsjahr des Konzerns, der …, beginnt jeweils im April"
            ("year_start", re.compile(r"(?:" + years + r")[^.;]{0,80}?\b(?:" + starts + r")\s+(?:jeweils\s+|stets\s+|immer\s+)?"
                                      + day + last)),
            ("year_end", re.compile(r"(?:" + years + r")[^.;]{0,80}?\b(?:" + ends + r")\s+(?:jeweils\s+|stets\s+|immer\s+)?"
                                    + day + last)),
            # the year's last day in brackets after it, the way financial papers write it: "im Geschäftsjahr 2018/19 (30. September)"
            ("year_end", re.compile(r"(?:" + years + r")\s+\d{4}/\d{2,4}\s*\(\s*(?:\d{1,2}\.\s*)?" + month + r"\s*\)")),
            ("year_span", re.compile(r"(?:" + years + r")" + gap + r"\bvon\s+(?:Anfang\s+)?" + month
                                     + r"\s+bis\s+(?:Ende\s+)?[A-ZÄÖÜ][a-zäöü]+")),
            ("quarter_end", re.compile(r"(?P<n>erste|zweite|dritte|vierte)[nrs]?\s+(?:" + quarters + r")" + gap + day
                                       + month + r"[^.;]{0,12}?\b(?:" + ends + r")")),
            # the verb as an attribute: "für das Ende März abgeschlossene Geschäftsjahr"
            ("year_end", re.compile(day + month + r"\s+(?:" + alternation(fc.get("ended") or ["(?!)"]) + r")\s+(?:" + years + r")\b")),
            # "im Geschäftsjahr bis Ende Januar 2024", "im vierten Quartal (bis 31. Januar 2025)"
            ("year_end", re.compile(r"(?:" + years + r")\s*\(?\s*bis\s+(?:Ende\s+|\d{1,2}\.\s*)" + month)),
            ("quarter_end", re.compile(r"(?P<n>erste|zweite|dritte|vierte)[nrs]?\s+(?:Quartals?|" + quarters
                                       + r")\s*\(?\s*bis\s+(?:Ende\s+|\d{1,2}\.\s*)" + month)),
            # "im dritten Geschäftsquartal (April bis Juni)": the months a quarter spans
            ("quarter_end", re.compile(r"(?P<n>erste|zweite|dritte|vierte)[nrs]?\s+(?:Quartals?|" + quarters
                                       + r")\s*\(\s*(?:von\s+)?[A-ZÄÖÜ][a-zäöü]+\s+bis\s+(?:Ende\s+)?" + month + r"\s*\)")),
        ]

    @cached_property
    def period_noun_before(self) -> re.Pattern:
        """A fiscal year's or quarter's word ending right before a point ("Im Geschäftsjahr|, das …")."""
        fc = self.cfg.get("fiscal_calendar") or {}
        return re.compile(r"(?<![\w-])(?:" + alternation(list(fc.get("year_words") or []) + list(fc.get("quarter_words") or []) or ["(?!)"]) + r")\s*$")

    @cached_property
    def fiscal_closed(self) -> re.Pattern:
        """ "hat das Geschäftsjahr 2024 mit einem Umsatzrückgang abgeschlossen": a (fiscal) year closed."""
        fc = self.cfg.get("fiscal_calendar") or {}
        return re.compile(r"(?:" + alternation(fc.get("year_words") or ["(?!)"]) + r")\s+(?P<y>20\d\d)(?!/)[^.;]{0,60}?\b(?:"
                          + alternation(fc.get("closed") or ["(?!)"]) + r")\b")

    @cached_property
    def year_until(self) -> re.Pattern:
        """Right before a month: "im Geschäftsjahr bis Ende September 2024" (the year ending then)."""
        fc = self.cfg.get("fiscal_calendar") or {}
        years = alternation(list(fc.get("year_words") or []) + list(fc.get("twelve_months") or []) or ["(?!)"])
        return re.compile(r"(?:" + years + r")\s*\(?\s*bis\s+(?:Ende\s+|zum\s+)?$")

    @cached_property
    def year_ended_after(self) -> re.Pattern:
        """Right after a date: "(Ende Januar) abgelaufenen Geschäftsjahr"."""
        fc = self.cfg.get("fiscal_calendar") or {}
        return re.compile(r"\s*(?:" + alternation(fc.get("ended") or ["(?!)"]) + r")\s+(?:"
                          + alternation(fc.get("year_words") or ["(?!)"]) + r")\b")

    @cached_property
    def year_named_after(self) -> re.Pattern:
        """A year right after a fiscal year's, a quarter's or the whole year's word: "für das vierte
        Quartal und das Gesamtjahr 2023" (the period of the figures, not a day of news)."""
        fc = self.cfg.get("fiscal_calendar") or {}
        words = list(fc.get("year_words") or []) + list(fc.get("quarter_words") or []) + ["Gesamtjahr", "Gesamtjahres"]
        return re.compile(r"(?<![\w-])(?:" + alternation(words) + r")\s+$")

    def period_bound(self, text: str, fig: dict) -> bool:
        """Is the date the end of a period ("(Ende Januar) abgelaufenen Geschäftsjahr", "im
        Geschäftsjahr bis Ende September 2024") or a year named as a period ("das Gesamtjahr 2023")?"""
        before = max(0, fig["start"] - 40)
        return bool(self.year_ended_after.match(text, fig["end"]) or self.year_until.search(text, before, fig["start"])
                    or YEAR_ONLY.fullmatch(fig["text"]) and self.year_named_after.search(text, before, fig["start"]))

    # --- aspect ---
    @cached_property
    def aspect_clause(self) -> list[tuple[str, re.Pattern]]:
        return [(k, cue_re(v)) for k, v in self.cfg["aspect"]["clause"].items()]

    @cached_property
    def aspect_govern(self) -> list[tuple[str, re.Pattern]]:
        return [(k, cue_re(v)) for k, v in self.cfg["aspect"]["govern"].items()]

    @cached_property
    def aspect_patterns(self) -> list[tuple[str, re.Pattern]]:
        return [(k, re.compile(p, re.IGNORECASE)) for k, ps in (self.cfg["aspect"].get("patterns") or {}).items() for p in ps]

    @cached_property
    def aspect_cues(self) -> list[tuple[str, re.Pattern]]:
        """The clause cues, then the clause patterns: what names a clause's aspect."""
        return self.aspect_clause + self.aspect_patterns

    @cached_property
    def aspect_set(self) -> CueSet:
        return CueSet(rx for _, rx in self.aspect_cues)

    @cached_property
    def govern_set(self) -> CueSet:
        return CueSet(rx for _, rx in self.aspect_govern)

    @cached_property
    def adjustment_set(self) -> CueSet:
        return CueSet(rx for _, rx in self.adjustments)

    @cached_property
    def actual(self) -> re.Pattern:
        return cue_re(self.cfg["aspect"]["actual"])

    @cached_property
    def looks_back(self) -> re.Pattern:
        """A sentence that reports what already happened: its figure for a period still
        running is what has been reached so far, not a forecast."""
        return cue_re(list(self.cfg["aspect"]["actual"]) + list(self.cfg["aspect"].get("so_far") or []))

    @cached_property
    def estimators(self) -> re.Pattern:
        return cue_re(self.cfg["aspect"]["estimators"])

    @cached_property
    def polls(self) -> re.Pattern:
        """Named polls of analysts' estimates ("LSEG", "FactSet")."""
        return re.compile(r"(?<![\w-])(?:" + alternation(self.cfg["aspect"].get("polls") or ["(?!)"]) + r")(?![\w-])")

    @cached_property
    def comparison(self) -> re.Pattern:
        return cue_re(self.cfg["aspect"]["comparison"])

    @cached_property
    def earlier_value(self) -> re.Pattern | None:
        """ "soll 2,6 Mrd. erreichen, nach 2,5 Mrd. im abgelaufenen Jahr": the word right before
        a figure that makes it the value compared with (searched on the text just before it)."""
        words = self.cfg["aspect"].get("earlier_value_before") or []
        return re.compile(r"(?<![\w-])(?:" + alternation(words) + r")\s+$") if words else None

    @cached_property
    def hearsay(self) -> re.Pattern:
        return re.compile("|".join(self.cfg["aspect"]["hearsay"]))

    @cached_property
    def hearsay_modals(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in self.cfg["aspect"].get("hearsay_modals") or ["soll"])

    # --- measure ---
    @cached_property
    def change_before(self) -> re.Pattern:
        # "*Wachstum von": also as the head of a compound ("Umsatzwachstum von", "Umsatz-Plus von").
        words = self.cfg["measure"]["change_before"]
        plain = [w for w in words if not w.startswith("*")]
        heads = [w[1:] for w in words if w.startswith("*")]
        alts = [r"(?<![\w-])(?:" + alternation(plain) + ")"] + ([r"(?:" + alternation(heads) + ")"] if heads else [])
        verb_first, particles = self.cfg["measure"].get("change_before_verb"), self.cfg["measure"].get("change_particles")
        if verb_first:  # ("betrug das Wachstum sogar 14,0 Prozent")
            alts.append(r"(?<![\w-])(?:" + alternation(verb_first) + r")" + (r"(?:\s+(?:" + alternation(particles) + r"))?" if particles else ""))
        return re.compile(r"(?:" + "|".join(alts) + r")\s*$", re.IGNORECASE)

    @cached_property
    def same_quantity_after(self) -> re.Pattern | None:
        words = self.cfg["measure"].get("same_quantity_after") or []
        return re.compile(r"[\s,;(]*(?:" + alternation(words) + r")\s", re.IGNORECASE) if words else None

    @cached_property
    def amount_before(self) -> re.Pattern | None:
        words = self.cfg["measure"].get("amount_before") or []
        return re.compile(r"(?<![\w-])(?:" + alternation(words) + r")\s*$", re.IGNORECASE) if words else None

    @cached_property
    def change_verbs(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg["measure"]["change_verbs"])

    @cached_property
    def direct_change_verbs(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg["measure"]["direct_change_verbs"])

    @cached_property
    def change_after(self) -> re.Pattern:
        return re.compile(r"^\s*(?:" + alternation(self.cfg["measure"]["change_after"]) + r")(?![\w-])", re.IGNORECASE)

    @cached_property
    def conditional_sentence(self) -> list[re.Pattern]:
        return [re.compile(p) for p in self.cfg["aspect"].get("conditional_sentence") or []]

    @cached_property
    def change_nouns(self) -> re.Pattern | None:
        """Right after a count, at most one word before: "18,9 Millionen (zahlende) Neukunden"."""
        words = self.cfg["measure"].get("change_nouns") or []
        return re.compile(r"[ \t]+(?:[a-zäöüß][\w-]*[ \t]+)?(?:" + cue_alternation(words) + r")(?![\w-])") if words else None

    @cached_property
    def change_label(self) -> re.Pattern | None:
        """A list row's label that is one of `change_nouns` ("Neue Abonnements")."""
        words = self.cfg["measure"].get("change_nouns") or []
        return re.compile(r"(?:" + cue_alternation(words) + r")", re.IGNORECASE) if words else None

    @cached_property
    def change_clause(self) -> re.Pattern:
        return cue_re(self.cfg["measure"].get("change_clause"))

    @cached_property
    def count_change_clause(self) -> re.Pattern:
        return cue_re(self.cfg["measure"].get("count_change_clause"))

    @cached_property
    def count_kept_clause(self) -> re.Pattern:
        words = self.cfg["measure"].get("count_kept_clause")
        return cue_re(words) if words else re.compile("(?!)")

    @cached_property
    def conditional_subordinators(self) -> re.Pattern:
        return cue_re(self.cfg["aspect"].get("subordinators"))

    @cached_property
    def bases(self) -> list[tuple[str, re.Pattern]]:
        return [(k, cue_re(v)) for k, v in self.cfg["measure"]["bases"].items()]

    @cached_property
    def adjustments(self) -> list[tuple[str, re.Pattern]]:
        return [(k, cue_re(v)) for k, v in self.cfg["measure"]["adjustments"].items()]

    @cached_property
    def source_back_openers(self) -> re.Pattern:
        """ "Demnach …": a sentence opening with one gives the figures of the researcher named before."""
        return cue_re(self.cfg["measure"].get("source_back_openers") or ["(?!)"])

    @cached_property
    def estimating_sources(self) -> frozenset[str]:
        return frozenset(self.cfg["measure"].get("estimating_sources") or ())

    @cached_property
    def researcher_properties(self) -> frozenset[str]:
        """Properties whose company figures are the estimates of a researcher the article's lead names."""
        return frozenset(self.cfg["measure"].get("researcher_properties") or ())

    @cached_property
    def um_adverbs(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg["measure"].get("um_adverbs") or ())

    # --- period ---
    def period_cue(self, name: str) -> re.Pattern:
        return self._period_cues[name]

    @cached_property
    def _period_cues(self) -> dict[str, re.Pattern]:
        return {k: cue_re(v) for k, v in self.cfg["period"].items() if k not in ("comparison", "as_of_openers", "quarter_compared_openers", "quarter_ordinals",
                                                                         "founding_attribute")}

    @cached_property
    def founding_attribute(self) -> re.Pattern:
        """Right after a date (`match` at its end), up to ten words before a founding participle
        ("das 2019 gegründete Start-up", "im April von drei … gegründete Unternehmen"): when
        the noun was founded, never the period of a figure about it."""
        words = self.cfg["period"].get("founding_attribute")
        return re.compile(r"(?:[ \u00a0]+[\w-]+){0,10}?[ \u00a0]+(?:" + cue_alternation(words) + r")[ \u00a0]") if words else re.compile(r"(?!)")

    @cached_property
    def quarter_compared(self) -> re.Pattern:
        """Right after a change (`match` at its end): "gegenüber dem dritten Quartal", the quarter
        compared with, by number; group `q<n>` says which (not one with a year of its own)."""
        period = self.cfg["period"]
        openers, ordinals = period.get("quarter_compared_openers") or (), period.get("quarter_ordinals") or {}
        if not openers or not ordinals:
            return re.compile(r"(?!)")
        quarters = "|".join(f"(?P<q{n}>{cue_alternation(ordinals[n])})" for n in sorted(ordinals))
        return re.compile(r"\s*(?:\w+\s+){0,3}?(?<![\w-])(?:" + cue_alternation(openers) + r")\s+(?:dem\s+)?(?:" + quarters
                          + r")(?![\w-])(?!\s+(?:\d{4}|des\s+Vorjahres|\d{2}/))")

    @cached_property
    def as_of_opener(self) -> re.Pattern:
        """ "Zum", "Zum Stichtag" right before a position: the day after it is one a stock was counted at."""
        words = self.cfg["period"].get("as_of_openers") or ()
        return re.compile(r"(?<![\w-])(?:" + alternation(words).replace("\\ ", r"\s+") + r")\s+$", re.IGNORECASE) if words else re.compile(r"(?!)")

    @cached_property
    def period_comparison(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?:" + alternation(self.cfg["period"]["comparison"])
                          + r")\s+(?:(?:dem|der|den|des|einem|einer)\s+)?(?:[\w-]+\s+){0,1}$", re.IGNORECASE)

    @cached_property
    def elapsed(self) -> re.Pattern:
        """ "binnen 24 Stunden", "in den ersten 27 Minuten": how long a count was counted."""
        pattern = self.cfg["segment"].get("elapsed")
        return re.compile(pattern) if pattern else re.compile(r"(?!)")

    @cached_property
    def horizon(self) -> re.Pattern:
        """ "innerhalb der nächsten zwölf Monate": how far ahead a forecast looks."""
        pattern = self.cfg["segment"].get("forecast_horizon")
        return re.compile(pattern) if pattern else re.compile(r"(?!)")

    @cached_property
    def period_word(self) -> re.Pattern:
        """Words that name a period, not a part: "Quartal", "Geschäftsjahr", "Halbjahr"."""
        return re.compile(r"(?i)quartal|jahr|monat|woche|halbjahr|jahreshälfte|zeitraum")
