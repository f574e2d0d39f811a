"""German numerals -> values. Pure functions, no spaCy.

German writes 15.000 for fifteen thousand and 1,8 for one point eight; `1.005` is a
thousand and five. A dot followed by other than three digits is no German number at all
(`3.1` is a version, `1.1.2025` a date), so it is refused unless the caller says the
context is English or a scale word follows (`1.5 Milliarden`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from text_to_num import text2num

SPACES = "\u00a0\u202f\u2009 "
MINUS = "-−–"

# Digits with their separators, as they may stand in text. Alternatives go from the most
# specific grouping to the plainest; a match never starts or ends inside a digit run.
NUMBER_PATTERN = (
    r"(?<![\d.,'’])"
    r"(?P<sign>[+±\-−–])?"
    r"(?P<digits>"
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.]*\d)"          # 15.000 / 1.234.567,89
    r"|\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?"                  # 100'000 (Swiss)
    r"|(?<![^\W\d_]-)\d{1,3}(?:[" + SPACES + r"]\d{3})+(?![\d.,]?\d)(?:,\d+)?"  # 15 000 (not "Smart-1 110 Mio.": a name's number)
    r"|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?"                    # 1,500,000 (English)
    r"|\d+,\d+"                                            # 1,8
    r"|\d+\.\d+(?![.\d])"                                  # 1.5 (English or version)
    r"|\d+\.\d\d(?=\.(?!\d))"                               # CHF 12.90. (a price ending a sentence)
    r"|\d+"
    r")"
)
NUMBER_RE = re.compile(NUMBER_PATTERN)
# A decimal point before two digits ("8.10", "12.90"): a price written the Swiss way when a
# currency stands beside it.
POINT_CENTS = re.compile(r"\d{1,6}\.\d\d")


@dataclass(frozen=True)
class NumberRules:
    scales: dict[str, float]
    english_scales: dict[str, float]
    shorthand: dict[str, float]
    words: dict[str, float | None]
    ordinals: dict[str, int]
    one_triggers: tuple[str, ...]
    never: frozenset[str]
    fractions: tuple[tuple[str, float], ...] = ()
    half_words: frozenset[str] = frozenset()

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> "NumberRules":
        scales = {f: float(s["value"]) for s in cfg["scales"] for f in s["forms"]}
        eng = {f: float(s["value"]) for s in cfg.get("english_scales", []) for f in s["forms"]}
        return cls(scales, eng, {k: float(v) for k, v in cfg.get("shorthand", {}).items()},
                   dict(cfg.get("words", {})), {k: int(v) for k, v in cfg.get("ordinals", {}).items()},
                   tuple(cfg.get("one_triggers", [])), frozenset(cfg.get("never_figures", [])),
                   tuple(sorted(((k, float(v)) for k, v in (cfg.get("fraction_suffixes") or {}).items()),
                                key=lambda kv: -len(kv[0]))),
                   frozenset(cfg.get("half_words") or []))


def parse_digits(raw: str, english: bool = False, scaled: bool = False) -> float | None:
    """A numeral written with digits -> float, or None if it is no number in German text.

    `english`: the surrounding text is English (1,500 = 1500, 1.5 = 1.5).
    `scaled`: a scale word follows, which makes `1.5 Milliarden` a decimal too.
    """
    s = raw.strip()
    if not s:
        return None
    sign = 1.0
    if s[0] in "+±":
        s = s[1:]
    elif s[0] in MINUS:
        sign, s = -1.0, s[1:]
    if not s or not s[0].isdigit() or not s[-1].isdigit():
        return None
    for sp in SPACES + "'’":
        s = s.replace(sp, "")
    if not re.fullmatch(r"[\d.,]+", s):
        return None
    value = _digits_value(s, english, scaled)
    # (a run of hundreds of digits overflows a float: no number a figure can hold)
    return None if value is None or not math.isfinite(value) else sign * value


def _digits_value(s: str, english: bool, scaled: bool) -> float | None:
    dots, commas = s.count("."), s.count(",")
    try:
        if english:
            if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", s):
                return float(s.replace(",", ""))
            return None
        if dots and commas:
            if s.rfind(",") > s.rfind(".") and re.fullmatch(r"\d{1,3}(\.\d{3})+,\d+", s):
                return float(s.replace(".", "").replace(",", "."))
            if re.fullmatch(r"\d{1,3}(,\d{3})+\.\d+", s):
                return float(s.replace(",", ""))
            return None
        if dots:
            if re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
                return float(s.replace(".", ""))
            if dots == 1 and scaled:
                return float(s)
            return None
        if commas:
            if commas == 1:
                return float(s.replace(",", "."))
            if re.fullmatch(r"\d{1,3}(,\d{3})+", s):
                return float(s.replace(",", ""))
            return None
        return float(s)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _text2num(word: str) -> float | None:
    try:
        value = text2num(word.lower(), "de")
    except (ValueError, AttributeError, IndexError, KeyError, TypeError):
        return None
    return float(value)


def parse_number_word(word: str, rules: NumberRules) -> float | None:
    """`zwei` -> 2, `fünfzehntausend` -> 15000, `eine` -> 1; None for other words."""
    if not word or not word.isalpha():
        return None
    if word in rules.words:
        v = rules.words[word]
        return None if v is None else float(v)
    low = word.lower()
    if low in rules.words:
        v = rules.words[low]
        return None if v is None else float(v)
    value = _text2num(low)
    if value is not None:
        return value
    for suffix, part in rules.fractions:  # "viereinhalb": a whole number word and a fraction
        if low.endswith(suffix) and len(low) > len(suffix):
            whole = parse_number_word(low[:-len(suffix)], rules)
            if whole is not None and whole == int(whole):
                return whole + part
    return None


def parse_ordinal_word(word: str, rules: NumberRules) -> int | None:
    """`dritten` -> 3, `ersten` -> 1 (stem plus an adjective ending)."""
    low = word.lower()
    m = re.fullmatch(r"([a-zäöüß]+?)(e|en|er|es|em)", low)
    if not m:
        return None
    stem = m.group(1)
    if stem in rules.ordinals:
        return rules.ordinals[stem]
    # hundertst-, dreizehnt-, zwanzigst-: a cardinal word plus -t/-st.
    for suffix in ("st", "t"):
        if stem.endswith(suffix):
            v = _text2num(stem[: -len(suffix)])
            if v is not None and v == int(v) and v > 12:
                return int(v)
    return None


def scale_value(word: str, rules: NumberRules, english: bool = False) -> float | None:
    table = rules.english_scales if english else rules.scales
    return table.get(word) if not english else table.get(word.lower())


def parse_shorthand(raw: str, rules: NumberRules) -> float | None:
    """`70B` -> 7e10, `10K` -> 1e4, `1,5T` -> 1.5e12; None if the suffix is no scale."""
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)([A-Za-z]+)", raw)
    if not m or m.group(2) not in rules.shorthand:
        return None
    base = float(m.group(1).replace(",", "."))
    return base * rules.shorthand[m.group(2)]


def parse_amount(text: str, rules: NumberRules, english: bool = False) -> float | None:
    """A whole numeral: digits or words, optionally with a scale word (`1,8 Billionen`)."""
    text = text.strip()
    whole = parse_digits(text, english=english)
    if whole is not None:
        return whole
    parts = text.split()
    if not parts:
        return None
    scale = 1.0
    if len(parts) >= 2:
        sv = scale_value(parts[-1], rules, english)
        if sv is None:
            return None
        scale, parts = sv, parts[:-1]
    head = " ".join(parts) if len(parts) > 1 else parts[0]
    short = parse_shorthand(head, rules)
    if short is not None and scale == 1.0:
        return short
    value = parse_digits(head, english=english, scaled=scale != 1.0)
    if value is None:
        value = parse_number_word(head, rules)
    return None if value is None or not math.isfinite(value * scale) else value * scale
