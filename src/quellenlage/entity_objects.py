"""The company a deal buys, named where no list knows it (rules/<lang>/entities.yaml
`deal_objects`): "Samsung kauft Harman für 8 Milliarden Dollar", "Google übernimmt den
Online-Werbevermarkter DoubleClick", "die Übernahme von Shazam". The object of a verb or noun of
buying is a name when it is no German common noun (lexicon_nouns: "kauft Aktien", "übernimmt
Verantwortung" name nothing). And a company its legal form gives away ("Die Enapter AG"). Pure."""
from __future__ import annotations

import re
from functools import lru_cache

from quellenlage.lexicon_nouns import is_noun as _a_word
from quellenlage.patterns import trie_alternation
from quellenlage.textutil import word_before

SP = r"[ \u00a0]+"
# a descriptor before the name: an article (accusative after a verb, genitive after a noun), up to two
# lower-case words, one capitalised noun ("den Online-Werbevermarkter", "des Serverherstellers")
ACCUSATIVE = r"(?:den|die|das|einen|eine|ein|seinen|seine|ihren|ihre)"
GENITIVE = r"(?:des|der|eines|einer|seines|seiner|ihres|ihrer)"
NAME = r"(?P<name>[A-ZÄÖÜ][\w&.-]*[\w&](?:[ \u00a0][A-ZÄÖÜ][\w&-]*[\w&]){0,2})"
DESCRIPTORS = {"Startup", "Startups", "Start-up", "Start-ups"}  # (the lexicon knows "Start-up" only)
LONG_NOUN = 8  # a name may end in a short word that is also a noun ("Time Warner"), not in a long one ("Rechenzentren")


def _descriptor(article: str) -> str:
    return r"(?:" + article + SP + r"(?:[a-zäöüß][\w-]*" + SP + r"){0,2}[A-ZÄÖÜ][\w-]*[a-zäöüß]" + SP + r")?"


@lru_cache(maxsize=8)
def _pattern(verbs: tuple[str, ...], nouns: tuple[str, ...], after: tuple[str, ...], stakes: tuple[str, ...] = ()) -> re.Pattern:
    stake = (r"(?:(?:die|eine|einen|den|seine|ihre)" + SP + r")?(?:[\w,.]+" + SP + r")?(?:" + trie_alternation(list(stakes))
             + r")" + SP + r"(?:an" + SP + _descriptor(r"(?:dem|der|einem|einer)") + r"|am" + SP + r"(?:[A-ZÄÖÜ][\w-]*[a-zäöüß]" + SP + r")?)|") if stakes else ""
    cue = r"(?:" + trie_alternation(list(verbs)) + SP + r"(?:" + stake + _descriptor(ACCUSATIVE) + r")"
    if nouns:
        cue += r"|(?:" + trie_alternation(list(nouns)) + r")" + SP + r"(?:von" + SP + r"|" + _descriptor(GENITIVE) + r")"
    end = r"(?=[ \u00a0]*(?:[,.;:!?)(–]|$)|" + SP + r"(?:" + trie_alternation(list(after) or ["für"]) + r")(?![\w-]))"
    return re.compile(r"(?<![\w-])" + cue + r")" + NAME + end)


def _descriptor_word(word: str) -> bool:
    """A word for what a company is, no part of its name: a compound ("Blogdienst", "KI-Unternehmen")
    of a common noun; short words that are nouns too may be names ("Pulse Secure", "Time Warner")."""
    return word in DESCRIPTORS or ("-" in word or len(word) >= LONG_NOUN) and _a_word(word)


def _name(words: list[str]) -> list[str]:
    """The name in a run of capitalised words: after the last common noun in it ("US-Softwarefirma Altair",
    "New Yorker Blogdienst Tumblr"); none when it ends in a long one ("Googles Rechenzentren")."""
    if _descriptor_word(words[-1]):
        return []
    nouns = [i for i, w in enumerate(words[:-1]) if _descriptor_word(w)]
    return words[nouns[-1] + 1:] if nouns else words


def deal_objects(text: str, cfg: dict, not_first, taken, add, first_name=lambda w: False) -> set[str]:
    """Each company a deal buys that no list knows, added as an organisation of source "deal"
    (`add(start, end, name, type, source)`); their names. A person who takes over a post is none
    (`first_name`: "übernimmt Glen Weinstein")."""
    spec = cfg.get("deal_objects") or {}
    verbs, nouns = tuple(spec.get("verbs") or ()), tuple(spec.get("nouns") or ())
    if not verbs or not any(v in text for v in verbs + nouns):  # a literal gate: most texts buy nothing
        return set()
    names: set[str] = set()
    forms = frozenset(cfg.get("legal_suffixes") or ())  # "kaufte die amerikanische Lycos Inc.": no company "Inc"
    for m in _pattern(verbs, nouns, tuple(spec.get("after") or ()), tuple(spec.get("stakes") or ())).finditer(text):
        whole = m.group("name").replace("\u00a0", " ").split(" ")
        words = _name(whole)
        if not words or words[0] in not_first or first_name(words[0]) or all(_a_word(w) for w in words):
            continue
        name = " ".join(words)
        if name in forms:
            continue
        s = m.start("name") + len(m.group("name")) - len(name)
        if taken.free(s, m.end("name")):
            add(s, m.end("name"), name, "ORG", "deal")
            names.add(name)
    return names


def legal_form_names(text: str, cfg: dict, not_first, taken) -> list[tuple[int, int, str, bool]]:
    """Companies their legal form gives away where no list knows them ("Die Enapter AG besorgt sich frisches
    Eigenkapital", later "Enapter" alone): one capitalised word, no function word, before a legal suffix
    (rules: legal_suffixes), or before a country's or a group's word and then one (rules: legal_name_tails:
    "die Einhell Germany AG"). (start, end, name, named alone later)."""
    suffixes = [s for s in cfg.get("legal_suffixes") or [] if s in text]  # (a literal gate: most texts hold none)
    if not suffixes:
        return []
    rx = _legal_form(tuple(sorted(suffixes)), tuple(cfg.get("legal_name_tails") or ()))
    out = []
    for m in rx.finditer(text):
        before = word_before(text, m.start())  # ("Gerry Weber International AG": a longer name)
        if m.group("name") not in not_first and not _a_word(m.group("name")) and taken.free(m.start("name"), m.end("name")) \
                and not (before and before[:1].isupper() and before not in not_first):
            out.append((m.start("name"), m.end("name"), m.group("name"), True))
    return out


@lru_cache(maxsize=64)
def _legal_form(suffixes: tuple[str, ...], tails: tuple[str, ...] = ()) -> re.Pattern:
    tail = r"(?:[ \u00a0](?:" + trie_alternation(tails) + r"))?" if tails else ""  # ("die Einhell Germany AG", later "Einhell")
    return re.compile(r"(?<![\w&.-])(?P<name>[A-ZÄÖÜ][\w&-]*[\w&])" + tail + r"[ \u00a0](?:" + trie_alternation(suffixes) + r")(?![\w])")
