"""Figures named by words around a number rather than by the number's unit: ranks ("Platz
13", "dritten Platz"), duration adjectives ("fünfjährigen") and duration nouns ("ein
Vierteljahr"), counts of events by the verb around "Mal" ("25.000 Mal umkreist"). Pure, no spaCy."""
from __future__ import annotations

import re
from typing import Iterable

from quellenlage.figure import Figure
from quellenlage.figure_lexicon import FigureRules
from quellenlage.normalize.numbers import parse_number_word, parse_ordinal_word


COUNTED_AFTER = re.compile(r"[ \u00a0]+(?:[a-zäöüß]+(?:e|en|er|es|em)[ \u00a0]+)?([A-ZÄÖÜ][\w-]*)")  # (an adjective between: "681 eigene Filialen")


def ranks(text: str, r: FigureRules) -> Iterable[Figure]:
    """ "Platz 13", "Top 8", "dritten Platz", "Rang zwei"."""
    before, after = r.rank_res
    for m in before.finditer(text):
        n = m.group("n")
        v = float(n) if n.isdigit() else parse_number_word(n, r.numbers)
        if v is None or v != int(v) or v <= 0:
            continue
        if m.group("w") == "Nummer" and not n.isalpha():
            continue  # "Nummer 5" is rarely a rank with digits; "Nummer eins" is
        noun = COUNTED_AFTER.match(text, m.end()) if n.isdigit() else None
        if noun and noun.group(1).lower() in r.count_forms:
            continue  # "betrieb Ihr Platz 681 eigene Filialen": a name's last word before a count
        # "unter den Top 8" says rank 8 or better.
        qualifier = "upper_bound" if m.group("w") in r.top_words else "exact"
        yield Figure(m.start(), m.end(), "RANK", value=v, qualifier=qualifier, rule="rank_before")
    fraction = r.fraction_before
    for m in after.finditer(text):
        if fraction and text[max(0, m.start() - 8):m.start()].split()[-1:] and \
                text[max(0, m.start() - 8):m.start()].split()[-1].lower() in fraction:
            continue  # "fast jede zwölfte Stelle": a share of the jobs, no rank
        o = m.group("o")
        v = float(o[:-1]) if o[:-1].isdigit() else parse_ordinal_word(o, r.numbers)
        if v is None or v <= 0:
            continue
        yield Figure(m.start(), m.end(), "RANK", value=float(v), rule="rank_after")


def duration_adjectives(text: str, r: FigureRules) -> Iterable[Figure]:
    """ "fünfjährigen", "12-monatige": adjectives with a built-in duration."""
    rx, table = r.duration_adjective_re
    for m in rx.finditer(text):
        n = m.group("n").rstrip("-")
        v = float(n) if n.isdigit() else parse_number_word(n, r.numbers)
        if v is None:
            continue
        yield Figure(m.start(), m.end(), "DURATION", value=v, unit=table[m.group("stem").lower()],
                     rule="duration_adjective")


def duration_nouns(text: str, r: FigureRules) -> Iterable[Figure]:
    """ "ein Vierteljahr", "einer Viertelstunde": a noun that is a duration, its article the one."""
    found = r.duration_noun_re
    if found is None:
        return
    rx, table = found
    for m in rx.finditer(text):
        spec = table[m.group("noun").lower()]
        yield Figure(m.start(), m.end(), "DURATION", value=float(spec["value"]), unit=spec["unit"], rule="duration_noun")



# "Mal" that ends its clause ("… rund 25.000 Mal."): its verb stands before the number
TIMES_CLAUSE_END = re.compile(r"\s*[Mm]al(?![\w-])\s*(?:[.,;:!?)–]|$|(?:und|oder|sowie)(?![\w-]))")


def times_unit(text: str, pos: int, start: int | None, times_units) -> str | None:
    """ "1,6 Millionen Mal heruntergeladen": a verb within the next words names the unit
    (`times_units`: unit, pattern); where "Mal" (at `pos`) ends its clause, the verb before the
    number at `start` ("umrundete die Erde dabei rund 25.000 Mal.")."""
    end = min(len(text), pos + 60)
    stop = re.search(r"[.;!?]", text[pos:end])
    end = pos + stop.start() if stop else end
    for unit, rx in times_units:
        if rx.search(text, pos, end):
            return unit
    if start is None or not TIMES_CLAUSE_END.match(text, pos):
        return None
    lo = max(0, start - 80)
    lo = max(lo, max(text.rfind(c, lo, start) for c in ".;!?,:\n") + 1)
    for unit, rx in times_units:
        if rx.search(text, lo, start):
            return unit
    return None
