"""Building regular expressions, and finding their matches fast (shared by the scanners).

- `alternation`, `trie_alternation`, `words_re`, `cue_re`: patterns from word lists; a trie
  lets the engine try only the forms that fit, longest first, as the plain alternation does.
- cue gates (`cue_absent`, `cue_search`, `cue_finditer`, `CueSet`): every match of a cue
  pattern holds certain plain letters; where none of them stands in a window, the pattern
  is not run there (exact: a skipped search would have found nothing).
- `Gated`: the same matches as a pattern that opens with a look-behind (or an optional part),
  found by skipping straight to where a match can begin.

Pure: strings in, patterns and matches out.
"""
from __future__ import annotations

import re
import weakref
from typing import Iterable

from quellenlage.prefilter import required_literals


def alternation(forms: Iterable[str]) -> str:
    """A regex alternation of literal forms, longest first (so the longest form wins)."""
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


def trie_alternation(forms: Iterable[str]) -> str:
    """The same alternation as `alternation`, written as a trie of the forms: at each
    character one branch per next character, a form that ends there as the last, empty
    choice. The regex engine then tries exactly the forms that fit, longest first (the forms
    that match at one position are prefixes of one another, so they lie on one path of the
    trie and a longer one is tried before a shorter one), instead of every form in turn.
    Only for case-sensitive patterns: under IGNORECASE, forms that differ in case would
    sit on different paths."""
    root: dict = {}
    for form in set(forms):
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            return "(?:" + "|".join(alts) + ")?" if alts else ""
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


def common_part(words: Iterable[str]) -> str | None:
    """The longest string that every word holds (None when there is none): what a text must
    hold for any of them to be in it."""
    words = sorted(set(words), key=len)
    if not words:
        return None
    first = words[0]
    for size in range(len(first), 0, -1):
        for i in range(len(first) - size + 1):
            part = first[i:i + size]
            if all(part in w for w in words[1:]):
                return part
    return None


def words_re(words: Iterable[str] | None, flags: int = re.IGNORECASE) -> re.Pattern:
    """Any of the words or phrases as whole words; never matches when there are none."""
    words = list(words or [])
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + alternation(words) + r")(?!\w)", flags)


# "…" in a cue phrase: one to eight words between its neighbours, none ending a clause (a
# separable verb's two parts: "baut … ab" holds "baut in Europa 4.700 Jobs ab").
GAP = "…"
_GAP_WORD = r"(?:[^\s,;:!?]|,(?=\d))+"  # (a decimal comma: "1,5 Prozent")
_GAP_RE = r"(?:" + _GAP_WORD + r"\s+){0,7}?" + _GAP_WORD
# the particle closes its clause ("baut … ab.", "… ab und"; not "ab 2026")
_CLAUSE_END = r"(?=\s*(?:[.,;:!?)\"“”«»]|$|(?:und|oder|sowie|als|wie|bis)(?!\w)))"


def _glob(phrase: str) -> str:
    """ "*prognose" -> a word ending in "prognose"; "Analyst*" -> a word starting so.
    A word written in lower case also matches capitalised (at a sentence start, in a compound:
    "erwartet", "Cloud-Umsatz" for "*umsatz"; "*Zahlen" with a capital: a compound or the noun alone,
    not the verb "zahlen"); a capitalised word (a noun) matches only
    capitalised, so "Gewinn*" does not match "gewinnorientiert". `GAP` ("…") stands for the
    words between the parts of a separable verb ("fallen … weg")."""
    parts = []
    for k, word in enumerate(phrase.split(" ")):
        if word == GAP and 0 < k < len(phrase.split(" ")) - 1:
            parts.append(_GAP_RE)
            continue
        if word == "*":  # a whole word, a number too ("zahlt * * für": "zahlt 26,4 Millionen für")
            parts.append(r"(?:[\w-]|[.,](?=\d))*")
            continue
        head, tail = word.startswith("*"), word.endswith("*") and len(word) > 1
        core = word.strip("*")
        first = core[:1]
        if first.isalpha() and (first.islower() or head):
            lead = "[" + re.escape(first.lower()) + re.escape(first.upper()) + "]"
        else:
            lead = re.escape(first)
        # A noun is also the head of a hyphenated compound, whose last part it is: a
        # "Serie-D-Finanzierungsrunde" is a Finanzierungsrunde, a "KI-Umsatz" an Umsatz.
        compound = r"(?:\w+-)*" if k == 0 and not head and first.isupper() and first.isalpha() else ""
        if head and first.isupper():  # "*Zahlen": a noun's compound ("Quartalszahlen") or the noun alone, never the verb "zahlen"
            lead = r"(?:[\w-]+[" + re.escape(first.lower()) + re.escape(first) + r"]|" + re.escape(first) + r")"
        before = (r"[\w-]*" if not first.isupper() else "") if head else compound
        parts.append(before + lead + re.escape(core[1:]) + (r"[\w-]*" if tail else ""))
    return r"\s+".join(parts) + (_CLAUSE_END if _GAP_RE in parts else "")


def cue_alternation(phrases: Iterable[str]) -> str:
    """Cue phrases as one regex alternation, longest first, `*` standing for the rest of a
    compound (see `_glob`); without word boundaries, for patterns that place it themselves."""
    return "|".join(_glob(p) for p in sorted(set(phrases), key=len, reverse=True))


def cue_re(phrases: Iterable[str] | None) -> re.Pattern:
    """Cue phrases as whole words, `*` standing for the rest of a compound, `…` for the words
    between the parts of a separable verb (see `_glob`)."""
    phrases = sorted(set(phrases or []), key=len, reverse=True)
    if not phrases:
        return re.compile(r"(?!)")
    rx = re.compile(r"(?<![\w-])(?:" + cue_alternation(phrases) + r")(?![\w-])")
    literals = [_literal(p) for p in phrases]
    _CUE_GATES[id(rx)] = (weakref.ref(rx), re.compile(trie_alternation(literals)) if all(literals) else None,
                          tuple(set(literals)))
    return rx


# A cue pattern's literal gate: the exact letters every match of one of its phrases holds
# (a phrase's longest word without the letter `_glob` lets vary in case). Where the gate finds
# none inside a window, the pattern has no match there, and the gate looks for plain strings,
# which the regex engine does fast, where the pattern tries its phrases at every position.
_CUE_GATES: dict[int, tuple[weakref.ref, re.Pattern | None, tuple[str, ...]]] = {}


def _literal(phrase: str) -> str:
    best = ""
    for word in phrase.split(" "):
        if word == GAP:
            continue
        core = word.strip("*")
        first = core[:1]
        literal = core[1:] if first.isalpha() and (first.islower() or word.startswith("*")) else core
        best = max(best, literal, key=len)
    return best


def cue_absent(rx: re.Pattern, text: str, start: int, end: int) -> bool:
    """Is it certain that `rx.search(text, start, end)` finds nothing? (Only ever True for a
    pattern made by `cue_re` whose gate finds none of its literals in the window.)"""
    entry = _CUE_GATES.get(id(rx))
    return entry is not None and entry[0]() is rx and entry[1] is not None and entry[1].search(text, start, end) is None


def cue_search(rx: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """`rx.search(text, start, end)`, skipped where its gate shows there is no match."""
    return None if cue_absent(rx, text, start, end) else rx.search(text, start, end)


def cue_finditer(rx: re.Pattern, text: str, start: int, end: int) -> Iterable[re.Match]:
    """`rx.finditer(text, start, end)`, skipped where its gate shows there is no match."""
    return () if cue_absent(rx, text, start, end) else rx.finditer(text, start, end)


class CueSet:
    """Which of several cue patterns (`cue_re`) can match inside a window: one pass of all
    their literals over the window (every literal that starts at a position is a prefix of
    the longest one there, which the trie finds), instead of one search per pattern."""

    def __init__(self, patterns: Iterable[re.Pattern]):
        owners: dict[str, set[int]] = {}
        self.unknown: set[int] = set()  # patterns without a gate: always possible
        for rx in patterns:
            entry = _CUE_GATES.get(id(rx))
            if entry is None or entry[0]() is not rx or entry[1] is None:
                self.unknown.add(id(rx))
                continue
            for literal in entry[2]:
                owners.setdefault(literal, set()).add(id(rx))
        # literal -> ids of the patterns one of its prefixes belongs to
        self.closure = {lit: frozenset().union(*(owners.get(lit[:k], ()) for k in range(1, len(lit) + 1)))
                        for lit in owners}
        self.rx = re.compile(trie_alternation(owners)) if owners else None

    def present(self, text: str, start: int, end: int) -> frozenset[int]:
        """The ids of the patterns that may match inside text[start:end] (a superset: a
        pattern whose id is missing has no match there, nor in any window inside it)."""
        found = set(self.unknown)
        if self.rx is not None:
            closure, search = self.closure, self.rx.search
            m = search(text, start, end)
            while m is not None:  # each place a literal starts (the trie finds the longest)
                found |= closure[m.group(0)]
                m = search(text, m.start() + 1, end)
        return frozenset(found)


def leading_lookbehind(pattern: str) -> tuple[str, str]:
    """(lead, body): the look-behind a pattern opens with ("(?<![\\w-])") and the rest; ("",
    pattern) when it opens otherwise."""
    if not pattern.startswith("(?<"):
        return "", pattern
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return pattern[:i + 1], pattern[i + 1:]
        i += 1
    return "", pattern


_ATOM = r"(?:\\.|\[(?:\\.|[^\]\\])*\]|[^\\\[\](){}|?*+^$])"
# a body whose first or second part repeats without bound ("\d+/\d+", "[A-ZÄÖÜ][\w-]*"): tried at
# every place inside a long run (a 40,000-digit number, a word without spaces) it reads on to the
# run's end each time, O(n²); its look-behind ("\b", "(?<![\w-])") lets it start only at a run's start
UNBOUNDED_HEAD = re.compile(r"(?:\((?:\?P<\w+>|\?:)?)*(?:" + _ATOM + r"(?:\?|\{\d+(?:,\d+)?\})?)?" + _ATOM + r"(?:[*+]|\{\d+,\})")


def gate_of(lead: str, body: str) -> str:
    """The gate of the pattern `lead + body`: its body, which the engine skips to by its first
    characters, unless that body would read to the end of every long run it starts in."""
    return lead + body if lead and UNBOUNDED_HEAD.match(body) else body


def gated(pattern: str, flags: int = 0) -> "Gated":
    """`Gated` for a pattern that opens with a look-behind whose rest starts with a plain
    character or class (a digit, a capital): the engine skips to those straight away. Not
    for a rest that opens with a case-folded or lazy part, which the engine tries everywhere
    anyway (there the look-behind, failing fast, is the cheaper gate)."""
    lead, body = leading_lookbehind(pattern)
    return Gated(lead, body, flags)


class Gated:
    r"""The pattern `lead + body`, with the same matches as `re.compile(lead + body)`, found
    faster. The regex engine skips ahead to where a match can begin (by the characters its
    first part can start with) only when the pattern does not open with a look-around or an
    optional part; `lead` (a look-behind such as `(?<![\w-])`, or nothing) is such a start.
    So `gates` find the places to try, and the whole pattern is tried only there.

    `gates` are (pattern, needs) pairs; by default `body` itself (with `lead` before a body
    that opens with a part repeated without bound: `gate_of`). The caller guarantees that
    wherever the whole pattern matches, one of the gates matches at the same place, and that
    each match of a gate holds its `needs` string (a text without it is not searched for
    that gate at all)."""

    def __init__(self, lead: str, body: str, flags: int = 0, gates: Iterable[tuple[str, str | None]] | None = None):
        self.rx = re.compile(lead + body, flags)
        self.pattern, self.flags = self.rx.pattern, self.rx.flags
        self.gates = [(re.compile(g, flags), needs) for g, needs in (gates or [(gate_of(lead, body), None)])]

    def _hits(self, text: str) -> list:
        """Each gate's next match: not searched yet (None), or none left in this text (False)."""
        return [None if needs is None or needs in text else False for _, needs in self.gates]

    def _first(self, text: str, pos: int, hits: list) -> int | None:
        """The first place at or after pos that a gate finds (`hits` keeps each gate's next
        match: a match at or after pos is the one a new search from pos would find)."""
        p = None
        for k, (gate, _) in enumerate(self.gates):
            g = hits[k]
            if g is None or (g is not False and g.start() < pos):
                g = hits[k] = gate.search(text, pos) or False
            if g is not False and (p is None or g.start() < p):
                p = g.start()
        return p

    def finditer(self, text: str) -> Iterable[re.Match]:
        """The matches of `re.compile(lead + body).finditer(text)`."""
        match, hits = self.rx.match, self._hits(text)
        pos, n = 0, len(text)
        while pos <= n:
            p = self._first(text, pos, hits)
            if p is None:
                return
            m = match(text, p)
            if m is None:
                pos = p + 1
            elif m.end() == p:  # an empty match: the plain iterator knows how to go on from one
                yield from self.rx.finditer(text, p)
                return
            else:
                yield m
                pos = m.end()

    def starts(self, text: str) -> Iterable[re.Match]:
        """`self.rx.match(text, p)` at every position p where it matches (overlapping)."""
        match, hits = self.rx.match, self._hits(text)
        pos, n = 0, len(text)
        while pos <= n:
            p = self._first(text, pos, hits)
            if p is None:
                return
            m = match(text, p)
            if m is not None:
                yield m
            pos = p + 1


RUN_START = re.compile(r"(?<![\w-])\w")
NOT_SPACE_BACK = 120  # how far before its gate a match may start (characters)


class Anchored:
    """The matches of a pattern that opens with `(?<![\\w-])` (it starts at the start of a word)
    and holds a match of `gate` in its first `words` + 1 words ("fünfjährigen" holds "jährig",
    "dritten Platz" holds "Platz" one word on): the pattern is tried only at the word starts
    up to `words` words before each place the gate finds, in text order, as `finditer` does.
    For patterns whose first part the regex engine would otherwise try at every word (a
    case-folded or lazy word before the literal that decides). A match that starts more than
    `NOT_SPACE_BACK` characters before its gate is not found (no German word is that long)."""

    def __init__(self, rx: re.Pattern, gate: re.Pattern, words: int = 0):
        self.rx, self.gate, self.words = rx, gate, words
        self.pattern = rx.pattern

    def _window_start(self, text: str, pos: int, floor: int) -> int:
        lo = max(floor, pos - NOT_SPACE_BACK)
        i = pos
        for k in range(self.words + 1):
            while i > lo and not text[i - 1].isspace():
                i -= 1
            if k == self.words:
                break
            while i > lo and text[i - 1].isspace():
                i -= 1
        return i

    def finditer(self, text: str) -> Iterable[re.Match]:
        match, end, scanned = self.rx.match, 0, 0
        for g in self.gate.finditer(text):
            lo = self._window_start(text, g.start(), 0)
            for s in RUN_START.finditer(text, max(lo, scanned), g.start() + 1):
                p = s.start()
                if p < end:
                    continue
                m = match(text, p)
                if m is not None and m.end() > p:
                    yield m
                    end = m.end()
            scanned = max(scanned, g.start() + 1)


def union(patterns: Iterable[str], flags: int = 0) -> Gated:
    r"""The alternation `(?:p1)|(?:p2)|…` as a `Gated` with one gate per alternative: the
    alternative without the word boundaries and look-behinds it opens with (kept before a part
    repeated without bound, `gate_of`: `\b\d+/\d+` stays whole; `\b\d{1,2}[:.]\d{2}\s*Uhr`
    is gated by `\d{1,2}[:.]\d{2}\s*Uhr`, which the engine skips to by its first characters, where an
    alternation that opens with an assertion is tried at every position), searched only in
    texts that hold the alternative's one required literal, if it has one ("@" for mail
    addresses)."""
    patterns = list(patterns)
    gates = []
    for p in patterns:
        body = p
        while True:
            lead, rest = leading_lookbehind(body)
            if lead:
                body = rest
            elif body.startswith(r"\b"):
                body = body[2:]
            else:
                break
        lits = required_literals(p, flags)
        gates.append((gate_of(p[:len(p) - len(body)], body), lits[0] if lits and len(lits) == 1 else None))
    return Gated("", "|".join(f"(?:{p})" for p in patterns), flags, gates)
