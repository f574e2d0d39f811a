"""Is a text German? A function-word vote, with the word lists in rules/language.yaml."""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


_VOCABS: dict[int, tuple[Any, dict[str, tuple[str, ...]]]] = {}


def _vocab(languages: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """word -> the languages whose list has it, in the order of the lists (once per lists)."""
    known = _VOCABS.get(id(languages))
    if known is None or known[0] is not languages:
        vocab: dict[str, tuple[str, ...]] = {}
        for lang, ws in languages.items():
            for w in set(ws):
                vocab[w] = vocab.get(w, ()) + (lang,)
        known = _VOCABS[id(languages)] = (languages, vocab)
    return known[1]


def guess_language(text: str, config: dict[str, Any], sample_chars: int = 20000) -> str:
    """Language code of `text`, 'de' for texts too short to judge."""
    # (a word in capitals is an abbreviation or a legal form: "SAP SE", "E.ON", "IT-Kosten")
    words = [w.lower() for w in _WORD.findall(text[:sample_chars]) if not (len(w) > 1 and w.isupper())]
    if len(words) < int(config.get("min_words", 8)):
        return "de"
    vocab = _vocab(config["languages"])
    hits = Counter()
    for w in words:
        for lang in vocab.get(w, ()):
            hits[lang] += 1
    if not hits:
        return "und"
    ranked = hits.most_common()
    best, best_n = ranked[0]
    if best == "de":
        return "de"
    de_n = hits.get("de", 0)
    # German wins ties within the margin: German articles quote English freely.
    if de_n * float(config.get("margin", 1.5)) >= best_n:
        return "de"
    return best
