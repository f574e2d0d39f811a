"""Sentence boundaries for German news text, from rules/<lang>/segmentation.yaml.

Why not spaCy's sentencizer: it splits after `28.` and `Mio.` and never splits a headline
from the paragraph under it. Here a line break ends a sentence unless the line is a hard
wrap; a stop ends one unless it closes an abbreviation or an ordinal number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

TERMINALS = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSERS = {"“", "”", "\"", "»", "«", "‘", "’", "'", ")", "]"}
OPENERS = {"„", "“", "\"", "»", "«", "‚", "(", "["}
LINE_ENDERS = TERMINALS | CLOSERS | {":", ";", "|"}
# The last characters of a token after which `_boundary` can say yes without a line break:
# a closing mark, a terminal, a stop.
ENDING_CHARS = frozenset(t[-1] for t in TERMINALS | CLOSERS) | {"."}


@dataclass(frozen=True)
class SegmentationRules:
    abbreviations: frozenset[str]
    may_end_sentence: frozenset[str]
    sentence_openers: frozenset[str]
    ordinal_followers: frozenset[str]
    cardinal_after: frozenset[str] = frozenset()

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> "SegmentationRules":
        return cls(*(frozenset(cfg.get(k) or []) for k in
                     ("abbreviations", "may_end_sentence", "sentence_openers", "ordinal_followers", "cardinal_after")))


def _starts_sentence_like(tok: str) -> bool:
    ch = tok[:1]
    # (a name written small: "xAI hat …", "eBay meldet …", "n8n sammelt …")
    return ch.isupper() or ch.isdigit() or tok in OPENERS or ch.isalpha() and any(c.isupper() or c.isdigit() for c in tok[1:])


def sentence_starts(text: str, tokens: Sequence[tuple[int, str]], rules: SegmentationRules) -> list[bool]:
    """For tokens given as (char offset, text), which ones open a sentence."""
    n = len(tokens)
    starts = [False] * n
    if n:
        starts[0] = True
    prev = -1  # index of the previous non-space token
    for i, (idx, tok) in enumerate(tokens):
        if not tok.strip():
            continue
        if prev < 0:
            starts[i] = True
            prev = i
            continue
        p_idx, p_tok = tokens[prev]
        gap = text[p_idx + len(p_tok):idx]
        # Most tokens follow one that cannot end a sentence, on the same line (no call needed).
        if p_tok[-1:] in ENDING_CHARS or "\n" in gap:
            starts[i] = _boundary(p_tok, tok, gap, tokens, prev, rules) or ("\n" in gap and _table_line(text, p_idx))
        prev = i
    return starts


TABLE_LINE = re.compile(r"\S(?: {2,}|\t)\S.*\S(?: {2,}|\t)\S")  # two column gaps: a row of a table


def _table_line(text: str, pos: int) -> bool:
    """Is the line holding pos a table row ("Umsatz    828    608    +36 %")? Its next line
    ("davon USA   558 …") is a row of its own, not the hard-wrapped rest of it."""
    start = text.rfind("\n", max(0, pos - 300), pos) + 1
    end = text.find("\n", pos, pos + 300)
    return TABLE_LINE.search(text, start, end if end >= 0 else min(len(text), pos + 300)) is not None


def _word_before(tokens, i: int) -> str:
    """The text of the non-space token before tokens[i]."""
    j = i - 1
    while j >= 0 and not tokens[j][1].strip():
        j -= 1
    return tokens[j][1] if j >= 0 else ""


def _boundary(p_tok: str, tok: str, gap: str, tokens, prev: int, rules: SegmentationRules) -> bool:
    if "\n" in gap:
        if gap.count("\n") > 1 or tok.startswith(("|", "#", "-", "*")):
            return True
        # A hard-wrapped line: no final punctuation and the next line goes on in lower case.
        ends_line = p_tok in LINE_ENDERS or p_tok[-1:] in LINE_ENDERS
        # (a name in camel case opens a line of its own: "iPhone 16 (128 GB): ab 949 Euro")
        return ends_line or not tok[:1].islower() or tok[1:2].isupper()
    if p_tok in CLOSERS:
        # "…Anfang.“ Danach": look back through closing marks to the stop before them.
        j = prev
        while j > 0 and tokens[j][1] in CLOSERS:
            j -= 1
        return tokens[j][1] in TERMINALS and bool(gap) and _starts_sentence_like(tok)
    if p_tok in TERMINALS:
        return bool(gap) and _starts_sentence_like(tok)
    if len(p_tok) > 1 and p_tok.endswith(".") and gap:
        if p_tok in rules.abbreviations:
            return p_tok in rules.may_end_sentence and tok in rules.sentence_openers
        stem = p_tok[:-1]
        if len(stem) == 1 and stem.isalpha():
            return False  # initials and split abbreviations: "z. B.", "John F. Kennedy"
        if stem.isdigit():
            if tok in rules.ordinal_followers:
                return False
            if tok in rules.sentence_openers:
                return True
            if tok[:1].isupper() and _word_before(tokens, prev) in rules.cardinal_after:
                return True  # "auf Platz 4. Oppo rutscht ab": a place, no ordinal
            return len(stem) == 4 and tok[:1].isupper()
        return tok[:1].isupper()
    return False
