"""Literal prefilters for regex patterns: the strings every match of a pattern holds
(`required_literals`, read from the pattern's parse tree) and the patterns that can match in
a given text at all (`Prefiltered`). Exact: a pattern they drop has no match there."""
from __future__ import annotations

import re
from typing import Iterable


def required_literals(pattern: str, flags: int = 0) -> list[str] | None:
    """Plain strings at least one of which every match of `pattern` holds (None: no such list
    is known). Read from the parsed pattern: the longest run of literal characters it always
    passes through, or one per branch of an alternation it always passes through. Under
    IGNORECASE the strings are case-folded (compare with a case-folded text)."""
    from re import _parser  # the parser re itself uses; its tree is stable across 3.11+

    def seq(items) -> list[str] | None:
        best: list[str] | None = None
        run = ""

        def better(cand: list[str] | None) -> None:
            nonlocal best
            if cand and all(cand) and (best is None or min(map(len, cand)) > min(map(len, best))):
                best = cand

        for op, av in items:
            if op is _parser.LITERAL:
                run += chr(av)
                continue
            better([run] if run else None)
            run = ""
            if op is _parser.SUBPATTERN:
                if not av[1] & re.IGNORECASE or flags & re.IGNORECASE:  # "(?i:…)" in a cased pattern: none
                    better(seq(av[-1]))
            elif op is _parser.BRANCH:
                alts = [seq(a) for a in av[1]]
                if all(alts):
                    better(sorted({s for a in alts for s in a}))
            elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT) and av[0] >= 1:
                better(seq(av[2]))
        better([run] if run else None)
        return best

    try:
        parsed = _parser.parse(pattern, flags)
        flags = parsed.state.flags  # with the pattern's own "(?i)"
        found = seq(parsed)
    except Exception:  # noqa: BLE001 - a parser detail changed: no prefilter, never a wrong one
        return None
    if found is None:
        return None
    folded = flags & re.IGNORECASE
    return [s.casefold() for s in found] if folded else found


class Prefiltered:
    """Patterns tried only in texts that hold one of each pattern's `required_literals`: for
    one document, `for_text(text)` keeps the patterns that can match in it (exact: a dropped
    pattern has no match in the text)."""

    def __init__(self, patterns: Iterable[re.Pattern]):
        self.items = []
        for rx in patterns:
            lits = required_literals(rx.pattern, rx.flags & ~re.UNICODE)
            folded = bool(lits) and bool(rx.flags & re.IGNORECASE)
            self.items.append((rx, lits, folded))

    def for_text(self, text: str) -> list[re.Pattern]:
        low = None
        out = []
        for rx, lits, folded in self.items:
            if lits is None:
                out.append(rx)
                continue
            if folded and low is None:
                low = text.casefold()
            hay = low if folded else text
            if any(lit in hay for lit in lits):
                out.append(rx)
        return out
