"""Ads, teasers and service lines inside article text (rules/<lang>/boilerplate.yaml). Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from quellenlage.prefilter import Prefiltered
from quellenlage.textutil import SENTENCE_END


@dataclass(frozen=True)
class BoilerplateRules:
    line_res: tuple[re.Pattern, ...]
    marker_re: re.Pattern
    ad_words: frozenset[str]
    teaser_markers: frozenset[str] = frozenset()
    credit_re: re.Pattern | None = None
    sticky_max_words: int = 0
    inline_res: tuple[re.Pattern, ...] = ()

    @property
    def line_filter(self) -> Prefiltered:
        """The line patterns, each tried only in a document that holds a word it needs."""
        found = self.__dict__.get("_line_filter")
        if found is None:
            found = Prefiltered(self.line_res)
            object.__setattr__(self, "_line_filter", found)
        return found

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> "BoilerplateRules":
        lines = tuple(re.compile(p) for p in cfg.get("line_patterns") or [])
        marker = lines[0] if lines else re.compile(r"(?!)")
        return cls(lines, marker, frozenset(w.lower() for w in cfg.get("ad_words") or []),
                   frozenset(m.lower().rstrip(":") for m in cfg.get("teaser_markers") or []),
                   re.compile(cfg["credit_pattern"]) if cfg.get("credit_pattern") else None,
                   int(cfg.get("sticky_max_words") or 0),
                   tuple(re.compile(p, re.MULTILINE) for p in cfg.get("inline_patterns") or []))


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


TEASER_LINE_MAX = 60  # a marker with " *" opens teasers only on a line this short
PROSE_MIN = 350  # characters: a paragraph this long with three sentences or more is reporting


def _ad_match(line: str, rx: re.Pattern) -> bool:
    """Does a line pattern make this line boilerplate? In a paragraph of reporting ("…
    über günstigere Abo-Angebote außerhalb der App zu informieren. Dies sei …") only a match
    in its last sentence does (an ad appended: "… Hier weiterlesen")."""
    m = rx.search(line)
    if m is None or len(line) < PROSE_MIN or not line[:m.start()].strip():
        return m is not None  # (what opens the line marks it: "Anzeige: …")
    ends = [x.end() for x in SENTENCE_END.finditer(line)]
    return len(ends) < 2 or rx.search(line, ends[-1]) is not None


def _teaser_marker(line: str, rules: BoilerplateRules) -> bool:
    low = line.strip().lower().rstrip(":")
    if low in rules.teaser_markers:
        return True
    prefixes = tuple(m[:-1] for m in rules.teaser_markers if m.endswith(" *"))
    return bool(prefixes) and len(low) <= TEASER_LINE_MAX and low.startswith(prefixes) and not low.endswith(".")


def find_boilerplate(text: str, rules: BoilerplateRules, start: int = 0) -> list[tuple[int, int]]:
    """Regions (start, end) of boilerplate lines at or after `start`, merged when adjacent."""
    lines = _lines(text)
    found = _find(text, rules, start, lines, rules.line_filter.for_text(text))
    found += [m.span() for rx in rules.inline_res for m in rx.finditer(text) if m.start() >= start
              and not any(s <= m.start() < e for s, e in found)]
    found.sort()
    return _merge(text, _sticky(text, rules, _captions(text, rules, found, start, lines), lines))


def _captions(text: str, rules: BoilerplateRules, regions, start: int, lines: list[tuple[int, int]]):
    """The line right above a photo credit is its caption."""
    if rules.credit_re is None:
        return regions
    lines = [(s, e) for s, e in lines if e > start]
    out = list(regions)
    for k, (s, e) in enumerate(lines):
        if k > 0 and rules.credit_re.search(text[s:e]):
            ps, pe = lines[k - 1]
            if text[ps:pe].strip() and (ps, pe) not in out:
                out.append((ps, pe))
    return sorted(out)


def _sticky(text: str, rules: BoilerplateRules, regions, lines: list[tuple[int, int]]):
    """A short name-like line without digits right next to boilerplate belongs to it
    (the author's name under a byline)."""
    if not rules.sticky_max_words:
        return regions
    marked = set(regions)
    for k, (s, e) in enumerate(lines):
        line = text[s:e].strip()
        if not line or (s, e) in marked or any(map(str.isdigit, line)) or line[-1:] in ".!?:":
            continue
        words = line.split()
        if len(words) > rules.sticky_max_words or not all(w[:1].isupper() for w in words):
            continue
        if any(lines[j] in marked for j in (k - 1, k + 1) if 0 <= j < len(lines)):
            marked.add((s, e))
    return sorted(marked)


def _merge(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in regions:
        if out and not text[out[-1][1]:s].strip("\r\n") and "\n\n" not in text[out[-1][1]:s]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _find(text: str, rules: BoilerplateRules, start: int, lines: list[tuple[int, int]],
          line_res: list[re.Pattern]) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    after_marker = False
    in_teasers = False
    for s, e in lines:
        if e <= start:
            continue
        line = text[s:e]
        if not line.strip():
            in_teasers = False
            continue
        if _teaser_marker(line, rules):
            in_teasers = True  # "Lesen Sie auch": teaser lines follow up to the next blank line
        if in_teasers:
            regions.append((s, e))
            continue
        if rules.marker_re.search(line):
            regions.append((s, e))
            after_marker = True
            continue
        if any(_ad_match(line, rx) for rx in line_res):
            regions.append((s, e))
        elif after_marker and _reads_like_ad(line, rules):
            regions.append((s, e))
            continue
        after_marker = False
    return regions
