"""Markets as subjects: a figure about a whole market, not about a company ("Insgesamt wurden im
vierten Quartal 68,9 Millionen PCs ausgeliefert", "Der Gesamtmarkt wuchs um 1,5 Prozent"). The
market takes the name the article gives it first ("PC-Markt", "Smartphonemarkt": "Smartphone-Markt"),
so sources that write it differently still name one subject. Rules: properties.yaml
`subject_cues.market_words` (what makes a sentence a market's), `market_properties` (the
properties a market has), `market_not_names` (first parts that name no market of goods:
"Arbeitsmarkt", "Aktienmarkt"). Pure."""
from __future__ import annotations

import re
from functools import cached_property

from quellenlage.patterns import cue_re

CARRY_REACH = 1500  # characters back a market sentence carries to sentences naming no one
MARKET_COMPOUND = re.compile(r"(?<![\w-])(?P<pre>[A-ZÄÖÜ][\w]*?)-?(?:[Mm]arkt|[Mm]arktes|[Mm]arkts)(?![\w-])")


class MarketCues:
    """What makes a figure's sentence a market's, and what the article calls the market."""

    def __init__(self, cfg: dict):
        self.cfg = cfg or {}
        self._last: tuple[str, str | None] | None = None

    @cached_property
    def properties(self) -> frozenset[str]:
        return frozenset(self.cfg.get("market_properties") or ())

    @cached_property
    def words(self) -> re.Pattern:
        return cue_re(self.cfg.get("market_words"))

    @cached_property
    def not_names(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg.get("market_not_names") or ())

    def of_sentence(self, text: str, start: int, end: int) -> bool:
        """Does the sentence speak of a market ("Der Gesamtmarkt …", "Insgesamt wurden …")?"""
        return self.words.search(text, start, end) is not None

    def name(self, text: str, unit: str | None = None) -> str | None:
        """The market the article names first ("PC-Markt"), else the market of the goods the figure
        counts (1,17 Milliarden Geräte of unit smartphone: "Smartphone-Markt"); None where neither
        names a market of goods (a market unnamed is no subject: "the market" of two articles may be
        two markets). One name whichever way a source writes it ("Smartphonemarkt", "PC-Markt")."""
        named = self._named(text)
        if named is not None:
            return named
        if unit and unit in self.goods:
            return _market(unit)
        return None

    def _named(self, text: str) -> str | None:
        """The market the text names first; the last text's answer is kept, so the claims of one
        document look through it once, not once per figure (linear in the document's length)."""
        if self._last is not None and self._last[0] is text:
            return self._last[1]
        named = None
        for m in MARKET_COMPOUND.finditer(text):
            pre = m.group("pre").rstrip("-")
            if pre and pre.lower() not in self.not_names:
                named = _market(self.other_names.get(pre.lower(), pre))
                break
        self._last = (text, named)
        return named

    @cached_property
    def other_names(self) -> dict[str, str]:
        """Another name of a market (lower case) -> its name (rules: `market_names`): "handy" -> "Smartphone"."""
        return {o.lower(): name for name, others in (self.cfg.get("market_names") or {}).items() for o in others}

    @cached_property
    def goods_properties(self) -> frozenset[str]:
        """Properties of a company in one market of goods (rules: `market_goods_properties`)."""
        return frozenset(self.cfg.get("market_goods_properties") or ())

    def mark_markets(self, text: str, claims: list[dict]) -> None:
        """Each claim of a `goods_properties` property gets the market it is in (claims column
        `market`): the one the article names first, else its figure's goods; None where neither is
        known. Two claims in different markets never conflict (`facts`)."""
        for c in claims:
            if c["property"] in self.goods_properties:
                c["market"] = self.name(text, c.get("unit") or c["figure"].get("unit"))

    def carried(self, text: str, ss: int, prop: str, unit: str | None, last_named: int) -> str | None:
        """The market a sentence naming no one goes on about: the last sentence before it (in the
        `CARRY_REACH` characters before) that speaks of a market ("Insgesamt wurden … 1,21 Milliarden
        Smartphones ausgeliefert. … Von Oktober bis Dezember sanken die Auslieferungen um 18,3
        Prozent"), when no company is named after that sentence (`last_named`: where the last
        fitting name before the figure's sentence ends). Only for goods a market counts (`deliveries`: both
        `market_properties` and `market_goods_properties`), not for revenue ("Auf dem Heimatmarkt …")."""
        if prop not in self.properties or prop not in self.goods_properties:
            return None
        last = None
        for m in self.words.finditer(text, max(last_named, ss - CARRY_REACH), ss):
            last = m
        return self.name(text, unit) if last is not None else None

    @cached_property
    def goods(self) -> frozenset[str]:
        """COUNT units whose totals are a market's (rules: `market_goods`)."""
        return frozenset(self.cfg.get("market_goods") or ())


MARKET_SUFFIX = "-Markt"


def is_market(subject: str | None) -> bool:
    """Is the subject a market `MarketCues.name` named ("Smartphone-Markt")?"""
    return bool(subject) and subject.endswith(MARKET_SUFFIX)


def _market(word: str) -> str:
    """ "PC", "pc", "PCs" -> "PC-Markt"; "smartphone", "Smartphone" -> "Smartphone-Markt"."""
    if word.endswith("s") and word[:-1].isupper():
        word = word[:-1]
    if word.isupper() or len(word) <= 3:
        return word.upper() + MARKET_SUFFIX
    return word[:1].upper() + word[1:] + MARKET_SUFFIX
