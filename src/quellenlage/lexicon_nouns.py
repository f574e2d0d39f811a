"""German common nouns, to tell a name from a word: "kauft Harman" names a company, "kauft
Aktien" does not. The forms come from the german-nouns package (Wiktionary's German nouns,
CC BY-SA 4.0), every case and number of each noun; entries Wiktionary marks as a name (Eigenname,
Vorname, Nachname, Toponym) or an abbreviation are left out. Loaded once a process, when the
entity rules are built (28 MB: 255,000 forms): reading the package's 20 MB table takes about
0.8 s, so the forms are kept in the user cache (cache.py; 30 ms to load), under a key of the
package's version and table."""
from __future__ import annotations

import csv
import os
import re
from functools import cache
from importlib.metadata import version
from importlib.resources import files

from quellenlage.cache import cache_key, cached

NOT_COMMON = ("Eigenname", "Vorname", "Nachname", "Toponym", "Abkürzung")
MIN_TAIL = 5  # a compound's head long enough to be a noun of its own ("Wettbewerber": "Bewerber")


@cache
def common_nouns() -> frozenset[str]:
    """Every written form of every German common noun Wiktionary lists (capitalised)."""
    table = files("german_nouns") / "nouns.csv"
    stat = os.stat(str(table))
    key = cache_key("common-nouns", version("german-nouns"), str(stat.st_size), str(stat.st_mtime_ns),
                    code=(__file__,))
    return cached("common-nouns", key, lambda: _read_forms(table))


def _read_forms(table) -> frozenset[str]:
    forms: set[str] = set()
    with table.open(encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            if not any(tag in row[1] for tag in NOT_COMMON):
                forms.update(row[7:])  # every cell (C speed), filtered once below
    return frozenset(x for x in forms if x[:1].isupper() and " " not in x)


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


def alone_more_often(text: str, name: str, tails=frozenset()) -> bool:
    """Is the last word of `name` a noun the text names it more often without ("das Start-up Zepto
    Geldgeber aus aller Welt", "Zepto" alone elsewhere), and none of the words that end company names (`tails`)?
    (`text`: the stretch around the name, so that the work stays bounded however long the document.)"""
    head, last = name.rsplit(" ", 1)
    return last not in tails and is_noun(last) and len(re.findall(r"(?<![\w-])" + re.escape(head) + r"(?![\w-])", text)) > text.count(name)
