"""Organisations the gazetteer lacks that the words around them introduce: a word for a company before the
name ("der Projektentwickler Crusoe"), an apposition that tells what it is ("Astera Labs, ein Hersteller von …"),
or the year it was founded in ("Dubag, 2009 gegründet")."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from quellenlage.entity_names import NOT_AN_ORG_AFTER, genitive_of
from quellenlage.lexicon_nouns import alone_more_often, is_noun
from quellenlage.patterns import Anchored, trie_alternation
from quellenlage.textutil import ARTICLE_WORDS, NAME_START


def apposition_org(noun: str) -> Anchored:
    """A name told what it is: "Astera Labs, ein Hersteller von …", "galt Humane als eines der … Start-ups",
    "Quibi, der Streamingdienst mit …" (after a comma, a definite article too: group `definite`; "die
    Software, die Firmen einsetzen" is a relative clause there, which `org_noun_names` tells by the noun).
    `noun`: the pattern of a word for a company."""
    not_after = "".join(f"(?<!{w} )" for w in sorted(ARTICLE_WORDS))  # (not a noun after an article: "in einem Monat, ein Hedgefonds, der …")
    rx = re.compile(r"(?<![\w-])" + not_after + r"(?P<name>" + NAME_START + r"[\w&.-]*[\w](?:[ \u00a0][A-ZÄÖÜ][\w&-]+){0,2})(?:(?:,|[ \u00a0]+als)[ \u00a0]+"
                    r"(?:ein|eine|eines|einer|einen)|,[ \u00a0]+(?P<definite>der|die|das|dem))[ \u00a0]+(?:der[ \u00a0]+)?"
                    r"(?:[a-zäöüß][\w-]*[ \u00a0]+){0,2}" + noun + r"(?:e?s|e?n)?(?![\w-])")
    return Anchored(rx, re.compile(r"(?:,|[ \u00a0]als)[ \u00a0]+(?:ein|eine|eines|einer|einen)[ \u00a0]|,[ \u00a0]+(?:der|die|das|dem)[ \u00a0]"), words=2)


def founded_org(participles: list[str]) -> Anchored:
    """A name told the year it was founded in ("Dubag, 2009 gegründet und …", "Arko, 1948 in Wahlstedt
    gegründet"), with the founding participles of the rules (`founding_participles`); `org_noun_names`
    takes it only where it opens its sentence."""
    not_after = "".join(f"(?<!{w} )" for w in sorted(ARTICLE_WORDS | {w.capitalize() for w in ARTICLE_WORDS}))
    gate = r",[ \u00a0]+(?:(?:im[ \u00a0]+Jahr|Anfang|Mitte|Ende)[ \u00a0]+)?(?:1[89]|20)\d\d[ \u00a0]"
    rx = re.compile(r"(?<![\w-])" + not_after + r"(?P<name>" + NAME_START + r"[\w&.-]*[\w](?:[ \u00a0][A-ZÄÖÜ][\w&-]+){0,2})" + gate
                    + r"(?:[ \u00a0]*(?:in|im|von|als|aus|bei)[ \u00a0]+[^,.;:!?\n]{1,60}?)?[ \u00a0]*(?:" + trie_alternation(participles) + r")(?![\w-])")
    return Anchored(rx, re.compile(gate), words=2)


@lru_cache(maxsize=4)
def generic_org(nouns: tuple[str, ...]) -> re.Pattern:
    """ "meldet das Unternehmen Fortschritte": a verb, an article and a generic word for a company (rules `generic_org_nouns`)."""
    return re.compile(r"(?<![\w-])[a-zäöüß]+[ \t\u00a0]+(?:das|der|die|den)[ \t\u00a0]+(?:" + trie_alternation(nouns or ("(?!)",)) + r")[ \t\u00a0]+$")


def org_noun_names(masked: str, rules, taken, add, abstract: tuple[str, ...], nouns: tuple[str, ...]) -> set[str]:
    """Organisations a word for a company or a source introduces ("der Projektentwickler Crusoe", "die Analysten von Bernstein",
    "Astera Labs, ein Hersteller von …"); a legal form ends the name ("der Anlagenbauer Babcock Borsig AG", later "Babcock Borsig")."""
    legal = frozenset(rules.cfg.get("legal_suffixes") or ())
    tails = legal | frozenset(rules.cfg.get("company_suffixes") or ()) | frozenset(rules.cfg.get("name_tails") or ())
    discovered: set[str] = set()
    for m in chain(rules.org_noun_re.finditer(masked), rules.source_name_re.finditer(masked), rules.apposition_org_re.finditer(masked), rules.founded_org_re.finditer(masked)):
        name, start, end = m.group("name"), m.start("name"), m.end("name")
        opener, _, rest = name.partition(" ")
        opens = not masked[:start].strip() or masked[:start].rstrip()[-1] in ".!?:\n"
        if rest and opens and opener in rules.not_first and opener.lower() not in ARTICLE_WORDS and rest.split()[0] not in rules.not_first \
                and not is_noun(rest.split()[0]) and m.re in (rules.apposition_org_re.rx, rules.founded_org_re.rx):
            name, start = rest, start + len(opener) + 1  # "Und Dubag, 2009 gegründet": a sentence's opener is no part of the name
        elif m.re is rules.founded_org_re.rx and not opens:
            continue  # the sentence's subject only ("aus dem Landkreis Harburg, 1962 … gegründet": a place)
        while " " in name and (not taken.free(start, end) and any(w in rules.table for w in name.split()[1:]) or nouns and (name.rsplit(" ", 1)[1].lower().endswith(nouns) or rules.is_title(name.rsplit(" ", 1)[1]) or alone_more_often(masked[max(0, m.start() - 5000):m.start() + 5000], name, tails))
                               and masked.count(name, max(0, m.start() - 5000), m.start() + 5000) < 2):  # ("Tochter Glovo Kartellstrafen
            name = name.rsplit(" ", 1)[0]  # von …", "Investor Perusa Eigentümer": the name ends before the noun, unless used together again)
            end = start + len(name)
        formed = " " in name and name.rsplit(" ", 1)[1] in legal
        if formed:  # "der Anlagenbauer Babcock Borsig AG", later "Babcock Borsig" (but "der Medienkonzern News Corp.": "News" alone is no name)
            rest = name.rsplit(" ", 1)[0]
            if rest.split()[0] not in rules.not_first and not genitive_of(rest.split()[0], rules.not_first):
                name, formed = rest, False
        # ("die Drogeriekette Ihr Platz": a function word capitalised inside sentences, again and again, opens a name;
        # "die Software, die Firmen einsetzen": a relative clause, no apposition with a definite article)
        words = name.split()
        styled = len(words) > 1 and words[0] in rules.not_first and words[1] not in rules.not_first and len(re.findall(r"[a-zäöüß,] " + re.escape(name) + r"(?![\w-])", masked)) > 1
        if taken.free(start, end) and (formed or styled or words[0] not in rules.not_first
                                                 and not genitive_of(words[0], rules.not_first)) \
                and not NOT_AN_ORG_AFTER.match(masked[end:end + 14]) and not (m.re is rules.apposition_org_re.rx and m.group("definite") and is_noun(words[0])) \
                and not (m.re is rules.founded_org_re.rx and is_noun(words[0])) \
                and not (m.re is rules.org_noun_re.rx and len(words) == 1 and is_noun(words[0]) and generic_org(tuple(rules.cfg.get("generic_org_nouns") or ())).search(masked, max(0, start - 40), start)
                         and masked[end:end + 1] in ",.;:") \
                and not (abstract and name.split()[0].lower().endswith(abstract)):  # "die Industrieunternehmen Rechenleistung …"
            add(start, end, name, "ORG", "noun")
            discovered.add(name)
    return discovered
