"""Finding figures in German text: MONEY, COUNT, PERCENT, RANK, DURATION. Pure, no spaCy.

The scanner works on characters, not spaCy tokens, because German packs figures into
compounds (`500-Milliarden-Dollar-Plans`, `100.000-GPU-Cluster`) that a tokenizer keeps
whole. Every lexicon (scale words, currencies, units, qualifiers, name words) comes from
`rules/<lang>/`; this module only knows the grammar of a German figure:

    [qualifier] [currency] NUMBER [scale] [(bis|–|und) NUMBER [scale]] [+] (currency | % | time unit | counted noun)
"""
from __future__ import annotations

import re
from typing import Iterable

from quellenlage.atoms import AtomFinder
from quellenlage.counting import GENERIC, CountUnits
from quellenlage.figure_compared import ComparedParentheses, after_before, from_to
from quellenlage.figure_ranges import is_range_connector, join_ranges
from quellenlage.figure import Atom, Figure
from quellenlage.figure_lexicon import SHARED, FigureRules
from quellenlage.figure_words import duration_adjectives, duration_nouns, ranks
from quellenlage.generic_units import GenericFallback
from quellenlage.figure_tables import TableFigures
from quellenlage.layout import table_cells
from quellenlage.money_parts import carry_currency, point_price, settle_subunits, subunit_money
from quellenlage.normalize.numbers import NUMBER_RE, parse_digits
from quellenlage.qualify import Qualifier
from quellenlage.textutil import SPACES, Occupied, recase_shouting, sentence_initial, skip_spaces, word_after, word_before

ALTERNATIVE_GAP = re.compile(r"\s*(?:beziehungsweise|bzw\.|oder|/)\s*")
LIST_GAP = re.compile(r"[ \t]*,[ \t]*|[ \t]+(?:und|sowie)[ \t]+")  # "8, 70 und 405 Milliarden Parameter"
VOR_BEFORE = re.compile(r"(?:^|\s)vor[" + SPACES + r"]+(?:\S+[" + SPACES + r"]+)?$", re.IGNORECASE)
BEFORE_THAT = re.compile(r"\s+(?:zuvor|davor|her)\b")
UP_TO_FOUR_DIGITS = re.compile(r"\d{1,4}")
OF_THEM = re.compile(r"(?:davon|hiervon|darunter|von ihnen)\b")
OF_THEM_BEFORE = re.compile(r"(?:davon|darunter|hiervon)[" + SPACES + r"]+(?:\S+[" + SPACES + r"]+)?$")
COLUMN_GAP = re.compile(r"[ \t]{3,}|\t")
LOWER_WORD = re.compile(r"[a-z]+")
THOUSANDS = re.compile(r"\d[.'’\u00a0\u202f ]\d{3}")
VERSION_BEFORE = re.compile(r"\d\.\d+[" + SPACES + r"]*$")
NUMBER_WORD = re.compile(r"\d+(?:[.,]\d+)?")
SMALL_NUMBER = re.compile(r"\d{1,3}(?![\d'’]|[.,]\d)")

__all__ = ["Figure", "FigureRules", "Scanner", "scan_figures"]


class Scanner(TableFigures):
    """Finds the figures of one text. `regions` are (start, end) spans to leave alone."""

    def __init__(self, rules: FigureRules):
        self.r = rules
        self.units = CountUnits(rules)
        self.generic = GenericFallback(rules.cfg["units"])
        self.compared = ComparedParentheses(list(rules.numbers.scales) + list(rules.numbers.english_scales),
                                            (rules.cfg["units"].get("compared_counts") or {}).get("parenthesis") or [])
        self.qualifier = Qualifier(rules)
        self.atoms = AtomFinder(rules)

    # --- entry point --------------------------------------------------------------------
    def scan(self, text: str, regions: Iterable[tuple[int, int]] = ()) -> list[Figure]:
        # ("BIS ZU 28 PROZENT"; "862,3 (780,2) Mill. Euro": the parenthesis blanked, the same offsets)
        text, self._compared = self.compared.view(recase_shouting(text, self.r.capitals_kept))
        self._pairs = {g[:2] for g in self._compared}
        self._english = self.atoms.english_regions(text)
        blocked = sorted(regions) + [m.span() for m in self.r.skip_re.finditer(text)]
        taken = Occupied(len(text), blocked)
        figures: list[Figure] = []
        free = taken.free

        def add(fig: Figure | None) -> None:
            if fig is not None and fig.end > fig.start and free(fig.start, fig.end):
                figures.append(fig)
                taken.add(fig.start, fig.end)

        for fig in ranks(text, self.r):
            add(fig)
        for fig in duration_adjectives(text, self.r):
            add(fig)
        for fig in duration_nouns(text, self.r):
            add(fig)
        atoms = self.atoms.find(text, self._english)
        # Each atom's figure, from the last back: a list passes its scale on from its last number ("8, 70 und
        # 405 Milliarden"): each reads the next one's, made just before (a column of numbers is read once).
        made: dict[int, tuple[Figure | None, int]] = {}
        for k in range(len(atoms) - 1, -1, -1):
            made[k] = self._figure(text, atoms, k, made)
        i = 0
        while i < len(atoms):
            a = atoms[i]
            if not free(a.start, a.end):
                i += 1
                continue
            fig, used = made[i]
            if fig is not None and free(fig.start, fig.end):
                add(fig)
                i += used
            else:
                i += 1
        figures.sort(key=lambda f: (f.start, f.end))
        self.compared.trim(figures, self._compared)  # "(780,2) Mill. Euro": the span is "780,2"
        carry_currency(text, figures, self.r.scale_re,
                       lambda a, b: self.units.unit_from_context(text, b, floor=a))
        figures = settle_subunits(text, figures, self.r)
        figures = join_ranges(text, figures, self.r.range_before_re)
        for fig in figures:
            if fig.unit == "person":
                fig.unit = self.units.person_unit(text, fig)
        tables = table_cells(text)
        for fig in figures:
            self._apply_table_header(text, fig, tables)
        for fig, cell in self._table_bare_numbers(text, atoms, tables, free):
            add(fig)
        figures.sort(key=lambda f: (f.start, f.end))
        self.units.carry(text, figures)
        return [f for f in figures if f.unit is not None or f.rule not in ("count_compared", "count_of_them")]

    # --- one figure from atoms[i] -------------------------------------------------------
    def _figure(self, text: str, atoms: list[Atom], i: int, made: dict) -> tuple[Figure | None, int]:
        """The figure atoms[i] starts and how many atoms it takes (`made`: those of the atoms after it)."""
        a = atoms[i]
        used = 1
        start, end = a.start, a.end
        value, low, high = a.value, None, None
        scaled = False
        p = end
        scale, p2 = self._scale(text, p)
        if scale is not None:
            scaled, end, p = True, p2, p2
            if a.kind == "needs_scale":
                value = parse_digits(text[a.start:a.end], scaled=True)
            value = None if value is None else value * scale
        elif a.kind == "needs_scale":
            if not point_price(text, a.start, a.end, self.r):
                return None, 1
            value = float(text[a.start:a.end])  # "Fr. 8.10", "12.90 Franken": Swiss prices
        if value is None:
            return None, 1
        plus = a.plus
        # A range: "12 bis 18", "25.000–40.000", "zwischen 35 und 40", "70B - 400B+".
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            conn = text[end:b.start]
            between = bool(self.r.range_before_re.search(text[max(0, start - 15):start]))
            if is_range_connector(conn, allow_und=between, signed=value < 0) and b.kind != "one" and b.value is not None \
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
                if bval is not None and (bval > value or value < 0 and bval < 0):
                    # ("minus 10 bis minus 20 Millionen": the lower end is the larger loss)
                    low, high, value = min(value, bval), max(value, bval), None
                    end = p = bend
                    plus = b.plus
                    used = 2
        compared = used == 1 and i + 1 < len(atoms) and ((end, atoms[i + 1].start) in self._pairs  # "862,3 (780,2) Mill."
                                                          or from_to(text, start, end, atoms[i + 1].start, self.r.qualifier_before_re[0])  # "von 70,2 Mio. auf 66,1 Mio. Euro"
                                                          or after_before(text, end, atoms[i + 1].start))  # "18,0 nach 13,0 Prozent"
        gap = text[end:atoms[i + 1].start] if used == 1 and (not scaled or compared) and i + 1 < len(atoms) and a.kind in ("digits", "word") else None
        listed = gap is not None and bool(LIST_GAP.fullmatch(gap))
        if gap is not None and (ALTERNATIVE_GAP.fullmatch(gap) or listed or compared):
            # "5 beziehungsweise 8 Milliarden Dollar", "8, 70 und 405 Milliarden Parameter": the
            # first number shares the next one's scale and unit (after a comma only inside such a list).
            second, _ = made[i + 1]
            b = atoms[i + 1]
            if listed and gap.strip() == "," and (second is None or second.rule != "shared_scale") or second is not None \
                    and second.label == "PERCENT" and not second.unit and not listed and value >= 1000 > b.value:
                second = None  # (nor a count and its rate: "wuchs um 159'000 oder 6 Prozent")
            if second is not None and b.value and second.value and (second.value != b.value or second.unit or second.currency
                                                                    or second.label in ("PERCENT", "DURATION")):
                # "5 beziehungsweise 8 Milliarden Dollar", "vier oder fünf Jahre"
                shared = Figure(start, end, second.label, value=value if scaled or value >= 1000 else value * second.value / b.value, unit=second.unit,
                                currency=second.currency, rule="shared_scale")
                self.qualifier.qualify(text, shared, a.plus)
                return shared, 1
        fig = Figure(start, end, "COUNT", value=value, low=low, high=high, qualifier="range" if low is not None else "exact")
        fig.rule = "count"
        if not self._classify(text, a, fig, scaled):
            return None, 1
        self.qualifier.qualify(text, fig, plus)
        return fig, used

    def _scale(self, text: str, pos: int) -> tuple[float | None, int]:
        q = skip_spaces(text, pos)
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
        q = skip_spaces(text, end)
        hyphen = q == end and text[end:end + 1] == "-"
        if hyphen:
            q = end + 1
        # Percent.
        m = self.r.percent_re.match(text, q)
        if m and (a.kind != "one" or text[a.start:a.end].lower() in ("ein", "eins")):
            fig.label, fig.rule = "PERCENT", "percent"
            if fig.value is not None and fig.value < 0 and not self.atoms.signed_level.search(text, max(0, fig.start - 12), fig.start):
                # "-19 %", "minus 5 Prozent" in a key-figure list: a change whose sign gives the
                # direction; its value is its size, as "sank um 19 Prozent" writes it (the text
                # keeps the sign). After "bei", "auf" a level below zero ("Marge bei minus 4 Prozent").
                fig.value = -fig.value
            if m.group("pp"):
                fig.unit = "percentage_point"
            if not hyphen:
                fig.end = m.end()
            return True
        # Currency after the amount (also inside compounds: 13-Milliarden-Dollar-Investition).
        cre, ctable = self.r.currency_after
        m = cre.match(text, q)
        # "einen Euro" is one euro; "ein Euro-Rettungsschirm" and "ein Pfund Butter" are no
        # amounts; "eine halbe" needs a scale word.
        if m and not scaled and not hyphen and text[m.end():m.end() + 1] == "-" and q > fig.end:
            m = None  # "33 Euro-Paletten", "zwölf Euro-Länder": the number counts the compound's thing
        if m and (a.kind not in ("one", "half") or scaled or (a.kind == "one" and not hyphen and text[m.end():m.end() + 1] != "-"
                                                              and (m.group("cur") not in self.r.also_measures
                                                                   or _no_noun_after(text, m.end())))):
            cur = ctable[m.group("cur")]
            cur = self.r.shared_currency(m.group("cur"), text) if cur == SHARED else cur
            fig.label, fig.currency, fig.rule = "MONEY", cur, "money_after"
            fig.end = m.end()
            return True
        if (a.kind != "half" or scaled) and not hyphen and subunit_money(text, fig, q, self.r):
            return True  # "85 Cent", "80 Rappen"
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
            if a.kind == "year" or VOR_BEFORE.search(text[max(0, fig.start - 20):fig.start]):
                return False
            if BEFORE_THAT.match(text[m.end():m.end() + 12]):
                return False  # "ein Jahr zuvor" places a date, it is no duration
            fig.label, fig.unit, fig.rule = "DURATION", dtable[m.group("unit")], "duration"
            fig.end = m.end()
            factor = self.r.duration_factors.get(m.group("unit"))
            if factor:  # "fast zwei Jahrzehnten": 20 years
                fig.value, fig.low, fig.high = (None if v is None else v * factor["value"]
                                                for v in (fig.value, fig.low, fig.high))
            return True
        if a.kind == "half" and not scaled:
            return False  # "eine halbe Portion": one half counts nothing we report
        if self.units.measure_at(text, q):
            return False  # 150 Megawatt, 80 GB: a measure, not a count
        times = word_after(text, q - 1 if q > 0 else q) or ""
        if times in self.r.times_words or times[:-1] in self.r.times_words and times.endswith("."):
            unit = self.units.times_unit(text, q, fig.start)
            if unit is not None or scaled:
                fig.unit, fig.rule = unit, "count_times"
                return True
            if not times.endswith("."):  # ("… rund 25.000 Mal." with no verb of counting: a count all the same)
                return False  # "zehn Mal schneller": a factor ("bislang 12 Mal gestartet": 12 launches)
        if a.kind == "one" and not scaled:
            window = text[max(0, fig.start - 25):fig.start]
            if not self.r.one_trigger_re.search(window):
                return False
        for phrase in self.r.qualifier_after:
            if phrase.startswith("(") and text.startswith(phrase, q):
                q = skip_spaces(text, q + len(phrase))
        if self._name_before(text, fig.start) and UP_TO_FOUR_DIGITS.fullmatch(text[a.start:a.end]):
            return False  # Maia 100, Windows 11, Microsoft 365 Copilot
        if a.kind == "year" and word_before(text, fig.start) in self.r.year_context:
            return False  # "seit Ende 2025 Modelle": a date
        if OF_THEM.match(text[q:q + 12]) and a.kind in ("digits", "word"):
            fig.unit, fig.rule = self.units.unit_from_context(text, fig.start), "count_of_them"
            # "auf 200.000 GPUs wachsen, 50.000 davon …"; "… 30.000 Kunden. 3.190 davon …": the count before
            return fig.unit is not None or a.kind == "digits"
        if a.kind in ("digits", "word") and OF_THEM_BEFORE.search(text[max(0, fig.start - 30):fig.start]) \
                and self.units.counted_noun(text, q, hyphen, strict=True) is None:
            # "9000 bis 10'000 Stellen fielen weg, davon rund 3500 in Deutschland"
            fig.unit, fig.rule = self.units.unit_from_context(text, fig.start), "count_elliptic"
            return True
        coordinated = self.units.coordinated_noun(text, fig.end, NUMBER_RE) if a.kind in ("digits", "shorthand") else None
        if coordinated is not None:
            fig.unit, fig.item = coordinated
            fig.rule = "count_coordinated"  # "5B und 8B Parametern"
            return True
        # Counted noun after the number, not across a table's column gap ("2025     Anschlüsse").
        column_gap = COLUMN_GAP.search(text[fig.end:q]) is not None
        found = None if column_gap else self.units.counted_noun(text, q, hyphen, strict=a.kind in ("year", "one"))
        if found is not None:
            unit, item = found
            if a.kind == "year" and (unit is None or (a.value or 0) < 1900 or 1900 <= (a.value or 0) <= 2035 and (a.value or 0) % 50
                                     and not self.r.qualifier_before_re[0].search(text[max(0, fig.start - 30):fig.start])
                                     and word_before(text, fig.start) not in self.r.year_count_context):
                return False  # "hat 2023 Stellen abgebaut": the year ("2000", "2048 GPUs", "rund 2023 Stellen" count)
            if unit is None and (a.kind == "one" or self._capitalised_before(text, fig.start)):
                return False
            if unit is None and a.kind == "digits" and not scaled and self.units.compared(text, fig.start, q):
                fig.rule = "count_compared"  # "774.000 Menschen, nach etwa 750.000 Ende Mai": no noun, a date
                return True
            fig.unit, fig.item, fig.rule = self.units.refined(text, fig.start, unit), item, "count_noun"
            if unit == GENERIC:  # "in zwei Varianten": the unit comes from the context (not people: "1,76 Mio. Stück")
                # (else the one kind of product the article's head names: "Smartphone-Markt …", then
                # "Apple: 80,5 Mio. Einheiten" counts smartphones)
                fig.unit, fig.rule = self.units.unit_from_context(text, fig.start, things=True) \
                    or self.units.head_unit(text) or self.generic.unit(text, fig.start, fig.end), "count_generic"
            return True
        if a.kind == "year" or (a.kind == "one" and not scaled):
            return False
        if self.atoms.in_english(fig.start) and a.kind == "digits":
            # English nouns are lower case ("9,000 heads"); a grouped number stands alone too.
            word = LOWER_WORD.match(text[q:q + 20])
            if (word and word.group(0) not in self.r.english_function_words) or "," in text[a.start:a.end]:
                fig.rule = "count_english"
                return True
        if a.kind == "word" and not scaled and word_before(text, fig.start) in ("auf", "von", "bei"):
            unit = self.units.unit_from_count_context(text, fig.start)
            if unit:  # "Die Zahl der betroffenen Unternehmen ist auf neun gestiegen"
                fig.unit, fig.rule = unit, "count_context"
                return True
        if a.kind == "digits" and not scaled and not self._capitalised_before(text, fig.start):  # not "Colossus 2"
            unit = self.units.unit_from_count_context(text, fig.start)
            if unit:
                fig.unit, fig.rule = unit, "count_context"
                return True
            unit = self.units.unit_from_label(text, fig.start)
            if unit:
                fig.unit, fig.rule = unit, "count_label"
                return True
            if self.units.compared(text, fig.start, q):
                fig.rule = "count_compared"  # "812 Menschen, nach 745 ein Jahr zuvor": the unit of the count before
                return True
            if THOUSANDS.search(text[a.start:a.end]):
                # "rund 29.500 statt bisher etwa 4.500": a number with thousands grouping is a
                # quantity even without its noun (the noun stood earlier in the sentence).
                fig.unit, fig.rule = self.units.unit_from_context(text, fig.start), "count_grouped"
                return True
            m = self.r.qualifier_before_re[0].search(text[max(0, fig.start - 30):fig.start])
            if m and self.r.qualifier_before_re[1].get(m.group("q").lower()) != "exact":
                unit = self.units.unit_from_context(text, fig.start)
                if unit:  # "Stellen abgebaut, zuletzt rund 1500 im Dezember": the noun stood before
                    fig.unit, fig.rule = unit, "count_context"
                    return True
        if scaled or a.kind == "shorthand":
            if self._name_before(text, fig.start) or VERSION_BEFORE.search(text[max(0, fig.start - 8):fig.start]):
                return False  # "Llama 3.1 405B" names a model
            if a.kind == "shorthand" and self.r.shorthand_unit:
                suffix_units = self.r.cfg["units"].get("shorthand_suffix_units") or {}
                unit = suffix_units.get(text[a.end - 1:a.end], self.r.shorthand_unit)
                fig.unit, fig.rule = unit, "count_shorthand"  # "Modelle mit 2B und 4B", "128K"
                return True
            fig.unit, fig.rule = self.units.scaled_unit(text, fig.start), "count_scaled"
            return True
        return False

    def _name_before(self, text: str, start: int) -> bool:
        word = word_before(text, start)
        return word is not None and (word in self.r.name_words or bool(NUMBER_WORD.fullmatch(word)
                                                                      and word_before(text, start - len(word) - 1) in self.r.name_words))

    def _capitalised_before(self, text: str, start: int) -> bool:
        """A capitalised word right before a small bare number makes it part of a name
        (Grok 3 Modell); "im Quartal 13.000 Muster" is a count."""
        if not SMALL_NUMBER.match(text[start:start + 5]):
            return False
        j = start - 1
        if j < 0 or text[j] not in SPACES:
            return False
        word = word_before(text, start)
        if not word or not word[0].isupper():
            return False
        if word in self.r.sentence_openers or sentence_initial(text, start - 1 - len(word)):
            return False
        return not self.r.qualifier_before_re[0].search(text[max(0, start - 30):start])


def _no_noun_after(text: str, pos: int) -> bool:
    """No noun next: "ein Pfund pro Stück", not "ein Pfund Butter"."""
    m = re.match(r"[ \t\u00a0]+(\S)", text[pos:pos + 4])
    return m is None or not m.group(1).isupper()


def scan_figures(text: str, rules: FigureRules, regions: Iterable[tuple[int, int]] = ()) -> list[Figure]:
    return Scanner(rules).scan(text, regions)
