"""Building blocks of the rule-file schema: the strict base model, words, identifiers, the
closed vocabularies the engine knows (labels, qualifiers, entity types, …) and regular
expressions that must compile the way the engine composes them and must not backtrack
catastrophically."""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from quellenlage.rule_schema.redos import catastrophic


class Rules(BaseModel):
    """A mapping of a rule file: every key known, every value of its type (YAML `on` is no
    string, `3` no list)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("an empty or blank entry matches everywhere; remove it or write the word")
    return value


# A word or phrase of a lexicon list (matched literally, or as a cue with `*` for the rest of a compound).
Word = Annotated[str, AfterValidator(_not_blank)]
Words = list[Word]
NonEmptyWords = Annotated[list[Word], Field(min_length=1)]
Char = Annotated[str, Field(min_length=1, max_length=1)]

# Keys the engine uses as values (units, segments, regions): lower-case, digits, underscores.
Key = Annotated[str, Field(pattern=r"^_?[a-z0-9][a-z0-9_]*$")]
IsoCurrency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
IsoPartialDate = Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
Number = float          # strict float takes YAML ints as well
PositiveNumber = Annotated[float, Field(gt=0)]
Month = Annotated[int, Field(ge=1, le=12)]
Quarter = Annotated[int, Field(ge=1, le=4)]
Half = Annotated[int, Field(ge=1, le=2)]

Label = Literal["MONEY", "COUNT", "PERCENT", "RANK", "DURATION", "DATE"]
Qualifier = Literal["exact", "approx", "upper_bound", "lower_bound", "estimate", "range"]
EntityType = Literal["ORG", "PER", "MODEL", "PRODUCT", "INFRA", "CHIP", "LAW", "INDEX", "SOURCE"]
SubjectType = Literal["ORG", "PER", "MODEL", "PRODUCT", "INFRA", "CHIP", "LAW", "INDEX", "SOURCE", "PAIR"]
Aspect = Literal["actual", "forecast", "target", "estimate", "conditional"]
Measure = Literal["level", "change"]
DateRelation = Literal["since", "until", "before", "after"]
DateMod = Literal["start", "mid", "end"]
TimeUnit = Literal["year", "month", "week", "day", "hour", "minute", "second"]
Gender = Literal["male", "female"]


def _check_regex(value: str, flags: int, prefix: str, suffix: str, groups: tuple[str, ...]) -> str:
    _not_blank(value)
    try:
        re.compile(value, flags)
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        raise ValueError(f"regular expression does not compile: {exc.msg}{where}; fix the pattern "
                         r"(a literal ( ) [ ] { } . * + ? | needs a backslash)") from None
    try:
        compiled = re.compile(prefix + value + suffix, flags)
    except re.error as exc:
        raise ValueError(f"regular expression does not compile inside {prefix}…{suffix}, where the engine puts it: "
                         f"{exc.msg}; write flags as a group, (?i:…), not (?i) in front") from None
    missing = [g for g in groups if g not in compiled.groupindex]
    if missing:
        raise ValueError(f"regular expression has no group named {missing[0]!r}; the engine reads it: "
                         f"add (?P<{missing[0]}>…) around the part it should return")
    danger = catastrophic(prefix + value + suffix, flags)
    if danger:
        raise ValueError(f"regular expression can backtrack catastrophically: {danger}")
    return value


def regex(flags: int = 0, prefix: str = "", suffix: str = "", groups: tuple[str, ...] = ()) -> Any:
    """A pattern string checked as the engine compiles it (`prefix + pattern + suffix`, `flags`)."""
    return Annotated[str, AfterValidator(lambda v: _check_regex(v, flags, prefix, suffix, groups))]


def joined(patterns: list[str], template: str = "(?:{})", prefix: str = "", suffix: str = "", flags: int = 0) -> None:
    """Patterns the engine joins into one expression (`prefix + "|".join(template) + suffix`) must
    compile together too: a group name used twice, (?i) after the start."""
    try:
        re.compile(prefix + "|".join(template.format(p) for p in patterns) + suffix, flags)
    except re.error as exc:
        raise ValueError(f"the patterns do not compile together: {exc.msg}; the engine joins them into one "
                         "expression, so a group name may be used only once and (?i) must be (?i:…)") from None


def count(n: int, one: str, many: str | None = None) -> str:
    """ "1 unit", "41 units"."""
    return f"{n} {one if n == 1 else many or one + 's'}"
