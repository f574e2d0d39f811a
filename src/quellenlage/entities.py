"""Entities a figure can be about: organisations, people, models, products, infrastructure,
chips (rules/<lang>/entities.yaml), plus model-like names the gazetteer lacks. Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

from quellenlage.figures import _alternation
from quellenlage.rules import RuleSet

GAZETTEER_TYPES = (("organisations", "ORG"), ("persons", "PER"), ("models", "MODEL"),
                   ("products", "PRODUCT"), ("infrastructure", "INFRA"), ("chips", "CHIP"), ("laws", "LAW"))


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    name: str
    type: str
    vendor_of: tuple[str, ...] = ()


@dataclass
class EntityRules:
    cfg: dict

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "EntityRules":
        return cls(rules.get("entities"))

    @cached_property
    def gazetteer(self) -> list[tuple[re.Pattern, dict[str, tuple[str, str, tuple]]]]:
        table: dict[str, tuple[str, str, tuple]] = {}
        for key, typ in GAZETTEER_TYPES:
            for e in self.cfg.get(key) or []:
                forms = [e["name"]] + list(e.get("aliases") or [])
                if typ in ("ORG", "MODEL", "INFRA", "PRODUCT"):
                    # Genitive: "Microsofts", "xAIs", "Groks".
                    forms += [f + "s" for f in forms if not f.endswith(("s", "x", "z", "S"))]
                for f in forms:
                    table.setdefault(f, (e["name"], typ, tuple(e.get("vendor_of") or ())))
        heads = [h for hs in (self.cfg.get("compound_heads") or {}).values() for h in hs]
        # "Microsoft-Aktie" is no mention of Microsoft; "V3-Modell" is one of V3.
        rx = re.compile(r"(?<![\w-])(?P<e>" + _alternation(table) + r")(?:-(?P<head>" + _alternation(heads or ["(?!)"])
                        + r"))?(?![\w]|-[A-ZÄÖÜa-zäöü])")
        return [(rx, table)]

    def head_fits(self, typ: str, head: str | None) -> bool:
        return head is None or head in ((self.cfg.get("compound_heads") or {}).get(typ) or [])

    @cached_property
    def source_re(self) -> re.Pattern:
        nouns = self.cfg.get("source_nouns") or ["(?!)"]
        return re.compile(r"(?:" + _alternation(nouns) + r")\s+(?:von\s+)?$")

    def source_before(self, text: str, pos: int) -> bool:
        return bool(self.source_re.search(text, max(0, pos - 40), pos))

    @cached_property
    def product_re(self) -> re.Pattern:
        heads = self.cfg.get("product_heads") or ["(?!)"]
        return re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w]+-(?:" + _alternation(heads) + r")(?![\w-])")

    @cached_property
    def acronym_re(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])[A-ZÄÖÜ]{3,6}(?![\w-])")

    @cached_property
    def acronym_stop(self) -> frozenset[str]:
        return frozenset(self.cfg.get("acronym_stoplist") or [])

    @cached_property
    def org_noun_re(self) -> re.Pattern:
        nouns = self.cfg.get("org_nouns") or ["(?!)"]
        return re.compile(r"(?<![\w-])(?:" + _alternation(nouns) + r")\s+(?P<name>[A-ZÄÖÜ][\w&.-]*[\w](?:\s[A-ZÄÖÜ][\w-]+){0,2})(?![\w-])")

    @cached_property
    def model_res(self) -> list[re.Pattern]:
        return [re.compile(r"(?<![\w-])(?:" + p + r")(?![\w-])") for p in self.cfg.get("model_patterns") or []]

    @cached_property
    def anaphora(self) -> list[tuple[re.Pattern, str]]:
        out = []
        for typ, nouns in (self.cfg.get("anaphora") or {}).items():
            out.append((re.compile(r"(?<![\w-])(?:[Dd](?:as|er|ie|em|en|es)|[Dd]ies(?:e[rsnm]?)?)\s+(?:\w+\s+)?(?:[\w]+-)?(?:"
                                   + _alternation(nouns) + r")(?![\w-])"), typ))
        return out


def find_entities(text: str, rules: EntityRules, regions: Iterable[tuple[int, int]] = (),
                  persons: Iterable[tuple[int, int, str]] = ()) -> list[Entity]:
    """Entity mentions in text order, longest match first, none inside `regions`."""
    taken = list(regions)
    out: list[Entity] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or b <= s for a, b in taken)

    for rx, table in rules.gazetteer:
        for m in rx.finditer(text):
            if free(*m.span()):
                name, typ, vendor = table[m.group("e")]
                if not rules.head_fits(typ, m.group("head")):
                    continue
                out.append(Entity(m.start(), m.end(), name, typ, vendor))
                taken.append(m.span())
    for s, e, name in persons:
        if free(s, e):
            out.append(Entity(s, e, name, "PER"))
            taken.append((s, e))
    for m in rules.product_re.finditer(text):
        if free(*m.span()):
            out.append(Entity(m.start(), m.end(), m.group(0), "PRODUCT"))
            taken.append(m.span())
    for m in rules.acronym_re.finditer(text):
        if free(*m.span()) and m.group(0) not in rules.acronym_stop:
            out.append(Entity(m.start(), m.end(), m.group(0), "ORG"))
            taken.append(m.span())
    discovered: set[str] = set()
    for m in rules.org_noun_re.finditer(text):
        if free(m.start("name"), m.end("name")):
            out.append(Entity(m.start("name"), m.end("name"), m.group("name"), "ORG"))
            taken.append(m.span("name"))
            discovered.add(m.group("name"))
    # "der Energieversorger Enerveo" names the company once; later "Enerveo" alone is it too.
    for name in sorted(discovered):
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"s?(?![\w-])", text):
            if free(*m.span()):
                out.append(Entity(m.start(), m.end(), name, "ORG"))
                taken.append(m.span())
    # "des Marktforschers IDC": a source of the figures, never their subject.
    out = [Entity(e.start, e.end, e.name, "SOURCE") if e.type == "ORG" and rules.source_before(text, e.start) else e
           for e in out]
    for rx in rules.model_res:
        for m in rx.finditer(text):
            if free(*m.span()) and not re.search(r"-(?:[A-ZÄÖÜ][a-zäöüß]{3,})$", m.group(0)):
                out.append(Entity(m.start(), m.end(), m.group(0).replace("-", " ", 0), "MODEL"))
                taken.append(m.span())
    out.sort(key=lambda x: x.start)
    return out
