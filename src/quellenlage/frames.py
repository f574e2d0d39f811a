"""Claim frames: the period, segment, aspect and measure of a figure (SPEC §5, §9).

Pure: works on the text of one document, the figure's sentence and clause bounds (from
spaCy's `doc.sents`) and its DATE figures; the cues are in rules/<lang>/frames.yaml.

- aspect: the cue nearest to the figure in its clause ("erwartet" -> forecast, "Ziel" ->
  target, "könnte" -> conditional); a noun like "Prognose" only for the figure right after it;
  an expectation of analysts is an estimate; "höher als erwartet" is no cue; a clause without
  a cue of its own and without a verb of reporting takes the aspect of the clause before it.
- measure: "ein Plus von", "stieg um", "+5 %", "Prozentpunkte" -> change, with its basis
  (year on year unless "Vorquartal" and the like say otherwise) and adjustments (currency
  adjusted, non-GAAP); otherwise level.
- segment: a compound of the property word ("Cloud-Umsatz"), a segment noun ("die
  Gaming-Sparte", "im Geschäft mit Rechenzentren"), a region after a preposition, a tranche.
- period: see `PeriodResolver`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from quellenlage.normalize.periods import (FiscalCalendar, extent, grain, last_completed_quarter,
                                           quarter_ending, quarter_of, shift)
from quellenlage.rules import RuleSet
from quellenlage.textutil import alternation, cue_re

ASPECTS = ("actual", "forecast", "target", "estimate", "conditional")
GOVERN_GAP = re.compile(r"^[\s,:(]*(?:(?:der|des|den|dem|die|von|vom|in|Höhe|mit|bei|auf|über|unter|zu|"
                        r"eigenen|eigene|durchschnittlich|durchschnittlichen|im|Schnitt|gut|knapp|rund|etwa|"
                        r"ursprünglichen|bisherigen|neuen|angehobenen|gesenkten|[A-ZÄÖÜ][\w-]*)[\s,:(]+){0,4}$")
YEAR_IN = re.compile(r"(?<!\d)(?:\d{4}|'\d{2}|/\d{2})(?!\d)")
QUARTER_NUMBER = re.compile(r"(?:Q\s?([1-4])|([1-4])\.\s|(erst|zweit|dritt|viert|letzt)e[nrs]?\s)", re.IGNORECASE)
ORDINALS = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "letzt": 4}
NAME_AFTER = re.compile(r"\s+(?P<name>[A-ZÄÖÜ][\w&.+-]*(?:\s+[A-ZÄÖÜ][\w&.+-]*){0,3})\b")
VALUE_OF = re.compile(r"(?P<name>[\w-]+)\s+(?:im\s+Wert\s+von|für|über|in\s+Höhe\s+von)\s+(?:(?:rund|etwa|knapp|gut|über|bis\s+zu)\s+)?$")
FISCAL_BEFORE = re.compile(r"(?:fiskalische[nmrs]?|Geschäfts-?|Fiskal-?)\s+(?:\w+\s+)?$", re.IGNORECASE)
ALLOCATED = re.compile(r"\s+(?:an\s+Umsatz\s+)?auf\s+(?:das\s+|den\s+|die\s+|dem\s+)?(?P<name>[A-ZÄÖÜ][\w-]+)")
GOVERNED = re.compile(r"\s*(?:,\s*)?(?:mit|von|bei|auf|:|\()\s*(?:(?:rund|etwa|knapp|gut|damals|noch|nur|erst)\s+)?")
SEGMENT_ANAPHOR = re.compile(r"(?<![\w-])(?:[Dd]ie|[Dd]iese|[Dd]as|[Dd]ieses|[Dd]er|[Dd]ieser)\s+(?:Sparte|Segment|Bereich|Geschäft|Geschäftsbereich|Division)\b(?!\s+[A-ZÄÖÜ])")
ARTICLES = frozenset("Der Die Das Den Dem Des Ein Eine Einen Einem Er Sie Es Man Dies Diese Dieser Dieses Damit Davon "
                     "Dabei Dazu Auch Nun Jetzt Zudem Insgesamt Im In Am Mit Nach Bei Unter Zum Zur Für".split())
GRAIN_RANK = {"quarter": 0, "half": 0, "year": 1, "month": 2, "week": 3, "day": 3}
CALENDAR_WORDS = re.compile(r"\s*(?:des\s+)?Kalender(?:jahre?s?|quartals?)\b", re.IGNORECASE)
RELATIVE = ("previous_year", "previous_quarter", "current_quarter", "whole_year", "first_half", "second_half",
            "reported")


@dataclass(frozen=True)
class Frame:
    period: str | None = None
    segment: str | None = None
    aspect: str = "actual"
    measure: str = "level"
    basis: str | None = None


@dataclass
class FrameRules:
    cfg: dict

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "FrameRules":
        return cls(rules.get("frames"))

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
    def actual(self) -> re.Pattern:
        return cue_re(self.cfg["aspect"]["actual"])

    @cached_property
    def estimators(self) -> re.Pattern:
        return cue_re(self.cfg["aspect"]["estimators"])

    @cached_property
    def comparison(self) -> re.Pattern:
        return cue_re(self.cfg["aspect"]["comparison"])

    @cached_property
    def hearsay(self) -> re.Pattern:
        return re.compile("|".join(self.cfg["aspect"]["hearsay"]))

    # --- measure ---
    @cached_property
    def change_before(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?:" + alternation(self.cfg["measure"]["change_before"]) + r")\s*$", re.IGNORECASE)

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
    def change_clause(self) -> re.Pattern:
        return cue_re(self.cfg["measure"].get("change_clause"))

    @cached_property
    def conditional_subordinators(self) -> re.Pattern:
        return cue_re(self.cfg["aspect"].get("subordinators"))

    @cached_property
    def bases(self) -> list[tuple[str, re.Pattern]]:
        return [(k, cue_re(v)) for k, v in self.cfg["measure"]["bases"].items()]

    @cached_property
    def adjustments(self) -> list[tuple[str, re.Pattern]]:
        return [(k, cue_re(v)) for k, v in self.cfg["measure"]["adjustments"].items()]

    # --- segment ---
    @cached_property
    def segment_nouns(self) -> list[str]:
        return sorted(self.cfg["segment"]["nouns"], key=len, reverse=True)

    @cached_property
    def segment_heads(self) -> frozenset[str]:
        return frozenset(n.lower() for n in self.segment_nouns)

    @cached_property
    def segment_compound(self) -> re.Pattern:
        """ "Cloud-Sparte", "Rechenzentrumsgeschäft", "Sparte Intelligent Cloud", "Geschäft mit Rechenzentren"."""
        nouns = alternation(self.segment_nouns)
        name = r"[A-ZÄÖÜ][\w&.+-]*(?:\s+(?:and\s+|und\s+|für\s+)?[A-ZÄÖÜ][\w&.+-]*){0,4}"
        return re.compile(r"(?<![\w-])(?:(?P<pre>[\w][\w-]*?)-?(?i:" + nouns + r")(?![\w-])"
                          r"|(?i:" + nouns + r")(?:\s+(?:mit|für)(?:\s+(?:dem|der|den))?)?\s+(?P<name>" + name + r"))")

    @cached_property
    def whole(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg["segment"]["whole"])

    @cached_property
    def regions(self) -> tuple[re.Pattern, dict[str, str]]:
        table = {form.lower(): key for key, forms in self.cfg["segment"]["regions"].items() for form in forms}
        preps = alternation(self.cfg["segment"]["region_prepositions"])
        return re.compile(r"(?<![\w-])(?i:" + preps + r")\s+(?:dem\s+|der\s+|den\s+)?(?P<r>" + alternation(
            form for forms in self.cfg["segment"]["regions"].values() for form in forms) + r")(?![\w-])"), table

    @cached_property
    def tranches(self) -> list[tuple[str, re.Pattern]]:
        return [(k, cue_re(v)) for k, v in self.cfg["segment"]["tranches"].items()]

    def keyed(self, name: str) -> list[tuple[str, re.Pattern]]:
        """Cue lists keyed by segment: tranches, phases, money_basis, sessions."""
        return self._keyed[name]

    @cached_property
    def _keyed(self) -> dict[str, list[tuple[str, re.Pattern]]]:
        seg = self.cfg["segment"]
        return {name: [(k, cue_re(v)) for k, v in (seg.get(name) or {}).items()]
                for name in ("tranches", "phases", "money_basis", "sessions", "rights", "offences", "technologies",
                             "region_words", "customer_groups")}

    @cached_property
    def subject_segment(self) -> re.Pattern:
        verbs = alternation(self.cfg["segment"].get("subject_verbs") or ["(?!)"])
        return re.compile(r"\s*(?P<w>[A-ZÄÖÜ][\w-]+(?:\s[A-ZÄÖÜ][\w-]+)?)\s+(?:" + verbs + r")\b")

    @cached_property
    def allocation(self) -> re.Pattern:
        return cue_re(self.cfg["segment"].get("allocation"))

    @cached_property
    def rounds(self) -> list[re.Pattern]:
        return [re.compile(p) for p in self.cfg["segment"].get("rounds") or []]

    @cached_property
    def canonical(self) -> list[tuple[str, re.Pattern]]:
        out = []
        for key, forms in self.cfg["segment"]["canonical"].items():
            out.append((key, re.compile(r"^(?:" + "|".join(
                re.escape(f.rstrip("*")).replace(r"\ ", r"[\s-]") + (r".*" if f.endswith("*") else "")
                for f in sorted(forms, key=len, reverse=True)) + r")$", re.IGNORECASE | re.DOTALL)))
        return out

    # --- period ---
    def period_cue(self, name: str) -> re.Pattern:
        return self._period_cues[name]

    @cached_property
    def _period_cues(self) -> dict[str, re.Pattern]:
        return {k: cue_re(v) for k, v in self.cfg["period"].items() if k != "comparison"}

    @cached_property
    def period_comparison(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?:" + alternation(self.cfg["period"]["comparison"])
                          + r")\s+(?:(?:dem|der|den|des|einem|einer)\s+)?(?:[\w-]+\s+){0,1}$", re.IGNORECASE)

    def canonical_segment(self, words: str) -> str | None:
        words = re.sub(r"\s+", " ", words.strip(" -"))
        if not words or words.lower() in self.whole:
            return None
        for key, rx in self.canonical:
            if rx.match(words):
                return key
        for word in words.split(" ")[1:]:  # "Chips und Systemen für Rechenzentren": a known part
            for key, rx in self.canonical:
                if rx.match(word):
                    return key
        low = words.lower()
        low = re.sub(r"(?<=[a-zäöüß]{3})s$", "", low) if "-" not in words else low
        return re.sub(r"[^\w]+", "_", low).strip("_") or None


class FrameFinder:
    def __init__(self, rules: FrameRules):
        self.r = rules

    # --- aspect ------------------------------------------------------------------------
    def aspect(self, text: str, fig: dict, clause: tuple[int, int], before: list[tuple[int, int]],
               sentence: tuple[int, int] | None = None, free: list[tuple[int, int]] = ()) -> str:
        """The aspect of a figure in `clause`; `before`: the earlier clauses of its sentence,
        `free`: those of them without figures of their own ("Analysten, die von FactSet befragt
        wurden, hatten 46,2 Mrd. $ erwartet")."""
        aspect, governed = self._aspect(text, fig, clause, before, sentence)
        if aspect == "forecast" and any(self.r.estimators.search(text, a, b) for a, b in free):
            aspect = "estimate"
        if aspect == "actual" and not governed and sentence is not None and (self.r.conditional_subordinators.search(text, *sentence) or any(
                rx.match(text[sentence[0]:sentence[1]]) for rx in self.r.conditional_sentence)):
            return "conditional"  # "…, wenn OpenAI die Umwandlung nicht schafft": the whole sentence
        return aspect

    def _aspect(self, text: str, fig: dict, clause: tuple[int, int], before: list[tuple[int, int]],
                sentence: tuple[int, int] | None = None) -> tuple[str, bool]:
        """(aspect, governed): governed when a noun right before the figure decides it."""
        cs, ce = clause
        blocked = [m.span() for m in self.r.comparison.finditer(text, cs, ce)]
        estimator = bool(self.r.estimators.search(text, cs, ce))
        # 1. A noun that governs the figure: "die Prognose von 54 Milliarden".
        lo = max(0, fig["start"] - 80) if sentence is None else max(sentence[0], fig["start"] - 80)
        for aspect, rx in self.r.aspect_govern:
            for m in rx.finditer(text, lo, fig["start"]):
                gap = text[m.end():fig["start"]]
                if GOVERN_GAP.match(gap):  # even inside "über den Erwartungen der Analysten von 55 Mrd."
                    return ("estimate" if aspect == "forecast" and estimator else aspect), True
        # 2. A cue of the clause, the nearest to the figure.
        found = self._clause_aspect(text, cs, ce, fig, blocked)
        if found:
            return ("estimate" if found == "forecast" and estimator else found), False
        # 3. A verb of reporting: what happened.
        if self.r.actual.search(text, cs, ce):
            return "actual", False
        # 4. The nearest earlier clause of the sentence with a cue.
        for bs, be in reversed(before):
            found = self._clause_aspect(text, bs, be, None, [m.span() for m in self.r.comparison.finditer(text, bs, be)])
            if found:
                return ("estimate" if found == "forecast" and self.r.estimators.search(text, bs, be) else found), False
            if self.r.actual.search(text, bs, be):
                break
        return "actual", False

    def _clause_aspect(self, text: str, cs: int, ce: int, fig: dict | None, blocked) -> str | None:
        best, best_d = None, None
        for aspect, rx in self.r.aspect_clause + self.r.aspect_patterns:
            for m in rx.finditer(text, cs, ce):
                if _inside(m.span(), blocked):
                    continue
                if m.group(0).lower().startswith("soll") and self.r.hearsay.search(text, m.end(), ce):
                    continue  # "soll … gemacht haben": reported, not expected
                d = 0 if fig is None else (fig["start"] - m.end() if m.end() <= fig["start"] else m.start() - fig["end"])
                key = (abs(d), -(m.end() - m.start()))  # nearest; at a tie the longer cue ("plant mit")
                if best_d is None or key < best_d:
                    best, best_d = aspect, key
        return best

    # --- measure -----------------------------------------------------------------------
    def measure(self, text: str, fig: dict, clause: tuple[int, int], free: list[tuple[int, int]] = ()) -> tuple[str, str | None]:
        cs, ce = clause
        change = self._is_change(text, fig, cs, ce)
        adjust = [k for k, rx in self.r.adjustments if k != "_reported" and any(rx.search(text, a, b) for a, b in [clause, *free])]
        if any(k == "_reported" and rx.search(text, cs, ce) for k, rx in self.r.adjustments):
            adjust = [k for k in adjust if k == "cc"]  # "nach IFRS waren es 2,49 Mrd.": the reported figure
        if change:
            basis = "yoy"
            best = None
            for key, rx in self.r.bases:
                for m in rx.finditer(text, cs, ce):
                    d = abs(m.start() - fig["end"])
                    if best is None or d < best[0]:
                        best = (d, key)
            if best:
                basis = best[1]
            return "change", " ".join([basis] + adjust[:1])
        return "level", adjust[0] if adjust else None

    def _is_change(self, text: str, fig: dict, cs: int, ce: int) -> bool:
        if fig.get("unit") == "percentage_point":
            return True
        ftext = fig.get("text") or ""
        if ftext[:1] in "+±" or re.search(r"[+−–-]\s*$", text[max(cs, fig["start"] - 2):fig["start"]]) and \
                not re.search(r"\w[–-]\s*$", text[max(cs, fig["start"] - 3):fig["start"]]):
            return True
        lead = text[max(cs, fig["start"] - 60):fig["start"]]
        if re.search(r"(?<!\w)auf\s*$", lead):
            return False  # "stieg auf 57 Mrd.", "auf 12,7 Mrd. mehr als verdreifacht": the new level
        if self.r.change_before.search(lead) or fig["label"] != "DATE" and self.r.change_clause.search(text, cs, ce):
            return True
        words = re.findall(r"[\w-]+", lead)
        if words and words[-1].lower() == "um" and (
                any(w.lower() in self.r.change_verbs for w in words[-7:-1])
                or any(w.lower() in self.r.change_verbs for w in re.findall(r"[\w-]+", text[fig["end"]:min(ce, fig["end"] + 40)])[:4])):
            return True  # "stieg um 5 %", "das Nettoeinkommen um 3,1 Mrd. reduziert hat"
        if fig["label"] == "PERCENT":
            if any(w.lower() in self.r.direct_change_verbs for w in words[-3:]) and not (words and words[-1].lower() in ("auf", "bei")):
                return True
            after = text[fig["end"]:min(ce, fig["end"] + 40)]
            m = self.r.change_after.match(after)
            if m and (m.group(0).strip().lower() not in ("zu", "ein") or any(
                    w.lower() in self.r.change_verbs | self.r.direct_change_verbs for w in re.findall(r"[\w-]+", text[cs:fig["start"]]))):
                return True
        elif fig["label"] == "MONEY":
            after = text[fig["end"]:min(ce, fig["end"] + 20)]
            m = self.r.change_after.match(after)
            if m and m.group(0).strip().lower() in ("mehr", "weniger", "höher", "niedriger", "im plus", "im minus"):
                return True
        return False

    # --- segment -----------------------------------------------------------------------
    def segment(self, text: str, fig: dict, clauses: list[tuple[int, int]], kinds: tuple[str, ...],
                trigger: tuple[int, int, str] | None, not_parts: re.Pattern | None = None,
                entities: list | None = None) -> str | None:
        """The segment named in the figure's clause (or a figure-free clause before it).
        `trigger`: the property word that matched (start, end, head) for compounds."""
        if "business" in kinds and clauses:
            m = self.r.subject_segment.match(text, clauses[0][0])
            if m and m.end() <= fig["start"] and not (not_parts is not None and not_parts.search(m.group("w"))) \
                    and not any(e.start < m.end("w") and m.start("w") < e.end for e in entities or []) \
                    and m.group("w").split()[0] not in ARTICLES:
                seg = self.r.canonical_segment(m.group("w"))
                if seg:
                    return seg  # "Networking wuchs um 98 %"
        if "business" in kinds and clauses and SEGMENT_ANAPHOR.search(text, *clauses[0]):
            # "Die Sparte setzte 30,8 Mrd. um": the segment named in the sentences before.
            back = clauses[0][0]
            last = None
            for m in self.r.segment_compound.finditer(text, max(0, back - 500), back):
                last = m
            if last is not None:
                seg = self.r.canonical_segment(last.group("pre") or last.group("name"))
                if seg:
                    return seg
        if "business" in kinds and clauses and self.r.allocation.search(text, *clauses[0]):
            m = ALLOCATED.match(text, fig["end"])
            if m:
                return self.r.canonical_segment(m.group("name"))
        if "business" in kinds and trigger is not None:
            s, e, head = trigger
            word = text[s:e]
            named = NAME_AFTER.match(text, e) if head in self.r.segment_heads else None
            if named:  # "die Cloud-Sparte Intelligent Cloud"
                seg = self.r.canonical_segment(named.group("name"))
                if seg:
                    return seg
            if head and len(word) > len(head):
                seg = self.r.canonical_segment(word[:len(word) - len(head)].rstrip("-"))
                if seg:
                    return seg
        for cs, ce in clauses:
            for kind, name in (("tranche", "tranches"), ("phase", "phases"), ("money_basis", "money_basis"),
                               ("session", "sessions"), ("rights", "rights"), ("offence", "offences"),
                               ("technology", "technologies")):
                if kind in kinds:
                    found = self._nearest_key(self.r.keyed(name), text, cs, ce, fig)
                    if found:
                        return "" if found == "_whole" else found  # "": named as the whole
            if "object" in kinds:
                m = VALUE_OF.search(text, cs, fig["start"])
                if m:
                    return self.r.canonical_segment(m.group("name"))
            if "round" in kinds:
                for rx in self.r.rounds:
                    m = rx.search(text, cs, ce)
                    if m:
                        return "series_" + m.group("r").lower()
            if "business" in kinds:
                found = self._nearest_key(self.r.keyed("customer_groups"), text, cs, ce, fig)
                if found:
                    return found
                for m in self.r.segment_compound.finditer(text, cs, ce):
                    named = NAME_AFTER.match(text, m.end()) if m.group("pre") else None
                    words = named.group("name") if named else m.group("pre") or m.group("name")
                    seg = self.r.canonical_segment(words) if words else None
                    if seg:
                        return seg
            if "region" in kinds:
                rx, table = self.r.regions
                m = rx.search(text, cs, ce)
                if m:
                    return table[m.group("r").lower()]
                found = self._nearest_key(self.r.keyed("region_words"), text, cs, ce, fig)
                if found:
                    return found
        return None

    @staticmethod
    def _nearest_key(cues: list[tuple[str, re.Pattern]], text: str, cs: int, ce: int, fig: dict) -> str | None:
        """The key of the cue nearest to the figure; a specific key beats the generic one
        ("tranche") at the same distance."""
        found = [(m.span(), key) for key, rx in cues for m in rx.finditer(text, cs, ce)]
        best = None
        for (a, b), key in found:
            if any(x <= a and b <= y and (x, y) != (a, b) for (x, y), _ in found):
                continue  # "Tranche" inside "ersten Tranche"
            d = abs(a - fig["start"])
            if best is None or d < best[0]:
                best = (d, key)
        return best[1] if best else None


def _inside(span: tuple[int, int], blocked: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in blocked)


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
        self.published = _pub_date(published)
        self.headings = headings
        self.fiscal_text = fiscal_text  # the article speaks of fiscal periods

    def explicit(self, fig: dict, clauses: list[tuple[int, int]], time: str, aspect: str,
                 fiscal: FiscalCalendar | None, earlier: list[tuple[int, int]] = (),
                 antecedent: tuple[int, int] | None = None) -> tuple[str | None, str | None]:
        """(period, relative cue): a date in the clauses (nearest first), or a relative cue
        (`previous_year`, `previous_quarter`, `current_quarter`, `whole_year`, `first_half`,
        `second_half`, `reported`); then a date in an `earlier` clause of the sentence ("Bei der
        Runde im Oktober 2024 hatte OpenAI 6,6 Milliarden eingesammelt, damals bei einer
        Bewertung von 157 Milliarden")."""
        found = self._explicit(fig, clauses, time, aspect, fiscal, relative=True)
        if found == (None, None) and antecedent is not None:
            # "… als im Vorjahresquartal, in dem Nvidia 35 Mrd. umsetzte": the clause the
            # relative clause hangs on names the period, compared or not.
            found = self._explicit(fig, [antecedent], time, aspect, fiscal, relative=True, compare=False)
        if found == (None, None) and earlier:
            found = self._explicit(fig, list(reversed(earlier)), time, aspect, fiscal, relative=False)
        return found

    def _explicit(self, fig, clauses, time, aspect, fiscal, relative: bool, compare: bool = True) -> tuple[str | None, str | None]:
        """The best period named in `clauses`: dates without a relation word before those with
        one ("von Juli bis September"), periods before months, the nearest first; a date nearer
        to another figure of its clause belongs to that figure ("3,72 Dollar nach 3,30 Dollar
        ein Jahr zuvor")."""
        cands = []
        for k, (cs, ce) in enumerate(clauses):
            others = [f["start"] for f in self.figures if f is not fig and cs <= f["start"] < ce]
            for d in self.dates:
                if not (cs <= d["start"] and d["end"] <= ce) or compare and self._compared(d["start"], d["end"], fig):
                    continue
                rel = self._relative(d["start"], d["end"])
                if relative and self._nearer_other(d["start"], d["end"], fig, others, bool(rel)):
                    continue
                if rel and not relative:
                    continue
                period = None if rel else self._date_period(d, time, aspect, fiscal)
                if period is None and rel is None:
                    continue
                rank = GRAIN_RANK.get(grain(period) if period else "quarter", 3) if time == "flow" else 0
                cands.append(((k > 0, bool(d.get("date_relation")), rank, abs(d["start"] - fig["start"])), period, rel))
            for m in self.r.period_cue("anaphoric").finditer(self.text, cs, ce):
                prior = [d for d in self.dates if d["end"] <= m.start() and m.start() - d["end"] < 600 and d.get("date_value")]
                if prior:
                    cands.append(((k > 0, False, -1, abs(m.start() - fig["start"])), prior[-1]["date_value"], None))
            if relative:
                cues = [(m.span(), name) for name in RELATIVE for m in self.r.period_cue(name).finditer(self.text, cs, ce)]
                for (a, b), name in cues:
                    if any(x <= a and b <= y and (x, y) != (a, b) for (x, y), _ in cues):
                        continue  # "Quartal" inside "laufende Quartal"
                    if (compare and self._compared(a, b, fig)) or any(d["start"] <= a < d["end"] for d in self.dates) \
                            or self._nearer_other(a, b, fig, others, True):
                        continue
                    cands.append(((k > 0, False, 0, abs(a - fig["start"])), None, name))
            if cands and k == 0:
                break  # the figure's own clause names a period: it decides
        if not cands:
            return None, None
        _, period, rel = min(cands, key=lambda c: c[0])
        if rel == "current_quarter" and self.published:
            return quarter_of(self.published, fiscal), None
        return period, rel

    @staticmethod
    def _nearer_other(s: int, e: int, fig: dict, others: list[int], relative: bool) -> bool:
        """Does a date belong to another figure of the clause? A date after the figure with
        another figure in between ("3,72 Dollar nach 3,30 Dollar ein Jahr zuvor") belongs to
        that one; so does a relative period before the figure with another figure in between
        ("im Vorquartal mit 44,1 Mrd., nun 46,7 Mrd."). A date before all figures ("Im dritten
        Quartal stieg der Umsatz um 62 % auf 57 Mrd.") is the whole clause's."""
        if s >= fig["end"]:
            return any(fig["end"] <= o < s for o in others)
        return relative and any(e <= o < fig["start"] for o in others)

    def in_outlook(self, sentence: tuple[int, int]) -> bool:
        """Does the sentence look ahead (a forecast or target cue)?"""
        return any(k in ("forecast", "target") and rx.search(self.text, *sentence) for k, rx in self.r.aspect_clause)

    def before_window(self, fig: dict, clause: tuple[int, int], window: int | None) -> bool:
        """A count at an earlier, vaguely dated time: "nach rund 100.000 H100 im vergangenen Jahr"
        (a date of the clause that ended before the publication's window)."""
        if not self.published or not window:
            return False
        for d in self.dates:
            if clause[0] <= d["start"] and d["end"] <= clause[1] and not d.get("date_relation"):
                span = extent(d.get("date_value"))
                if span and (self.published - span[1]).days > window:
                    return True
        return False

    def heading_period(self, pos: int, flow: bool, aspect: str, fiscal: FiscalCalendar | None) -> str | None:
        """The period a heading above the figure names (for what is reported per period)."""
        prior = [h for h in self.headings if h[1] <= pos and pos - h[1] < 1500]
        if not prior or not flow:
            return None
        hs, he = prior[-1]
        for d in self.dates:
            if hs <= d["start"] and d["end"] <= he and not d.get("date_relation"):
                p = self._date_period(d, "flow" if flow else "stock", aspect, fiscal)
                if p:
                    return p
        return None

    def relative(self, cue: str, ref: str | None, fiscal: FiscalCalendar | None) -> str | None:
        if cue == "current_quarter":
            return quarter_of(self.published, fiscal) if self.published else None
        if ref is None:
            return None
        if cue == "previous_year":
            return shift(ref, "year", -1)
        if cue == "previous_quarter":
            return shift(ref, "quarter", -1)
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
        unless the figure follows right after ("im Vergleich zum Vorquartal mit 44,1 Mrd.")."""
        if fig is not None and end is not None and end <= fig["start"] and \
                GOVERNED.match(self.text, end, fig["start"]) and GOVERNED.match(self.text, end, fig["start"]).end() == fig["start"]:
            return False
        return bool(self.r.period_comparison.search(self.text, max(0, pos - 40), pos))

    def _relative(self, s: int, e: int) -> str | None:
        if YEAR_IN.search(self.text, s, e):
            return None  # "im ersten Halbjahr 2024": a period of its own
        for name in RELATIVE[:-1]:
            m = self.r.period_cue(name).search(self.text, s, min(len(self.text), e + 12))
            if m and m.start() < e:
                return name
        return None

    def date_period(self, d: dict, fiscal: FiscalCalendar | None) -> str | None:
        """A DATE figure as an actual reporting period (for the document's main period)."""
        return self._date_period(d, "flow", "actual", fiscal)

    def _date_period(self, d: dict, time: str, aspect: str, fiscal: FiscalCalendar | None) -> str | None:
        """A DATE figure as the period of a figure: per period (`flow`) a quarter, half, year or
        month, not the day of the news; at a point in time (`stock`) a day or month (or the end
        of a longer period); an event's date (`event`) at any grain."""
        flow = time == "flow"
        value, text = d.get("date_value"), d["text"]
        after = self.text[d["end"]:d["end"] + 40]
        g = grain(value)
        if value and g == "month" and self.r.period_cue("quarter_ending").match(after.lstrip()):
            y, mo = int(value[:4]), int(value[5:7])
            return quarter_ending(y, mo, fiscal)
        if flow and g in ("day", "week"):
            return None  # "am Mittwoch meldete …": the day of the news, not the period
        if time == "stock" and g in ("quarter", "half", "year") and d.get("date_mod") != "end" and not (value or "").startswith("FY"):
            return None  # a count at a point in time: "2024" says too little of when
        q = QUARTER_NUMBER.search(text)
        quarter = int(q.group(1) or q.group(2)) if q and (q.group(1) or q.group(2)) else ORDINALS.get((q.group(3) or "").lower()) if q else None
        yearless = not YEAR_IN.search(text)
        if quarter and yearless and self.published and (value is None or g == "quarter" or value.startswith("FY")):
            # "im ersten Geschäftsquartal", "im dritten Quartal (des Kalenderjahres)": which year the
            # company's calendar and the publication date say, not a guess from elsewhere in the text.
            fiscal_named = bool(re.search(r"Geschäfts|[Ff]iskal|GJ|FY", text)) or bool(
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
            if aspect == "actual":
                label = last_completed_quarter(pub, quarter, cal, kind == "fiscal")
                span = extent(label, cal) if label else None
                score = (pub - span[1]).days if span else None
            else:
                label = _next_quarter(pub, quarter, cal)
                span = extent(label, cal) if label else None
                score = (span[1] - pub).days if span else None
            if score is not None and (best is None or score < best[0] - (45 if kind == "calendar" else 0)):
                best = (score, label)
        return best[1] if best else None


def _next_quarter(pub: dt.date, quarter: int, cal: FiscalCalendar | None) -> str | None:
    current = quarter_of(pub, cal)
    for k in range(0, 5):
        label = shift(current, "quarter", k)
        if label and label.endswith(f"Q{quarter}"):
            return label
    return None


def _pub_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 12), int(m.group(3) or 28))
    except ValueError:
        return None
