"""What a COUNT counts: its unit (`gpu`, `parameter`, `user`, …) and item (`Nvidia H100`).

SPEC §8 scores the unit in full match, and properties depend on it (a parameter count is
not a GPU count). The unit comes, in this order, from

1. the counted noun after the number, past adjectives, product names and a parenthesis
   (`100.000 Nvidia-H100-GPUs`, `100.000 (gebrauchte) GPUs`), or after a coordinated second
   number (`5B und 8B Parametern`);
2. a generic noun's compound part or complement (`13.000 GPU-Muster`, `50.000 Exemplare des
   H200`); a verb after `Mal` (`1,6 Millionen Mal heruntergeladen`);
3. a phrase naming the count earlier in the sentence (`die Zahl der Stellen auf 250.000`),
   skipping a rate's basis (`pro Token`);
4. a table's column or row header;
5. ellipsis: the unit of the nearest count before it in the same or one of the two previous
   sentences (`… 3 Millionen Mobilfunkkunden. Bei Swisscom sind es 6,1 Millionen.`).

"Menschen" are users, employees or jobs as the clause says (`person_context`). Every
lexicon is in `rules/<lang>/units.yaml`. Pure, no spaCy.
"""
from __future__ import annotations

import re
from quellenlage.count_ellipsis import carry_units
from quellenlage.figure import Figure
from quellenlage.atoms import NUMWORD_RE
from quellenlage.figure_lexicon import FigureRules
from quellenlage.figure_words import times_unit
from quellenlage.normalize.numbers import parse_number_word
from quellenlage.textutil import ARTICLE_WORDS, PART_OF_WHOLE, SPACES, TOP_GROUP, WHOLE_ADVERBS, line_start, sentence_end, sentence_start, skip_spaces

# "- Unterstützte Sprachen: 32": a list row or line whose label ends in the counted noun
UNIT_LABEL = re.compile(r"[ \t]*(?:[-–•*][ \t]+)?(?:[^\W\d_][\w-]*[ \t]+){0,3}(?P<noun>[^\W\d_][\w-]*(?:[:*_]innen)?):[ \t]*")  # "Kund:innen: 10.000"
# "- Kunden mit mehr als 1 Mio. Dollar Umsatz: 542": a longer label that opens with the counted noun
UNIT_LABEL_FIRST = re.compile(r"[ \t]*(?:[-–•*][ \t]+)?(?P<noun>[^\W\d_][\w-]*(?:[:*_]innen)?)[ \t][^:\n]{1,100}:[ \t]*")

# Words that may stand between a number and its noun (adjectives, adverbs of frequency).
ADJ_ENDINGS = ("e", "en", "er", "es", "em", "lich", "ig", "iv", "ive", "iven", "iver")
FREQUENCY_WORDS = ("wöchentlich", "monatlich", "täglich")
ADJ_AFTER_COMMA = re.compile(r",[ \t][a-zäöüß]{1,40}(?:%s)\b" % "|".join(ADJ_ENDINGS))  # the next of adjectives in a row
ELLIPSIS_AFTER = re.compile(r"(?:\s*,\s*|\s+(?:und|oder|sowie|bzw\.)\s+"
                            # "20 Mio. Mobilfunk- und rund 5,6 Mio. Festnetzanschlüsse": past the second number
                            r"(?:(?:[^\W\d]+\s+){0,2}\d[\d.,]*\s*(?:Millionen|Milliarden|Mio\.|Mrd\.|Tsd\.)?\s+"
                            # "vier Performance- und sechs Effizienzkerne": past a number word (or words) in lower case
                            r"|(?:[a-zäöüß]+\s+){1,2})?)(?=[A-ZÄÖÜ])")
MAX_TOKEN = 100  # characters: a longer run without spaces ("2024-01-012024-01-02…", a hash) is no noun, and is not read on
TOKEN_RE = re.compile(r"[^\s,;:!?()\[\]„“”\"»«/|]{1,%d}(?::innen(?![\w-]))?" % (MAX_TOKEN + 1))  # (with a gender colon: "Abonnent:innen")
MEASURE_WORD = re.compile(r"[^\s,;:!?()]+")
GENERIC = "?"  # a generic noun ("Exemplare"): the unit comes from the context
# Counts that name no noun of their own may take the unit of an earlier count.
ELLIPTIC_RULES = frozenset({"count_scaled", "count_grouped", "count_english", "count_elliptic", "count_generic", "count_coordinated"})
WIDE_REACH = 1500  # characters a grouped count without a noun looks back for the unit last counted
CONTEXT_RULES = frozenset({"count_scaled", "count_grouped", "count_context", "count_elliptic", "count_of_them"})
COORDINATED_ADJECTIVE = re.compile(r"(?:[ \u00a0]+[a-zäöüß][\w-]*?(?:e|en|er|es|em)(?=[ \u00a0]+(?:und|oder|sowie)\s)){1}")


def _capital_at(text: str, i: int) -> bool:
    return text[i:i + 1].isupper()


HEAD = 400  # characters: the title and lead, where an article names what it is about


class CountUnits:
    """Unit finding over one text; `FigureRules` holds the lexicons."""

    def __init__(self, rules: FigureRules):
        self.r = rules

    # --- 1, 2: the noun after the number -----------------------------------------------
    def counted_noun(self, text: str, pos: int, hyphen: bool, strict: bool) -> tuple[str | None, str | None] | None:
        """(unit, item) of the noun phrase at pos; unit None for a noun the lexicon lacks,
        GENERIC for a generic noun without a unit in reach; None when no noun follows."""
        item_parts: list[str] = []
        tentative: tuple[str, str] | None = None
        first_noun: str | None = None
        adjectives, last_adjective = 0, -2
        p = pos
        for n in range(7):
            if text.startswith("(", p):
                close = text.find(")", p, p + 40)
                if close < 0:
                    break
                p = skip_spaces(text, close + 1)  # "100.000 (gebrauchte) GPUs"
                continue
            m = TOKEN_RE.match(text, p)
            if not m or m.end() - m.start() > MAX_TOKEN:
                break
            tok = m.group(0)
            if tok.endswith("-") and (len(tok) > 2 or tok[:1].isupper()):  # ("8 P- und 8 E-Cores")
                ell = ELLIPSIS_AFTER.match(text, p + len(tok))
                if ell:  # "Elektro- und Hybridfahrzeuge": the noun after the coordination
                    p = ell.end()
                    continue
            stop_after = tok.endswith(".") and not re.fullmatch(r"\w{1,4}\.", tok)
            tok = tok.rstrip(".")
            if not tok:
                break
            if hyphen and n == 0:
                # 100.000-GPU-Cluster: the first part of the compound is what is counted;
                # "200-mm-Wafer" measures the wafer, it counts nothing.
                if tok.split("-")[0] in self.r.measures:
                    return None
                for part in tok.split("-"):
                    unit = self.r.unit_of(part) or ("gpu" if self.r.gpu_model_re.fullmatch(part) else None)
                    if unit:
                        return unit, None
                return None
            low = tok.lower()
            if n == 0 and low in ("der", "von") and not strict:
                p = skip_spaces(text, p + m.end() - m.start())
                # partitive: "16.000 der leistungsfähigeren H100", "4.000 der rund 6.000 Sendestationen"
                inner = self.r.inner_number_re.match(text, p) or NUMWORD_RE.match(text, p)
                if inner and (inner.re is not NUMWORD_RE or parse_number_word(inner.group(0), self.r.numbers)):
                    p = skip_spaces(text, inner.end())  # "sieben der zehn schnellsten Systeme"
                elif low == "von" and text[p:p + 1].isupper():
                    return None  # "1874 von Philipp Mühsam gegründet": by someone, no part of a whole ("drei von zehn")
                continue
            unit = self.r.unit_of(tok)
            if unit is not None and tok[0].islower() and low.endswith(ADJ_ENDINGS) \
                    and _capital_at(text, skip_spaces(text, p + len(m.group(0)))):
                unit = None  # "1.500 betroffenen Unternehmen": an adjective before its noun
            phrase = next((u for f, u in self.r.unit_phrases.get(low, ()) if text[p:p + len(f)].lower() == f), None)
            unit = phrase or unit  # "10.000 Unternehmen als Kunden": customers
            if unit is not None:
                head_parts = tok.split("-")
                prefix = [p_ for p_ in head_parts[:-1] if p_.lower() not in self.r.generic_prefixes]
                item = " ".join(item_parts + prefix) or None
                if tentative and not item:
                    item = tentative[1]
                return unit, item
            if low.split("-")[-1] in self.r.generic_nouns or self._generic_head(low):
                return self._generic(text, tok, p + len(m.group(0)), item_parts, tentative)
            if self.r.gpu_model_re.fullmatch(tok):
                item_parts.append(tok)
                tentative = ("gpu", " ".join(item_parts))
            elif low in ("und", "oder", "sowie") and adjectives == 1 and last_adjective == n - 1:
                pass  # "3.400 direkte und indirekte Arbeitsplätze": coordinated adjectives before the noun
            elif low in self.r.noun_phrase_stops:
                break
            elif tok[0].islower():
                if first_noun is not None and not low.endswith("er"):
                    # a verb after the noun: "Drei Manager verkauften Aktien" counts no shares (a genitive
                    # adjective goes on: "ein Dutzend großer Sprachmodelle")
                    break
                adjectives += low not in FREQUENCY_WORDS  # ("187 Millionen monetarisierbare täglich aktive Nutzer")
                last_adjective = n
                if adjectives > 2 or not (low.endswith(ADJ_ENDINGS) or low in FREQUENCY_WORDS):
                    break
            elif tok[0].isupper() or any(ch.isdigit() for ch in tok):
                if first_noun is None:
                    first_noun = tok
                item_parts.append(tok)
            else:
                break
            if stop_after:
                break
            q = p + m.end() - m.start()
            if text[q:q + 1] == "," and last_adjective == n and ADJ_AFTER_COMMA.match(text, q):
                p = skip_spaces(text, q + 1)  # "237,8 Mio. täglich aktive, monetarisierbare Nutzer": adjectives in a row
                continue
            if text[q:q + 1] not in SPACES or text[q:q + 1] == "":
                break
            p = skip_spaces(text, q)
            if p - q >= 3 or "\t" in text[q:p]:
                break  # a table's column gap
        if tentative:
            return tentative
        if item_parts and (unit := self.r.product_unit(" ".join(item_parts))):
            return unit, " ".join(item_parts)  # "2,8 Millionen PlayStation 5"
        if first_noun is not None and not strict and first_noun[0].isupper() and first_noun.replace("-", "").isalpha() \
                and first_noun not in self.r.ordinal_followers:
            return None, None
        return None

    def _generic_head(self, low: str) -> bool:
        return any(low.endswith(g) and len(g) >= 6 for g in self.r.generic_nouns)

    def _generic(self, text: str, tok: str, end: int, item_parts: list[str],
                 tentative: tuple[str, str] | None) -> tuple[str | None, str | None]:
        """ "GPU-Muster", "H100-Äquivalente": a compound part names the unit; "Exemplare des
        Nachfolgers H200", "Muster der neuen Chips": the complement does; else the context."""
        parts = tok.split("-")[:-1]
        for part in parts:
            if self.r.gpu_model_re.fullmatch(part):
                return "gpu", part
            unit = self.r.unit_of(part)
            if unit:
                return unit, None
        if tentative:
            return tentative
        m = re.match(r"\s+(?:der|des|von|vom|aus der|aus dem)\s+", text[end:end + 20])
        if m:
            for word in text[end + m.end():end + m.end() + 60].split()[:4]:
                word = word.strip(".,;:!?()")
                if self.r.gpu_model_re.fullmatch(word):
                    return "gpu", word
                unit = self.r.unit_of(word)
                if unit:
                    return unit, None
        return GENERIC, " ".join(item_parts) or None

    def coordinated_noun(self, text: str, pos: int, number_re: re.Pattern) -> tuple[str | None, str | None] | None:
        """ "5B und 8B Parametern", "die 3 oder 4 GPUs", "mehr als 100 geostationäre und 26 MEO-Satelliten",
        "mit 8 Milliarden und mit 70 Milliarden Parametern", "um rund 400 auf 17.508 Vollzeitstellen":
        the noun after the second number (past an adjective of the first)."""
        adj = COORDINATED_ADJECTIVE.match(text, pos, pos + 60)
        pos = adj.end() if adj else pos
        # (a part of a whole: "mehr als 8000 der weltweit rund 108.000 Stellen", "drei von zehn Nutzern")
        m = re.match(r"[" + SPACES + r"]*(?:und|oder|sowie|bzw\.|beziehungsweise|bis|auf|(?P<of>" + PART_OF_WHOLE + r"|von))[" + SPACES + r"]+"
                     r"(?:(?:mit|auf|bei)[" + SPACES + r"]+)?", text[pos:pos + 40])
        of = bool(m and m.group("of"))
        if of:  # (the whole's own words: "der weltweit rund 108.000")
            m = re.match(re.escape(m.group(0)) + r"(?:(?:" + WHOLE_ADVERBS + r"|rund|etwa|gut|knapp|fast|über)["
                         + SPACES + r"]+){0,2}", text[pos:pos + 60])
        if not m:
            return None
        q = pos + m.end()
        n = number_re.match(text, q) or self.r.inner_number_re.match(text, q)  # (with its qualifier: "von 80 auf rund 150 Leute")
        if not n:
            return None
        q = n.end()
        if of and TOP_GROUP.match(text, q):
            return None  # "fünf der zehn schnellsten Rechner": a share of a ranking, no count of them
        suffix = re.match(r"[^\W\d_]{1,3}(?![\w-])", text[q:q + 4])
        if suffix and suffix.group(0) in self.r.numbers.shorthand:
            q += suffix.end()  # "8B"
        q = skip_spaces(text, q)
        scale = self.r.scale_re.match(text, q)
        if scale:
            q = skip_spaces(text, scale.end())
        found = self.counted_noun(text, q, False, strict=True)
        if found and adj:
            found = (found[0], None)  # (the second's item is not the first's: "26 MEO-Satelliten")
        return found if found and found[0] not in (None, GENERIC) else None

    def times_unit(self, text: str, pos: int, start: int | None = None) -> str | None:
        return times_unit(text, pos, start, self.r.times_units)

    # --- 3: the sentence before the number ---------------------------------------------
    def scaled_unit(self, text: str, start: int) -> str | None:
        """A scaled number without a noun ("auf rund 15 Millionen"): what "Zahl der" names before
        the nearest noun ("die Zahl der Nutzer beziffert das Unternehmen auf rund 15 Millionen"),
        unless a clause of its own names another ("Die Zahl der Nutzer stieg auf 574 Millionen,
        die der zahlenden Abonnenten auf 226 Millionen"); else a noun earlier in the sentence."""
        counted = self.unit_from_count_context(text, start)
        comma = text.rfind(",", max(0, start - 200), start) if counted else -1
        own = self.unit_from_context(text, start, floor=comma + 1) if comma >= 0 else None
        return own or counted or self.unit_from_context(text, start)

    def unit_from_count_context(self, text: str, start: int) -> str | None:
        """ "die Zahl der neuen Stellen auf 250.000": the noun after "Zahl der" names the unit."""
        s = self._reach(text, start)
        m = self.r.count_context_re.search(text[s:start])
        if not m:
            # "Die Kundenzahl stieg auf 542": a compound of the counted noun and "zahl"
            for c in self.r.count_compound_re.finditer(text, s, start):
                unit = self.r.unit_of(c.group("noun"), prefix_ok=True)
                if unit:
                    return unit
            return None
        words = re.findall(r"[\w-]+", text[s + m.end():start])[:8]
        for k, w in enumerate(words):
            if w[0].isupper() or w.rsplit("-", 1)[-1][:1].isupper():  # ("waipu.tv-Abonnenten": a name before the noun)
                unit = self.r.unit_of(w)
                if unit or k < 2 or words[k - 1].lower() not in ARTICLE_WORDS:
                    return unit
                # "die Zahl der von der Kampagne betroffenen Unternehmen": past a phrase inside it
        return None

    def unit_from_label(self, text: str, start: int) -> str | None:
        """ "- Unterstützte Sprachen: 32": the unit the label of the figure's line ends in."""
        ls = line_start(text, start, 80)
        m = UNIT_LABEL.fullmatch(text, ls, start) if ls >= 0 else None
        unit = (self.r.unit_of(m.group("noun")) or self.r.product_unit(m.group("noun"))) if m else None
        first = UNIT_LABEL_FIRST.fullmatch(text, ls, start) if ls >= 0 and not unit else None
        return self.r.unit_of(first.group("noun")) if first else unit

    def unit_from_context(self, text: str, start: int, things: bool = False, floor: int = 0) -> str | None:
        """A unit named earlier in the sentence (after `floor`): "Die Zahl der Nutzer stieg auf
        400 Millionen"; not the basis of a rate ("pro Token nur 37 Milliarden")."""
        s = max(self._reach(text, start), floor)
        words = re.findall(r"[\w-]+", text[s:start])[-12:]
        places = self.r.context_prepositions
        for k in range(len(words) - 1, -1, -1):
            w = words[k]
            if k and (words[k - 1].lower() in places or k > 1 and words[k - 1].lower() in ARTICLE_WORDS
                      and words[k - 2].lower() in places):
                continue  # "zählten auf Luftbildern knapp 20 davon": where they were counted, not what
            if w.lower().endswith(self.r.source_tails):
                continue  # "In Dortmund sind es nach Unternehmensangaben rund 1.600": who tells, not what
            if w[0].isupper() and not (k and words[k - 1].lower() in self.r.rate_words):
                noun = self.r.unit_of(w, prefix_ok=True)
                unit = noun or self.r.product_unit(w)
                if unit and not noun:  # "768 Shader-Einheiten, die PS4 kommt auf 1.152": a count before names the unit, the product who has them
                    unit = next((u for j in range(k - 1, 0, -1) if words[j - 1][:1].isdigit() and (u := self.r.unit_of(words[j], prefix_ok=True))), unit)
                if unit in self.r.not_from_context:
                    continue
                if unit and things and w.lower() in self.r.any_goods_words:
                    return self.head_unit(text) or unit  # "Auslieferungen auf 13,4 Mio. Stück" in a PC article: PCs
                if unit and not (things and unit in self.r.people_units):  # "1,76 Mio. Stück" after "für Nutzer"
                    return unit
        return None

    def refined(self, text: str, start: int, unit: str | None) -> str | None:
        """A generic unit the sentence's product makes specific: "Von der Switch setzte Nintendo
        10,8 Millionen Geräte ab" counts consoles (rules: `refinable_units`, `product_units`)."""
        staff, staff_words, platform, platform_words = self.r.staff
        if unit in staff and staff_words.search(text, sentence_start(text, start), sentence_end(text, start)):
            return staff[unit]  # "Es beschäftigt rund 1000 Entwickler", "will 300 Entwickler einstellen": its employees
        if unit in platform and (platform_words.search(text, sentence_start(text, start), sentence_end(text, start))
                                 or platform_words.search(text, 0, HEAD)):
            return platform[unit]  # "Das soziale Netzwerk zählt eine Million Mitglieder": its users
        if unit not in self.r.refinable_units:
            return unit
        s = sentence_start(text, start)
        e = sentence_end(text, start)  # (not the dot of "25.000 Nvidia-Chips vom Typ A100")
        # every capitalised word with the word or number after it ("Die Ariane 5": "Ariane 5" too)
        for m in re.finditer(r"(?<![\w-])(?=([A-ZÄÖÜ][\w-]*(?:[ \u00a0](?:\d+|[A-ZÄÖÜ][\w-]*))?))", text[s:e]):
            found = self.r.product_unit(m.group(1)) or self.r.product_unit(m.group(1).split()[0])
            if found:
                return found
        # else the one kind of product the article's head names ("Weltweiter PC-Markt wächst …": "Lenovo
        # lieferte rund 17 Millionen Geräte aus" counts PCs)
        head = self.head_unit(text) if unit in self.r.head_units else None
        return head if head is not None else unit

    def head_unit(self, text: str) -> str | None:
        """The one kind of product the article's head names ("Weltweiter PC-Markt wächst"), else None."""
        cached = self.__dict__.get("_head")
        if cached is not None and cached[0] is text:
            return cached[1]
        found = {self.r.product_unit(m.group(0)) for m in re.finditer(r"(?<![\w-])[A-ZÄÖÜ][\w-]*", text[:HEAD])} - {None}
        unit = found.pop() if len(found) == 1 else None
        self.__dict__["_head"] = (text, unit)
        return unit

    def _reach(self, text: str, start: int) -> int:
        """The sentence start before `start`, not across a table cell or a line."""
        s = sentence_start(text, start)
        bar = max(text.rfind("|", s, start), text.rfind("\n", s, start))
        return bar + 1 if bar >= 0 else s

    def person_unit(self, text: str, fig: Figure) -> str:
        """ "500 Millionen Menschen nutzen ChatGPT" are users, "rund 5500 Menschen" a company
        employs are employees, "2.000 Menschen sollen dort arbeiten" are jobs: the words of the
        figure's clause decide, else those of its sentence."""
        s = sentence_start(text, fig.start)
        e = sentence_end(text, fig.end)
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

    # --- 4: table headers ---------------------------------------------------------------
    def header_unit(self, header: str) -> str | None:
        words = re.findall(r"[\w-]+", header)
        for k, w in enumerate(words):
            if k and words[k - 1].lower() in self.r.rate_words:
                continue  # "aktiv pro Token" counts parameters, not tokens
            unit = self.r.unit_of(w)
            if unit:
                return unit
        return None

    def measure_at(self, text: str, pos: int) -> bool:
        """Is the word at pos a physical measure's unit (150 Megawatt, 80 GB): a quantity, no count?"""
        m = MEASURE_WORD.match(text[pos:pos + 30])
        if not m:
            return False
        word = m.group(0)
        # "Nanometern", "Megawatts": German inflection on the unit word.
        return any(w in self.r.measures for w in (word, word.rstrip("."), word[:-1], word[:-2]))

    def compared(self, text: str, start: int, after: int) -> bool:
        """A bare number set against a count before it: "(Vorjahr: 745)", "nach 745 ein Jahr zuvor"."""
        labels, before, period = self.r.compared_count_res
        window = text[max(0, start - 40):start]
        qualifier = self.r.qualifier_before_re[0].search(window)
        if qualifier:
            window = window[:qualifier.start()]  # "nach etwa 750.000"
        return bool(labels.search(window) or YEAR_LABEL.search(window) or before.search(window) and period.match(text, after))

    # --- 5: ellipsis --------------------------------------------------------------------
    def carry(self, text: str, figures: list[Figure]) -> None:
        """A count with no noun of its own takes the unit of a count before it (count_ellipsis)."""
        carry_units(text, figures, ELLIPTIC_RULES, WIDE_REACH)


# "(31. Dezember 2022: 10.754)", "(2022: 745)": an earlier year's value in parentheses
YEAR_LABEL = re.compile(r"\([^()\n]{0,25}(?:19|20)\d\d[ \t]*:[ \t]*$")
