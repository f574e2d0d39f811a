"""Qualifiers of a figure: "rund", "bis zu", "mehr als", "geschätzt", "zwischen … und",
"plus oder minus" (rules/<lang>/qualifiers.yaml). Pure, no spaCy."""
from __future__ import annotations

import re

from quellenlage.figure import Figure
from quellenlage.figure_lexicon import FigureRules
from quellenlage.textutil import sentence_initial, sentence_start, word_before

AMOUNT_NEXT = re.compile(r"\s*[+-]?\d")  # "plus 29 Prozent": a number follows the word


class Qualifier:
    def __init__(self, rules: FigureRules):
        self.r = rules

    def qualify(self, text: str, fig: Figure, plus: bool) -> None:
        """The qualifier of a figure (SPEC §7: approx, upper_bound, lower_bound, estimate,
        range) from the words before and after it; the span grows to take a qualifier in."""
        window_start = max(0, fig.start - 40)
        window = text[window_start:fig.start]
        if fig.qualifier == "range":
            m = self.r.range_before_re.search(window)
            if m and m.group("w").lower() == "zwischen":
                fig.start = window_start + m.start("w")
            return
        qre, qtable = self.r.qualifier_before_re
        m = qre.search(window)
        if m and not self._preposition_of_amount(text, window_start + m.start("q"), m.group("q")):
            fig.qualifier = qtable[m.group("q").lower()]
            fig.start = window_start + m.start("q")
        if plus:
            fig.qualifier = "lower_bound"
        tail = text[fig.end:fig.end + 40]
        hits = []
        for phrase, q in self.r.qualifier_after.items():
            if phrase in ("+",):
                continue
            idx = tail.find(phrase)
            if 0 <= idx <= 2 and q == "lower_bound" and (tail[:idx].strip() or AMOUNT_NEXT.match(tail, idx + len(phrase))):
                continue  # "900,3 Mio. Dollar, plus 29 Prozent": a change comes after, no "or more"
            if 0 <= idx and (idx <= 2 or (fig.label in ("COUNT",) and idx < 30 and "," not in tail[:idx]
                                          and phrase.startswith("("))):
                hits.append((idx, -len(phrase), q))
        if hits:
            fig.qualifier = min(hits)[2]  # the nearest, longest: "plus oder minus" is no "plus"
        if fig.qualifier == "exact":
            s = sentence_start(text, fig.start)
            if self.r.sentence_estimate_re.search(text[s:fig.start]):
                fig.qualifier = "estimate"

    def _preposition_of_amount(self, text: str, qstart: int, q: str) -> bool:
        """ "eine Finanzierung über 6 Mrd. Dollar": über after a noun names the amount."""
        if q.lower() not in ("über", "unter"):
            return False
        if text[qstart:qstart + 1].isupper():
            return False  # "Über 1000 Stellen sollen entstehen": opening the sentence, a qualifier
        word = word_before(text, qstart)
        if word and word.lower() in self.r.governing_verbs:
            return True  # "Die Maschine verfügt über 10 752 GPUs": the verb's preposition
        if word and self.r.attribution_end.search(text, max(0, qstart - 40), qstart):
            return False  # "versorgt nach eigenen Angaben über vier Millionen Kunden"
        return bool(word and word[0].isupper() and word not in self.r.sentence_openers
                    and not sentence_initial(text, qstart - len(word) - 1))
