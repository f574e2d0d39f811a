"""Schemas of the figure lexicons: rules/language.yaml and rules/<lang>/segmentation,
numbers, currencies, units, qualifiers, not_figures and boilerplate. Required keys are the
ones the engine reads with `cfg[...]`; optional ones it reads with `.get(...)`."""
from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator, model_validator

from quellenlage.rule_schema.base import (IsoCurrency, Key, Number, PositiveNumber, Qualifier, Rules,
                                          TimeUnit, Word, Words, count, joined, regex)
from quellenlage.rule_schema.examples import FigureExample

LangCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]


# --- rules/language.yaml ---------------------------------------------------------------------
class LanguageExample(Rules):
    text: str
    language: LangCode


class LanguageFile(Rules):
    min_words: Annotated[int, Field(ge=1)] = 8
    margin: PositiveNumber = 1.5
    languages: dict[LangCode, Annotated[list[Word], Field(min_length=1)]]
    examples: list[LanguageExample] = []

    @model_validator(mode="after")
    def _has_own_language(self, info: ValidationInfo) -> "LanguageFile":
        lang = (info.context or {}).get("lang", "de")
        if lang not in self.languages:
            raise ValueError(f"languages has no list for '{lang}', the language of the rules folder; add "
                             f"'{lang}: [...]' with its function words")
        return self

    def summary(self) -> str:
        return count(len(self.languages), "language")


# --- segmentation.yaml -----------------------------------------------------------------------
class SentencesExample(Rules):
    text: str
    sentences: list[str]


class SegmentationFile(Rules):
    abbreviations: Words = []
    may_end_sentence: Words = []
    sentence_openers: Words = []
    ordinal_followers: Words = []
    cardinal_after: Words = Field(default=[], description="Platz, Rang, …: a number with a stop after one of these closes "
                                  "a sentence before a capitalised word ('auf Platz 4. Oppo rutscht ab')")
    examples: list[SentencesExample] = []

    def summary(self) -> str:
        return count(len(self.abbreviations), "abbreviation")


# --- numbers.yaml ----------------------------------------------------------------------------
class Scale(Rules):
    forms: Annotated[list[Word], Field(min_length=1)]
    value: PositiveNumber


class NumberExample(Rules):
    """`value` (null: no number) or `ordinal`; `english: true` reads the text as English."""

    text: str
    value: Number | None = None
    ordinal: int | None = None
    english: bool = False

    @model_validator(mode="after")
    def _one_expectation(self) -> "NumberExample":
        given = {"value", "ordinal"} & self.model_fields_set
        if len(given) != 1:
            raise ValueError("an example gives exactly one of value (null for no number) and ordinal")
        return self


class NumbersFile(Rules):
    scales: Annotated[list[Scale], Field(min_length=1)]
    english_scales: list[Scale] = []
    shorthand: dict[Word, PositiveNumber] = {}
    words: dict[Word, Number | None] = {}
    one_triggers: Words = []
    never_figures: Words = []
    ordinals: dict[Word, Annotated[int, Field(ge=1)]] = {}
    fraction_suffixes: dict[Word, Annotated[float, Field(gt=0, lt=1)]] = Field(
        default={}, description="a fraction glued to a number word: einhalb 0.5 (viereinhalb)")
    half_words: Words = Field(default=[], description="after a form of 'ein' they make one half: halbes")
    capitals_kept: Words = Field(default=[], description="acronyms a line in capitals keeps as written: US, KI")
    minus_words: Words = Field(default=[], description="a sign as a word before a number: minus 13,7 Millionen Euro")
    minus_not_after: Words = Field(default=[], description="no sign after these: plus oder minus 50 Basispunkte")
    signed_level_after: Words = Field(default=[], description="a signed percentage after these is a level below zero, "
                                      "not a change: lag bei minus 4 Prozent")
    examples: list[NumberExample] = []

    def summary(self) -> str:
        return count(sum(len(s.forms) for s in self.scales), "scale word")


# --- currencies.yaml -------------------------------------------------------------------------
class CurrencyForms(Rules):
    after: Words = Field(description="forms after the amount: 5 Mio. Dollar")
    before: Words = Field(description="forms before the amount: $5 Mio.")


class Subunit(Rules):
    currencies: Annotated[list[IsoCurrency], Field(min_length=1)] = Field(
        description="the currencies it is part of; the first is the default")
    factor: Annotated[float, Field(gt=0, lt=1)] = Field(description="0.01: a hundredth")


class CurrenciesFile(Rules):
    currencies: Annotated[dict[IsoCurrency, CurrencyForms], Field(min_length=1)]
    subunits: dict[Word, Subunit] = Field(default={}, description="Cent: {currencies: [EUR, USD], factor: 0.01}")
    shared: dict[Word, Annotated[list[IsoCurrency], Field(min_length=1)]] = Field(
        default={}, description="forms several currencies share: Kronen: [SEK, NOK, DKK] (the one the "
                                "document points to most, else the first)")
    shared_countries: dict[IsoCurrency, Words] = Field(
        default={}, description="words of a shared currency's country, with their endings: SEK: [Schweden, schwedisch]")
    also_measures: Words = Field(default=[], description="currency forms that are also measures: Pfund")
    examples: list[FigureExample] = []

    def summary(self) -> str:
        return count(len(self.currencies), "currency", "currencies")


class CurrencyNamesFile(Rules):
    """Generated from CLDR by scripts/build_currencies.py: German names after an amount."""
    source: str = Field(description="where the names come from (CLDR via Babel <version>)")
    names: Annotated[dict[IsoCurrency, Annotated[Words, Field(min_length=1)]], Field(min_length=1)]
    symbols: dict[IsoCurrency, Words] = Field(default={}, description="symbols that name only this currency "
                                              "(NT$, HK$, ₹), before or after an amount")
    examples: list[FigureExample] = []

    def summary(self) -> str:
        return count(len(self.names), "currency", "currencies") + f" from {self.source}"


class DurationNoun(Rules):
    value: Annotated[float, Field(gt=0)]
    unit: TimeUnit


# --- units.yaml ------------------------------------------------------------------------------
class ComparedCounts(Rules):
    labels: Words = Field(default=[], description="words right before the number that compare alone: Vorjahr:, waren es")
    before: Words = Field(default=[], description="words right before the number that compare with a period after it: nach")
    after: Words = Field(default=[], description="the period after the number: ein Jahr zuvor, im Vorjahr")
    parenthesis: Words = Field(default=[], description="labels opening a figure of before in parentheses before the unit: Vj. (\"1,2 (Vj. 1,1) Mrd. Euro\")")


class GenericFallback(Rules):
    nouns: dict[Key, Words] = Field(default={}, description="a generic noun's own unit: model: [Varianten]")
    cues: dict[Key, Words] = Field(default={}, description="a unit -> words in the sentence or the article's head that name it: copy: [Videospiel*]")
    default: Key | None = Field(default=None, description="the unit of a generic noun nothing names: device")


class UnitsFile(Rules):
    count_units: Annotated[dict[Key, Annotated[list[Word], Field(min_length=1)]], Field(min_length=1)] = Field(
        description="count units: a lower-case English key -> its German nouns")
    person_context: dict[Key, Words] = {}
    noun_phrase_stops: Words = []
    measures: Words = []
    times_words: Words = []
    times_units: dict[Key, Words] = {}
    generic_count_nouns: Words = []
    generic_fallback: GenericFallback | None = Field(
        default=None, description="what a generic noun counts where no word near it and no product in the article's head names it")
    people_units: list[Key] = Field(default=[], description="units that count people: a generic noun (Stück) never takes them")
    shorthand_unit: Key | None = None
    table_caption_words: Words = Field(default_factory=list, description="words opening a table's caption: Angaben (in Prozent), …")
    shorthand_suffix_units: dict[str, Key] = Field(default={}, description="a shorthand's suffix -> its unit: K: token (\"128K\" context)")
    rate_words: Words = []
    count_context: Words = []
    count_compounds: Words = Field(default=[], description="ends of a compound naming what a number counts: zahl (Kundenzahl)")
    refinable_units: list[Key] = Field(default=[], description="units a product named in the sentence makes specific: device")
    staff_units: dict[Key, Key] = Field(default_factory=dict, description="a unit -> the unit it is where a company employs them: "
                                        "developer: employee (\"beschäftigt rund 1000 Entwickler\")")
    staff_words: Words = Field(default=[], description="words before a count in its sentence that make it a company's staff: beschäftigt")
    platform_units: dict[Key, Key] = Field(default_factory=dict, description="a unit -> the unit it is where a platform counts them: "
                                           "member: user (a social network's members are its users)")
    platform_words: Words = Field(default=[], description="words in a count's sentence or the article's head that name a platform: "
                                  "soziale Netzwerk, Community")
    head_units: list[Key] = Field(default=[], description="units the one kind of product the article's head names makes specific: "
                                  "device (\"Weltweiter PC-Markt wächst\": its \"Geräte\" are PCs)")
    context_prepositions: Words = Field(default=[], description="prepositions before a noun that place a count: auf (Luftbildern), in (den Regionen)")
    not_from_context: list[Key] = Field(default=[], description="units only a noun right after the number names: analyst, segment")
    any_goods_words: list[Word] = Field(default=[], description="words counting goods of any kind (\"Auslieferungen\"): before a generic noun the article head names the kind")
    source_tails: Words = Field(default=[], description="ends of words that say who tells (Unternehmensangaben): no counted noun")
    compared_counts: ComparedCounts | None = Field(
        default=None, description="a bare number set against the count before it counts the same: nach 745 ein Jahr zuvor")
    gpu_models: list[regex(prefix="(?:", suffix=")")] = Field(description="regular expressions of GPU model names")
    product_units: dict[Key, list[regex(prefix="(?:", suffix=")")]] = Field(
        default={}, description="a unit -> regular expressions of product names counted as it: console: ['PS\\d']")
    generic_prefixes: Words = Field(description="compound prefixes that are no item: KI, AI, …")
    durations: dict[TimeUnit, Words] = Field(description="units of time: year: [Jahre, Jahren, …]")
    duration_adjectives: dict[TimeUnit, Word] = Field(description="year: jährig, …")
    duration_nouns: dict[Word, "DurationNoun"] = Field(default={}, description="Vierteljahr: {value: 0.25, unit: year}")
    duration_multiples: dict[Word, "DurationNoun"] = Field(
        default={}, description="a unit of time as a multiple of one: Jahrzehnte: {value: 10, unit: year}")
    percent: Words = Field(description="%, Prozent, …")
    percentage_points: Words = Field(description="Prozentpunkte, …")
    rank_before: Words = Field(description="Platz, Rang, Top, …")
    rank_after: Words = Field(description="Platz, Rang, Stelle, …")
    rank_fraction_before: Words = Field(default=[], description="jede, …: before an ordinal, a share, no rank: jede zwölfte Stelle")
    rank_top: Words = []
    header_money: Words = Field(description="table header words for money columns")
    examples: list[FigureExample] = []

    @field_validator("gpu_models")
    @classmethod
    def _gpu_models_together(cls, v: list[str]) -> list[str]:
        joined(v, "{}", prefix="(?:", suffix=")")
        return v

    def summary(self) -> str:
        return count(len(self.count_units), "unit")


# --- qualifiers.yaml -------------------------------------------------------------------------
class QualifiersFile(Rules):
    before: dict[Qualifier, Words] = Field(description="words before a number: approx: [rund, etwa, …]")
    after: dict[Qualifier, Words] = Field(description="words after a number: lower_bound: ['+', …]")
    sentence_estimate: Words = Field(description="phrases that make a sentence's figures estimates")
    range_before: Words = Field(description="words before a range: zwischen, von")
    governing_verbs: Words = Field(default=[], description="verbs whose 'über'/'unter' is a preposition: verfügt über 10.752 GPUs")
    attributions: Words = Field(default=[], description="phrases before a capitalised word whose 'über' stays a qualifier: nach eigenen Angaben über 4 Millionen")
    range_connectors: Words = []  # documented in the file; the engine has its own connectors
    examples: list[FigureExample] = []

    def summary(self) -> str:
        return count(sum(map(len, self.before.values())) + sum(map(len, self.after.values())), "qualifier phrase")


# --- not_figures.yaml ------------------------------------------------------------------------
class NotFiguresFile(Rules):
    name_words: Words = Field(description="words before a number that make it part of a name: Windows, Llama, …")
    year_context: Words = []
    count_context: Words = Field(default=[], description="words before a year-like number and a counted noun that make it a count: auf")
    news_years: list[int] | None = Field(default=None, min_length=2, max_length=2, description="the years news speaks of; a four-digit number outside them right after a capitalised word (not a date word) is part of a title: Cyberpunk 2077")
    old_year_before: Words = Field(default=[], description="beginnings of participles after which a number 1800-1899 is a year: gegründet (\"des 1898 gegründeten Konzerns\")")
    old_year_after: Words = Field(default=[], description="words after which a number 1000-1799 is a year: Gegründet (\"Gegründet 1756\")")
    skip_patterns: list[regex(prefix="(?:", suffix=")")] = Field(description="regular expressions of spans to skip")
    examples: list[FigureExample] = []

    @field_validator("skip_patterns")
    @classmethod
    def _skip_together(cls, v: list[str]) -> list[str]:
        joined(v)
        return v

    def summary(self) -> str:
        return f"{count(len(self.name_words), 'name word')}, {count(len(self.skip_patterns), 'skip pattern')}"


# --- boilerplate.yaml ------------------------------------------------------------------------
class RegionsExample(Rules):
    text: str
    regions: list[str]


class BoilerplateFile(Rules):
    line_patterns: list[regex()] = []
    inline_patterns: list[regex(re.MULTILINE)] = []
    teaser_markers: Words = []
    credit_pattern: regex() | None = None
    sticky_max_words: Annotated[int, Field(ge=0)] = 0
    ad_words: Words = []
    examples: list[RegionsExample] = []

    def summary(self) -> str:
        return count(len(self.line_patterns) + len(self.inline_patterns), "pattern")


__all__ = ["BoilerplateFile", "CurrenciesFile", "LanguageFile", "NotFiguresFile", "NumbersFile", "QualifiersFile",
           "SegmentationFile", "UnitsFile"]
