"""One entry of rules/<lang>/properties.yaml compiled: `Property` (triggers, value kinds, units,
subject types, time behaviour) and what a figure must be to take it. Pure, no spaCy."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from quellenlage.normalize.periods import grain
from quellenlage.patterns import cue_re, cue_search, words_re


@dataclass
class Property:
    key: str
    name: str
    values: dict[str, tuple[str, ...]]
    units: tuple[str, ...]
    relations: tuple[str, ...]
    triggers: re.Pattern | None
    cores: tuple[str, ...]
    subject_types: tuple[str, ...]
    default: bool
    time: str
    window_days: int | None
    local: bool = False
    scopes: re.Pattern | None = None
    segments: tuple[str, ...] = ()
    parent_segment: bool = False
    role: str | None = None
    min: float | None = None
    max: float | None = None
    requires: re.Pattern | None = None
    excludes: re.Pattern | None = None
    pair: str = "sentence"
    needs_segment: bool = False
    weak: re.Pattern | None = None  # weak_triggers: name it only when no other property's word does
    aspects: tuple[str, ...] = ()   # the aspects it can take (the first for any other); () = all
    compared_as: str | None = None  # the one measure its figures are compared as
    total: str | None = None        # the property of a total right after one of its figures
    date_grains: tuple[str, ...] = ()  # the grains its dates can have; () = any
    bound_subject: tuple[str, ...] = ()  # subject types first for an upper bound or a percentage (a law's cap)
    period_grain: str | None = None  # "year": a quarter it is named in stands for that quarter's year
    default_units: tuple[str, ...] = ()  # the units whose counts it takes without a word of its own
    ranked: bool = False  # a ranking goes on with it: "Microsoft folgt mit 20 Prozent"
    context: re.Pattern | None = None  # context_triggers' context: where it stands in the sentence,
    in_context: re.Pattern | None = None  # these are the triggers (the triggers and the context's words)
    compared_unit: str | None = None  # the unit its counts are compared in (the claim's unit)
    own_name: bool = False  # its subject is the organisation named, not the group it belongs to (a founding)
    of_pair: str | None = None  # the property its claims take when their subject is a pair of parties
    news_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # another property's dates it takes beside these figures

    def weak_at(self, text: str, span: tuple[int, int]) -> float:
        """0.5 when the trigger found is one of the property's weak ones (any other property's
        word in the same reach outranks it), else 0."""
        return 0.5 if self.weak is not None and self.weak.fullmatch(text, *span) else 0.0

    def triggers_in(self, text: str, start: int, end: int, present=None) -> re.Pattern | None:
        """The property's triggers in the sentence text[start:end]: with its context triggers where
        a word of their context stands there (`present`: the `CueSet` ids found there, or None)."""
        if self.context is not None and (present is None or id(self.context) in present) \
                and cue_search(self.context, text, start, end):
            return self.in_context
        return self.triggers

    def is_default(self, fig: dict) -> bool:
        """Does a count take this property without a word of it ("Xiaomi legte auf 40,8 Millionen Geräte zu")?"""
        return self.default or fig.get("unit") in self.default_units

    def accepts(self, fig: dict, measure: str) -> bool:
        if measure not in self.values.get(fig["label"], ()):
            return False
        if fig["label"] == "COUNT" and self.units and fig.get("unit") not in self.units:
            return False
        if self.relations and fig.get("date_relation") not in self.relations:
            return False
        if self.date_grains and fig["label"] == "DATE" and fig.get("date_value") \
                and (fig["date_value"].startswith("FY") or grain(fig["date_value"]) not in self.date_grains):
            return False  # "die Zahlen für das erste Quartal vorgelegt": a (fiscal) period, not the day of the news
        v = fig.get("value") if fig.get("value") is not None else fig.get("high")
        if measure == "level" and v is not None:
            v = abs(v)  # "Periodenergebnis: -4,17 Mrd. €": a loss's size is what min and max bound
            if self.min is not None and v < self.min or self.max is not None and v > self.max:
                return False
        return True


def _context(p: dict, trig: list[str]) -> tuple[re.Pattern | None, re.Pattern | None]:
    ctx = p.get("context_triggers")
    return (cue_re(ctx["context"]), cue_re(trig + ctx["words"])) if ctx else (None, None)


def property_of(key: str, p: dict, compared_units: dict[str, str]) -> Property:
    """The property of one entry; a unit compared as one of its units (`compared_units`) it takes too."""
    widen = lambda units: tuple(units) + tuple(a for a, to in compared_units.items() if to in units and a not in units)  # noqa: E731
    trig = (p.get("triggers") or []) + (p.get("weak_triggers") or [])
    return Property(
        key, p.get("name", key), {lab: tuple(ms) for lab, ms in (p.get("values") or {}).items()},
        widen(p.get("units") or ()), tuple(p.get("relations") or ()), cue_re(trig) if trig else None,
        tuple(sorted({t.strip("*").lower() for t in trig if t.startswith("*")}, key=len, reverse=True)),
        tuple(p.get("subject") or ()), bool(p.get("default")), p.get("time", "static"),
        p.get("window_days"), bool(p.get("local")), words_re(p["scopes"]) if p.get("scopes") else None,
        tuple(p.get("segments") or ()), bool(p.get("parent_segment")), p.get("role"),
        p.get("min"), p.get("max"), cue_re(p["requires"]) if p.get("requires") else None,
        cue_re(p["excludes"]) if p.get("excludes") else None, p.get("pair", "sentence"),
        bool(p.get("needs_segment")), cue_re(p["weak_triggers"]) if p.get("weak_triggers") else None,
        tuple(p.get("aspects") or ()), p.get("compared_as"), p.get("total"), tuple(p.get("date_grains") or ()),
        tuple(p.get("bound_subject") or ()), p.get("period_grain"), widen(p.get("default_units") or ()),
        bool(p.get("ranked")), *_context(p, trig), p.get("compared_unit"), bool(p.get("own_name")), p.get("of_pair"),
        {k: tuple(v) for k, v in (p.get("news_of") or {}).items()})
