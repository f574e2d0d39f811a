"""Shapes of the `examples:` the tests run, shared by several rule files."""
from __future__ import annotations

from pydantic import model_validator

from quellenlage.rule_schema.base import IsoCurrency, Label, Number, Qualifier, Rules, Word


class ExpectedFigure(Rules):
    """One figure an example text must give (tests/test_rule_files.py compares these keys)."""

    text: str
    label: Label
    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    unit: Word | None = None
    currency: IsoCurrency | None = None
    qualifier: Qualifier | None = None
    item: Word | None = None

    @model_validator(mode="after")
    def _value_or_range(self) -> "ExpectedFigure":
        if "value" in self.model_fields_set and ("low" in self.model_fields_set or "high" in self.model_fields_set):
            raise ValueError("give either value or low and high (a range), not both")
        if ("low" in self.model_fields_set) != ("high" in self.model_fields_set):
            raise ValueError("a range needs both low and high")
        return self


class FigureExample(Rules):
    """A text and every figure it must give, in text order (an empty list: no figure at all)."""

    text: str
    figures: list[ExpectedFigure]
