"""Checking gold annotations (SPEC §8) before anything is scored against them.

Gold that is malformed, or whose offsets do not hold, would score silently wrong. Every
document line and relation line is validated with pydantic; every span must lie inside its
text with `start < end`, and where a span or relation end gives its `text`, it must equal
`text[start:end]`. All problems are collected and reported as `file:line: field: what`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

LABELS = ("MONEY", "COUNT", "PERCENT", "RANK", "DURATION", "DATE", "QUOTE")
MAX_SHOWN = 20


class GoldError(ValueError):
    """The gold cannot be used; the message lists every problem found (file:line: field: what)."""


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class GoldSpan(_Open):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    label: Literal[LABELS]  # type: ignore[valid-type]
    value: Union[int, float, str, None] = None
    low: Union[int, float, None] = None
    high: Union[int, float, None] = None
    optional: bool = False
    text: Union[str, None] = None


class GoldDoc(_Open):
    id: Union[str, int]
    text: str = Field(min_length=1)
    meta: dict = Field(default_factory=dict)
    boilerplate: list[tuple[int, int]] = Field(default_factory=list)
    spans: list[GoldSpan]


class RelationEnd(_Open):
    doc: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: Union[str, None] = None


class Relation(_Open):
    relation: Literal["conflict", "agree", "unrelated"]
    a: RelationEnd
    b: RelationEnd


def _where(loc: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(loc)) or "(line)"


def _validation_problems(exc: ValidationError) -> list[str]:
    return [f"{_where(e['loc'])}: {e['msg']}" for e in exc.errors()]


def _span_problems(text: str, start: int, end: int, given: str | None, where: str) -> list[str]:
    if end <= start:
        return [f"{where}: end {end} is not after start {start}"]
    if end > len(text):
        return [f"{where}.end: {end} is beyond the text ({len(text)} characters)"]
    if given is not None and text[start:end] != given:
        return [f"{where}.text: {given!r} does not match text[{start}:{end}] = {text[start:end]!r}"]
    return []


def _lines(path: Path):
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read: {exc}") from exc
    for lineno, line in enumerate(content.split("\n"), start=1):
        if line.strip():
            yield lineno, line


def _parse(path: Path, lineno: int, line: str, problems: list[str]):
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        problems.append(f"{path}:{lineno}: invalid JSON ({exc.msg} at column {exc.colno})")
        return None


def _valid_lines(path: Path, model: type[BaseModel], problems: list[str]):
    """(line number, raw record, validated model) of each line that parses and fits `model`."""
    for lineno, line in _lines(path):
        raw = _parse(path, lineno, line, problems)
        if raw is None:
            continue
        try:
            yield lineno, raw, model.model_validate_json(line)
        except ValidationError as exc:
            problems += [f"{path}:{lineno}: {p}" for p in _validation_problems(exc)]


def check_gold_file(path: Path, problems: list[str]) -> list[dict]:
    """The documents of one gold file; what is wrong goes to `problems`."""
    docs = []
    for lineno, raw, doc in _valid_lines(path, GoldDoc, problems):
        found = []
        for i, span in enumerate(doc.spans):
            found += _span_problems(doc.text, span.start, span.end, span.text, f"spans[{i}]")
        for i, (start, end) in enumerate(doc.boilerplate):
            found += _span_problems(doc.text, start, end, None, f"boilerplate[{i}]")
        problems += [f"{path}:{lineno}: {p}" for p in found]
        if not found:
            docs.append(raw)
    return docs


def check_relations_file(path: Path, texts: dict[str, str], problems: list[str]) -> list[dict]:
    """The relations of one file; ends on known gold documents must match their texts."""
    relations = []
    for lineno, raw, rel in _valid_lines(path, Relation, problems):
        found = []
        for name, end in (("a", rel.a), ("b", rel.b)):
            if end.doc in texts:
                found += _span_problems(texts[end.doc], end.start, end.end, end.text, name)
        problems += [f"{path}:{lineno}: {p}" for p in found]
        if not found:
            relations.append(raw)
    return relations


def raise_if(problems: list[str]) -> None:
    if problems:
        shown = problems[:MAX_SHOWN]
        more = f"\n  … and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        raise GoldError(f"{len(problems)} problem(s) in the gold:\n  " + "\n  ".join(shown) + more)
