"""Loading the rule files in `rules/` (data, not code).

Rules live in YAML files: `rules/language.yaml` and one folder per language (`rules/de/`)
with one file per dimension, each carrying `examples` that the tests run. The engine only
reads them; a user adds a unit, currency or speech verb by editing a file here. Loading
checks every file against its schema (`quellenlage.rule_schema`) and refuses a folder with
any problem, all of them listed, before a run reads an article or touches its output. A folder
that passed is kept in the user cache (cache.py) under its files' digest and the schema's code:
the next process that loads the same files skips parsing and checking them (0.3 s).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quellenlage import cache


class RulesError(Exception):
    """The rules folder cannot be used (missing, unreadable or malformed)."""


class RulesInvalid(RulesError):
    """Rule files that break their schema: every problem, one line each."""

    def __init__(self, root: Path, problems: list) -> None:
        self.root, self.problems = root, problems
        super().__init__("\n".join(p.format() for p in problems))


# The code that parses and checks rule files: a change to it is a new cache key.
SCHEMA_CODE = tuple(str(p) for p in sorted((Path(__file__).resolve().parent / "rule_schema").glob("*.py")))


def default_rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if (candidate / "language.yaml").is_file():
            return candidate
    raise RulesError("no rules folder found; pass --rules DIR")


@dataclass
class RuleSet:
    """All rule files of one rules folder for one language, parsed once."""

    root: Path
    lang: str = "de"
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    sha256: str = ""
    summaries: dict[str, str] = field(default_factory=dict, repr=False)  # rel path -> "41 units, 12 examples"
    sources: dict[str, bytes] = field(default_factory=dict, repr=False)  # rel path -> the file as read

    def write(self, folder: str | Path) -> None:
        """The rule files as they were read, into `folder` (a saved spaCy component's rules)."""
        folder = Path(folder)
        for rel, raw in sorted(self.sources.items()):
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)

    @classmethod
    def load(cls, root: str | Path | None = None, lang: str = "de") -> "RuleSet":
        root = Path(root) if root is not None else default_rules_dir()
        if not root.is_dir():
            raise RulesError(f"rules folder {root} does not exist")
        lang_dir = root / lang
        if not lang_dir.is_dir():
            raise RulesError(f"rules folder {root} has no '{lang}/' subfolder")
        paths = sorted([*root.glob("*.yaml"), *lang_dir.glob("*.yaml")])
        sources: dict[str, bytes] = {}
        for path in paths:
            rel = path.relative_to(root).as_posix()
            try:
                sources[rel] = path.read_bytes()
            except OSError as exc:
                raise RulesError(f"cannot read rule file {path}: {exc}") from exc
        return cls.from_sources(root, lang, sources)

    @classmethod
    def from_sources(cls, root: str | Path, lang: str, sources: dict[str, bytes]) -> "RuleSet":
        """A rule set from file contents (relative path -> bytes), checked like a folder."""
        root = Path(root)
        digest = hashlib.sha256()
        for rel in sorted(sources):
            digest.update(rel.encode() + b"\0" + sources[rel] + b"\0")
        key = cache.cache_key("rules", lang, digest.hexdigest(), code=SCHEMA_CODE)
        known = cache.load("rules", key)
        if known is None:
            from quellenlage.rule_schema import check_sources  # (pydantic's models: only when checking)
            checked = check_sources(root, lang, dict(sorted(sources.items())), digest.hexdigest())
            if checked.problems:
                raise RulesInvalid(root, checked.problems)
            known = {"files": checked.data, "summaries": checked.summaries}
            cache.store("rules", key, known, keep=8)
        return cls(root=root, lang=lang, files=known["files"], sha256=digest.hexdigest(), summaries=known["summaries"],
                   sources=dict(sorted(sources.items())))

    def get(self, name: str) -> dict[str, Any]:
        """A rule file by name without extension: 'segmentation' looks in '<lang>/' first."""
        for key in (f"{self.lang}/{name}.yaml", f"{name}.yaml"):
            if key in self.files:
                return self.files[key]
        raise RulesError(f"rule file '{name}.yaml' missing in {self.root}")

    def examples(self) -> dict[str, list[dict[str, Any]]]:
        return {k: v.get("examples") or [] for k, v in self.files.items()}
