"""Every rule file of a rules folder against its schema, all problems at once."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from quellenlage.rule_schema.dates import DatesFile
from quellenlage.rule_schema.entities import EntitiesFile, QuotesFile
from quellenlage.rule_schema.frames import FramesFile
from quellenlage.rule_schema.lexicon import (BoilerplateFile, CurrenciesFile, CurrencyNamesFile, LanguageFile, NotFiguresFile,
                                             NumbersFile, QualifiersFile, SegmentationFile, UnitsFile)
from quellenlage.rule_schema.properties import PropertiesFile
from quellenlage.rule_schema.report import Problem, duplicate_keys, key_path, line_of, problems_of

ROOT_FILES: dict[str, type[BaseModel]] = {"language.yaml": LanguageFile}
LANG_FILES: dict[str, type[BaseModel]] = {
    "boilerplate.yaml": BoilerplateFile, "currencies.yaml": CurrenciesFile,
    "currency_names.yaml": CurrencyNamesFile, "dates.yaml": DatesFile,
    "entities.yaml": EntitiesFile, "frames.yaml": FramesFile, "not_figures.yaml": NotFiguresFile,
    "numbers.yaml": NumbersFile, "properties.yaml": PropertiesFile, "qualifiers.yaml": QualifiersFile,
    "quotes.yaml": QuotesFile, "segmentation.yaml": SegmentationFile, "units.yaml": UnitsFile}
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Checked:
    data: dict[str, dict[str, Any]] = field(default_factory=dict)    # rel path -> the file's mapping
    problems: list[Problem] = field(default_factory=list)
    summaries: dict[str, str] = field(default_factory=dict)         # rel path -> "41 units, 12 examples"


_VALID: dict[str, dict[str, str]] = {}  # digest of a valid folder -> its summaries (loads repeat often)


def schema_for(rel: str, lang: str) -> type[BaseModel] | None:
    return ROOT_FILES.get(rel) or (LANG_FILES.get(rel.split("/", 1)[1]) if rel.startswith(f"{lang}/") else None)


def parse(path: Path, raw: bytes) -> tuple[Any, yaml.Node | None, Problem | None]:
    """(data, node, problem) of one file's bytes."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, None, Problem(path, None, "", f"cannot read rule file: not UTF-8 ({exc.reason} at byte "
                                                   f"{exc.start}); save it as UTF-8")
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node, None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        what = " ".join(str(x) for x in (getattr(exc, "context", None), getattr(exc, "problem", None)) if x) or str(exc)
        return None, None, Problem(path, mark.line + 1 if mark else None, "",
                                   f"cannot read rule file: YAML syntax error: {what}; check the quotes, brackets "
                                   "and indentation there")
    finally:
        loader.dispose()


def check_file(path: Path, rel: str, raw: bytes, schema: type[BaseModel], lang: str,
               checked: Checked, validate: bool = True) -> None:
    data, node, problem = parse(path, raw)
    if problem:
        checked.problems.append(problem)
        return
    if data is None:
        required = [k for k, f in schema.model_fields.items() if f.is_required()]
        need = f"its keys ({', '.join(required)}) and examples" if required else "its keys and examples"
        checked.problems.append(Problem(path, None, "", f"the file is empty; it needs {need}: restore it "
                                        "(git checkout) or write them"))
        return
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({str(data)[:40]!r})"
        checked.problems.append(Problem(path, line_of(node, ()) or 1, "", f"the file must hold a mapping "
                                        f"('key: value' lines) at the top level, found {kind}"))
        return
    checked.data[rel] = data
    if not validate:
        return
    checked.problems += [Problem(path, line, key_path(loc), msg) for loc, line, msg in duplicate_keys(node)]
    try:
        model = schema.model_validate(data, context={"lang": lang})
    except ValidationError as exc:
        checked.problems += problems_of(exc, schema, path, node)
        return
    n = len(getattr(model, "examples", []))
    checked.summaries[rel] = f"{model.summary()}, {n} example{'' if n == 1 else 's'}"


def check_sources(root: Path, lang: str, sources: dict[str, bytes], digest: str) -> Checked:
    """Parse and check the rule files of one folder (`sources`: relative path -> bytes)."""
    known = _VALID.get(f"{lang}\0{digest}")
    checked = Checked()
    for rel, raw in sources.items():
        schema = schema_for(rel, lang)
        if schema is None:
            names = [*ROOT_FILES, *(f"{lang}/{n}" for n in LANG_FILES)]
            near = difflib.get_close_matches(rel, names, n=1, cutoff=0.6)
            hint = (f"did you mean '{near[0].rsplit('/', 1)[-1]}'?" if near
                    else "rename it to one the engine reads or move it away")
            checked.problems.append(Problem(root / rel, None, "", f"unknown rule file: nothing reads it; {hint}"))
            continue
        check_file(root / rel, rel, raw, schema, lang, checked, validate=known is None)
    for rel in [*ROOT_FILES, *(f"{lang}/{n}" for n in LANG_FILES)]:
        if rel not in sources:
            checked.problems.append(Problem(root / rel, None, "", "rule file missing; the engine reads it: restore "
                                            "it (git checkout) or copy it from the project's rules/"))
    checked.problems.sort(key=lambda p: (str(p.path), p.line or 0))
    if known is not None and not checked.problems:
        checked.summaries = dict(known)
    elif not checked.problems:
        _VALID[f"{lang}\0{digest}"] = dict(checked.summaries)
    return checked
