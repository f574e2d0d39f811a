"""Problems of rule files as one line each: file, line, key path, what is wrong, what to fix.

Lines come from the composed YAML nodes (a key path is followed through the node tree);
pydantic's errors are turned into plain words, with "did you mean" for near misses."""
from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = tuple[Any, ...]


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    key: str
    message: str

    def format(self) -> str:
        where = shown_path(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


def shown_path(path: Path) -> str:
    """The path relative to the working folder when it lies inside it, else as it is."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return rel if not rel.startswith("..") else str(path)


def key_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        if part == "[key]":
            continue
        out += f"[{part}]" if isinstance(part, int) and not isinstance(part, bool) and out else (
            ("." if out else "") + str(part))
    return out


# --- lines -----------------------------------------------------------------------------------

def _scalar_value(node: ScalarNode) -> Any:
    if node.style is None:  # plain: YAML resolves it (3 -> int, on -> bool)
        try:
            return yaml.safe_load(node.value)
        except yaml.YAMLError:
            return node.value
    return node.value


def line_of(root: Node | None, loc: Loc) -> int | None:
    """The line of the deepest part of `loc` that the YAML has (a missing key: its parent's)."""
    node, line = root, None
    for part in loc:
        if part == "[key]":
            break
        if isinstance(node, MappingNode):
            hit = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode)
                        and (k.value == str(part) or _scalar_value(k) == part)), None)
            if hit is None:
                break
            line, node = hit[0].start_mark.line + 1, hit[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def duplicate_keys(node: Node | None, loc: Loc = ()) -> Iterator[tuple[Loc, int, str]]:
    """Keys written twice in one mapping: YAML keeps the last one and drops the first silently."""
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for k, v in node.value:
            if isinstance(k, ScalarNode):
                here = k.start_mark.line + 1
                if k.value in seen:
                    yield (*loc, k.value), here, (f"key '{k.value}' appears twice (lines {seen[k.value]} and {here}); "
                                                  "YAML keeps only the last one: merge the two")
                seen.setdefault(k.value, here)
                yield from duplicate_keys(v, (*loc, k.value))
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            yield from duplicate_keys(item, (*loc, i))


# --- the schema type at a key path -----------------------------------------------------------

def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _step(tp: Any, part: Any) -> tuple[Any, Any]:
    """(type of the value at `part`, its pydantic FieldInfo if a model field)."""
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        info = tp.model_fields.get(str(part))
        return (info.annotation, info) if info else (None, None)
    origin = get_origin(tp)
    if origin in (list, tuple):
        return get_args(tp)[0], None
    if origin is dict:
        return get_args(tp)[1], None
    return None, None


def field_at(model: type[BaseModel], loc: Loc) -> tuple[Any, Any]:
    tp, info = model, None
    for part in loc:
        if part == "[key]" or tp is None:
            break
        tp, info = _step(tp, part)
    return (_unwrap(tp) if tp is not None else None), info


def _keys_of(tp: Any) -> list[str]:
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(tp.model_fields)
    if get_origin(tp) is dict:
        key = _unwrap(get_args(tp)[0])
        if get_origin(key) is Literal:
            return [str(a) for a in get_args(key)]
    return []


# --- plain words -----------------------------------------------------------------------------

TYPES = {"string_type": "a text", "list_type": "a list", "dict_type": "a mapping (key: value)",
         "model_type": "a mapping (key: value)", "model_attributes_type": "a mapping (key: value)",
         "int_type": "a whole number", "float_type": "a number", "bool_type": "true or false"}
PATTERNS = {r"^_?[a-z0-9][a-z0-9_]*$": "a lower-case key of letters, digits and _ (data_center)",
            r"^[A-Z]{3}$": "an ISO 4217 code of three capital letters (USD)",
            r"^\d{4}(-\d{2}(-\d{2})?)?$": "an ISO date: 2025, 2025-03 or 2025-03-04",
            r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$": "a month and day as MM-DD (12-31)",
            r"^[a-z]{2,3}$": "a language code of two or three lower-case letters (de)"}


def shown(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value:g}" if isinstance(value, float) else f"the number {value}"
    if isinstance(value, str):
        return f"the text {value[:60]!r}" + ("…" if len(value) > 60 else "")
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)[:60]


def _type_hint(typ: str, value: Any) -> str:
    if typ == "string_type" and isinstance(value, bool):
        return "; YAML reads yes/no/on/off/true/false as a boolean: quote the word, e.g. 'on'"
    if typ == "string_type" and isinstance(value, (int, float)):
        return f"; quote it: '{value}'"
    if typ == "string_type" and isinstance(value, (dt.date, dt.datetime)):
        return f"; YAML reads an unquoted date as a date: quote it, e.g. '{value.isoformat()}'"
    if typ == "string_type" and value is None:
        return "; write the text or remove the entry"
    if typ == "list_type" and isinstance(value, (str, int, float)):
        return f"; write it as a list: [{value}]"
    if typ in ("dict_type", "model_type") and isinstance(value, list):
        return "; write 'key: value' lines instead of a list"
    if typ in ("dict_type", "model_type") and value is None:
        return "; write its keys below it, indented"
    return ""


def _suggest(word: str, choices: list[str]) -> str:
    near = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{near[0]}'?" if near else ""


def explain(err: dict[str, Any], model: type[BaseModel]) -> str:
    typ, loc, value = err["type"], err["loc"], err.get("input")
    is_key = bool(loc) and loc[-1] == "[key]"
    name = str(loc[-2] if is_key else loc[-1]) if loc else ""
    if typ == "missing":
        _, info = field_at(model, loc)
        desc = getattr(info, "description", None)
        return f"required key '{name}' is missing; add it" + (f": {desc}" if desc else "")
    if typ == "extra_forbidden":
        allowed = _keys_of(field_at(model, loc[:-1])[0])
        hint = _suggest(name, allowed)
        return f"unknown key '{name}'; " + (hint or "remove it or use one of: " + ", ".join(allowed))
    if typ == "literal_error":
        choices = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        what = f"key '{name}'" if is_key else shown(value)
        hint = _suggest(str(value), choices)
        return f"{what} is not allowed here; " + (hint + " " if hint else "") + "use one of: " + ", ".join(choices)
    prefix = f"key '{name}': " if is_key else ""
    if typ in TYPES:
        return f"{prefix}expected {TYPES[typ]}, got {shown(value)}{_type_hint(typ, value)}"
    if typ == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        return f"{prefix}{shown(value)} is not {PATTERNS.get(pattern, 'of the form ' + pattern)}"
    if typ == "string_too_short":
        return f"{prefix}an empty text; write one character"
    if typ == "string_too_long":
        return f"{prefix}{shown(value)} is too long: write a single character"
    if typ == "too_short":
        return f"{prefix}must not be empty; add at least one entry"
    if typ == "value_error":
        return prefix + err["msg"].removeprefix("Value error, ")
    return f"{prefix}{shown(value)}: {err['msg'][:1].lower()}{err['msg'][1:]}"


def problems_of(exc: ValidationError, model: type[BaseModel], path: Path, root: Node | None) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        out.append(Problem(path, line_of(root, loc), key_path(loc), explain(err, model)))
    return out
