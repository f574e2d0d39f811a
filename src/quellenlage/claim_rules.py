"""The claim lexicon and what the claim step sees of a document: `ClaimRules` (the lexicons
compiled; its `Property` entries in claim_property) and `DocView` (one document's text, sentences, figures,
entities). Pure, no spaCy."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from quellenlage.entities import Entity, EntityRules
from quellenlage.entity_names import main_organisation
from quellenlage.claim_property import Property, property_of
from quellenlage.frame_rules import FrameRules
from quellenlage.layout import headings, table_cells
from quellenlage.patterns import CueSet, alternation, cue_alternation, cue_finditer, cue_re, words_re
from quellenlage.rules import RuleSet
from quellenlage.textutil import Regions, SpanIndex, line_start, sentence_start


TOLD_AFTER = re.compile(r"-(?:Angaben|Schätzungen|Schätzung|Zahlen|Daten|Berechnungen|Informationen)(?![\w-])")
TOLD_BEFORE = re.compile(r"(?<![\w-])(?:[Nn]ach|[Ll]aut)\s+(?:den\s+|neuen\s+|eigenen\s+)?$")
SPACE_AFTER = re.compile(r"[ \t\u00a0]{1,3}")  # between a figure and the word right after it
YEAR_WORD = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,])")  # a year in a clause: a time of old told


@dataclass
class ClaimRules:
    cfg: dict
    entities: EntityRules
    frames: FrameRules

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "ClaimRules":
        return cls(rules.get("properties"), EntityRules.from_ruleset(rules), FrameRules.from_ruleset(rules))

    @cached_property
    def properties(self) -> list[Property]:
        return [property_of(key, p, self.compared_units) for key, p in self.cfg["properties"].items()]

    @cached_property
    def compared_units(self) -> dict[str, str]:
        """A count's unit -> the unit its claims are compared in ("subscriber" -> "customer")."""
        return dict(self.cfg.get("compared_units") or {})

    def candidates(self, label: str, measure: str) -> list[tuple[int, Property]]:
        """(rank, property) of the properties whose value kinds take this label and measure
        (the first test of `Property.accepts`, looked up once per kind)."""
        found = self._candidates.get((label, measure))
        if found is None:
            found = self._candidates[(label, measure)] = [
                (rank, p) for rank, p in enumerate(self.properties) if measure in p.values.get(label, ())]
        return found

    @cached_property
    def _candidates(self) -> dict[tuple[str, str], list[tuple[int, Property]]]:
        return {}

    @cached_property
    def cue_set(self) -> CueSet:
        """The properties' triggers, requirements and exclusions, looked for in one pass."""
        return CueSet(rx for p in self.properties for rx in (p.triggers, p.requires, p.excludes, p.context, p.in_context)
                      if rx is not None)

    def property(self, key: str) -> Property | None:
        return self._by_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, Property]:
        return {p.key: p for p in reversed(self.properties)}  # (the first of a key, as a scan would find)

    @cached_property
    def property_words(self) -> re.Pattern:
        """Any property's words ("Umsatz wuchs" names no segment; "Der Umsatz …" no new topic)."""
        return cue_re([t for p in self.cfg["properties"].values()
                       for t in (p.get("triggers") or []) + (p.get("weak_triggers") or [])])

    @cached_property
    def general_nouns(self) -> frozenset[str]:
        """Nouns that open a sentence about the topic before ("Die Zahl …", "Der Wert …")."""
        return frozenset(self.cfg.get("general_nouns") or [])

    @cached_property
    def additive(self) -> frozenset[str]:
        """Properties whose parts add up to the whole (a segment's revenue is part of the total)."""
        return frozenset(k for k, p in self.cfg["properties"].items() if p.get("additive"))

    @cached_property
    def signed(self) -> tuple[frozenset[str], re.Pattern, re.Pattern, re.Pattern]:
        """(properties, loss words, profit words, words that set a value against another) of `signed_results`."""
        cfg = self.cfg.get("signed_results") or {}
        return (frozenset(cfg.get("properties") or ()), cue_re(cfg.get("loss_words")), cue_re(cfg.get("profit_words")),
                cue_re(cfg.get("set_against_words")))

    @cached_property
    def loss_after(self) -> re.Pattern:
        return cue_re((self.cfg.get("signed_results") or {}).get("loss_after"))

    def is_loss(self, text: str, fig: dict, prop: str, clause_start: int) -> bool:
        """Is this amount of a result a loss (the nearest loss or profit word before it in its
        clause is a loss word)?"""
        props, loss, profit, set_against = self.signed
        if prop not in props or fig["label"] != "MONEY" or (fig.get("value") or 0) < 0:
            return False
        row = line_start(text, fig["start"])
        if row >= 0 and text[row:row + 1] in "-•*–":
            clause_start = min(clause_start, row)  # "- Nettoverlust: 53 Mio. $": the row's label
        lo = max(clause_start, fig["start"] - 80)
        last_loss = max((m.start() for m in loss.finditer(text, lo, fig["start"])), default=-1)
        last_profit = max((m.start() for m in profit.finditer(text, lo, fig["start"])), default=-1)
        if last_loss < 0 and last_profit < 0 and set_against.search(text, clause_start, fig["end"] + 30):
            # "ein Minus von 28 Mio., ein Jahr davor waren es noch 297 Mio.": the value set against the one
            # before is of the same sign, as the sentence's word says
            lo = max(sentence_start(text, fig["start"]), fig["start"] - 200)
            last_loss = max((m.start() for m in loss.finditer(text, lo, fig["start"])), default=-1)
            last_profit = max((m.start() for m in profit.finditer(text, lo, fig["start"])), default=-1)
        if last_loss < 0 and last_profit < 0:
            # "Ein Jahr zuvor hatte Telefónica 892 Millionen Euro Verlust verbucht": the word right after;
            # "rutschte mit 465 Mio. Euro in die Verlustzone": a phrase of `loss_after` right after
            space = SPACE_AFTER.match(text, fig["end"])
            return space is not None and (loss.match(text, space.end()) is not None
                                          or self.loss_after.match(text, space.end()) is not None)
        return last_loss > last_profit

    @cached_property
    def by_now(self) -> re.Pattern:
        """ "inzwischen", "mittlerweile": a count changed up to the time of publication."""
        return cue_re(self.cfg.get("by_now"))

    @cached_property
    def revised(self) -> re.Pattern:
        """ "nach unten korrigiert", "Statt der zunächst geschätzten …": a figure that corrects an earlier one."""
        return cue_re(self.cfg.get("revised"))

    @cached_property
    def past(self) -> re.Pattern:
        return words_re(self.cfg.get("past"))

    @cached_property
    def past_outlook(self) -> re.Pattern:
        return words_re(self.cfg.get("past_outlook"))

    @cached_property
    def past_sentence(self) -> re.Pattern:
        return words_re(self.cfg.get("past_sentence") or ["(?!)"])

    @cached_property
    def present_now(self) -> re.Pattern:
        return words_re(self.cfg.get("present_words") or ["(?!)"])

    def told_past(self, text: str, clause: tuple[int, int], ss: int, fig: dict) -> bool:
        """Does the text put a figure at a time of old in words ("Zu besten Zeiten", "damals") or
        with a year ("2012 waren es noch 1.670 gewesen"), not only with a day before the news
        (yesterday's share price is no count of old)?"""
        return bool(self.past.search(text, *clause) or self.past_before(text, ss, fig["start"]) or YEAR_WORD.search(text, *clause))

    def past_before(self, text: str, start: int, end: int) -> bool:
        """"Damals …, bei einer Bewertung von 3,3 Mrd." (not "Damals …, heute arbeiten 1.800"): then, no now after it."""
        last = max(self.past_sentence.finditer(text, start, end), key=lambda m: m.start(), default=None)
        return last is not None and not self.present_now.search(text, last.end(), end)

    @cached_property
    def distributive(self) -> re.Pattern:
        return words_re(self.cfg.get("distributive"))

    @cached_property
    def per_unit(self) -> re.Pattern:
        """Right after an amount (`match` at its end): "pro Aktie", "je Monat": a price per unit."""
        words = self.cfg.get("per_unit")
        return re.compile(r"\s+(?:" + cue_alternation(words) + r")(?![\w-])") if words else re.compile(r"(?!)")

    @cached_property
    def ellipsis(self) -> re.Pattern:
        """A word that compares a figure with one before (rules: ellipsis), not in a phrase of its exceptions."""
        rx, no = cue_re(self.cfg.get("ellipsis")), self.cfg.get("ellipsis_exceptions")
        return re.compile("(?!" + cue_re(no).pattern + ")(?:" + rx.pattern + ")", rx.flags) if no else rx

    @cached_property
    def cue_lists(self) -> dict[str, re.Pattern]:
        """The other cue lists of the file, by key: `no_claim_contexts`, `ellipsis_qualifiers`, `explanations`, `purpose_openers`, `span_anchors`,
        `frame_auxiliaries`."""
        return {k: cue_re(self.cfg.get(k)) for k in ("no_claim_contexts", "ellipsis_qualifiers", "explanations", "purpose_openers", "span_anchors",
                                                     "frame_auxiliaries")}

    @cached_property
    def replaced_before(self) -> re.Pattern:
        """A word right before a figure that makes it the value replaced ("Statt 25 Millionen …")."""
        return re.compile(r"(?<![\w-])(?:" + alternation(self.cfg.get("no_claim_before") or ["(?!)"]) + r")[ \u00a0]+$")

    @cached_property
    def no_claim(self) -> frozenset[str]:
        return frozenset(t.lower() for t in self.cfg.get("no_claim_texts") or [])


@dataclass
class DocView:
    """What the claim step sees of one document: its text, sentence bounds (spaCy's
    `doc.sents`), figures and dates, entities, skipped regions and publication date."""
    text: str
    sentences: list[tuple[int, int]]
    figures: list[dict]
    entities: list[Entity]
    regions: list[tuple[int, int]] = field(default_factory=list)
    published: str | None = None

    def __post_init__(self) -> None:
        # A "sentence" longer than MAX_SENTENCE (a list of numbers, a page without full stops)
        # is read in pieces cut at spaces: per-figure work stays bounded.
        self.sentences = [piece for s, e in sorted(self.sentences) for piece in _pieces(self.text, s, e)]
        self._starts = [s for s, _ in self.sentences]
        self._skipped = Regions(self.regions)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < max(self.sentences[i][1], self.sentences[i][0] + 1):
            return self.sentences[i]
        return (max(0, pos), max(0, pos) + 1) if i < 0 else self.sentences[i]

    def next_sentence(self, end: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self._starts, end)
        return self.sentences[i] if i < len(self.sentences) else None

    def previous_sentence(self, start: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self._starts, start) - 1
        return self.sentences[i] if i >= 0 else None

    @cached_property
    def entity_index(self) -> SpanIndex:
        return SpanIndex(self.entities)

    @cached_property
    def figure_index(self) -> SpanIndex:
        return SpanIndex(self.figures)

    @cached_property
    def mention_counts(self) -> dict[str, int]:
        """How often the article names each entity (the most named is what it is about)."""
        counts: dict[str, int] = {}
        for e in self.entities:  # (a company a deal bought, found by that alone, is no topic: "ohne den Beitrag von GoCanvas")
            counts[e.name] = counts.get(e.name, 0) + (e.source != "deal")
        return counts

    @cached_property
    def main_organisation(self) -> str | None:
        """The organisation the article names most (ties: the first named, as the dates' calendar)."""
        return main_organisation(self.entities)

    @cached_property
    def told_by(self) -> frozenset[int]:
        """The starts of the entities named as a source in a compound: "Nach ESA-Angaben haben mehr als
        4.000 Forschungsprojekte …", "laut Nasa-Schätzungen" (who tells, not whose figure)."""
        text = self.text
        return frozenset(e.start for e in self.entities if TOLD_AFTER.match(text, e.end)
                         and TOLD_BEFORE.search(text, max(0, e.start - 12), e.start))

    def preceded(self, rx: re.Pattern, reach: int) -> frozenset[int]:
        """The starts of the entities that `rx` finds in the `reach` characters before them
        (once per document and pattern)."""
        key = (id(rx), reach)
        found = self._preceded.get(key)
        if found is None:
            text = self.text
            found = self._preceded[key] = frozenset(
                e.start for e in self.entities if rx.search(text, max(0, e.start - reach), e.start))
        return found

    @cached_property
    def _preceded(self) -> dict[tuple[int, int], frozenset[int]]:
        return {}

    @cached_property
    def memo(self) -> dict:
        """Per-document results of the claim step's helpers, by their own keys (computed once per document)."""
        return {}

    def entities_near(self, start: int, end: int) -> list[Entity]:
        """The entities from a few sentences before `start` to a little after `end`: what a
        subject can be found among, however long the document (linear cost)."""
        return self.entity_index.around(start, end + 300)

    @cached_property
    def tables(self):
        return table_cells(self.text)

    @cached_property
    def headings(self) -> list[tuple[int, int]]:
        return headings(self.text)

    def skipped(self, s: int, e: int) -> bool:
        """Does text[s:e] share a character with a skipped region?"""
        return self._skipped.overlaps(s, e)


DATE_OF = re.compile(r"\s+vom\s+")  # "der Ausfall vom Freitag": the date is the noun's
VERB_PENALTY = 30  # characters: how much farther a verb trigger counts than a noun
COMMA_PENALTY = 15  # characters: how much farther a trigger counts beyond a comma


PP_OPENER = re.compile(r"(?<![\w-])(?:bei|mit|zu|zur|zum|nach|über|unter|gegenüber|auf)[ \u00a0]+(?:(?:einer|einem|eines|der|dem|den|des)[ \u00a0]+)?(?:[a-zäöüß][\w-]*[ \u00a0]+)?$")
# a relative clause after a preposition: its antecedent is a thing or place, not the trigger's quantity
PREP_RELATIVE = re.compile(r",\s+(?:in|an|auf|für|mit|über|bei|von|aus|durch|nach|unter)\s+(?:das|die|der|dem|den|denen|dessen|deren|welche[mnrs]?)\s")
NOUN_OF = re.compile(r"[ \u00a0]+(?:von|in[ \u00a0]+Höhe[ \u00a0]+von)[ \u00a0]+")  # "Bewertung von 520 Mio."


NOT_OWNED = lambda text, m, fig: False  # noqa: E731
LATER_TIER = 0.1  # a property word only in a clause after the figure's ranks below one in its own clause
DASS = re.compile(r"\s*dass\s")  # a clause that is what the clause before says: its own words name its figures
LATER_CLAUSE_PENALTY = 40  # characters: a property word in a clause after the figure's own counts so much farther


def nearest_trigger(rx: re.Pattern, text: str, start: int, end: int, fig: dict,
                    owned=lambda text, m, fig: False) -> tuple[float, tuple[int, int]] | None:
    """The trigger nearest to the figure in text[start:end]; words before it count closer, and
    a noun closer than a verb ("Die Marge erreichte 18 %": the margin, not what was reached)."""
    best = None
    for m in cue_finditer(rx, text, start, end):
        if owned(text, m, fig):
            continue
        verb = text[m.start()].islower() and " " not in m.group(0)  # "stieg", not "pro Aktie"
        if m.start() < fig["end"] and m.end() > fig["start"]:
            d = 0.0
        elif fig["label"] == "DATE" and m.end() <= fig["start"] and not verb and DATE_OF.fullmatch(text, m.end(), fig["start"]):
            d = -1.0  # "zum Totalausfall vom vergangenen Freitag veröffentlicht": the noun the date belongs to
        elif m.end() <= fig["start"] and not verb and NOUN_OF.fullmatch(text, m.end(), fig["start"]) \
                and PP_OPENER.search(text, max(0, m.start() - 40), m.start()):
            # "bei einer Bewertung von 520 Mio. Dollar eingesammelt": a phrase of its own whose noun the figure
            # belongs to (not "Kosten von zehn Mrd. Dollar einsparen": the verb's object)
            d = 0.0
        elif m.end() <= fig["start"]:
            d = fig["start"] - m.end()
        elif not text[fig["end"]:m.start()].strip():
            # "746.000 Euro pro Tag", "300 Milliarden Dollar wert": the word right after the figure (a
            # verb there less than the noun before: "Bewertung von 520 Mio. Dollar eingesammelt")
            d = 0.25 if verb else -0.25
        else:
            d = (m.start() - fig["end"]) * 1.5 + 5
        if verb and d >= 1:
            d += VERB_PENALTY
        between = text[m.end():fig["start"]] if m.end() <= fig["start"] else text[fig["end"]:m.start()]
        rel = [r for r in PREP_RELATIVE.finditer(between)] if m.end() <= fig["start"] and "," in between else None
        if rel and "," not in between[rel[-1].end():]:
            # "die Abschreibungen auf das Werk, in das Siltronic zwei Mrd. gesteckt hat": the place's clause
            # (not "Der Produktumsatz, auf den Anleger schauen, kletterte auf 942 Mio.": closed before)
            continue
        if d > 0 and ("," in between or " – " in between or " - " in between):
            d += COMMA_PENALTY  # "Im März 2019 hatte Spotify Beschwerde eingelegt, im Juni 2021 leitete …", "… seinen Wert – Berliner sammeln 180 Mio. ein"
        if best is None or d < best[0]:
            best = (d, m.span())
    return best


OWN_CLAUSE_END = re.compile(r"(?<!\d),|,(?!\d)|[;:]|\s[–—-]\s")


def trigger_of_other(text: str, span: tuple[int, int], fig: dict, figures, sentence_end: int) -> bool:
    """Does a property word in a clause after the figure's name a figure of that clause
    ("Ausgeliefert wurden Systeme für 2,9 Mrd., der Auftragsbestand lag bei 5,4 Mrd.": the
    backlog is the 5,4's)? `figures`: a SpanIndex of the document's figures."""
    a, b = span
    if a < fig["end"] or OWN_CLAUSE_END.search(text, fig["end"], a) is None:
        return False  # the figure's own clause, or one before it that the figure may go on with ("…, insgesamt 14 Mrd.")
    stop = OWN_CLAUSE_END.search(text, b, sentence_end)
    stop = stop.start() if stop else sentence_end
    return any(f is not fig and f["label"] == fig["label"] and b <= f["start"] < stop for f in figures.starting(b, stop))


def around_other(span: tuple[int, int], fig: dict, figures) -> bool:
    """Is a separable verb whose parts hold another figure of the figure's kind that one's ("setzte 2,1 Mrd.
    Dollar um und verdiente 114 Mio.": the revenue is the 2,1's; not "…, das waren 9 Prozent mehr")?"""
    return (span[1] <= fig["start"] or span[0] >= fig["end"]) and any(
        f is not fig and f["label"] == fig["label"] and span[0] < f["start"] and f["end"] < span[1] for f in figures.starting(*span))


MAX_SENTENCE = 2000


def _pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = cut + 1 if cut > s else s + MAX_SENTENCE
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out
