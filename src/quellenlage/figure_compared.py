"""A figure of before in parentheses between a figure's number and its unit, the way financial
papers write results ("kletterte auf 862,3 (780,2) Mill. Euro", "1,2 (Vj. 1,1) Mrd. Euro",
"8,7 (8,1) Prozent"): both numbers take the unit after the parenthesis. Pure, no spaCy."""
from __future__ import annotations

import re
from typing import Iterable

from quellenlage.patterns import alternation

SP = r"[ \u00a0]"


class ComparedParentheses:
    """The parentheses of before in a text; `labels` may open them ("Vj.", "Vorjahr:")."""

    def __init__(self, scale_forms: Iterable[str], labels: Iterable[str]):
        scale = r"(?:" + alternation(f.rstrip("-") for f in scale_forms) + r")(?![\w-])"
        labels = list(labels)
        label = r"(?:(?:" + alternation(labels) + r")" + SP + r"*)?" if labels else ""
        self.rx = re.compile(r"\d(?:" + SP + r"+" + scale + r")?(?P<gap>" + SP + r"*\(" + SP + r"*" + label + r")"
                             r"[-−+]?\d[\d.,'’]*(?:" + SP + r"+" + scale + r")?(?P<close>" + SP + r"*\))"
                             r"(?=" + SP + r"*[^\s\d,.;:!?)(])")

    def view(self, text: str) -> tuple[str, frozenset[tuple[int, int, int]]]:
        """(view, gaps): `text` with the brackets and the label of each such parenthesis blanked
        (the same length: offsets stay), and the (end of the first figure, start of the number
        of before, its closing) gaps they leave. Only where a unit follows: "stieg auf 370 (350)." stays."""
        if "(" not in text:
            return text, frozenset()
        chars: list[str] | None = None
        gaps = []
        for m in self.rx.finditer(text):
            chars = chars or list(text)
            for group in ("gap", "close"):
                for k in range(*m.span(group)):
                    chars[k] = " "
            gaps.append((m.start("gap"), m.end("gap"), m.start("close")))
        return ("".join(chars), frozenset(gaps)) if chars else (text, frozenset())

    @staticmethod
    def trim(figures: list, gaps: frozenset[tuple[int, int, int]]) -> None:
        """The figure of before ends where its parenthesis closes ("780,2", not "780,2) Mill. Euro")."""
        closes = {g[1]: g[2] for g in gaps}
        for fig in figures:
            if fig.start in closes and fig.start < closes[fig.start] < fig.end:
                fig.end = closes[fig.start]



FROM_BEFORE = re.compile(r"(?<![\w-])von(?:" + SP + r"+[a-zäöüß]+)?" + SP + r"+$")  # ("von 70,2", "von derzeit 80")
TO_GAP = re.compile(SP + r"+auf" + SP + r"+")


def from_to(text: str, start: int, end: int, next_start: int, qualifier_before: re.Pattern) -> bool:
    """ "ging von 70,2 Mio. auf 66,1 Mio. Euro zurück": the two ends of a change share the unit after the
    second (a qualifier of either end, the rules' `qualifiers.before`, stands between: "auf rund 150")."""
    to = TO_GAP.match(text, end, next_start)
    if to is None or to.end() < next_start and not qualifier_before.search(text[to.end() - 1:next_start]):
        return False
    q = qualifier_before.search(text[max(0, start - 30):start])
    before = start - (len(q.group(0)) if q else 0)
    return FROM_BEFORE.search(text, max(0, before - 30), before) is not None


AFTER_GAP = re.compile(SP + r"+nach" + SP + r"+")


def after_before(text: str, end: int, next_start: int) -> bool:
    """ "die Marge erreichte 18,0 nach 13,0 Prozent": a number and the one of before after "nach"
    share the unit after the second."""
    return AFTER_GAP.fullmatch(text, end, next_start) is not None
