"""Shared text helpers for the scanners (one place, no scanner's private names): clauses,
words and sentence starts around an offset, positional indexes, per-text memos. Building
patterns and matching them fast is patterns.py.

Pure: strings in, offsets out."""
from __future__ import annotations

import bisect
import functools
import re
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

# Clause boundaries inside a sentence: punctuation, a dash between spaces, and "und" before an
# article or a finite verb ("und steuert selbst …").
CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;()–—]|(?<!\d):|:(?!\d)|\s-\s|\bund\b(?=\s+(?:der|die|das|ein|eine|[a-zäöüß]+t)\b)")


def per_text(fn: Callable[[str], T]) -> Callable[[str], T]:
    """`fn(text)` remembered for the last text (the same str object): the steps that work on
    one document share what they compute of its text. The result is shared, not copied:
    callers read it, never change it."""
    last: list = [(None, None)]  # one tuple, replaced whole: a reader never sees half of it

    @functools.wraps(fn)
    def cached(text: str) -> T:
        seen, value = last[0]
        if seen is not text:
            value = fn(text)
            last[0] = (text, value)
        return value

    return cached


# A parenthetical insertion without figures ("(NASDAQ:INTC)", "(dpa)", "(KI)") or with an amount
# alone, converted, does not end its clause: "dass es 5 Mrd. Dollar in Aktien von Intel
# (NASDAQ:INTC) investieren wird", "102,5 Mrd. Dollar (rund 88 Mrd. Euro) umgesetzt".
_CONVERTED_AMOUNT = (r"(?:(?:rund|etwa|umgerechnet|ca\.|circa|knapp|gut)\s+)*\d[\d.,'’]*"
                     r"(?:\s*(?:bis|-|–)\s*\d[\d.,'’]*)?\s*"  # a range: "(38,6 bis 39,0 Mrd Euro)"
                     r"(?:(?:Mio|Mrd|Bio|Tsd)\.?\s*|(?:Millionen|Milliarden|Billionen|Tausend)\s+)?"
                     r"(?:Euro|US-Dollar|Dollar|Franken|Fr\.|CHF|Pfund|Yen|Yuan|USD|EUR|€|\$"
                     # and the currencies of older reports: "(gut 150 Millionen DM)", "(1,3 Milliarden Schilling)"
                     r"|DM|D-Mark|Mark|Schilling|öS|ATS|Francs|Lire|Gulden|Kronen|Rubel)")
# A period in parentheses, naming the time of the words around it: "die Zahlen für das erste
# Quartal (Oktober bis Dezember 2023) vorgelegt", "(Geschäftsjahr 2023/24)".
_MONTH_WORD = (r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
               r"|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez)\.?")
_PERIOD_WORD = (r"(?:" + _MONTH_WORD + r"|bis|und|Ende|Anfang|Mitte|Geschäftsjahr|Fiskaljahr|GJ|FY|Q[1-4]"
                r"|[1-4]\.\s?(?:Quartal|Halbjahr)|Quartal|Halbjahr|(?:19|20)\d\d(?:/\d\d)?|\d{1,2}\.)")
_PERIOD_PARENS = _PERIOD_WORD + r"(?:\s*(?:[-–/,]\s*)?" + _PERIOD_WORD + r"){0,6}"
TRANSPARENT_PARENS = re.compile(r"\((?:[^()\d]{1,40}|[A-Z]{2,8}:\s?[A-Z0-9.]{1,8}|" + _PERIOD_PARENS +
                                # an amount converted: "(rund 88 Milliarden Euro)", "(umgerechnet 7,6 Mrd. Fr.)"
                                r"|" + _CONVERTED_AMOUNT +
                                # a time of day elsewhere: "um 6:09 Uhr Ortszeit (15:09 Uhr MEZ)", "(Samstag, 4:49 Uhr MEZ)"
                                r"|(?:[A-ZÄÖÜ][a-zäöü]+,\s*)?\d{1,2}[:.]\d{2}\s*Uhr(?:\s+[A-ZÄÖÜ]{2,5}|\s+[\wäöü]+\s+Zeit)?)\)"
                                # or set off by commas or dashes: "Für 14 Mrd. Dollar, umgerechnet rund
                                # 12,8 Mrd. Euro, übernimmt HPE …", "… – umgerechnet 10,8 Mrd. Euro – …"
                                r"|,\s*umgerechnet\s+" + _CONVERTED_AMOUNT + r"\s*,"
                                r"|[–—]\s*umgerechnet\s+" + _CONVERTED_AMOUNT + r"\s*[–—]")


# A comma inside an enumeration of single nouns ("Mobilfunk, Festnetz und Internet fielen aus"): no clause break.
# (the list goes on with the clause's verb: not "hinter BYD, Tesla und Geely." nor "vor Zinsen, Steuern und Abschreibungen (Ebitda)")
# (names of people of two or three words too: "wurde 2017 von Nick Harris, Darius Bunandar und Thomas Graham gegründet")
_ENUM_ITEM = r"[A-ZÄÖÜ][\w-]*(?:\s[A-ZÄÖÜ][\w-]*){0,2}"
ENUMERATION_COMMA = re.compile(r"(?<=[\w-])\s*,\s+(?:" + _ENUM_ITEM + r"\s*,\s+)*" + _ENUM_ITEM + r"\s+(?:und|oder|sowie)\s+" + _ENUM_ITEM + r"\s+[a-zäöüß]")
_ENUM_WORD_BEFORE = re.compile(r"(?:^|[\s(])[A-ZÄÖÜ][\w-]*$")
_WITH_LIST_BEFORE = re.compile(r"(?:^|\s)[A-ZÄÖÜ][\w-]*\s+mit\s+[^,;:]{1,30}$")
_WITH_LIST_AFTER = re.compile(r"(?:,|und)\s+(?:(?:der|die|das|den)\s+)?(?:[\w-]+\s+){0,2}?[A-ZÄÖÜ][\w-]*\s+mit\s+")


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of the sentence text[start:end], as absolute bounds."""
    inserted = [m.span() for m in TRANSPARENT_PARENS.finditer(text, start, end)]
    out, s = [], start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in inserted):
            continue
        if text[m.start()] == "," and ENUMERATION_COMMA.match(text, m.start()) \
                and _ENUM_WORD_BEFORE.search(text, max(start, m.start() - 40), m.start()):
            continue  # "bei Optus Mobilfunk, Festnetz und Internet ausgefallen": one clause
        if text[m.start()] in ",u" and _WITH_LIST_BEFORE.search(text, max(start, m.start() - 40), m.start()) \
                and _WITH_LIST_AFTER.match(text, m.start()):
            continue  # "An ACC sind Mercedes mit 45 Prozent, Stellantis mit 30 Prozent und Saft mit 25 Prozent beteiligt"
        if m.start() > s:
            out.append((s, m.start()))
        s = m.end()
    if end > s:
        out.append((s, end))
    return out


# --- characters and words around an offset (the scanners' shared helpers) ----------------
ARTICLE_WORDS = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "eines"})  # German articles, lower case
SPACES = " \u00a0\u202f\u2009\t"
LETTER = r"[^\W\d_]"
# The first letter of a name: a capital, or a small one before a capitalised rest ("eToys", "iRobot")
NAME_START = r"(?:[A-ZÄÖÜ]|[a-z](?=[A-Z][a-zäöüß]{2})|[a-z](?=[a-z]*(?:\.[a-z]{2,}(?![\w-])|\d[a-z\d]*(?![\w-]))))"  # ("eBay"; "node.energy", "n8n": a lower-case name with a dot or a digit)
# whitespace between two words of one paragraph (at most one line break: no blank line between)
ONE_LINE = r"(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)"


def skip_spaces(text: str, pos: int) -> int:
    """The first offset at or after pos that is not a space."""
    while pos < len(text) and text[pos] in SPACES:
        pos += 1
    return pos


def word_before(text: str, pos: int) -> str | None:
    """The word (letters, digits, '.', '§') ending right before pos, at most two spaces away."""
    j = pos - 1
    while j >= 0 and text[j] in SPACES:
        j -= 1
    if j < 0 or j < pos - 2:
        return None
    k = j
    while k >= 0 and (text[k].isalnum() or text[k] in ".§"):
        k -= 1
    word = text[k + 1:j + 1]
    return word or None


def word_after(text: str, pos: int) -> str | None:
    m = WORD_AFTER.match(text[pos:pos + 40])
    return m.group(1) if m else None


WORD_AFTER = re.compile(r"[" + SPACES + r"]*([\w.]+)")
STOP_SPACE = re.compile(r"[.!?\n]\s")
SENTENCE_END = re.compile(r"[.!?][\"“”»«]?\s+(?=[\"„“»«]?[A-ZÄÖÜ])")  # a full stop (or quote), a capital after it
LOWER_OR_DIGIT_NEXT = re.compile(r"\s*[a-zäöüß\d]")
ABBREVIATED = re.compile(r"(?<![\w.])[A-Za-zÄÖÜäöü]{1,4}$")


SENTENCE_BACK = 400  # characters: how far `sentence_start` looks back


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence around pos starts: after the last sentence end within 400
    characters, else 400 characters back (a cheap look back for the character scanners; the pipeline's own
    sentences come from the segmenter)."""
    base = max(0, pos - SENTENCE_BACK)
    best = base
    for m in STOP_SPACE.finditer(text[base:pos]):
        end = base + m.end()
        if text[end - 2] == "." and ABBREVIATED.search(text, max(0, end - 8), end - 1) \
                and LOWER_OR_DIGIT_NEXT.match(text[end - 1:end + 2]):
            continue  # "(Vj. 14,96 Mrd.", "ca. 3 Mrd.": an abbreviation, not a sentence end
        best = end
    return best


def sentence_end(text: str, pos: int, reach: int = 400) -> int:
    """Where the sentence around pos ends: at the first full stop, question or exclamation mark
    followed by a space or a line's end (not the dot of "25.000" or "3.5"), within `reach`."""
    m = STOP_SPACE.search(text, pos, min(len(text), pos + reach))
    if m is not None:
        return m.start()
    return min(len(text), pos + reach)


def sentence_or_line_end(text: str, pos: int, reach: int = 160) -> int:
    """Where the sentence (or the line, in a list) around pos ends, at most `reach` characters on."""
    end = sentence_end(text, pos, reach)
    nl = text.find("\n", pos, end)
    return end if nl < 0 else nl


def line_start_near(text: str, pos: int, reach: int = 400) -> int:
    """Where the line around pos starts, at most `reach` characters back."""
    return max(pos - reach, text.rfind("\n", 0, pos) + 1, 0)


def sentence_initial(text: str, pos: int) -> bool:
    """Nothing but spaces, quotes, bullets or table bars between pos and a sentence end."""
    j = pos - 1
    while j >= 0 and text[j] in SPACES + "„\"»•·*–-|":
        j -= 1
    return j < 0 or text[j] in ".!?\n:"


class SpanIndex:
    """Items (objects with `.start`/`.end`, or dicts with "start"/"end") sorted by start, for
    the items that begin in a range: O(log n + k) instead of a scan over the document, so that
    per-figure work stays bounded however long the document is."""

    def __init__(self, items):
        key = (lambda x: x["start"]) if items and isinstance(items[0], dict) else (lambda x: x.start)
        self.items = sorted(items, key=key)
        self.starts = [key(x) for x in self.items]
        ends = [x["end"] for x in self.items] if self.items and isinstance(self.items[0], dict) else [x.end for x in self.items]
        self.longest = max((e - s for s, e in zip(self.starts, ends)), default=0)

    def starting(self, a: int, b: int) -> list:
        """The items whose start lies in [a, b)."""
        return self.items[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]

    def overlapping(self, a: int, b: int) -> list:
        """The items that share a character with [a, b) (none starts farther before a than
        the longest item is long)."""
        get = (lambda x: x["end"]) if self.items and isinstance(self.items[0], dict) else (lambda x: x.end)
        return [x for x in self.starting(a - self.longest, b) if get(x) > a]

    def around(self, a: int, b: int, reach: int = 3000) -> list:
        """The items starting within `reach` characters before a and up to b."""
        return self.starting(max(0, a - reach), b)


class Regions:
    """Regions of a text (start, end), for questions about one place or span at a time by
    bisection: O(log n) each, not a scan over every region (boilerplate blocks of a long page)."""

    def __init__(self, regions: Iterable[tuple[int, int]] = ()):
        merged: list[list[int]] = []
        for a, b in sorted(regions):
            if merged and a < merged[-1][1]:  # overlapping ones become one (touching ones stay apart)
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def overlaps(self, s: int, e: int) -> bool:
        """Does [s, e) share a character with a region (`any(s < b and a < e …)`)?"""
        i = bisect.bisect_right(self.ends, s)  # the first region that ends after s
        return i < len(self.starts) and self.starts[i] < e

    def covers(self, pos: int) -> bool:
        """Is pos inside a region (`any(a <= pos < b …)`)?"""
        return self.overlaps(pos, pos + 1)


class Occupied:
    """Which characters of a text are taken (by a found span or a region to skip): checking
    and marking cost the span's length, not the number of spans found so far."""

    def __init__(self, length: int, regions: Iterable[tuple[int, int]] = ()):
        self.mask = bytearray(length + 1)
        for a, b in regions:
            self.add(a, b)

    def free(self, s: int, e: int) -> bool:
        s, e = max(0, s), min(len(self.mask), e)
        return e <= s or not any(self.mask[s:e])

    def add(self, s: int, e: int) -> None:
        s, e = max(0, s), min(len(self.mask), e)
        if e > s:
            self.mask[s:e] = b"\x01" * (e - s)


# --- lines and brackets near an offset, looked for in a bounded window (linear cost) ------
LINE_REACH = 400  # characters: a list row or label is never longer


def line_start(text: str, pos: int, reach: int = LINE_REACH) -> int:
    """The start of the line that holds `pos`, or -1 when it starts further back than `reach`
    (a long line, no list row: never searched to the start of a page without line breaks)."""
    lo = max(0, pos - reach)
    i = text.rfind("\n", lo, pos)
    return i + 1 if i >= 0 else (0 if lo == 0 else -1)


def line_end(text: str, pos: int, reach: int = LINE_REACH) -> int:
    """The end of the line that holds `pos` (at most `reach` characters on)."""
    i = text.find("\n", pos, pos + reach)
    return i if i >= 0 else min(len(text), pos + reach)


def in_open_bracket(text: str, pos: int, reach: int = 300) -> bool:
    """Is `pos` inside a "(" opened at most `reach` characters before and not closed since?"""
    lo = max(0, pos - reach)
    return text.rfind("(", lo, pos) > text.rfind(")", lo, pos)


def bracketed_before(text: str, pos: int, end: int) -> bool:
    """Is `pos` in a parenthesis that closes before `end` ("8,71 Mrd. (Vj.: 4,37 Mrd.), +84 %":
    the "Vj." and the 4,37 are the bracket's, not the figure's after it)?"""
    return pos < end and in_open_bracket(text, pos) and text.find(")", pos, end) >= 0


LONG_RUN = re.compile(r"\S{120,}")  # no word is this long: a run that keeps every search linear


def blank_regions(text: str, regions: Iterable[tuple[int, int]]) -> str:
    """The text with skipped regions and runs of 120 or more characters without a space
    blanked out (same offsets), for scanners that must not look into them."""
    regions = list(regions) + [m.span() for m in LONG_RUN.finditer(text)]
    if not regions:
        return text
    chars = list(text)
    for a, b in regions:
        chars[a:b] = " " * (max(0, min(b, len(text)) - a))
    return "".join(chars)


# A line written in capitals (a dpa sub-heading: "CLOUD SOLL UM BIS ZU 28 PROZENT WACHSEN"):
# no lower-case letter, and a word of four capitals or more.
SHOUTING_LINE = re.compile(r"^(?=[^\n]*[A-ZÄÖÜ]{4})[^a-zäöüß\n]+$", re.MULTILINE)
CAPITALS_WORD = re.compile(r"(?<!\w)[A-ZÄÖÜẞ]+(?!\w)")


def recase_shouting(text: str, keep: frozenset[str]) -> str:
    """The text with its lines in capitals written as in running text, letter for letter the
    same length (offsets stay): a word of four letters or more, or one before an abbreviating
    stop ("MRD."), capitalised, a shorter one lower case ("BIS ZU 28 PROZENT": "bis zu 28
    Prozent"); the words in `keep` (currency codes, acronyms: "US", "KI") and the first part
    of a compound ("US-DOLLAR") stay. The scanners read numbers, scale words and currencies in
    it; every span still takes its text from the original."""
    if not SHOUTING_LINE.search(text):
        return text

    def recased(line: str) -> str:
        def word(m: re.Match) -> str:
            w = m.group(0)
            if w in keep or line.startswith("-", m.end()):
                return w
            out = w[0] + w[1:].lower() if len(w) >= 4 or line.startswith(".", m.end()) else w.lower()
            return out if len(out) == len(w) else w
        return CAPITALS_WORD.sub(word, line)

    out = SHOUTING_LINE.sub(lambda m: recased(m.group(0)), text)
    return out if len(out) == len(text) else text


# Between a change and the level it led to: "… um 7,8 Prozent auf 289,4 Millionen", "von 70 Prozent
# auf rund 18 Mrd." (fullmatch over the gap; `match` at a figure's end for "auf" right after it)
TO_LEVEL = re.compile(r"\s+auf\s+(?:(?:nur\s+)?noch\s+)?")  # (a qualifier, "auf rund 3 Mrd.", is part of the figure)

# a relative pronoun opening a clause (followed by a small word: ", der sich …"; not ", der Bau …")
RELATIVE_PRONOUN = re.compile(r"\s*(?:der|die|das|den|dem|denen|dessen|deren)\s+(?=[a-zäöüß])")
# A part, then the whole it is of: "mehr als 8000 der weltweit rund 108.000 Stellen" (the connector
# and the whole's own adverbs; claim_cues.WHOLE_AFTER_PART, counting.coordinated_noun)
PART_OF_WHOLE = r"(?:der|von[ \u00a0]+den|von[ \u00a0]+insgesamt)"
WHOLE_ADVERBS = r"(?:weltweit|insgesamt|zuletzt|derzeit|aktuell)"
# after a count, a superlative: the count is a ranking's group ("die zwei schnellsten Supercomputer", "fünf der
# zehn schnellsten Rechner", "die 100 größten Kunden"), no count of anyone's (`match` at the count's end)
TOP_GROUP = re.compile(r"[ \u00a0]+(?:der[ \u00a0]+\S+[ \u00a0]+)?(?!festen\b)[a-zäöüß]+(?:st|ßt)en(?![\w-])")  # (not "28 festen Mitarbeitern")
# a noun right before a date with "vom" ("In der Top500-Liste vom 14. November"): `search` ending at the date
DATE_NOUN_OF = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w-]*\s+vom\s+$")


def agency_lead(agencies: list[str]) -> re.Pattern:
    """An agency's dateline opening a paragraph ("SANTA CLARA (dpa-AFX) - …", "LONDON, 17. Jun
    (Reuters) -"): the report itself begins there (`match` at the paragraph's start). `agencies`:
    the names a dateline gives in brackets (rules: entities news_agencies)."""
    return re.compile(r"\s*[A-ZÄÖÜ][\w.\-/ ]{1,40}?(?:,[^()\n]{0,20})?[ \t]*\(" + _agencies(agencies) + r"\b[^)\n]{0,20}\)[ \t]*[-–—]")


def dateline_after(agencies: list[str]) -> re.Pattern:
    """What follows a place in capitals when it is a dateline ("AUSTIN (dpa-AFX)", "LONDON, 17. Jun
    (Reuters)"): `match` right after the place."""
    return re.compile(r"[ \t]*(?:,[ \t]*\d{1,2}\.?[ \t]*[A-ZÄÖÜ][a-zäöü]{2,8}\.?[ \t]*)?(?:/[^()\n]{0,30})?\(" + _agencies(agencies) + r"\b")


def _agencies(agencies: list[str]) -> str:
    return "(?:" + "|".join(re.escape(a) for a in sorted(set(agencies), key=lambda a: (-len(a), a))) + ")" if agencies else "(?!)"


# A participle right after a date an article opens, before its noun: "den 2018 verstorbenen Mitgründer", "Das 1991
# gegründete Studio" (not a verb: "Am 20. Mai entdeckte die Firma"): the participle says what the date is.
ARTICLE_BEFORE_DATE = re.compile(r"(?<![\w-])(?:[Dd](?:er|ie|as|en|em|es)|[Ee]ine?[mnrs]?)[ \u00a0]+$")
# Who or where between a date and the participle it stands before: "das 1847 in Berlin gegründete
# Unternehmen", "Das 2021 von Rodolfo Rosini und Hannah Earley gegründete Start-up"
PARTICIPLE_AGENT = r"(?:[ \u00a0]+(?:in|im|von|vom|aus|bei|unter)(?:[ \u00a0]+[\w.&'’-]+){1,6}?)?"
DATE_PARTICIPLE = re.compile(PARTICIPLE_AGENT + r"[ \u00a0]+(?P<w>[a-zäöüß][\w-]*?(?:t|en)e[nrsm]?)[ \u00a0]+(?:[a-zäöüß][\w-]*e[nrsm]?[ \u00a0]+)?[A-ZÄÖÜ]")


def date_participle(text: str, fig: dict) -> re.Match | None:
    """The participle a date stands before, in a phrase an article opens ("den 2018 verstorbenen Mitgründer")."""
    if fig["label"] != "DATE" or not ARTICLE_BEFORE_DATE.search(text, max(0, fig["start"] - 8), fig["start"]):
        return None
    return DATE_PARTICIPLE.match(text, fig["end"])


DASH = re.compile(r"[ \u00a0][–—-][ \u00a0]")


def dash_insertion(text: str, pos: int, other: int) -> bool:
    """Is `pos` inside an insertion between two dashes of one sentence that `other` is outside of
    ("Im Jubiläumsjahr 2020 – die Brüder hatten das Unternehmen 1920 gegründet – sank der Umsatz")?"""
    before = [m for m in DASH.finditer(text, max(0, pos - 150), pos)]
    after = DASH.search(text, pos, pos + 150)
    if not before or after is None or re.search(r"[.!?]\s|\n", text[before[-1].end():after.start()]):
        return False
    return not before[-1].end() <= other < after.start()

