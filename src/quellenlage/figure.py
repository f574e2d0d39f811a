"""One figure as the scanners find it: its span, label and typed value (SPEC §7), and the
numbers (`Atom`) it is built from. Plain data, no behaviour beyond `record`."""
from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any


@dataclass
class Figure:
    start: int
    end: int
    label: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    currency: str | None = None
    qualifier: str = "exact"
    item: str | None = None
    rule: str = ""
    date_value: str | None = None
    date_mod: str | None = None
    date_relation: str | None = None

    def record(self, text: str) -> dict[str, Any]:
        # The fields as they are (all plain values: no deep copy needed), then the text.
        rec = dict(zip(FIGURE_FIELDS, _figure_values(self)))
        rec["text"] = text[self.start:self.end]
        return rec


FIGURE_FIELDS = tuple(f.name for f in fields(Figure))
_figure_values = attrgetter(*FIGURE_FIELDS)


@dataclass
class Atom:
    """A number in the text: digits, a shorthand (70B) or a number word."""

    start: int
    end: int
    value: float | None
    kind: str  # digits | shorthand | word | one | half | year | needs_scale
    plus: bool = False
