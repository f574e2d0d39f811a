"""A company's name of two words written by its first word alone in the same text ("Das Berliner
Fintech Vivid Money …", later "Gegründet wurde Vivid 2019"; "Greenoaks Capital", later "Greenoaks").
Pure text, no spaCy."""
from __future__ import annotations

import re

from quellenlage.lexicon_nouns import is_common_noun, is_noun

FIRST_WORD = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{2,}")  # (not an acronym: "FTTH Council Europe", later "FTTH" the technique)


def first_word_mentions(text: str, found: list, taken, not_first, table) -> list[tuple[int, int, tuple[str, str]]]:
    """Mentions of the first word alone of a two-word company name the rules found (or an app's a
    word for it introduced: "Die Berliner Banking-App Vivid Money"; not a name the gazetteer knows, nor a
    first word that is a German noun, a word no name starts with, an entry of its own, or the first
    word of two such names): (start, end, (name, type))."""
    names: dict[str, set[str]] = {}
    for e in found:
        first, _, rest = e.name.partition(" ")
        if (e.type == "ORG" and e.source != "gazetteer" or e.type == "PRODUCT" and e.source == "noun") and rest and " " not in rest and FIRST_WORD.fullmatch(first) \
                and first not in not_first and first not in table and e.name not in table and not is_common_noun(first):
            names.setdefault(first, set()).add((e.name, e.type))
    unique = {first: next(iter(full)) for first, full in names.items() if len(full) == 1}
    if not unique:
        return []
    rx = re.compile(r"(?<![\w&.-])(?:" + "|".join(map(re.escape, sorted(unique, key=len, reverse=True))) + r")(?![\w&-])")
    return [(m.start(), m.end(), unique[m.group(0)]) for m in rx.finditer(text) if taken.free(m.start(), m.end())]


# The title's subject, right after its label ("Halbleiter: Codasip sucht einen Käufer") or opening it
# ("Codasip sucht …"): one or two capitalised words before a lower-case word (its verb); or a label of
# two words ("Wacker Neuson: Nach dem Einbruch …"; one word is a topic's: "Insurtech: …").
TITLE_LINE = re.compile(r"title:[ \t]*(?P<t>[^\n]*)")
TITLE_SUBJECT = re.compile(r"(?:^|:[ \t]+)(?P<n>[A-ZÄÖÜ][\w&.]*[\w&](?:[ \t]+[A-ZÄÖÜ][\w&]*)?)[ \t]+(?=[a-zäöüß])"
                           r"|^(?P<label>[A-ZÄÖÜ][\w&.]*[\w&][ \t]+[A-ZÄÖÜ][\w&]*)(?=:[ \t])")


def title_names(text: str, regions, not_first, people, place_words=(), known=frozenset()) -> set[str]:
    """Names the title's subject gives that the body writes alone ("Halbleiter: Codasip sucht einen
    Käufer", then "hat Codasip … erhalten"): the header is masked for every other rule, so a company
    only the title introduces would have no name in the body (not a German noun, a word no name starts
    with, a person's name, a name the body never writes, or one it writes after one of `place_words`:
    "die EU", "in Brüssel"; nor a name after a `known` company's label: "Boehringer Ingelheim: Jardiance
    treibt den Familienkonzern" names its product)."""
    head = next((b for a, b in regions if a == 0), 0)
    line = TITLE_LINE.match(text, 0, head) if head else None
    if line is None:
        return set()
    # (a relative pronoun after a comma is no place's article: "Die Bilanz, die Trumpf am Donnerstag vorgelegt hat")
    out, place = set(), r"(?<![,;:][ \t])(?<![\w-])(?:" + ("|".join(map(re.escape, place_words)) or "(?!)") + r")\s+"
    for m in TITLE_SUBJECT.finditer(line.group("t")):
        name = m.group("n") or m.group("label")
        if m.group("n") and m.start() > 0 and line.group("t")[:m.start()].strip() in known:
            continue
        words, body = name.split(), text[head:]
        if words[0] in not_first or any(is_noun(w) and not used_as_name(body, name) or w in people or w.endswith("in") and is_noun(w[:-2]) for w in words) \
                or name.endswith("s") and (name[:-1] in not_first or re.search(r"(?<![\w-])" + re.escape(name[:-1]) + r"(?![\w-])", text)) \
                or name.isupper() or any(w.endswith("s") for w in words[:-1]):
            continue  # (a noun, "Hackerin"; a genitive: "Europas erster …", "Googles Chromecast"; capitals are acronyms' rules)
        if re.search(r"(?<![\w&.-])" + re.escape(name) + r"(?![\w&-])", body) \
                and not re.search(place + re.escape(name) + r"(?![\w&-])", text):
            out.add(name)
    return out


# A word before a noun that makes it one ("der Trumpf", "seinen größten Trumpf"; not a relative pronoun after a comma)
NOUN_BEFORE = re.compile(r"(?<![\w-])(?:(?<!,[ \t])(?:[Dd](?:er|ie|as|en|em|es)|[Ee]in(?:e[mnrs]?)?)|[Kk]ein(?:e[mnrs]?)?|[Ss]ein(?:e[mnrs]?)?|[Ii]hr(?:e[mnrs]?)?"
                         r"|[Uu]nser(?:e[mnrs]?)?)[ \t\u00a0]+(?:[a-zäöüß]+[ \t\u00a0]+)?$")


def used_as_name(body: str, name: str) -> bool:
    """Does the body write a noun the title names as a name: twice at least inside a sentence, never after
    an article or a possessive ("Die Bilanz, die Trumpf am Donnerstag vorgelegt hat", "konnte Trumpf …")?"""
    found = list(re.finditer(r"(?<![\w&.-])" + re.escape(name) + r"(?![\w&-])", body))
    inside = [m for m in found if re.search(r"[a-zäöüß,][ \t\u00a0]+$", body[max(0, m.start() - 3):m.start()])]  # (not a heading's, a line's first word)
    return len(inside) >= 2 and not any(NOUN_BEFORE.search(body, max(0, m.start() - 20), m.start()) for m in found)

