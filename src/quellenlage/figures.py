"""Finding figures in German text: MONEY, COUNT, PERCENT, RANK, DURATION. Pure, no spaCy.

The scanner works on characters, not spaCy tokens, because German packs figures into
compounds (`500-Milliarden-Dollar-Plans`, `100.000-GPU-Cluster`) that a tokenizer keeps
whole. Every lexicon (scale words, currencies, units, qualifiers, name words) comes from
`rules/<lang>/`; this module only knows the grammar of a German figure:

    [qualifier] [currency] NUMBER [scale] [(bis|–|und) NUMBER [scale]] [+] (currency | % | time unit | counted noun)
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, Iterable

from quellenlage.normalize.numbers import (
    NUMBER_RE,
    NumberRules,
    parse_digits,
    parse_number_word,
    parse_ordinal_word,
)
from quellenlage.layout import TableCell, cell_at, table_cells
from quellenlage.rules import RuleSet
from quellenlage.textutil import alternation

SPACES = " \u00a0\u202f\u2009\t"
LETTER = r"[^\W\d_]"
NUMWORD_PREFIX = re.compile(
    r"(?i)(?:ein|zw|drei|vier|fünf|sechs|sieb|acht|neun|zehn|elf|hundert|tausend|anderthalb|dutzend)")
WORD_RE = re.compile(r"(?<![\w-])" + LETTER + r"+(?![\w-])")
# Words that may stand between a number and its noun (adjectives, adverbs of frequency).
ADJ_ENDINGS = ("e", "en", "er", "es", "em", "lich", "ig", "iv", "ive", "iven", "iver")


@dataclass
class Figure:
    start: int
    end: int
    label: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    currency: str | None = None
    qualifier: str = "exact"
    item: str | None = None
    rule: str = ""
    date_value: str | None = None
    date_mod: str | None = None
    date_relation: str | None = None

    def record(self, text: str) -> dict[str, Any]:
        rec = asdict(self)
        rec["text"] = text[self.start:self.end]
        return rec


@dataclass
class Atom:
    """A number in the text: digits, a shorthand (70B) or a number word."""

    start: int
    end: int
    value: float | None
    kind: str  # digits | shorthand | word | one | year | needs_scale
    plus: bool = False


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in SPACES:
        pos += 1
    return pos


@dataclass
class FigureRules:
    """The lexicons of rules/<lang>/ compiled into matchers."""

    numbers: NumberRules
    cfg: dict[str, dict] = field(repr=False)

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "FigureRules":
        cfg = {name: rules.get(name) for name in
               ("numbers", "currencies", "units", "qualifiers", "not_figures", "segmentation", "language")}
        return cls(NumberRules.from_config(cfg["numbers"]), cfg)

    # --- scale words, currencies, units -------------------------------------------------
    @cached_property
    def scale_re(self) -> re.Pattern:
        forms = list(self.numbers.scales) + list(self.numbers.english_scales)
        return re.compile(r"(?P<scale>" + alternation(f.rstrip("-") for f in forms) + r")(?!" + LETTER + r")")

    @cached_property
    def currency_after(self) -> tuple[re.Pattern, dict[str, str]]:
        table = {f.rstrip("-"): iso for iso, c in self.cfg["currencies"]["currencies"].items() for f in c["after"]}
        return re.compile(r"(?P<cur>" + alternation(table) + r")(?!" + LETTER + r")"), table

    @cached_property
    def currency_before(self) -> tuple[re.Pattern, dict[str, str]]:
        table = {f: iso for iso, c in self.cfg["currencies"]["currencies"].items() for f in c["before"]}
        return re.compile(r"(?:^|(?<=[\s(„\"/]))(?P<cur>" + alternation(table) + r")[" + SPACES + r"]?$"), table

    @cached_property
    def count_units(self) -> list[tuple[str, str]]:
        """(lower-case form, unit), longest form first."""
        pairs = [(f.lower(), unit) for unit, forms in self.cfg["units"]["count_units"].items() for f in forms]
        return sorted(pairs, key=lambda p: -len(p[0]))

    @cached_property
    def person_context(self) -> list[tuple[str, re.Pattern]]:
        from quellenlage.textutil import cue_re
        return [(unit, cue_re(words)) for unit, words in (self.cfg["units"].get("person_context") or {}).items()]

    @cached_property
    def english_function_words(self) -> frozenset[str]:
        return frozenset(self.cfg["language"]["languages"].get("en") or [])

    @cached_property
    def noun_phrase_stops(self) -> frozenset[str]:
        return frozenset(self.cfg["units"].get("noun_phrase_stops") or [])

    @cached_property
    def times_words(self) -> frozenset[str]:
        return frozenset(self.cfg["units"].get("times_words") or [])

    @cached_property
    def count_context_re(self) -> re.Pattern:
        return re.compile(r"(?:" + alternation(self.cfg["units"].get("count_context") or ["(?!)"]) + r")\s+(?:\w+\s+)?")

    @cached_property
    def measures(self) -> frozenset[str]:
        return frozenset(self.cfg["units"].get("measures") or [])

    @cached_property
    def gpu_model_re(self) -> re.Pattern:
        return re.compile(r"(?:" + "|".join(self.cfg["units"]["gpu_models"]) + r")")

    @cached_property
    def generic_prefixes(self) -> frozenset[str]:
        return frozenset(p.lower() for p in self.cfg["units"]["generic_prefixes"])

    @cached_property
    def duration_re(self) -> tuple[re.Pattern, dict[str, str]]:
        table = {f: unit for unit, forms in self.cfg["units"]["durations"].items() for f in forms}
        return re.compile(r"(?P<unit>" + alternation(table) + r")(?!" + LETTER + r")"), table

    @cached_property
    def duration_adjective_re(self) -> tuple[re.Pattern, dict[str, str]]:
        table = {stem: unit for unit, stem in self.cfg["units"]["duration_adjectives"].items()}
        return re.compile(r"(?<![\w-])(?P<n>\d+-?|" + LETTER + r"+?)(?P<stem>" + alternation(table)
                          + r")(?:e|en|er|es|em)?(?![\w-])", re.IGNORECASE), table

    @cached_property
    def percent_re(self) -> re.Pattern:
        u = self.cfg["units"]
        return re.compile(r"(?:(?P<pp>" + alternation(u["percentage_points"]) + r")|(?P<pct>"
                          + alternation(u["percent"]) + r"))(?!" + LETTER + r")")

    @cached_property
    def rank_res(self) -> tuple[re.Pattern, re.Pattern]:
        u = self.cfg["units"]
        before = re.compile(r"(?<![\w-])(?P<w>" + alternation(u["rank_before"]) + r")(?:[" + SPACES
                            + r"]+|-)(?P<n>\d{1,4}|" + LETTER + r"+)(?![\w.,]\d|\w)")
        after = re.compile(r"(?<![\w-])(?P<o>\d{1,3}\.|" + LETTER + r"+)[" + SPACES + r"]+(?P<w>"
                           + alternation(u["rank_after"]) + r")(?!" + LETTER + r")")
        return before, after

    @cached_property
    def top_words(self) -> frozenset[str]:
        return frozenset(self.cfg["units"].get("rank_top") or [])

    @cached_property
    def header_money(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg["units"]["header_money"])

    # --- qualifiers ---------------------------------------------------------------------
    @cached_property
    def qualifier_before_re(self) -> tuple[re.Pattern, dict[str, str]]:
        table = {p.lower(): q for q, ps in self.cfg["qualifiers"]["before"].items() for p in ps}
        alt = alternation(table)
        return re.compile(r"(?:^|(?<=[\s(„\"]))(?P<q>" + alt + r")[" + SPACES + r"]*$", re.IGNORECASE), table

    @cached_property
    def qualifier_after(self) -> dict[str, str]:
        return {p: q for q, ps in self.cfg["qualifiers"]["after"].items() for p in ps}

    @cached_property
    def sentence_estimate_re(self) -> re.Pattern:
        return re.compile(alternation(self.cfg["qualifiers"]["sentence_estimate"]), re.IGNORECASE)

    @cached_property
    def range_before_re(self) -> re.Pattern:
        return re.compile(r"(?:^|(?<=\s))(?P<w>" + alternation(self.cfg["qualifiers"]["range_before"])
                          + r")[" + SPACES + r"]+$", re.IGNORECASE)

    @cached_property
    def one_trigger_re(self) -> re.Pattern:
        return re.compile(r"(?:^|(?<=\s))(?:" + alternation(self.numbers.one_triggers) + r")[" + SPACES + r"]+$",
                          re.IGNORECASE)

    # --- what is no figure --------------------------------------------------------------
    @cached_property
    def name_words(self) -> frozenset[str]:
        return frozenset(self.cfg["not_figures"]["name_words"])

    @cached_property
    def year_context(self) -> frozenset[str]:
        return frozenset(self.cfg["not_figures"].get("year_context") or [])

    @cached_property
    def skip_re(self) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in self.cfg["not_figures"]["skip_patterns"]))

    @cached_property
    def ordinal_followers(self) -> frozenset[str]:
        return frozenset(self.cfg["segmentation"].get("ordinal_followers") or [])

    @cached_property
    def sentence_openers(self) -> frozenset[str]:
        return frozenset(self.cfg["segmentation"].get("sentence_openers") or [])

    # --- lookups ------------------------------------------------------------------------
    def unit_of(self, token: str, prefix_ok: bool = False) -> str | None:
        """The count unit a noun names: whole form, compound head, or (backwards) prefix."""
        low = token.lower().rstrip(".")
        parts = low.split("-")
        for form, unit in self.count_units:
            if low == form or parts[-1] == form:
                return unit
        for form, unit in self.count_units:
            if len(form) >= 5 and low.endswith(form) and not form[0].isupper():
                return unit
            if prefix_ok and len(form) >= 5 and low.startswith(form):
                return unit
        return None


class Scanner:
    """Finds the figures of one text. `regions` are (start, end) spans to leave alone."""

    def __init__(self, rules: FigureRules):
        self.r = rules

    # --- entry point --------------------------------------------------------------------
    def scan(self, text: str, regions: Iterable[tuple[int, int]] = ()) -> list[Figure]:
        self._english = self._english_regions(text)
        blocked = sorted(regions) + [m.span() for m in self.r.skip_re.finditer(text)]
        taken: list[tuple[int, int]] = list(blocked)
        figures: list[Figure] = []

        def free(s: int, e: int) -> bool:
            return all(e <= a or b <= s for a, b in taken)

        def add(fig: Figure | None) -> None:
            if fig is not None and fig.end > fig.start and free(fig.start, fig.end):
                figures.append(fig)
                taken.append((fig.start, fig.end))

        for fig in self._ranks(text):
            add(fig)
        for fig in self._duration_adjectives(text):
            add(fig)
        atoms = self._atoms(text)
        i = 0
        while i < len(atoms):
            a = atoms[i]
            if not free(a.start, a.end):
                i += 1
                continue
            fig, used = self._figure(text, atoms, i)
            if fig is not None and free(fig.start, fig.end):
                add(fig)
                i += used
            else:
                i += 1
        figures.sort(key=lambda f: (f.start, f.end))
        _carry_currency(text, figures)
        for fig in figures:
            if fig.unit == "person":
                fig.unit = self._person_unit(text, fig)
        tables = table_cells(text)
        for fig in figures:
            self._apply_table_header(text, fig, tables)
        for fig, cell in self._table_bare_numbers(text, atoms, tables, free):
            add(fig)
        figures.sort(key=lambda f: (f.start, f.end))
        return figures

    # --- atoms --------------------------------------------------------------------------
    def _atoms(self, text: str) -> list[Atom]:
        atoms: list[Atom] = []
        for m in NUMBER_RE.finditer(text):
            a = self._digit_atom(text, m)
            if a is not None:
                atoms.append(a)
        for m in WORD_RE.finditer(text):
            w = m.group(0)
            if not NUMWORD_PREFIX.match(w) or w in self.r.numbers.never:
                continue
            if w[0].isupper() and w.lower() not in self.r.numbers.words and not _sentence_initial(text, m.start()):
                continue  # "Zehn" only at a sentence start; "Acht" elsewhere is a name
            v = parse_number_word(w, self.r.numbers)
            if v is None:
                continue
            kind = "one" if w.lower().startswith("ein") and v == 1 else "word"
            atoms.append(Atom(m.start(), m.end(), v, kind))
        atoms.sort(key=lambda a: a.start)
        return atoms

    def _english_regions(self, text: str) -> list[tuple[int, int]]:
        """Quotations in English: there "9,000" is nine thousand and "billion" 10^9."""
        from quellenlage.language import guess_language
        out = []
        for m in re.finditer(r"[\"“„»«]([^\"“”„»«\n]{12,400})[\"”“«»]", text):
            cfg = dict(self.r.cfg["language"], min_words=4)
            if guess_language(m.group(1), cfg) == "en":
                out.append(m.span(1))
        return out

    def _in_english(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in getattr(self, "_english", []))

    def _digit_atom(self, text: str, m: re.Match) -> Atom | None:
        start, end = m.span()
        if self._in_english(start):
            grouped = re.match(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)", text[start:])
            if grouped:
                end = start + grouped.end()
                return Atom(start, end, parse_digits(grouped.group(0), english=True), "digits")
        if m.group("sign") and start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-–"):
            start += 1  # "25.000–40.000", "MAI-1": a dash, not a sign
        raw = text[start:end]
        before = text[start - 1] if start > 0 else ""
        if before and (before.isalpha() or before in "_/#@§"):
            return None  # H100, B2B, o1
        if before in "-–" and start > 1 and text[start - 2].isalpha():
            word = _word_before(text, start - 1)
            if word not in self.r.cfg["units"]["rank_before"]:
                return None  # MAI-1, GPT-4, Phi-3 (Top-10 is a rank, handled elsewhere)
        after = text[end:end + 1]
        if after == "." and end + 1 < len(text) and text[end + 1].isdigit():
            return None  # 1.1.2025
        if after in (":",) and end + 1 < len(text) and text[end + 1].isdigit():
            return None  # 14:30
        if after == ".":
            nxt = _word_after(text, end + 1)
            if nxt in self.r.ordinal_followers or (nxt and nxt[0].isupper() and nxt not in self.r.sentence_openers
                                                   and re.fullmatch(r"\d{1,2}", raw)):
                return None  # "28. Dezember", "3. Generation": ordinal
        kind = "digits"
        value = parse_digits(raw)
        if after.isalpha():
            letters = re.match(r"[^\W\d_]+", text[end:]).group(0)  # any letters: "5ß" is no number either
            if text[end + len(letters):end + len(letters) + 1].isalpha():
                return None
            if letters in self.r.numbers.shorthand and re.fullmatch(r"\d+(?:[.,]\d+)?", raw):
                base = float(raw.replace(",", "."))
                end += len(letters)
                value, kind = base * self.r.numbers.shorthand[letters], "shorthand"
            else:
                return None  # 4o, 5G, 3D
        if value is None:
            if re.fullmatch(r"[+\-−]?\d+\.\d+", raw):
                kind = "needs_scale"  # 1.5 Milliarden is English style; 3.1 alone a version
            else:
                return None
        elif kind == "digits" and re.fullmatch(r"(?:19|20)\d\d", raw):
            kind = "year"
        plus = False
        if text[end:end + 1] == "+" and not text[end + 1:end + 2].isdigit():
            plus, end = True, end + 1
        return Atom(start, end, value, kind, plus)

    # --- one figure from atoms[i] -------------------------------------------------------
    def _figure(self, text: str, atoms: list[Atom], i: int) -> tuple[Figure | None, int]:
        a = atoms[i]
        used = 1
        start, end = a.start, a.end
        value, low, high = a.value, None, None
        scaled = False
        english = False
        p = end
        scale, p2 = self._scale(text, p)
        if scale is not None:
            scaled, end, p = True, p2, p2
            english = text[p2 - 1].islower() and text[p2 - 8:p2].strip().isascii() and _is_english_scale(text, p2)
            if a.kind == "needs_scale":
                value = parse_digits(text[a.start:a.end], scaled=True)
            value = None if value is None else value * scale
        elif a.kind == "needs_scale":
            return None, 1
        if value is None:
            return None, 1
        plus = a.plus
        # A range: "12 bis 18", "25.000–40.000", "zwischen 35 und 40", "70B - 400B+".
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            conn = text[end:b.start]
            between = bool(self.r.range_before_re.search(text[max(0, start - 15):start]))
            if _is_range_connector(conn, allow_und=between) and b.kind != "one" and b.value is not None \
                    and (b.kind == a.kind or {a.kind, b.kind} <= {"digits", "year", "word"}):
                bval = b.value
                bend = b.end
                s2, p3 = self._scale(text, b.end)
                if s2 is not None:
                    bval, bend = bval * s2, p3
                    if not scaled:
                        value = value * s2
                elif scaled:
                    bval = bval * (value / a.value if a.value else 1)
                if bval is not None and bval > value:
                    low, high, value = value, bval, None
                    end = p = bend
                    plus = b.plus
                    used = 2
        if used == 1 and not scaled and i + 1 < len(atoms) and a.kind in ("digits", "word") \
                and re.fullmatch(r"\s*(?:beziehungsweise|bzw\.|oder|/)\s*", text[end:atoms[i + 1].start]):
            # "5 beziehungsweise 8 Milliarden Dollar": the first number shares the second's scale and unit.
            second, _ = self._figure(text, atoms, i + 1)
            b = atoms[i + 1]
            if second is not None and b.value and second.value and (second.value != b.value or second.unit or second.currency):
                # "5 beziehungsweise 8 Milliarden Dollar", "vier oder fünf Jahre"
                shared = Figure(start, end, second.label, value=value * second.value / b.value, unit=second.unit,
                                currency=second.currency, rule="shared_scale")
                self._qualify(text, shared, a.plus)
                return shared, 1
        fig = Figure(start, end, "COUNT", value=value, low=low, high=high, qualifier="range" if low is not None else "exact")
        fig.rule = "count"
        if not self._classify(text, a, fig, scaled):
            return None, 1
        self._qualify(text, fig, plus)
        return fig, used

    def _scale(self, text: str, pos: int) -> tuple[float | None, int]:
        q = _skip_spaces(text, pos)
        if q == pos and text[pos:pos + 1] == "-":
            q = pos + 1  # 500-Milliarden-Dollar
        elif q == pos:
            return None, pos
        if q - pos > 2:
            return None, pos
        m = self.r.scale_re.match(text, q)
        if not m:
            return None, pos
        form = m.group("scale")
        if form in self.r.numbers.scales:
            return self.r.numbers.scales[form], m.end()
        if form.lower() in self.r.numbers.english_scales:
            return self.r.numbers.english_scales[form.lower()], m.end()
        return None, pos

    def _classify(self, text: str, a: Atom, fig: Figure, scaled: bool) -> bool:
        """Decide the label from what stands around the number; False: no figure."""
        end = fig.end
        q = _skip_spaces(text, end)
        hyphen = q == end and text[end:end + 1] == "-"
        if hyphen:
            q = end + 1
        ahead = text[q:q + 40]
        # Percent.
        m = self.r.percent_re.match(text, q)
        if m and (a.kind != "one" or text[a.start:a.end].lower() in ("ein", "eins")):
            fig.label, fig.rule = "PERCENT", "percent"
            if m.group("pp"):
                fig.unit = "percentage_point"
            if not hyphen:
                fig.end = m.end()
            return True
        # Currency after the amount (also inside compounds: 13-Milliarden-Dollar-Investition).
        cre, ctable = self.r.currency_after
        m = cre.match(text, q)
        if m and (a.kind != "one" or scaled):
            fig.label, fig.currency, fig.rule = "MONEY", ctable[m.group("cur")], "money_after"
            fig.end = m.end()
            return True
        # Currency before the amount: $5 Mio., US$ 6 Mrd., CHF 120 Mio.
        bre, btable = self.r.currency_before
        m = bre.search(text[max(0, fig.start - 8):fig.start])
        if m and a.kind != "one":
            fig.label, fig.currency, fig.rule = "MONEY", btable[m.group("cur")], "money_before"
            fig.start = fig.start - (len(text[max(0, fig.start - 8):fig.start]) - m.start("cur"))
            return True
        # Duration: number and unit of time ("vor zwei Jahren" is a date, not a duration).
        dre, dtable = self.r.duration_re
        m = dre.match(text, q)
        if m and not hyphen:
            if a.kind == "year" or re.search(r"(?:^|\s)vor[" + SPACES + r"]+(?:\S+[" + SPACES + r"]+)?$",
                                             text[max(0, fig.start - 20):fig.start], re.IGNORECASE):
                return False
            if re.match(r"\s+(?:zuvor|davor|her)\b", text[m.end():m.end() + 12]):
                return False  # "ein Jahr zuvor" places a date, it is no duration
            fig.label, fig.unit, fig.rule = "DURATION", dtable[m.group("unit")], "duration"
            fig.end = m.end()
            return True
        if self._measure_at(text, q):
            return False  # 150 Megawatt, 80 GB: a measure, not a count
        if _word_after(text, q - 1 if q > 0 else q) in self.r.times_words:
            if not scaled:
                return False  # "zehn Mal schneller": a factor
            fig.rule = "count_times"
            return True
        if a.kind == "one" and not scaled:
            window = text[max(0, fig.start - 25):fig.start]
            if not self.r.one_trigger_re.search(window):
                return False
        for phrase in self.r.qualifier_after:
            if phrase.startswith("(") and text.startswith(phrase, q):
                q = _skip_spaces(text, q + len(phrase))
        if self._name_before(text, fig.start) and re.fullmatch(r"\d{1,4}", text[a.start:a.end]):
            return False  # Maia 100, Windows 11, Microsoft 365 Copilot
        if a.kind == "year" and _word_before(text, fig.start) in self.r.year_context:
            return False  # "seit Ende 2025 Modelle": a date
        if re.match(r"(?:davon|hiervon|darunter|von ihnen)\b", text[q:q + 12]) and a.kind in ("digits", "word"):
            fig.unit, fig.rule = self._unit_from_context(text, fig.start), "count_elliptic"
            return fig.unit is not None  # "auf 200.000 GPUs wachsen, 50.000 davon …"
        # Counted noun after the number, not across a table's column gap ("2025     Anschlüsse").
        column_gap = re.search(r"[ \t]{3,}|\t", text[fig.end:q]) is not None
        found = None if column_gap else self._counted_noun(text, q, hyphen, strict=a.kind in ("year", "one"))
        if found is not None:
            unit, item = found
            if a.kind == "year" and unit is None:
                return False
            if unit is None and (a.kind == "one" or self._capitalised_before(text, fig.start)):
                return False
            fig.unit, fig.item, fig.rule = unit, item, "count_noun"
            return True
        if a.kind == "year" or (a.kind == "one" and not scaled):
            return False
        if self._in_english(fig.start) and a.kind == "digits":
            # English nouns are lower case ("9,000 heads"); a grouped number stands alone too.
            word = re.match(r"[a-z]+", text[q:q + 20])
            if (word and word.group(0) not in self.r.english_function_words) or "," in text[a.start:a.end]:
                fig.rule = "count_english"
                return True
        if a.kind == "digits" and not scaled:
            unit = self._unit_from_count_context(text, fig.start)
            if unit:
                fig.unit, fig.rule = unit, "count_context"
                return True
            if re.search(r"\d[.'’\u00a0\u202f ]\d{3}", text[a.start:a.end]):
                # "rund 29.500 statt bisher etwa 4.500": a number with thousands grouping is a
                # quantity even without its noun (the noun stood earlier in the sentence).
                fig.unit, fig.rule = self._unit_from_context(text, fig.start), "count_grouped"
                return True
        if scaled or a.kind == "shorthand":
            if self._name_before(text, fig.start) or re.search(r"\d\.\d+[" + SPACES + r"]*$", text[max(0, fig.start - 8):fig.start]):
                return False  # "Llama 3.1 405B" names a model
            fig.unit = self._unit_from_context(text, fig.start)
            fig.rule = "count_scaled"
            return True
        return False

    def _counted_noun(self, text: str, pos: int, hyphen: bool, strict: bool) -> tuple[str | None, str | None] | None:
        """(unit, item) of the noun phrase at pos; unit None for a noun the lexicon lacks."""
        item_parts: list[str] = []
        tentative: tuple[str, str] | None = None
        first_noun: str | None = None
        adjectives = 0
        p = pos
        for n in range(6):
            m = re.match(r"[^\s,;:!?()\[\]„“”\"»«/|]+", text[p:])
            if not m:
                break
            tok = m.group(0)
            stop_after = tok.endswith(".") and not re.fullmatch(r"\w{1,4}\.", tok)
            tok = tok.rstrip(".")
            if not tok:
                break
            if hyphen and n == 0:
                # 100.000-GPU-Cluster: the first part of the compound is what is counted.
                for part in tok.split("-"):
                    unit = self.r.unit_of(part) or ("gpu" if self.r.gpu_model_re.fullmatch(part) else None)
                    if unit:
                        return unit, None
                return None
            low = tok.lower()
            if n == 0 and low in ("der", "von") and not strict:
                q = p + m.end()
                p = _skip_spaces(text, q)
                continue  # partitive: "16.000 der leistungsfähigeren H100"
            unit = self.r.unit_of(tok)
            if unit is not None:
                head_parts = tok.split("-")
                prefix = [p_ for p_ in head_parts[:-1] if p_.lower() not in self.r.generic_prefixes]
                item = " ".join(item_parts + prefix) or None
                if tentative and not item:
                    item = tentative[1]
                return unit, item
            if self.r.gpu_model_re.fullmatch(tok):
                item_parts.append(tok)
                tentative = ("gpu", " ".join(item_parts))
            elif low in self.r.noun_phrase_stops:
                break
            elif tok[0].islower():
                adjectives += 1
                if adjectives > 2 or not (low.endswith(ADJ_ENDINGS) or low in ("wöchentlich", "monatlich", "täglich")):
                    break
            elif tok[0].isupper() or any(ch.isdigit() for ch in tok):
                if first_noun is None:
                    first_noun = tok
                item_parts.append(tok)
            else:
                break
            if stop_after:
                break
            q = p + m.end()
            if text[q:q + 1] not in SPACES or text[q:q + 1] == "":
                break
            p = _skip_spaces(text, q)
            if p - q >= 3 or "\t" in text[q:p]:
                break  # a table's column gap
        if tentative:
            return tentative
        if first_noun is not None and not strict and first_noun[0].isupper() and first_noun.replace("-", "").isalpha() \
                and first_noun not in self.r.ordinal_followers:
            return None, None
        return None

    def _person_unit(self, text: str, fig: Figure) -> str:
        """ "500 Millionen Menschen nutzen ChatGPT" are users, "rund 5500 Menschen" a company
        employs are employees, "2.000 Menschen sollen dort arbeiten" are jobs: the words of the
        figure's clause decide, else those of its sentence."""
        s = _sentence_start(text, fig.start)
        e = text.find(".", fig.end)
        e = len(text) if e < 0 else e
        cs = s
        for m in re.finditer(r"[,;]\s", text[s:fig.start]):
            cs = s + m.end()
        ce = next((fig.end + m.start() for m in re.finditer(r"[,;]\s", text[fig.end:e])), e)
        for a, b in ((cs, ce), (s, e)):
            best = None
            for unit, rx in self.r.person_context:
                m = rx.search(text, a, b)
                if m and (best is None or m.end() - m.start() > best[0]):
                    best = (m.end() - m.start(), unit)
            if best:
                return best[1]
        return "person"

    def _unit_from_count_context(self, text: str, start: int) -> str | None:
        """ "die Zahl der neuen Stellen auf 250.000": the noun after "Zahl der" names the unit."""
        s = _sentence_start(text, start)
        m = self.r.count_context_re.search(text[s:start])
        if not m:
            return None
        for w in re.findall(r"[\w-]+", text[s + m.end():start])[:4]:
            if w[0].isupper():
                return self.r.unit_of(w)
        return None

    def _measure_at(self, text: str, pos: int) -> bool:
        m = re.match(r"[^\s,;:!?()]+", text[pos:pos + 30])
        if not m:
            return False
        word = m.group(0)
        # "Nanometern", "Megawatts": German inflection on the unit word.
        return any(w in self.r.measures for w in (word, word.rstrip("."), word[:-1], word[:-2]))

    def _unit_from_context(self, text: str, start: int) -> str | None:
        """A unit named earlier in the sentence: "Die Zahl der Nutzer stieg auf 400 Millionen"."""
        s = _sentence_start(text, start)
        words = re.findall(r"[\w-]+", text[s:start])
        for w in reversed(words[-12:]):
            if w[0].isupper():
                unit = self.r.unit_of(w, prefix_ok=True)
                if unit:
                    return unit
        return None

    def _name_before(self, text: str, start: int) -> bool:
        word = _word_before(text, start)
        return word is not None and (word in self.r.name_words or bool(re.fullmatch(r"\d+(?:[.,]\d+)?", word)
                                                                      and _word_before(text, start - len(word) - 1) in self.r.name_words))

    def _capitalised_before(self, text: str, start: int) -> bool:
        """A capitalised word right before a small bare number makes it part of a name
        (Grok 3 Modell); "im Quartal 13.000 Muster" is a count."""
        if not re.match(r"\d{1,3}(?![\d.,'’])", text[start:start + 5]):
            return False
        j = start - 1
        if j < 0 or text[j] not in SPACES:
            return False
        word = _word_before(text, start)
        if not word or not word[0].isupper():
            return False
        if word in self.r.sentence_openers or _sentence_initial(text, start - 1 - len(word)):
            return False
        return not self.r.qualifier_before_re[0].search(text[max(0, start - 30):start])

    def _qualify(self, text: str, fig: Figure, plus: bool) -> None:
        window_start = max(0, fig.start - 40)
        window = text[window_start:fig.start]
        if fig.qualifier == "range":
            m = self.r.range_before_re.search(window)
            if m and m.group("w").lower() == "zwischen":
                fig.start = window_start + m.start("w")
            return
        qre, qtable = self.r.qualifier_before_re
        m = qre.search(window)
        if m and not self._preposition_of_amount(text, window_start + m.start("q"), m.group("q")):
            fig.qualifier = qtable[m.group("q").lower()]
            fig.start = window_start + m.start("q")
        if plus:
            fig.qualifier = "lower_bound"
        tail = text[fig.end:fig.end + 40]
        for phrase, q in self.r.qualifier_after.items():
            if phrase in ("+",):
                continue
            idx = tail.find(phrase)
            if 0 <= idx and (idx <= 2 or (fig.label in ("COUNT",) and idx < 30 and "," not in tail[:idx]
                                          and phrase.startswith("("))):
                fig.qualifier = q
        if fig.qualifier == "exact":
            s = _sentence_start(text, fig.start)
            if self.r.sentence_estimate_re.search(text[s:fig.start]):
                fig.qualifier = "estimate"

    def _preposition_of_amount(self, text: str, qstart: int, q: str) -> bool:
        """ "eine Finanzierung über 6 Mrd. Dollar": über after a noun names the amount."""
        if q.lower() not in ("über", "unter"):
            return False
        word = _word_before(text, qstart)
        return bool(word and word[0].isupper() and word not in self.r.sentence_openers
                    and not _sentence_initial(text, qstart - len(word) - 1))

    # --- rank and duration adjectives ----------------------------------------------------
    def _ranks(self, text: str) -> Iterable[Figure]:
        before, after = self.r.rank_res
        for m in before.finditer(text):
            n = m.group("n")
            v = float(n) if n.isdigit() else parse_number_word(n, self.r.numbers)
            if v is None or v != int(v) or v <= 0:
                continue
            if m.group("w") == "Nummer" and not n.isalpha():
                continue  # "Nummer 5" is rarely a rank with digits; "Nummer eins" is
            # "unter den Top 8" says rank 8 or better.
            qualifier = "upper_bound" if m.group("w") in self.r.top_words else "exact"
            yield Figure(m.start(), m.end(), "RANK", value=v, qualifier=qualifier, rule="rank_before")
        for m in after.finditer(text):
            o = m.group("o")
            v = float(o[:-1]) if o[:-1].isdigit() else parse_ordinal_word(o, self.r.numbers)
            if v is None or v <= 0:
                continue
            yield Figure(m.start(), m.end(), "RANK", value=float(v), rule="rank_after")

    def _duration_adjectives(self, text: str) -> Iterable[Figure]:
        rx, table = self.r.duration_adjective_re
        for m in rx.finditer(text):
            n = m.group("n").rstrip("-")
            v = float(n) if n.isdigit() else parse_number_word(n, self.r.numbers)
            if v is None:
                continue
            yield Figure(m.start(), m.end(), "DURATION", value=v, unit=table[m.group("stem").lower()],
                         rule="duration_adjective")

    # --- Markdown tables ----------------------------------------------------------------
    def _apply_table_header(self, text: str, fig: Figure, tables: dict[int, TableCell]) -> None:
        cell = cell_at(tables, fig.start)
        if cell is None or not (cell.header or cell.row):
            return
        header_unit = self._header_unit(cell.header or "") or self._header_unit(cell.row or "")
        if fig.label == "COUNT" and fig.unit is None and header_unit:
            fig.unit = header_unit
        if fig.label == "COUNT" and fig.unit is None and self._header_is_money(cell.header or ""):
            cre, ctable = self.r.currency_after
            cur = next((ctable[c] for c in ctable if c in (cell.header or "")), None)
            if cur:
                fig.label, fig.currency, fig.rule = "MONEY", cur, "table_money"

    def _table_bare_numbers(self, text, atoms, tables, free) -> Iterable[tuple[Figure, TableCell]]:
        """A number alone in a table cell takes its unit from the column header."""
        for a in atoms:
            if a.kind in ("one", "needs_scale") or a.value is None or not free(a.start, a.end):
                continue
            cell = cell_at(tables, a.start)
            if cell is None or text[cell.start:cell.end].strip() != text[a.start:a.end]:
                continue
            # The column header names the unit, or else the row's first cell ("| Beschäftigte | 6.000 |").
            unit = self._header_unit(cell.header or "") or self._header_unit(cell.row or "")
            if unit is None:
                continue
            fig = Figure(a.start, a.end, "COUNT", value=a.value, unit=unit, rule="table_cell")
            self._qualify(text, fig, a.plus)
            yield fig, cell

    def _header_unit(self, header: str) -> str | None:
        for w in re.findall(r"[\w-]+", header):
            unit = self.r.unit_of(w)
            if unit:
                return unit
        return None

    def _header_is_money(self, header: str) -> bool:
        return any(w.lower() in self.r.header_money for w in re.findall(r"[\w-]+", header))


def _carry_currency(text: str, figures: list[Figure]) -> None:
    """ "zehn Milliarden Dollar …, die Bewertung könnte auf 75 Milliarden steigen": an amount
    with a scale word but no noun, after money in the same sentence, is money too."""
    last_money: Figure | None = None
    for fig in figures:
        if fig.label == "MONEY":
            last_money = fig
        elif (fig.label == "COUNT" and fig.rule == "count_scaled" and fig.unit is None and last_money
              and _sentence_start(text, fig.start) <= last_money.start):
            fig.label, fig.currency, fig.rule = "MONEY", last_money.currency, "money_elliptic"


def _word_before(text: str, pos: int) -> str | None:
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


def _word_after(text: str, pos: int) -> str | None:
    m = re.match(r"[" + SPACES + r"]*([\w.]+)", text[pos:pos + 40])
    return m.group(1) if m else None


def _sentence_start(text: str, pos: int) -> int:
    best = 0
    for m in re.finditer(r"[.!?\n]\s", text[max(0, pos - 400):pos]):
        best = max(0, pos - 400) + m.end()
    return best


def _sentence_initial(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in SPACES + "„\"»•·*–-|":  # bullets and table bars start items too
        j -= 1
    return j < 0 or text[j] in ".!?\n:"


def _is_range_connector(conn: str, allow_und: bool) -> bool:
    c = conn.strip(SPACES)
    if c in ("bis", "–", "—", "-", "to"):
        return len(conn) <= 5 and (c != "-" or conn in ("-", " - "))
    return allow_und and c == "und"


def _is_english_scale(text: str, end: int) -> bool:
    return bool(re.search(r"(?:million|billion|trillion|thousand|bn)$", text[:end]))


def scan_figures(text: str, rules: FigureRules, regions: Iterable[tuple[int, int]] = ()) -> list[Figure]:
    return Scanner(rules).scan(text, regions)
