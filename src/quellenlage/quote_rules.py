"""What the quote step knows: `Quote` (a quotation with kind, speaker and cue), `QuoteRules`
(rules/<lang>/quotes.yaml compiled) and `Mentions` (the people and organisations among an
article's entities, from the entity layer). Pure, no spaCy."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

from quellenlage.entities import Entity, EntityRules
from quellenlage.patterns import alternation
from quellenlage.rules import RuleSet

CAP = r"[A-ZÄÖÜ][\w'’\-]*"


@dataclass
class Quote:
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    via: str | None = None

    def record(self, text: str) -> dict:
        return {"start": self.start, "end": self.end, "text": text[self.start:self.end], "kind": self.kind,
                "speaker": self.speaker, "speaker_start": self.speaker_start, "speaker_end": self.speaker_end,
                "cue": self.cue, "via": self.via}


@dataclass
class Mention:
    start: int
    end: int
    name: str           # canonical name
    kind: str           # PER | ORG
    gender: str | None = None


@dataclass
class QuoteRules:
    cfg: dict
    ent: dict

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "QuoteRules":
        return cls(rules.get("quotes"), rules.get("entities"))

    @cached_property
    def after_cue_re(self) -> re.Pattern:
        """ "laut X", "nach Angaben von X": the speaker follows."""
        return re.compile(r"(?<!\w)(?P<cue>" + alternation(self.cfg["speaker_after_cue"]) + r")\s+")

    @cached_property
    def before_cue_re(self) -> re.Pattern:
        """ "X zufolge": the speaker precedes."""
        return re.compile(r"(?P<who>\S+(?:\s\S+)?)\s+(?P<cue>" + alternation(self.cfg["speaker_before_cue"]) + r")(?!\w)")

    @cached_property
    def possessive_re(self) -> re.Pattern:
        return re.compile(alternation(self.cfg.get("possessive_cues") or {"(?!)": None}))

    @cached_property
    def attribution_re(self) -> re.Pattern:
        forms = list(self.cfg["speaker_after_cue"]) + list(self.cfg["speaker_before_cue"]) + list(self.cfg.get("possessive_cues") or [])
        return re.compile(r"(?<!\w)(?:" + alternation(forms) + r")(?!\w)", re.IGNORECASE)

    @cached_property
    def first_person(self) -> frozenset[str]:
        return frozenset(self.cfg.get("first_person") or [])

    @cached_property
    def reported_re(self) -> re.Pattern:
        return re.compile(r"(?<!\w)(?:" + alternation(self.cfg.get("reported_speech") or ["(?!)"]) + r")(?!\w)")

    @cached_property
    def role_alternation(self) -> str:
        """The role nouns, also as the end of a closed compound ("Firmengründer", "Finanzchefin";
        only roles of six letters or more and "Chef": "Kinder" is no "Inder")."""
        roles = self.cfg["role_nouns"]
        tails = [r.lower() for r in roles if len(r) >= 6 or r.lower().startswith("chef")]
        return alternation(roles) + r"|[A-ZÄÖÜ][a-zäöüß]+(?:" + alternation(tails) + r")"

    @cached_property
    def role_word_re(self) -> re.Pattern:
        """A role noun alone, maybe in a compound: "Deepmind-Chef", "Konzernchefin", "Firmengründer"."""
        return re.compile(r"(?:[\w]+-)?(?:" + self.role_alternation + r")")

    @cached_property
    def speaking_re(self) -> re.Pattern:
        """The verbs of `term_speaking` as whole words ("sprach von", "nannte"; not "als")."""
        verbs = [v for v in self.cfg["term_speaking"] if v not in ("als",)]
        return re.compile(r"(?<![\w-])(?:" + alternation(verbs) + r")(?![\w-])")

    @cached_property
    def cue_re(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?P<cue>" + alternation(self.cfg["cues"]) + r")(?![\w-])")

    @cached_property
    def speaking_before_re(self) -> re.Pattern:
        """ "spricht von einem", "nannte sie": a verb of `term_speaking` right before a quote."""
        return re.compile(r"(?:" + alternation(self.cfg["term_speaking"]) + r")\s+(?:\w+\s+){0,2}$")

    @cached_property
    def cue_after_re(self) -> re.Pattern:
        """ "…“, sagte X" / "…“ so X": a cue right after the quote (comma optional)."""
        return re.compile(r"\s*,?\s*(?P<cue>" + alternation(self.cfg["cues"]) + r")\b")

    @cached_property
    def company_cues(self) -> frozenset[str]:
        return frozenset(self.cfg.get("company_cues") or ())

    @cached_property
    def authority_nouns(self) -> frozenset[str]:
        return frozenset(self.cfg.get("authority_nouns") or [])

    @cached_property
    def quote_mark_re(self) -> re.Pattern:
        """Any quotation mark of `marks` (openers and closers)."""
        marks = set(self.cfg["marks"]) | {c for closers in self.cfg["marks"].values() for c in closers}
        return re.compile("[" + re.escape("".join(sorted(marks))) + "]")

    @cached_property
    def spokes_compound_re(self) -> re.Pattern:
        """ "ein AWS-Sprecher": a spokesperson (rules' `spokespeople`) named by the organisation."""
        speakers = alternation(self.cfg.get("spokespeople") or ["(?!)"])
        return re.compile(r"(?<!\w)(?:ein|eine|der|die|einem|einer)\s+(?P<org>(?:[A-ZÄÖÜ]|\d+&)[\w.&]*)-(?:" + speakers + r")(?!\w)")

    @cached_property
    def cue_after_comma_re(self) -> re.Pattern:
        return re.compile(r"\s*,\s*(?:" + alternation(self.cfg["cues"]) + r")\b")

    @cached_property
    def via_re(self) -> re.Pattern:
        return re.compile(r"(?:" + alternation(self.cfg["via_before"]) + r")\s+(?:de[mnr]\s+)?(?P<via>" + CAP
                          + r"(?:\s" + CAP + r")?)")

    @cached_property
    def cataphora_re(self) -> re.Pattern:
        return re.compile(r"\s*(?:" + alternation(self.cfg["cataphora"]) + r")\b")

    @cached_property
    def entities(self) -> EntityRules:
        return EntityRules(self.ent)

    @cached_property
    def not_first(self) -> frozenset[str]:
        return self.entities.not_first

    @cached_property
    def _noun_endings(self) -> tuple[str, ...]:
        bare = (self.ent.get("bare_names") or {}).get("noun_suffixes") or []
        heads = [w.lower() for w in (self.cfg.get("org_nouns") or []) + (self.ent.get("org_nouns") or []) if len(w) >= 5]
        return tuple(sorted(set(bare) | set(heads)))

    def common_noun(self, word: str) -> bool:
        """ "Logikchiphersteller schöben Investitionen auf": a compound of a common noun, no name."""
        low = word.split()[0].lower()
        return low.endswith(self._noun_endings) and low not in self.org_noun_words

    @cached_property
    def org_noun_words(self) -> frozenset[str]:
        return frozenset(self.cfg.get("org_nouns") or [])

    @cached_property
    def org_noun_re(self) -> re.Pattern:
        """ "die Behörde", "dem Amt", "des Unternehmens", "eine Sprecherin der Behörde"."""
        nouns = alternation(self.cfg.get("org_nouns") or ["(?!)"])
        speakers = alternation(self.cfg.get("spokespeople") or ["(?!)"])
        # "Ein Sprecher sagte, …": a spokesperson of no named organisation speaks for the article's company
        return re.compile(r"(?<!\w)(?:(?:ein|eine|der|die)\s+(?:" + speakers + r")\s+(?:de[rs]|von)\s+(?:(?:\w+\s+)?(?:" + nouns + r")(?!\w)|(?P<named>[A-ZÄÖÜ][\w-]+))|(?:[Dd](?:ie|er|as|em|es|en))\s+(?:\w+\s+)?(?:" + nouns + r")"
                          r"|(?:[Ee]in|[Ee]ine)\s+(?:" + speakers + r")(?!\s+(?:de[rs]|von)\s))(?!\w)")

    @cached_property
    def anonymous_re(self) -> re.Pattern:
        """ "sagt ein Mitarbeiter, der anonym bleiben möchte": an unnamed person."""
        spokespeople = set(self.cfg.get("spokespeople") or [])
        roles = [r for r in self.cfg["role_nouns"] if r not in spokespeople]
        # (a role at the end of a compound too: "sagt ein Frankfurter Fondsmanager")
        plural = self.cfg.get("unnamed_groups") or ["(?!)"]
        return re.compile(r"\s*(?:(?:ein|eine)\s+(?:\w+\s+)?(?:[\w-]*?(?i:" + alternation(roles + list(plural) + ["Mitarbeiter", "Mitarbeiterin", "Insider", "Insiderin", "Beschäftigter"])
                          + r"))|(?:die\s+)?(?:" + alternation(plural) + r"))\b(?!\s+(?:de[rs]|von)\s)")

    @cached_property
    def role_re(self) -> re.Pattern:
        # "der Manager", "der frühere Deepmind-Mitgründer", "die Oracle-Chefin"
        return re.compile(r"(?<!\w)(?P<art>[Dd]er|[Dd]ie|[Dd]es|[Dd]em)\s+(?:[\w-]+\s+)?(?P<role>(?:[\w]+-)?(?:"
                          + self.role_alternation + r"))(?!\w)")


class Mentions:
    """The people and organisations among an article's entities (the entity layer), in text order."""

    def __init__(self, entities: Iterable[Entity]):
        self.items: list[Mention] = [Mention(e.start, e.end, e.name, "PER" if e.type == "PER" else "ORG", e.gender)
                                     for e in entities if e.type in ("PER", "ORG", "SOURCE")
                                     and e.source != "owner"]  # "sagte der Micron-Chef": a person
        # In text order with their starts, for the mentions near a place by bisection.
        self.items.sort(key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        self.longest = max((m.end - m.start for m in self.items), default=0)

    def organisation_before(self, pos: int, noun: str, authority_nouns: frozenset[str],
                            authorities: frozenset[str], near: int = 600) -> Mention | None:
        """What "die Behörde" / "das Unternehmen" before `pos` points back to. An authority
        noun: the last authority named (else the last organisation). A company noun: of the
        companies named in the `near` characters before it, the one the article names most
        often (its topic: "…, zu denen auch Nvidia gehört. «…», teilte das Unternehmen mit"
        is Samsung speaking); else the last organisation named."""
        k = bisect.bisect_left(self.starts, pos)
        prior = [m for m in self.items[:k] if m.kind == "ORG" and m.end <= pos]
        if not prior:
            return None
        # "das Ministerium" after "das US-Finanzministerium": the organisation the noun ends its name
        head = re.sub(r"(?:e?s)$", "", noun.split()[-1]).lower() if noun.split() else ""
        if len(head) >= 4:
            named = [m for m in prior if m.name.lower().endswith(head) and m.name.lower() != head]
            if named:
                return named[-1]
        if any(w in authority_nouns for w in re.findall(r"[\w-]+", noun)):
            return next((m for m in reversed(prior) if m.name in authorities), prior[-1])
        prior = [m for m in prior if m.name not in authorities] or prior
        recent = [m for m in prior if pos - m.end <= near]
        if not recent:
            return prior[-1]
        counts = self.org_counts
        return max(reversed(recent), key=lambda m: counts.get(m.name, 0))

    def ending_in(self, pos: int, word: str, near: int = 1500) -> Mention | None:
        """The organisation named in the `near` characters before `pos` whose name ends in `word`
        (or in it without a genitive s): "des Clubs" after "der Chaos Computer Club"."""
        forms = {word.casefold(), re.sub(r"e?s$", "", word).casefold()}
        k = bisect.bisect_left(self.starts, pos)
        for m in reversed(self.items[:k]):
            if m.end <= pos - near:
                break
            if m.kind == "ORG" and m.end <= pos and " " in m.name and m.name.split()[-1].casefold() in forms:
                return m
        return None

    @cached_property
    def org_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.items:
            if m.kind == "ORG":
                counts[m.name] = counts.get(m.name, 0) + 1
        return counts

    def within(self, start: int, end: int) -> list[Mention]:
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [m for m in self.items[lo:hi] if m.end <= end]

    def as_person(self, m: Mention, text: str) -> Mention:
        """A company written with a surname alone that a person of the article bears ("sagte Dräger" after
        "Stefan Dräger", Dräger's chief): the person named last before it speaks, not the company."""
        word = text[m.start:m.end]
        if m.kind != "ORG" or " " in word or not word[:1].isupper():
            return m
        for k in range(bisect.bisect_left(self.starts, m.start) - 1, -1, -1):
            p = self.items[k]
            if p.start + self.longest < m.start - 6000:
                break  # (bounded: this one and every earlier one lie far before)
            if p.kind == "PER" and " " in p.name and p.name.split()[-1] == word:
                return Mention(m.start, m.end, p.name, "PER", p.gender)
        return m

    def last_person_before(self, pos: int, gender: str | None = None, limit: int = 1500) -> Mention | None:
        """The last person mentioned before pos, at most `limit` characters before it."""
        for k in range(bisect.bisect_left(self.starts, pos) - 1, -1, -1):
            m = self.items[k]
            if m.start + self.longest < pos - limit:
                break  # this one and every earlier one ends too far before pos
            if m.end <= pos and pos - m.end <= limit and m.kind == "PER":
                if gender is None or m.gender in (None, "unknown", gender):
                    return m
        return None
