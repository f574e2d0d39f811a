"""The numbers of a text (`Atom`s): digits in German and Swiss grouping ("15.000", "120'000",
"1,5"), shorthands ("70B"), number words ("zwei", "Dutzend"), with what they must not be (a
product name "H100", a version "GPT-4", a date "1.1.2025", a time "14:30", an ordinal "28.
Dezember"). The figure grammar (figures.py) builds figures from them. Pure, no spaCy."""
from __future__ import annotations

import re

from quellenlage.figure import Atom
from quellenlage.figure_lexicon import FigureRules
from quellenlage.normalize.numbers import NUMBER_RE, parse_digits, parse_number_word
from quellenlage.patterns import alternation
from quellenlage.textutil import LETTER, SPACES, sentence_initial, word_after, word_before

NUMWORD_PREFIXES = r"(?:ein|zw|drei|vier|fünf|sechs|sieb|acht|neun|zehn|elf|hundert|tausend|anderthalb|dutzend)"
# The words of a text that begin like a number word ("zwei", "Dutzend", "einer"): whole words
# (letters only, no hyphen either side) whose beginning the prefixes match, case ignored.
NUMWORD_RE = re.compile(r"(?<![\w-])(?=(?i:" + NUMWORD_PREFIXES + r"))" + LETTER + r"+(?![\w-])")
ENGLISH_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)")
ONE_OR_TWO_DIGITS = re.compile(r"\d{1,2}")
LETTERS = re.compile(r"[^\W\d_]+")
PLAIN_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
DOTTED = re.compile(r"[+\-−]?\d+\.\d+")
YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
OLD_YEAR = re.compile(r"18\d\d")
DIGITS = re.compile(r"\d+")
SIGNS = "+±-−–"
WORD_HYPHEN_RE = re.compile(r"(?<![\w-])(" + LETTER + r"+)-(?=[A-ZÄÖÜ€$£])")
NUMWORD_PREFIX = re.compile(r"(?i)" + NUMWORD_PREFIXES)


class AtomFinder:
    def __init__(self, rules: FigureRules):
        self.r = rules
        self._english: list[tuple[int, int]] = []
        num = rules.cfg["numbers"]
        # "minus 13,7": the sign as a word right before a number (not "plus oder minus 50")
        self._minus_words = tuple(num.get("minus_words") or ())
        self._minus = re.compile(r"(?<![\w-])(?:" + alternation(num["minus_words"]) + r")[" + SPACES + r"]+$") \
            if num.get("minus_words") else None
        self._minus_not = re.compile(r"(?:" + alternation(num.get("minus_not_after") or ["(?!)"]) + r")[" + SPACES + r"]*$",
                                     re.IGNORECASE)
        # "lag bei minus 4 Prozent": a signed percentage after these is a level below zero
        self.signed_level = re.compile(r"(?<![\w-])(?:" + alternation(num.get("signed_level_after") or ["(?!)"]) + r")["
                                       + SPACES + r"]+$", re.IGNORECASE)
        halves = "|".join(sorted(map(re.escape, rules.numbers.half_words), key=len, reverse=True))
        # "ein halbes Jahr", "eine halbe Million": one half, read as one number
        self._half = re.compile(r"(?i)(?<![\w-])(?:ein|eine|einen|einem|einer|eines)\s+(?:" + halves
                                + r")(?![\w-])") if halves else None

    def find(self, text: str, english: list[tuple[int, int]]) -> list[Atom]:
        """Every number in the text, in text order; in `english` regions "9,000" is 9000."""
        self._english = english
        atoms: list[Atom] = []
        for m in numbers(text):
            a = self._digit(text, m)
            if a is not None:
                atoms.append(a)
        for m in NUMWORD_RE.finditer(text):
            w = m.group(0)
            if w in self.r.numbers.never:
                continue
            if w[0].isupper() and w.lower() not in self.r.numbers.words and not sentence_initial(text, m.start()):
                continue  # "Zehn" only at a sentence start; "Acht" elsewhere is a name
            v = parse_number_word(w, self.r.numbers)
            if v is None:
                continue
            kind = "one" if w.lower().startswith("ein") and v == 1 else "word"
            atoms.append(Atom(m.start(), m.end(), v, kind))
        for m in WORD_HYPHEN_RE.finditer(text):
            # "neunhundert-Euro-Gutschein", "Fünfzig-Euro-Schein": a number word in a compound
            w = m.group(1)
            if NUMWORD_PREFIX.match(w) and self.r.currency_after[0].match(text, m.end()):
                v = parse_number_word(w, self.r.numbers)
                if v is not None and v > 1:
                    atoms.append(Atom(m.start(1), m.end(1), v, "word"))
        if self._half is not None and "halb" in text:
            halves = {m.start(): Atom(m.start(), m.end(), 0.5, "half") for m in self._half.finditer(text)}
            if halves:
                atoms = [halves.pop(a.start) if a.start in halves else a for a in atoms] + list(halves.values())
        atoms.sort(key=lambda a: a.start)
        if self._minus is not None and any(w in text for w in self._minus_words):
            atoms = [self._signed(text, a) for a in atoms]
        return atoms

    def _signed(self, text: str, a: Atom) -> Atom:
        """The atom with a sign written as a word before it taken in: "minus 13,7" is -13.7."""
        if a.value is None or a.value < 0 or a.kind in ("year", "one", "half") or text[a.start] in SIGNS:
            return a
        m = self._minus.search(text, max(0, a.start - 12), a.start)
        if m is None or self._minus_not.search(text, max(0, m.start() - 12), m.start()):
            return a
        return Atom(m.start(), a.end, -a.value, a.kind, a.plus)

    def english_regions(self, text: str) -> list[tuple[int, int]]:
        """Quotations in English: there "9,000" is nine thousand and "billion" 10^9."""
        from quellenlage.language import guess_language
        out = []
        for m in re.finditer(r"[\"“„»«]([^\"“”„»«\n]{12,400})[\"”“«»]", text):
            cfg = dict(self.r.cfg["language"], min_words=4)
            if guess_language(m.group(1), cfg) == "en":
                out.append(m.span(1))
        return out

    def in_english(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in getattr(self, "_english", []))

    def _digit(self, text: str, m: re.Match) -> Atom | None:
        start, end = m.span()
        if self.in_english(start):
            grouped = ENGLISH_GROUPED.match(text, start)
            if grouped:
                end = grouped.end()
                return Atom(start, end, parse_digits(grouped.group(0), english=True), "digits")
        if m.group("sign") and start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-–"):
            start += 1  # "25.000–40.000", "MAI-1": a dash, not a sign
        raw = text[start:end]
        before = text[start - 1] if start > 0 else ""
        if before and (before.isalpha() or before in "_/#@§"):
            return None  # H100, B2B, o1
        if before in "-–" and start > 1 and text[start - 2].isalpha():
            word = word_before(text, start - 1)
            if word not in self.r.cfg["units"]["rank_before"]:
                return None  # MAI-1, GPT-4, Phi-3 (Top-10 is a rank, handled elsewhere)
        after = text[end:end + 1]
        if after == "." and end + 1 < len(text) and text[end + 1].isdigit():
            return None  # 1.1.2025
        if after in (":",) and end + 1 < len(text) and text[end + 1].isdigit():
            return None  # 14:30
        if after == ".":
            nxt = word_after(text, end + 1)
            if nxt in self.r.ordinal_followers or (nxt and nxt[0].isupper() and nxt not in self.r.sentence_openers
                                                   and ONE_OR_TWO_DIGITS.fullmatch(raw)):
                return None  # "28. Dezember", "3. Generation": ordinal
        kind = "digits"
        value = parse_digits(raw)
        if after.isalpha():
            letters = LETTERS.match(text, end).group(0)  # any letters: "5ß" is no number either
            if text[end + len(letters):end + len(letters) + 1].isalnum():
                return None  # (nor "NBA 2K25": a name)
            if letters in self.r.numbers.shorthand and PLAIN_NUMBER.fullmatch(raw):
                base = float(raw.replace(",", "."))
                end += len(letters)
                value, kind = base * self.r.numbers.shorthand[letters], "shorthand"
            else:
                return None  # 4o, 5G, 3D
        if value is None:
            if DOTTED.fullmatch(raw):
                kind = "needs_scale"  # 1.5 Milliarden is English style; 3.1 alone a version
            else:
                return None
        elif kind == "digits" and (YEAR_LIKE.fullmatch(raw) or OLD_YEAR.fullmatch(raw) and (
                word_after(text, end) or "").startswith(self.r.old_year_before or "\0")):
            kind = "year"  # (1800-1899 only before a participle: "des 1898 gegründeten Konzerns")
        plus = False
        if text[end:end + 1] == "+" and not text[end + 1:end + 2].isdigit():
            plus, end = True, end + 1
        return Atom(start, end, value, kind, plus)


def numbers(text: str):
    """The matches of `NUMBER_RE.finditer(text)`, found from the digit runs: a number starts
    with its first digit or a sign right before it, never right after a digit (its
    look-behind), so each run of digits offers at most two places to try."""
    pos, n = 0, len(text)
    match, search = NUMBER_RE.match, DIGITS.search
    while pos < n:
        run = search(text, pos)
        if run is None:
            return
        d = run.start()
        m = match(text, d - 1) if d - 1 >= pos and text[d - 1] in SIGNS else None
        if m is None:
            m = match(text, d)
        if m is None:
            pos = run.end()  # no number starts inside a run of digits
            continue
        yield m
        pos = m.end()
