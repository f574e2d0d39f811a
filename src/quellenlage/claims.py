"""From figures to claims: who a figure is about (subject) and what it measures (property).

Pure: works on the text and the figure rows of one document. The property comes from the
lexicon in rules/<lang>/properties.yaml (labels, units, trigger words); the subject is the
entity the figure's clause is about: the antecedent of a relative clause ("xAIs Grok, das
mehr als 100.000 GPUs nutzte"), else the nearest entity of a fitting type in the clause, the
sentence, an anaphor ("das Modell"), or the text before. A table row's subject is its first cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from quellenlage.entities import Entity, EntityRules, find_entities
from quellenlage.figures import _table_cells
from quellenlage.rules import RuleSet

# Clause boundaries: punctuation, and "und" before an article or a verb ("und steuert selbst …").
CLAUSE_BREAK = re.compile(r"[,;:()–—]|\s-\s|\bund\b(?=\s+(?:der|die|das|ein|eine|[a-zäöüß]+t)\b)")
COORDINATED = re.compile(r"\s*und\s+[a-zäöüß]+t\b")
RELATIVE = re.compile(r"\s*(?:das|der|die|welche[rs]?|dessen|deren)\b")


@dataclass
class Property:
    key: str
    name: str
    labels: tuple[str, ...]
    units: tuple[str, ...]
    relations: tuple[str, ...]
    triggers: re.Pattern | None
    subject_types: tuple[str, ...]
    default: bool
    window_days: int | None
    local: bool = False
    scopes: re.Pattern | None = None


@dataclass
class ClaimRules:
    cfg: dict
    entities: EntityRules

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "ClaimRules":
        return cls(rules.get("properties"), EntityRules.from_ruleset(rules))

    @cached_property
    def properties(self) -> list[Property]:
        out = []
        for key, p in self.cfg["properties"].items():
            trig = p.get("triggers") or []
            rx = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(t) for t in trig) + r")", re.IGNORECASE) if trig else None
            out.append(Property(key, p.get("name", key), tuple(p["labels"]), tuple(p.get("units") or ()),
                                tuple(p.get("relations") or ()), rx, tuple(p.get("subject") or ()),
                                bool(p.get("default")), p.get("window_days"), bool(p.get("local")),
                                _words_re(p["scopes"]) if p.get("scopes") else None))
        return out

    @cached_property
    def speculative(self) -> re.Pattern:
        return _words_re(self.cfg.get("speculative"))

    @cached_property
    def demonstrative(self) -> re.Pattern:
        words = self.cfg.get("demonstratives") or ["(?!)"]
        # "Der steuert allein …" (pronoun + verb), not "Das zweite Modell" (article + adjective + noun).
        return re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in words) + r")\s+[a-zäöüß]+\s+(?![A-ZÄÖÜ])")

    @cached_property
    def object_before(self) -> re.Pattern:
        words = self.cfg.get("object_prepositions") or ["(?!)"]
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words)
                          # "in den alternativen Cloud-Anbieter CoreWeave" is an object; "für den
                          # Trainingslauf ihres V3-Modells" names V3 as the owner (genitive).
                          + r")\s+(?:(?:de[mnr]|die|das|einem|einer|einen)\s+)?"
                          + r"(?:(?!(?:ihre[sr]|seine[sr]|des|deren|dessen)\b)[\w-]+\s+){0,3}$")

    @cached_property
    def distributive(self) -> re.Pattern:
        return _words_re(self.cfg.get("distributive"))

    @cached_property
    def present(self) -> re.Pattern:
        return _words_re(self.cfg.get("present"))

    @cached_property
    def past(self) -> re.Pattern:
        return _words_re(self.cfg.get("past"))

    def property(self, key: str) -> Property | None:
        return next((p for p in self.properties if p.key == key), None)


def _words_re(words) -> re.Pattern:
    words = words or ["(?!)"]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


def _clause(sentence: str, rel_start: int, rel_end: int) -> tuple[int, int]:
    """Bounds (relative to the sentence) of the clause around a figure."""
    s, e = 0, len(sentence)
    for m in CLAUSE_BREAK.finditer(sentence):
        if m.end() <= rel_start:
            s = m.end()
        elif m.start() >= rel_end:
            e = m.start()
            break
    return s, e


class ClaimFinder:
    def __init__(self, rules: ClaimRules):
        self.r = rules

    def claims(self, text: str, figures: list[dict], regions=(), persons=()) -> list[dict]:
        """(figure, subject, property) for each figure that has both; figures are table rows."""
        ents = find_entities(text, self.r.entities, regions, persons)
        tables = _table_cells(text)
        out = []
        parts = set(self.r.cfg.get("part_rules") or [])
        no_claim = {t.lower() for t in self.r.cfg.get("no_claim_texts") or []}
        for fig in figures:
            if fig.get("rule") in parts or fig["text"].lower() in no_claim:
                continue
            ss, se = fig["sentence_start"], fig["sentence_end"]
            # "Die $5,6 Mio. sind der Preis …": a definite article before an amount points back
            # to the same amount named earlier; the figure repeats that claim.
            earlier = self._same_amount_before(text, fig, out)
            if earlier is not None:
                out.append({**earlier, "figure": fig, "anchors": self._anchors(text, fig, ss, se)})
                continue
            sentence = text[ss:se]
            cs, ce = _clause(sentence, fig["start"] - ss, fig["end"] - ss)
            header = _table_header(fig["start"], tables)
            # In a table the column header says what the cells measure.
            prop = self._property(fig, sentence, header if header else sentence[cs:ce])
            if prop is None:
                continue
            if header is None and self.r.distributive.search(sentence[cs:fig["start"] - ss]):
                continue  # "jedes mit mehr als 100.000 GPUs": per unit, not a total
            if prop.window_days and self.r.speculative.search(sentence[cs:ce] if header is None else ""):
                continue  # "die Bewertung könnte auf 75 Milliarden steigen": not a present value
            past = bool(prop.window_days and self.r.past.search(sentence[cs:ce]))
            subject = self._subject(text, fig, prop, ents, ss, se, ss + cs, ss + ce, tables)
            if subject:
                scope = prop.scopes.search(sentence) if prop.scopes else None
                out.append({"figure": fig, "subject": subject, "property": prop.key, "window_days": prop.window_days,
                            "past": past, "anchors": self._anchors(text, fig, ss, se),
                            "scope": scope.group(0).lower() if scope else None})
        return out

    @staticmethod
    def _same_amount_before(text: str, fig: dict, claims: list[dict]) -> dict | None:
        if not re.search(r"(?<!\w)(?:[Dd]ie|[Dd]er|[Dd]as|[Dd]iese[nr]?)\s*$", text[max(0, fig["start"] - 8):fig["start"]]):
            return None
        for c in reversed(claims):
            f = c["figure"]
            if f["label"] == fig["label"] and f.get("currency") == fig.get("currency") and f.get("unit") == fig.get("unit") \
                    and f.get("value") and fig.get("value") and abs(f["value"] - fig["value"]) <= 0.005 * abs(f["value"]):
                return c
        return None

    def _anchors(self, text: str, fig: dict, ss: int, se: int) -> list[int]:
        """Positions of words in the sentence that mean "now" ("inzwischen", "derzeit")."""
        return [ss + m.start() for m in self.r.present.finditer(text[ss:se])]

    # --- property ----------------------------------------------------------------------
    def _property(self, fig: dict, sentence: str, clause: str) -> Property | None:
        best, best_score = None, -1
        for rank, p in enumerate(self.r.properties):
            if fig["label"] not in p.labels:
                continue
            if p.units and fig["label"] == "COUNT" and fig.get("unit") not in p.units:
                continue
            if p.relations and fig.get("date_relation") not in p.relations:
                continue
            score = 0
            if p.triggers is not None:
                if p.triggers.search(clause):
                    score = 3
                elif p.triggers.search(sentence) and fig["label"] not in self.r.cfg.get("clause_labels", ()):
                    score = 2  # money, dates and percentages: the property is named in their clause
            if score == 0 and not p.default:
                continue
            if score > best_score:
                best, best_score = p, score
        return best

    # --- subject -----------------------------------------------------------------------
    def _subject(self, text, fig, prop: Property, ents: list[Entity], ss, se, cs, ce, tables) -> str | None:
        cell_subject = _table_row_subject(text, fig["start"], tables, ents)
        if cell_subject:
            return cell_subject
        types = prop.subject_types
        if types == ("PAIR",):
            return self._pair(text, ents, ss, se)
        item_end = fig["end"] + (len(fig.get("item") or "") + 25 if fig.get("item") else 0)
        objects = [e for e in ents if self.r.object_before.search(text, max(0, e.start - 40), e.start)]
        # Not the maker of what is counted: "200'000 Grafikprozessoren von Nvidia" are not Nvidia's.
        fitting = [e for e in ents if e.type in types and not (fig["start"] <= e.start < item_end)
                   and not (fig.get("unit") and fig["unit"] in e.vendor_of)]
        # In the figure's own sentence an object ("an dem Start-up") is not the subject;
        # in earlier sentences any mention may be the topic.
        usable = [e for e in fitting if e not in objects]
        # "… angeführt von ASML. Der steuert allein 1,3 Mrd. EUR bei": a demonstrative opening
        # the sentence is the last entity named before it.
        if self.r.demonstrative.match(text, ss):
            prior = [e for e in ents if e.type in types and e.end <= ss and ss - e.end < 300]
            if prior:
                return prior[-1].name
        anaphors = {typ: rx for rx, typ in self.r.entities.anaphora}
        # 1. "xAIs Grok, das mehr als 100.000 GPUs nutzte": a relative clause is about what
        #    stands right before it (a name, or an anaphor like "der frühere Mitgründer").
        if RELATIVE.match(text, cs) and cs > ss:
            before = [e for e in usable if ss <= e.end <= cs and not text[e.end:cs].strip(" ,")]
            if before:
                return before[-1].name
            for typ in types:
                m = None
                if typ in anaphors:
                    for m in anaphors[typ].finditer(text, ss, cs):
                        pass
                if m and not text[m.end():cs].strip(" ,"):
                    resolved = self._resolve_anaphor(typ, usable, ents, m.start(), text)
                    if resolved:
                        return resolved
        # 2. "ASML führt die Runde an und steuert selbst 1,3 Milliarden bei": a coordinated
        #    clause without a subject of its own shares the sentence's subject.
        if cs > ss and COORDINATED.match(text, max(ss, cs - 4)):
            first = [e for e in usable if ss <= e.start and e.end <= fig["start"]]
            if first:
                return first[0].name
        # 3. By preferred type: named in the clause, named earlier in the sentence, or an
        #    anaphor of that type in the sentence ("das Modell" -> the model the text is about).
        for typ in types:
            cands = [e for e in usable if e.type == typ and cs <= e.start and e.end <= ce]
            prior = [e for e in cands if e.end <= fig["start"]]
            if prior:
                return prior[-1].name
            after = [e for e in cands if e.start >= fig["end"]]
            if after:
                return after[0].name
            prior = [e for e in usable if e.type == typ and ss <= e.start and e.end <= fig["start"]]
            if prior:
                return prior[-1].name
            m = anaphors[typ].search(text, ss, se) if typ in anaphors else None
            if m and not self.r.object_before.search(text, max(0, m.start() - 12), m.start()):
                resolved = self._resolve_anaphor(typ, usable, ents, ss, text)
                if resolved:
                    return resolved
        if prop.local:
            return None  # dates, ranks, prices: only what their own sentence names
        # 4. The topic of the sentence before, then the article's main entity of a fitting type.
        prev_start = _previous_sentence_start(text, ss)
        for typ in types:
            topic = [e for e in fitting if e.type == typ and prev_start <= e.start and e.end <= ss]
            if topic:
                return topic[0].name
        for typ in types:
            prior = [e for e in fitting if e.type == typ and e.end <= ss]
            if prior:
                return _salient(prior, ents)
        return None

    @staticmethod
    def _resolve_anaphor(typ: str, usable: list[Entity], ents: list[Entity], pos: int, text: str) -> str | None:
        """ "das Modell", "der Konzern": the entity in subject position (first named) of one of
        the last sentences, if it is of the type; else the most mentioned of the type nearby."""
        start = pos
        for _ in range(5):
            prev = _previous_sentence_start(text, start)
            if prev >= start:
                break
            first = [e for e in ents if prev <= e.start and e.end <= start]
            if first and first[0].type == typ and first[0] in usable:
                return first[0].name
            start = prev
        prior = [e for e in usable if e.type == typ and e.end <= pos and pos - e.end < 1500]
        return _salient(prior, ents) if prior else None

    def _pair(self, text: str, ents: list[Entity], ss: int, se: int) -> str | None:
        """A contract is between two organisations: those of the sentence, completed by the
        organisations the article is most about ("die Vereinbarung zwischen beiden Firmen")."""
        orgs = []
        for e in [e for e in ents if e.type == "ORG" and ss <= e.start < se]:
            if e.name not in orgs:
                orgs.append(e.name)
        if len(orgs) < 2:
            counts = {}
            for e in ents:
                if e.type == "ORG" and e.end <= se:
                    counts[e.name] = counts.get(e.name, 0) + len(re.findall(re.escape(e.name), text))
            for name in sorted(counts, key=lambda n: (-counts[n], n)):
                if name not in orgs:
                    orgs.append(name)
                if len(orgs) == 2:
                    break
        return "/".join(sorted(orgs[:2])) if len(orgs) >= 2 else None


def _previous_sentence_start(text: str, ss: int) -> int:
    j = ss - 1
    while j > 0 and text[j].isspace():
        j -= 1
    m = None
    for m in re.finditer(r"[.!?\n](?=\s)", text[max(0, j - 600):j]):
        pass
    return max(0, j - 600) + m.end() if m else max(0, j - 600)


def _table_header(pos: int, tables) -> str | None:
    for line_start, cells in tables.items():
        if cells and cells[0].start - 1 <= pos < cells[-1].end:
            return next((c.header for c in cells if c.start <= pos < c.end), None)
    return None


def _salient(prior: list[Entity], ents: list[Entity]) -> str:
    """The entity of these the article mentions most (ties: the latest)."""
    counts: dict[str, int] = {}
    for e in ents:
        counts[e.name] = counts.get(e.name, 0) + 1
    return max(reversed(prior), key=lambda e: counts[e.name]).name


def _table_row_subject(text: str, pos: int, tables, ents: list[Entity]) -> str | None:
    for line_start, cells in tables.items():
        if cells and cells[0].start - 1 <= pos < cells[-1].end:
            first = cells[0]
            if first.start <= pos < first.end:
                return None  # the figure is in the first cell itself
            inside = [e for e in ents if first.start <= e.start < first.end]
            if inside:
                return inside[0].name
            name = text[first.start:first.end].strip()
            return name or None
    return None


def find_claims(text: str, figures: list[dict], rules: ClaimRules, regions=(), persons=()) -> list[dict]:
    return ClaimFinder(rules).claims(text, figures, regions, persons)
