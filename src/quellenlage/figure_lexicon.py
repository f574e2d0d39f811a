"""The figure lexicons of `rules/<lang>/` compiled into matchers (numbers, currencies, units,
qualifiers, what is no figure). Pure, no spaCy; built once per rule set."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

GENDER_SUFFIX = re.compile(r"[*_:·/]-?in(?:nen)?$")  # gender forms: "Entwickler*innen", "Forscher_innen"

from quellenlage.currency_forms import SharedCurrencies
from quellenlage.normalize.numbers import NumberRules
from quellenlage.patterns import Anchored, Gated, alternation, cue_re, gated, union
from quellenlage.rules import RuleSet
from quellenlage.textutil import LETTER, SPACES


CAPTION_UNIT = r"\s+in\s+(?P<u>Prozent|%|(?:Mio|Mrd|Tsd)\.?\s*[\w€$£]+|[\w€$£]+)"  # after a caption word
SHARED = "?"  # the currency table's mark for a form several currencies share


@dataclass
class FigureRules(SharedCurrencies):
    """The lexicons of rules/<lang>/ compiled into matchers."""

    numbers: NumberRules
    cfg: dict[str, dict] = field(repr=False)

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "FigureRules":
        cfg = {name: rules.get(name) for name in
               ("numbers", "currencies", "currency_names", "units", "qualifiers", "not_figures",
                             "segmentation", "language")}
        return cls(NumberRules.from_config(cfg["numbers"]), cfg)

    @cached_property
    def capitals_kept(self) -> frozenset[str]:
        """Words a line in capitals keeps as written when it is read (`recase_shouting`): the
        rules' acronyms ("US", "KI") and every currency form in capitals ("USD", "CHF")."""
        kept = set(self.cfg["numbers"].get("capitals_kept") or [])
        kept.update(self.cfg["currencies"]["currencies"])
        for c in self.cfg["currencies"]["currencies"].values():
            kept.update(f.rstrip("-") for f in list(c["after"]) + list(c["before"]) if f.rstrip("-").isupper())
        return frozenset(kept)

    # --- scale words, currencies, units -------------------------------------------------
    @cached_property
    def scale_re(self) -> re.Pattern:
        forms = list(self.numbers.scales) + list(self.numbers.english_scales)
        return re.compile(r"(?P<scale>" + alternation(f.rstrip("-") for f in forms) + r")(?!" + LETTER + r")")

    @cached_property
    def currency_after(self) -> tuple[re.Pattern, dict[str, str]]:
        # CLDR's names (generated) first; the hand-kept colloquial forms win where both name one.
        table = {f: iso for iso, names in self.cfg["currency_names"]["names"].items() for f in names}
        table.update(self._currency_symbols)
        table.update({f.rstrip("-"): iso for iso, c in self.cfg["currencies"]["currencies"].items() for f in c["after"]})
        table.update({f: SHARED for f in self.shared_currencies})
        return re.compile(r"(?P<cur>" + alternation(table) + r")(?!" + LETTER + r")"), table

    @cached_property
    def table_caption(self) -> re.Pattern:
        """A table's caption: "(Angaben in Prozent, …)", "Zahlen in Mio. Euro"."""
        words = self.cfg["units"].get("table_caption_words") or ["(?!)"]
        return re.compile(r"(?<![\w-])(?:" + alternation(words) + r")" + CAPTION_UNIT)

    @cached_property
    def _currency_symbols(self) -> dict[str, str]:
        """CLDR's symbols that name one currency ("NT$", "HK$"): before or after an amount."""
        return {f: iso for iso, syms in (self.cfg["currency_names"].get("symbols") or {}).items() for f in syms}

    @cached_property
    def also_measures(self) -> frozenset[str]:
        return frozenset(self.cfg["currencies"].get("also_measures") or [])

    @cached_property
    def subunit_re(self) -> tuple[re.Pattern, dict[str, dict]] | None:
        """ "85 Cent", "80 Rappen": a currency's smaller unit after an amount."""
        table = dict(self.cfg["currencies"].get("subunits") or {})
        if not table:
            return None
        return re.compile(r"(?P<sub>" + alternation(table) + r")(?!" + LETTER + r")"), table

    @cached_property
    def currency_before(self) -> tuple[re.Pattern, dict[str, str]]:
        table = dict(self._currency_symbols)
        table.update({f: iso for iso, c in self.cfg["currencies"]["currencies"].items() for f in c["before"]})
        return re.compile(r"(?:^|(?<=[\s(„\"/]))(?P<cur>" + alternation(table) + r")[" + SPACES + r"]?$"), table

    @cached_property
    def count_units(self) -> list[tuple[str, str]]:
        """(lower-case form, unit), longest form first."""
        pairs = [(f.lower(), unit) for unit, forms in self.cfg["units"]["count_units"].items() for f in forms]
        return sorted(pairs, key=lambda p: -len(p[0]))

    @cached_property
    def count_forms(self) -> frozenset[str]:
        """Every count unit's forms, lower-case ("filialen")."""
        return frozenset(f for f, _ in self.count_units)

    @cached_property
    def person_context(self) -> list[tuple[str, re.Pattern]]:
        return [(unit, cue_re(words)) for unit, words in (self.cfg["units"].get("person_context") or {}).items()]

    @cached_property
    def times_units(self) -> list[tuple[str, re.Pattern]]:
        """ "1,6 Millionen Mal heruntergeladen": the verb after "Mal" names what is counted."""
        return [(unit, cue_re(words)) for unit, words in (self.cfg["units"].get("times_units") or {}).items()]

    @cached_property
    def generic_nouns(self) -> frozenset[str]:
        """Nouns that count pieces of something named elsewhere: "50.000 Exemplare", "GPU-Muster"."""
        return frozenset(w.lower() for w in self.cfg["units"].get("generic_count_nouns") or [])

    @cached_property
    def shorthand_unit(self) -> str | None:
        """What a bare shorthand count ("7B", "405B") counts when no noun follows."""
        return self.cfg["units"].get("shorthand_unit")

    @cached_property
    def rate_words(self) -> frozenset[str]:
        """ "pro Token", "je Nutzer": the noun after these is a rate's basis, not the unit."""
        return frozenset(self.cfg["units"].get("rate_words") or [])

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
    def count_compound_re(self) -> re.Pattern:
        """ "Kundenzahl", "Nutzerzahlen", "Mitarbeiter-Zahl": the noun before the compound's end."""
        ends = self.cfg["units"].get("count_compounds") or ["(?!)"]
        return re.compile(r"(?<![\w-])(?P<noun>[A-ZÄÖÜ]\w{2,}?)-?(?i:" + alternation(ends) + r")(?![\w-])")

    @cached_property
    def count_context_re(self) -> re.Pattern:
        return re.compile(r"(?:" + alternation(self.cfg["units"].get("count_context") or ["(?!)"]) + r")\s+")

    @cached_property
    def measures(self) -> frozenset[str]:
        return frozenset(self.cfg["units"].get("measures") or [])

    @cached_property
    def gpu_model_re(self) -> re.Pattern:
        return re.compile(r"(?:" + "|".join(self.cfg["units"]["gpu_models"]) + r")")

    @cached_property
    def _product_res(self) -> list[tuple[str, re.Pattern]]:
        return [(unit, re.compile(r"(?:" + "|".join(forms) + r")", re.IGNORECASE))
                for unit, forms in (self.cfg["units"].get("product_units") or {}).items()]

    def product_unit(self, words: str) -> str | None:
        """The unit a product's name counts ("PlayStation 5" consoles, "Model Y" vehicles), for
        the whole name or a part of a compound ("PS5-Absatz")."""
        for cand in (words, *words.split("-")):
            for unit, rx in self._product_res:
                if rx.fullmatch(cand):
                    return unit
        return None

    @cached_property
    def staff(self) -> tuple[dict[str, str], re.Pattern, dict[str, str], re.Pattern]:
        """(unit -> staff unit, words that make a count a company's staff: "beschäftigt rund 1000 Entwickler";
        unit -> platform unit, words that name a platform: "Das soziale Netzwerk zählt 1 Mio. Mitglieder")."""
        u = self.cfg["units"]
        return (dict(u.get("staff_units") or {}), cue_re(u.get("staff_words") or ["(?!)"]),
                dict(u.get("platform_units") or {}), cue_re(u.get("platform_words") or ["(?!)"]))

    @cached_property
    def refinable_units(self) -> frozenset[str]:
        """Units a product named in the sentence makes specific ("Geräte" of the Switch: consoles)."""
        return frozenset(self.cfg["units"].get("refinable_units") or [])

    @cached_property
    def head_units(self) -> frozenset[str]:
        """Units the one kind of product the article's head names makes specific ("PC-Markt": PCs)."""
        return frozenset(self.cfg["units"].get("head_units") or [])

    @cached_property
    def context_prepositions(self) -> frozenset[str]:
        """Prepositions before a noun that place a count ("auf Luftbildern"): it names no unit."""
        return frozenset(w.lower() for w in self.cfg["units"].get("context_prepositions") or [])

    @cached_property
    def generic_prefixes(self) -> frozenset[str]:
        return frozenset(p.lower() for p in self.cfg["units"]["generic_prefixes"])

    @cached_property
    def duration_re(self) -> tuple[re.Pattern, dict[str, str]]:
        table = {f: unit for unit, forms in self.cfg["units"]["durations"].items() for f in forms}
        table.update({f: spec["unit"] for f, spec in self.duration_factors.items()})
        return re.compile(r"(?P<unit>" + alternation(table) + r")(?!" + LETTER + r")"), table

    @cached_property
    def duration_factors(self) -> dict[str, dict]:
        """ "zwei Jahrzehnte": forms that are a multiple of a unit of time -> {value, unit}."""
        return dict(self.cfg["units"].get("duration_multiples") or {})

    @cached_property
    def duration_adjective_re(self) -> tuple[re.Pattern, dict[str, str]]:
        table = {stem: unit for unit, stem in self.cfg["units"]["duration_adjectives"].items()}
        rx = re.compile(r"(?<![\w-])(?P<n>\d+-?|" + LETTER + r"+?)(?P<stem>" + alternation(table)
                        + r")(?:e|en|er|es|em)?(?![\w-])", re.IGNORECASE)
        return Anchored(rx, re.compile(alternation(table), re.IGNORECASE)), table

    @cached_property
    def duration_noun_re(self) -> tuple[re.Pattern, dict[str, dict]] | None:
        table = {noun.lower(): spec for noun, spec in (self.cfg["units"].get("duration_nouns") or {}).items()}
        if not table:
            return None
        return gated(r"(?<![\w-])(?:ein|eine|einen|einem|einer|eines)\s+(?P<noun>" + alternation(table)
                     + r")(?:es|s|en|n)?(?![\w-])", re.IGNORECASE), table

    @cached_property
    def percent_re(self) -> re.Pattern:
        u = self.cfg["units"]
        return re.compile(r"(?:(?P<pp>" + alternation(u["percentage_points"]) + r")|(?P<pct>"
                          + alternation(u["percent"]) + r"))(?!" + LETTER + r")")

    @cached_property
    def fraction_before(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg["units"].get("rank_fraction_before") or [])

    @cached_property
    def rank_res(self) -> tuple[re.Pattern, re.Pattern]:
        u = self.cfg["units"]
        before = gated(r"(?<![\w-])(?P<w>" + alternation(u["rank_before"]) + r")(?:[" + SPACES
                            + r"]+|-)(?P<n>\d{1,4}|" + LETTER + r"+)(?![\w.,]\d|\w)")
        after = Anchored(re.compile(r"(?<![\w-])(?P<o>\d{1,3}\.|" + LETTER + r"+)[" + SPACES + r"]+(?P<w>"
                                    + alternation(u["rank_after"]) + r")(?!" + LETTER + r")"),
                         re.compile(alternation(u["rank_after"])), words=1)
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
    def inner_number_re(self) -> re.Pattern:
        """A number with its qualifier inside a partitive: "der [rund] 6.000 Sendestationen"."""
        words = alternation(self.qualifier_before_re[1])
        return re.compile(r"(?:(?:" + words + r")[" + SPACES + r"]+)?\d[\d.'’,]*(?=[" + SPACES + r"])", re.IGNORECASE)

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
    def old_year_before(self) -> tuple[str, ...]:
        """Beginnings of participles after which a number 1800-1899 is a year ("des 1898 gegründeten")."""
        return tuple(self.cfg["not_figures"].get("old_year_before") or ())

    @cached_property
    def source_tails(self) -> tuple[str, ...]:
        """Ends of words that say who tells ("nach Unternehmensangaben"): no counted noun."""
        return tuple(w.lower() for w in self.cfg["units"].get("source_tails") or ())

    @cached_property
    def not_from_context(self) -> frozenset[str]:
        """Units a noun earlier in the sentence never names (analysts, segments)."""
        return frozenset(self.cfg["units"].get("not_from_context") or [])

    @cached_property
    def any_goods_words(self) -> frozenset[str]:
        """Words that count goods of any kind ("Auslieferungen"): no kind for a generic noun after them."""
        return frozenset(w.lower() for w in self.cfg["units"].get("any_goods_words") or [])

    @cached_property
    def compared_count_res(self) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
        """(labels, before, after) of `compared_counts`: "(Vorjahr: 745)", "nach 745 ein Jahr zuvor"."""
        cfg = self.cfg["units"].get("compared_counts") or {}

        def alt(key: str) -> str:
            return alternation(cfg[key]) if cfg.get(key) else "(?!)"
        end = r")[" + SPACES + r"]*$"
        return (re.compile(r"(?<![\w-])(?:" + alt("labels") + end), re.compile(r"(?<![\w-])(?:" + alt("before") + end),
                re.compile(r"(?:" + alt("after") + r")(?![\w-])"))

    @cached_property
    def people_units(self) -> frozenset[str]:  # units that count people: "Stück" never counts them
        return frozenset(self.cfg["units"].get("people_units") or [])

    @cached_property
    def year_count_context(self) -> frozenset[str]:
        return frozenset(self.cfg["not_figures"].get("count_context") or [])

    @cached_property
    def skip_re(self) -> Gated:
        return union(self.cfg["not_figures"]["skip_patterns"])

    @cached_property
    def ordinal_followers(self) -> frozenset[str]:
        return frozenset(self.cfg["segmentation"].get("ordinal_followers") or [])

    @cached_property
    def governing_verbs(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg["qualifiers"].get("governing_verbs") or [])

    @cached_property
    def attribution_end(self) -> re.Pattern:
        """ "nach eigenen Angaben" right before "über": an attribution, the über a qualifier."""
        words = self.cfg["qualifiers"].get("attributions") or ["(?!)"]
        return re.compile(r"(?<![\w-])(?:" + alternation(words) + r")\s+$", re.IGNORECASE)

    @cached_property
    def sentence_openers(self) -> frozenset[str]:
        return frozenset(self.cfg["segmentation"].get("sentence_openers") or [])

    @cached_property  # --- lookups ---
    def _unit_forms(self) -> dict[str, str]:
        """lower-case form -> unit (the first listed unit wins for a form listed twice)."""
        out: dict[str, str] = {}
        for form, unit in sorted(self.count_units, key=lambda p: -len(p[0])):
            out.setdefault(GENDER_SUFFIX.sub("", form), unit)  # "Kund:innen" is looked up as "kund"
        return out

    @cached_property
    def _longest_form(self) -> int:  # no ending or beginning longer than the longest form is one (a word of 5,000 letters costs no more)
        return max(map(len, self._unit_forms), default=0)

    @cached_property
    def unit_phrases(self) -> dict[str, list[tuple[str, str]]]:
        """first word (lower case) -> (phrase, unit) of the forms of several words, longest first
        ("Unternehmen als Kunden": customers, where "Unternehmen" alone counts companies)."""
        out: dict[str, list[tuple[str, str]]] = {}
        for form, unit in sorted(self.count_units, key=lambda p: -len(p[0])):
            if " " in form:
                out.setdefault(form.split(" ")[0].lower(), []).append((form.lower(), unit))
        return out

    def unit_of(self, token: str, prefix_ok: bool = False) -> str | None:
        """The count unit a noun names: whole form, compound head, or (backwards) prefix (dict look-ups: cost of the word, not of the lexicon)."""
        forms = self._unit_forms
        raw = token.lower().rstrip(".")
        low = GENDER_SUFFIX.sub("", raw)  # "Entwickler*innen": "Entwickler"
        head = low.rsplit("-", 1)[-1]
        for cand in (low, head):
            if cand in forms:
                if cand == head and head != low and forms[cand] in self.refinable_units | {"vehicle"}:
                    # "PS5-Auslieferungen", "Switch-Geräte": what the product before the head counts
                    product = self.product_unit(token.rsplit("-", 1)[0])
                    if product is not None:
                        return product
                return forms[cand]
        if low != raw:  # "Abonnent:innen": the stem without its plural, "Abonnenten"
            for ending in ("en", "n", "e"):
                if low + ending in forms:
                    return forms[low + ending]
        for i in range(max(3, len(low) - self._longest_form), len(low) - 4):  # "sprachmodelle": the longest known ending of 5+ letters after 3+ ("Urteile" is no "Teile")
            unit = forms.get(low[i:])
            if unit is not None:
                return unit
        if prefix_ok:
            for i in range(min(len(low), self._longest_form), 4, -1):  # "nutzerzahl": the longest known beginning
                unit = forms.get(low[:i])
                if unit is not None:
                    return unit
        return None
