"""The company a deal buys, named where no list knows it (rules/<lang>/entities.yaml
`deal_objects`): "Samsung kauft Harman für 8 Milliarden Dollar", "Google übernimmt den
Online-Werbevermarkter DoubleClick", "die Übernahme von Shazam". The object of a verb or noun of
buying is a name when it is no German common noun (lexicon_nouns: "kauft Aktien", "übernimmt
Verantwortung" name nothing). Pure."""
from __future__ import annotations

import re
from functools import lru_cache

from quellenlage.lexicon_nouns import is_common_noun
from quellenlage.patterns import trie_alternation

SP = r"[ \u00a0]+"
# a descriptor before the name: article, up to two lower-case words, one capitalised noun ("den Online-Werbevermarkter")
DESCRIPTOR = (r"(?:(?:den|die|das|dem|der|des|einen|eine|ein|eines|seinen|seine|ihren|ihre)" + SP
              + r"(?:[a-zäöüß][\w-]*" + SP + r"){0,2}(?P<desc>[A-ZÄÖÜ][\w-]*[a-zäöüß])" + SP + r")?")
NAME = r"(?P<name>[A-ZÄÖÜ][\w&.-]*[\w&](?:[ \u00a0][A-ZÄÖÜ][\w&-]*[\w&]){0,2})"
MIN_TAIL = 5  # a compound's head long enough to be a noun of its own ("Wettbewerber": "Bewerber")


@lru_cache(maxsize=8)
def _pattern(verbs: tuple[str, ...], nouns: tuple[str, ...], after: tuple[str, ...]) -> re.Pattern:
    cue = r"(?:" + trie_alternation(list(verbs)) + (r"|(?:" + trie_alternation(list(nouns)) + r")(?:" + SP + r"von)?" if nouns else "") + r")"
    end = r"(?=[ \u00a0]*(?:[,.;:!?)(–]|$)|" + SP + r"(?:" + trie_alternation(list(after) or ["für"]) + r")(?![\w-]))"
    return re.compile(r"(?<![\w-])" + cue + SP + DESCRIPTOR + NAME + end)


def _a_word(word: str) -> bool:
    """A common noun, or a compound whose head is one ("Wettbewerber")."""
    word = word.rstrip(".")
    if is_common_noun(word):
        return True
    return any(is_common_noun(word[i].upper() + word[i + 1:]) for i in range(2, len(word) - MIN_TAIL + 1))


def deal_objects(text: str, cfg: dict, not_first, taken, add) -> set[str]:
    """Each company a deal buys that no list knows, added as an organisation of source "deal"
    (`add(start, end, name, type, source)`); their names."""
    spec = cfg.get("deal_objects") or {}
    verbs, nouns = tuple(spec.get("verbs") or ()), tuple(spec.get("nouns") or ())
    if not verbs or not any(v in text for v in verbs + nouns):  # a literal gate: most texts buy nothing
        return set()
    names: set[str] = set()
    for m in _pattern(verbs, nouns, tuple(spec.get("after") or ())).finditer(text):
        s, e = m.span("name")
        words = m.group("name").split()
        if words[0] in not_first or all(_a_word(w) for w in words) or not taken.free(s, e):
            continue
        add(s, e, m.group("name").replace("\u00a0", " "), "ORG", "deal")
        names.add(m.group("name").replace("\u00a0", " "))
    return names
