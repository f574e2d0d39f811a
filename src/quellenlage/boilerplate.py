"""Ads, teasers and service lines inside article text (rules/<lang>/boilerplate.yaml). Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BoilerplateRules:
    line_res: tuple[re.Pattern, ...]
    marker_re: re.Pattern
    ad_words: frozenset[str]
    teaser_markers: frozenset[str] = frozenset()

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> "BoilerplateRules":
        lines = tuple(re.compile(p) for p in cfg.get("line_patterns") or [])
        marker = lines[0] if lines else re.compile(r"(?!)")
        return cls(lines, marker, frozenset(w.lower() for w in cfg.get("ad_words") or []),
                   frozenset(m.lower() for m in cfg.get("teaser_markers") or []))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def _reads_like_ad(line: str, rules: BoilerplateRules) -> bool:
    """After an "Anzeige" marker: a line with an ad word or a price is still the ad."""
    words = {w.lower() for w in re.findall(r"\w+", line)}
    return bool(words & rules.ad_words) or bool(re.search(r"\d\s?(?:€|\$|Euro\b)|(?:€|\$)\s?\d", line))


def find_boilerplate(text: str, rules: BoilerplateRules, start: int = 0) -> list[tuple[int, int]]:
    """Regions (start, end) of boilerplate lines at or after `start`, merged when adjacent."""
    return _merge(text, _find(text, rules, start))


def _merge(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in regions:
        if out and not text[out[-1][1]:s].strip("\r\n") and "\n\n" not in text[out[-1][1]:s]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _find(text: str, rules: BoilerplateRules, start: int = 0) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    after_marker = False
    in_teasers = False
    for s, e in _lines(text):
        if e <= start:
            continue
        line = text[s:e]
        if not line.strip():
            in_teasers = False
            continue
        if line.strip().lower() in rules.teaser_markers:
            in_teasers = True  # "Lesen Sie auch": teaser lines follow up to the next blank line
        if in_teasers:
            regions.append((s, e))
            continue
        if rules.marker_re.search(line):
            regions.append((s, e))
            after_marker = True
            continue
        if any(rx.search(line) for rx in rules.line_res):
            regions.append((s, e))
        elif after_marker and _reads_like_ad(line, rules):
            regions.append((s, e))
            continue
        after_marker = False
    return regions
