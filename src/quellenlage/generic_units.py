"""What a generic noun counts where no compound part, complement, word before it in the sentence
or product in the article's head names it ("bis Ende September rund 21 Millionen Stück
verkauft"): rules `generic_fallback` in units.yaml. Pure, no spaCy."""
from __future__ import annotations

import re

from quellenlage.counting import HEAD  # (the title and lead)
from quellenlage.patterns import cue_re, cue_search
from quellenlage.textutil import sentence_end, sentence_start

NEXT_WORDS = re.compile(r"[\w-]+")


class GenericFallback:
    """`nouns`: a generic noun's own unit, also as a compound's end ("zwei Speichervarianten": models); `cues`: the first unit one of
    whose words stands in the sentence, else in the article's head ("Exemplare" of a game are its
    copies); else `default` (what is sold in pieces: devices)."""

    def __init__(self, units_cfg: dict):
        cfg = units_cfg.get("generic_fallback") or {}
        self.nouns = {w.lower(): unit for unit, words in (cfg.get("nouns") or {}).items() for w in words}
        self.cues = [(unit, cue_re(words)) for unit, words in (cfg.get("cues") or {}).items()]
        self.default = cfg.get("default")

    def unit(self, text: str, start: int, end: int) -> str | None:
        """The unit of the generic count text[start:end] (the noun within the next three words)."""
        for word in NEXT_WORDS.findall(text, end, min(len(text), end + 50))[:3]:
            own = next((unit for noun, unit in self.nouns.items() if word.lower().endswith(noun)), None)
            if own is not None:  # ("zwei Speichervarianten")
                return own
        s, e = sentence_start(text, start), sentence_end(text, end)
        for window in ((s, e), (0, min(HEAD, len(text)))):
            for unit, rx in self.cues:
                if cue_search(rx, text, *window) is not None:
                    return unit
        return self.default
