"""The value a change started from ("von 138 Mrd. $ auf 455 Mrd. $", "nicht mehr 349,99 Euro, sondern
399 Euro"): an earlier time the sentence does not name, no claim of the time told. Pure, no spaCy."""
from __future__ import annotations

import re

from quellenlage.figure_compared import AFTER_GAP

FROM_VALUE = re.compile(r"(?<![\w-])von\s+(?:(?:rund|etwa|knapp|gut|ungefähr|über|mehr\s+als)\s+)?$")
TO_VALUE = re.compile(r"[^\S\n]*(?:\([^()\n]{0,30}\)[^\S\n]*)?auf\s+(?:(?:rund|etwa|knapp|gut|ungefähr|über|mehr\s+als)\s+)?[\d~]")


def starting_value(text: str, fig: dict) -> bool:
    """ "ist innerhalb eines Quartals von 138 Mrd. $ auf 455 Mrd. $ gestiegen": the value a change
    started from, at a time the sentence does not name."""
    return FROM_VALUE.search(text, max(0, fig["start"] - 24), fig["start"]) is not None \
        and TO_VALUE.match(text, fig["end"]) is not None


# "kostet ab 1. August nicht mehr 349,99 Euro, sondern 399 Euro": the value it had
NO_LONGER = re.compile(r"(?<![\w-])nicht\s+mehr\s+(?:(?:rund|etwa|knapp|gut)\s+)?$")
INSTEAD_AFTER = re.compile(r"\s*,?\s*sondern\s+(?:(?:rund|etwa|knapp|gut|nur\s+noch|nun)\s+)?[\d~]")


def former_value(text: str, fig: dict) -> bool:
    """ "nicht mehr 349,99 Euro, sondern 399 Euro": the value before, no claim of the time told."""
    return NO_LONGER.search(text, max(0, fig["start"] - 24), fig["start"]) is not None \
        and INSTEAD_AFTER.match(text, fig["end"]) is not None


def unnamed_start(text: str, fig: dict, period: str | None) -> bool:
    """A change's starting value at a time the sentence does not name: "von 138 Mrd. $ auf 455 Mrd.
    $", also in a sentence that names the change's period ("Im ersten Quartal 2012 brach der Umsatz
    von 189,3 Mio. auf 82,5 Mio. Euro ein": the quarter is the new value's; the old one is a year or a
    quarter before, the sentence does not say which), unless a date stands beside it ("(2011)")."""
    if former_value(text, fig):
        return True
    if not starting_value(text, fig):
        return False
    to = TO_VALUE.match(text, fig["end"])
    if (fig["label"] == "PERCENT") != bool(PERCENT_AFTER.match(text, to.end() - 1)):
        return False  # "ein Umsatzplus von 70 Prozent auf 18 Mrd.": the rate of a change, no start
    return period is None or not re.search(r"\d", to.group(0)[:-1])


PERCENT_AFTER = re.compile(r"[\d.,]+\s*(?:(?:bis|-|–)\s*[\d.,]+\s*)?(?:%|Prozent|Pro\s*zent)")  # (a range too: "auf 39 bis 41 Prozent")


def year_before(text: str, fig: dict, figures, clause_end: int) -> bool:
    """ "die Marge erreichte 18,0 nach 13,0 Prozent", "stieg auf 4,2 Mrd. nach 3,9 Mrd. Euro": the value
    after "nach" right after a figure of its kind (`figures`: the document's, by start) is that of a year
    before, unless a date follows it in its clause ("nach 13,0 Prozent im Jahr 2022" names its own time)."""
    return any(f["label"] == fig["label"] and f["end"] <= fig["start"] and AFTER_GAP.fullmatch(text, f["end"], fig["start"])
               for f in figures.starting(max(0, fig["start"] - 40), fig["start"])) \
        and not any(d["label"] == "DATE" for d in figures.starting(fig["end"], clause_end))


# "Die Marge fiel von 13,2 auf 8,5 Prozent": the value a change starts from is of an earlier time, no claim of
# its own (not "von derzeit 60 … auf 120": now, whatever is planned)
VERB_FROM = re.compile(r"(?<![\w-])[a-zäöüß][\w-]*,?\s+von\s+$")  # (after a verb, not "ein Minus von"; a qualifier is in the span;
# after an insertion's comma too: "sinkt, wie angekündigt, von 1,05 Euro auf zehn Cent")
TO_NEXT = re.compile(r"\s+auf\s+(?:[a-zäöüß.]+\s+){0,2}[-−+]?\d")  # (past the next figure's qualifier: "auf nur noch 5")
TO_WORDS = re.compile(r"\s+auf\s+(?:[a-zäöüß.]+\s+){0,2}")


def change_start(text: str, fig: dict, figures=None) -> bool:
    """Is `fig` the value a change starts from, after a verb's "von" and before "auf" and the next figure
    (`figures`, the document's figure index: the next may open with a word, "von 1,05 Euro auf zehn Cent")?"""
    if fig["label"] == "DATE" or not VERB_FROM.search(text, max(0, fig["start"] - 40), fig["start"]):
        return False
    to = TO_WORDS.match(text, fig["end"]) if figures is not None else None
    return TO_NEXT.match(text, fig["end"]) is not None or to is not None and any(
        f["label"] != "DATE" for f in figures.starting(text.index("auf", fig["end"]) + 4, to.end() + 1))


__all__ = ["change_start", "former_value", "starting_value", "unnamed_start", "year_before"]
