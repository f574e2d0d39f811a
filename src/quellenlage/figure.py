"""One figure as the scanners find it: its span, label and typed value (SPEC §7), and the
numbers (`Atom`) it is built from. Plain data, no behaviour beyond `record`."""
from __future__ import annotations

from dataclasses import asdict, dataclass
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
        rec = asdict(self)
        rec["text"] = text[self.start:self.end]
        return rec


@dataclass
class Atom:
    """A number in the text: digits, a shorthand (70B) or a number word."""

    start: int
    end: int
    value: float | None
    kind: str  # digits | shorthand | word | one | half | year | needs_scale
    plus: bool = False
