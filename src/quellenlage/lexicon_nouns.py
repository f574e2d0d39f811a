"""German common nouns, to tell a name from a word: "kauft Harman" names a company, "kauft
Aktien" does not. The forms come from the german-nouns package (Wiktionary's German nouns,
CC BY-SA 4.0), every case and number of each noun; entries Wiktionary marks as a name (Eigenname,
Vorname, Nachname, Toponym) or an abbreviation are left out. Pure; loaded once a process, when the
entity rules are built (about 1.5 s and 28 MB: 255,000 forms)."""
from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files

NOT_COMMON = ("Eigenname", "Vorname", "Nachname", "Toponym", "Abkürzung")
MIN_TAIL = 5  # a compound's head long enough to be a noun of its own ("Wettbewerber": "Bewerber")


@cache
def common_nouns() -> frozenset[str]:
    """Every written form of every German common noun Wiktionary lists (capitalised)."""
    forms: set[str] = set()
    with (files("german_nouns") / "nouns.csv").open(encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            if any(tag in row[1] for tag in NOT_COMMON):
                continue
            forms.update(x for x in row[7:] if x[:1].isupper() and " " not in x)
    return frozenset(forms)


def is_common_noun(word: str) -> bool:
    """ "Aktien", "Verantwortung", "Rauchmelder": yes; "Harman", "Shazam", "Tumblr": no."""
    return word in common_nouns()


def is_noun(word: str) -> bool:
    """A common noun, or a compound whose head is one ("Wettbewerber", "US-Softwarefirma")."""
    word = word.rstrip(".").rsplit("-", 1)[-1]
    if len(word) < 2:
        return False
    if is_common_noun(word) or is_common_noun(word[0].upper() + word[1:]):
        return True
    return any(is_common_noun(word[i].upper() + word[i + 1:]) for i in range(2, len(word) - MIN_TAIL + 1))
