"""Whose figure the words right around it name, whatever company the sentence or the article is
about: a compound after a count ("Daten von 167 Millionen Linkedin-Konten": LinkedIn's accounts), a
participle phrase a date stands in ("an das erst 2004 gegründete Facebook": Facebook's founding).
Pure, no spaCy."""
from __future__ import annotations

import re
from functools import lru_cache

from quellenlage.textutil import PARTICIPLE_AGENT

# the counted noun right after a figure (and its scale word), a compound opening with a name
COMPOUND_AFTER = re.compile(r"[ \u00a0]+(?:(?:Millionen|Milliarden|Mio\.|Mrd\.|Tausend)[ \u00a0]+)?(?P<n>[A-ZÄÖÜ][\w]*)-[A-ZÄÖÜ][a-zäöüß]")


def compound_owner(text: str, fig: dict, table: dict, types, units) -> str | None:
    """The known entity a COUNT's compound noun opens with ("167 Millionen Linkedin-Konten":
    LinkedIn), when it is of one of `types` and the count's unit one of `units` (entities.yaml:
    owned_count_units); `table`: the gazetteer's name or alias -> (name, type)."""
    if fig["label"] != "COUNT" or fig.get("unit") not in units:
        return None
    m = COMPOUND_AFTER.match(text, fig["end"])
    known = table.get(m.group("n")) if m else None
    return known[0] if known and known[1] in types else None


# "das erst 2004 gegründete Facebook", "des 1898 gegründeten Baukonzerns Philipp Holzmann": a date inside a
# participle phrase before a name is that name's
PHRASE_ARTICLE = re.compile(r"(?<![\w-])(?:[Dd](?:as|er|ie|es|em|en)|[Ee]ine[mnrs]?|[Ee]in)[ \u00a0]+(?:(?:erst|bereits|schon|im Jahr)[ \u00a0]+)?$")
PHRASE_PARTICIPLE = re.compile(PARTICIPLE_AGENT + r"[ \u00a0]+[a-zäöü][\w-]*?(?:t|en)e[nmrs]?[ \u00a0]+")
PHRASE_NOUN = re.compile(r"[A-ZÄÖÜ][\w-]*[ \u00a0]+")


def attributed(text: str, fig: dict, entities, types) -> str | None:
    """The name a date's participle phrase stands before ("an das erst 2004 gegründete Facebook",
    "des 1898 gegründeten Baukonzerns Philipp Holzmann"): one of `types` right after the participle
    or after one noun for what it is."""
    if not PHRASE_ARTICLE.search(text, max(0, fig["start"] - 30), fig["start"]):
        return None
    m = PHRASE_PARTICIPLE.match(text, fig["end"])
    if m is None:
        return None
    noun = PHRASE_NOUN.match(text, m.end())
    starts = {m.end(), noun.end()} if noun else {m.end()}
    return next((e.name for e in entities if e.type in types and e.start in starts), None)


# "Für den 1999 von Siemens abgespaltenen Münchner Konzern": the agent of a participle phrase is no topic
AGENT_BEFORE = re.compile(r"(?<![\w-])(?:[Dd](?:as|er|ie|es|em|en)|[Ee]ine[mnrs]?|[Ee]in)[ \u00a0]+(?:(?:erst|bereits|schon|\d{4})[ \u00a0]+)*"
                          r"(?:von|vom)[ \u00a0]+(?:[\w-]+[ \u00a0]+){0,2}$")
AGENT_AFTER = re.compile(r"[ \u00a0]+[a-zäöü][\w-]*?(?:t|en)e[nmrs]?[ \u00a0]+")


def participle_agent(text: str, e) -> bool:
    """Is the entity the agent of an article's participle phrase ("den 1999 von Siemens abgespaltenen Konzern")?"""
    return bool(AGENT_BEFORE.search(text, max(0, e.start - 40), e.start) and AGENT_AFTER.match(text, e.end))


@lru_cache(maxsize=4)
def _parent_re(child_nouns: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])[\w-]*?(?:" + "|".join(map(re.escape, child_nouns)) + r")[ \u00a0]+(?:des|der|von|vom)[ \u00a0]+(?:[\w-]+[ \u00a0]+){0,3}$",
                      re.IGNORECASE)


def named_parent(text: str, start: int, child_nouns: tuple[str, ...]) -> bool:
    """ "Wie die Tochter des spanischen Telefónica-Konzerns mitteilte": the parent of who tells, not who it is."""
    return bool(child_nouns) and _parent_re(child_nouns).search(text, max(0, start - 60), start) is not None


FORMER_BEFORE = re.compile(r"(?<![\w-])als[ \u00a0]+$")


def former_name(text: str, e, founded_after: re.Pattern) -> bool:
    """ "Das Unternehmen wurde 1993 als Hyundai Electronics gegründet": the name it was founded under, no subject."""
    return bool(FORMER_BEFORE.search(text, max(0, e.start - 5), e.start) and founded_after.match(text, e.end))


# a word of its own right after a maker's name, before a verb, a number or a stop: the name of one of its
# services or parts ("Der Google Reader wurde … abgeschaltet", "Google Wave wurde 2010 eingestellt")
WORD_OF_NAME = re.compile(r"[ \u00a0]+(?P<w>[A-ZÄÖÜ][\w]*)(?=[ \u00a0]+[a-zäöüß\d]|[,.;:!?]|$)")


def whole_name(text: str, name: str | None, entities, clause: tuple[int, int]) -> str | None:
    """For a property of the thing named itself (`own_name`): a mention of `name` in the clause with
    a word of a name's after it is that whole name ("Google Reader"); else `name`."""
    for e in entities:
        if e.name == name and clause[0] <= e.start < clause[1]:
            m = WORD_OF_NAME.match(text, e.end)
            if m is not None:
                return text[e.start:m.end("w")]
    return name


# "Keyhole sitzt wie Google in Mountain View": a name a verb likens the subject to is not the subject (not
# "Konzerne wie Google": after a noun, examples of the subject)
LIKE_BEFORE = re.compile(r"(?<![\w-])[a-zäöüß]+\s+wie\s+$")
