"""Which date a word of the claim step belongs to: a date's clause that is nothing but the
date, and a property word another date of its clause owns. Pure, no spaCy."""
from __future__ import annotations

import bisect
import re

from quellenlage.textutil import date_participle


BARE_DATE_BEFORE = re.compile(r"[\s,]*(?:[Aa]m|[Aa]n|[Vv]om|[Ss]eit|[Bb]is|[Aa]b|[Ii]m|[Zz]um|dem|den)?\s*")


def bare_date(text: str, fig: dict, clause: tuple[int, int]) -> bool:
    """Is the date's clause nothing but the date ("Am Donnerstag, dem ersten Handelstag, schloss
    …")? Then the clauses after it say what the date is."""
    return BARE_DATE_BEFORE.fullmatch(text, clause[0], fig["start"]) is not None \
        and not text[fig["end"]:clause[1]].strip(" ,.")


# A verb's frame opened before a date (rules: frame_auxiliaries) and closed by its participle beyond an "und"
# that joins two objects: "AMD hat am Dienstag die Zahlen für das vierte Quartal und damit auch für das
# Geschäftsjahr vorgelegt" (the participle says what the date is).
UND_JOIN = re.compile(r"\s*und\s")
CLOSED_BY_PARTICIPLE = re.compile(r"[^\d,;:()–—]*?\s[a-zäöüß]{2,}(?:t|en)\s*[.!?]")  # (a verb in small letters ends it)


def bracket_close(text: str, fig: dict, clause: tuple[int, int], sentence: tuple[int, int],
                  auxiliaries: re.Pattern) -> list[tuple[int, int]]:
    """The rest of the sentence after the date's clause, when an auxiliary before the date opened
    a frame its participle closes there, with no figure between: [] otherwise."""
    m = UND_JOIN.match(text, clause[1])
    if m is None or not auxiliaries.search(text, clause[0], fig["start"]):
        return []
    close = CLOSED_BY_PARTICIPLE.match(text, m.end(), sentence[1])
    return [(m.end(), close.end())] if close and close.end() >= sentence[1] - 2 else []


NAMES_UND = re.compile(r"[A-ZÄÖÜ][\w-]*\sund\s(?=[A-ZÄÖÜ])")  # "von Siegmund und David Loewe": two names, one clause
CLAUSE_UND = re.compile(r"\sund\s(?!(?:der|die|das|den|dem|des|ein\w*|sein\w*|ihr\w*|damit|zwar)\b)")


def date_owns(text: str, trigger: tuple[int, int], fig: dict, dates) -> bool:
    """Is the property word at `trigger` another date's, one in its clause while the figure is
    beyond a comma or an "und" ("in der zweiten Jahreshälfte 2025 abgeschlossen werden, teilte SES am
    Dienstag mit": the closing is 2025's, Tuesday the day of the news)?"""
    a, b = trigger

    def gap(s: int, e: int) -> str:
        return text[e:a] if e <= a else text[b:s]

    for s, e in dates[bisect.bisect_left(dates, (a - 80, 0)):]:
        if s >= a:
            break
        if s != fig["start"] and (m := date_participle(text, {"label": "DATE", "start": s, "end": e})) and m.start("w") <= a < m.end("w"):
            return True  # the participle of another date: "Im März 2022 war das 2015 (in Berlin) gegründete Unternehmen … wert"
    own = gap(fig["start"], fig["end"])
    if "," not in own and not CLAUSE_UND.search(own):
        # (across "und" too: "schloss die Lücke im Mai 2019 und verklagte NSO im Oktober 2019";
        # not an "und" of two nouns: "am Mittwoch seine Zahlen für das vierte Quartal und das Gesamtjahr 2023 veröffentlicht")
        return False
    lo = bisect.bisect_left(dates, (a - 120, 0))  # only dates near the word (`dates` sorted): linear in the text
    for s, e in dates[lo:]:
        if s > b + 60:
            break
        if s != fig["start"] and len(gap(s, e)) <= 60 and not any(ch in gap(s, e) for ch in ",;:.") \
                and " und " not in NAMES_UND.sub("", gap(s, e)):
            return True
    return False


SPACE = re.compile(r"\s*")
ATTACHED = re.compile(r"\s+(?:\w{1,4}\s+)?")  # a date right after a word, at most a short preposition between


def span_anchor(text: str, trigger: tuple[int, int], fig: dict, figures, anchors: re.Pattern) -> bool:
    """Is the property word at `trigger` the event a span counts from, not the date `fig`'s ("Sechs Jahre
    nach der Gründung läuteten die Gründer am Mittwoch die Glocke"; but "vier Tage nach dem Marktstart am
    6. Juni": the date right after the word is its own)? `anchors`: properties.yaml `span_anchors`, the
    words between the span and the word; `figures`: a SpanIndex of the document's figures."""
    if fig["start"] >= trigger[1] and ATTACHED.fullmatch(text, trigger[1], fig["start"]):
        return False
    for f in figures.starting(max(0, trigger[0] - 60), trigger[0]):
        if f["label"] == "DURATION" and f["end"] <= trigger[0]:
            a, b = SPACE.match(text, f["end"]).end(), trigger[0]
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b and anchors.fullmatch(text, a, b):
                return True
    return False


__all__ = ["bare_date", "date_owns", "span_anchor"]
