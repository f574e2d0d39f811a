"""Schema of rules/<lang>/frames.yaml (frame_rules.py, frames.py, period_resolver.py). Cue lists
use the cue syntax (`*` for the rest of a compound); `patterns`, `hearsay`,
`conditional_sentence` and `rounds` are regular expressions."""
from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator

from quellenlage.rule_schema.base import Aspect, IsoPartialDate, Key, Measure, Rules, Word, Words, count, joined, regex

Cues = dict[Key, Words]


class AspectCues(Rules):
    clause: dict[Aspect, Words] = Field(description="aspect -> cues for the whole clause: forecast: [erwartet, …]")
    subordinators: Words = []
    conditional_sentence: list[regex()] = []
    patterns: dict[Aspect, list[regex(re.IGNORECASE)]] = {}
    actual: Words = Field(description="verbs that report what happened: lag, stieg, …")
    so_far: Words = Field(default=[], description="words of a sentence that looks back (bereits, bislang): a figure for a period still running is reached so far, not forecast")
    govern: dict[Aspect, Words] = Field(description="aspect -> nouns governing the figure after them")
    estimators: Words = Field(description="words that make an expectation someone else's: Analyst*, …")
    polls: Words = []
    comparison: Words = Field(description="phrases comparing with an expectation: als erwartet, …")
    hearsay: list[regex()] = Field(description="regular expressions of reported past")
    hearsay_modals: Words = Field(default=["soll"], description="modal verbs a reported past after them makes a claim, "
                                  "no expectation: soll, will (\"will … erbeutet haben\")")
    earlier_value_before: Words = Field(default=[], description="words right before a figure that make it the value compared with, reported: nach")

    @field_validator("hearsay")
    @classmethod
    def _hearsay_together(cls, v: list[str]) -> list[str]:
        joined(v, "{}")
        return v


class MeasureCues(Rules):
    researcher_properties: Words = Field(default=[], description="properties whose company figures are the estimates "
                                         "of a researcher the article's lead names (revenue in a vendor ranking)")
    source_back_openers: Words = Field(default=[], description="Demnach, …: a sentence opening so gives the figures of the researcher the sentence before names (\"Auch IDC legte seine Schätzung vor. Demnach wurden 67,1 Millionen PCs verkauft\")")
    estimating_sources: Words = Field(default=[], description="IDC, Canalys, …: market researchers (names of entities.yaml sources) whose figures are estimates by their own method; where an article names several, a figure given as another's than the first named is that one's (basis by:<name>)")
    change_before: Words = Field(description="phrases right before a change: Plus von, …")
    change_before_verb: Words = Field(default_factory=list, description="change_before phrases with the verb first: betrug das Wachstum")
    change_particles: Words = Field(default_factory=list, description="particles between a change_before_verb phrase and the figure: sogar, nur")
    amount_before: Words = Field(default_factory=list, description="phrases of change_before that name an amount of money itself: Verlust von, …")
    same_quantity_after: Words = Field(default_factory=list, description="a clause opening so after a figure gives that quantity before: nach einem Verlust von, …")
    change_verbs: Words = Field(description="verbs of change before 'um': stieg, …")
    direct_change_verbs: Words = Field(description="verbs taking a change without 'um': verlor, …")
    um_adverbs: Words = Field(default=[], description="adverbs between 'um' and the figure: durchschnittlich, …")
    change_after: Words = Field(description="words right after a change: mehr, im Plus, …")
    change_clause: Words = []
    count_change_clause: Words = Field(default=[], description="words anywhere in a count's clause that make it what was "
                                       "lost or won: verloren (\"hat 139.000 Kunden verloren\")")
    count_kept_clause: Words = Field(default=[], description="words in a count's clause after which its change verb has an "
                                     "object of its own and the count is a level: \"11.000 Beschäftigte verloren ihren Job\"")
    change_nouns: Words = Field(default_factory=list, description="nouns a count of what was added counts: Neukunden, neue Abonnenten, …")
    bases: Cues = Field(description="basis -> cues: yoy: [Vorjahr*, …]")
    adjustments: Cues = Field(description="adjustment -> cues: cc: [währungsbereinigt, …]")


class Thresholds(Rules):
    groups: Words = Field(description="nouns of the counted group: Kunden, …")
    cues: Words = Field(description="words before the threshold: mehr als, über, …")
    one: Words = Field(description="words for one: eine, einer, …")
    scales: Cues = Field(description="scale key -> words: mio: [Million, Mio., …]")
    currencies: Words = Field(description="currency words after the threshold: Dollar, Euro, …")


class MixedPayment(Rules):
    connectors: Words = Field(description="words between the cash and the shares: plus, und, …")
    shares: Words = Field(description="nouns of the shares paid: Aktien, Anteile, …")


class SegmentCues(Rules):
    nouns: Words = Field(description="segment nouns: Sparte, Segment, …")
    whole: Words = Field(description="prefixes that mean the whole: gesamt, konzern, …")
    group: Words = Field(default=[], description="prefixes that name the whole group, never one of its divisions: konzern, gesamtkonzern, …")
    region_prepositions: Words = Field(description="in, aus, …")
    result_openers: Words = Field(default=[], description="Das entspricht, …: a sentence opening with a figure worked out from the one before, of its part")
    region_nouns: Words = Field(default=[], description="a market's noun between preposition and region: Heimatmarkt")
    region_causes: Words = Field(default=[], description="words of a cause before a region: wegen (the region is the cause's)")
    region_anaphors: Words = Field(default=[], description="Dort, …: a clause opening so is about the region of the sentence before")
    region_subsets: Words = Field(default=[], description="davon, die meisten, …: a region after one of these, after the figure, is where a part of it is, not its segment")
    region_compound_heads: Words = Field(default=[], description="Geschäft, Anteil, …: a region before one of these in a compound is the segment (\"das China-Geschäft\")")
    market_region_properties: list[Key] = Field(default=[], description="properties of a market whose region the headline names (\"Smartphone-Markt China\"): its figures without a region of their own are that region's")
    worldwide: Words = Field(default=[], description="weltweit, global, …: a sentence with one of these keeps no headline region")
    region_adjectives: dict[Key, Words] = Field(default={}, description="region -> adjective stems (chinesisch: \"der chinesische Smartphone-Markt\")")
    subset_openers: Words = Field(default=[], description="Allein mit, …: a clause opening with one is about an unnamed part of the subject")
    not_sites: Words = Field(default_factory=list, description="capitalised words after 'In' at a clause's start that name no site: Zukunft, Summe, …")
    segment_prepositions: Words = Field(default_factory=list, description="words before a known segment's name: bei der, Umsatz mit, …")
    site_nouns: Words = Field(default_factory=list, description="part nouns that name a site: Werk, Standort")
    antecedent_prepositions: Words = Field(default_factory=list, description="words before a known segment's name that "
                                           "a later 'die Sparte' points back to: von der, in der, …")
    open_segment_nouns: Words = Field(default_factory=list, description="nouns whose \"<noun> mit\" makes any noun after "
                                      "it a segment, known or not: Umsatz (\"Apples Umsatz mit dem Tablet\")")
    not_segments: Words = Field(default_factory=list, description="sentence adverbs before a verb at a clause's start that name no segment: Tatsächlich, Zudem, …")
    regions: Cues = Field(description="region key -> names: china: [China, …]")
    region_words: Cues = {}
    customer_groups: Cues = {}
    mixed_payment: MixedPayment | None = Field(default=None, description="cash of a mixed offer: '197 Dollar plus 0,345 Aktien' is a part")
    thresholds: Thresholds | None = Field(default=None, description="customers counted above what they spend: segment 'above 1 mio'")
    subject_verbs: Words = []
    tranches: Cues = Field(description="tranche key -> cues: tranche_1: [erste Tranche, …]")
    allocation: Words = []
    phases: Cues = {}
    rounds: list[regex(groups=("r",))] = []
    site_openers: Words = Field(default=[], description="words that open a clause with a place ('In', 'Am Standort')")
    site_verbs: Words = Field(default=[], description="verbs after such a place that make it the figure's part "
                              "('In Niederösterreich verlieren rund 450 Beschäftigte …')")
    not_compound_parts: Words = Field(default=[], description="first parts of a segment noun's compound that name a size, "
                                      "no part of the business ('im einstelligen Prozentbereich')")
    storage_variants: list[regex(groups=("n", "u"))] = Field(default=[], description="a device's variant by its memory "
                                                            "('die Version mit 256 GB kostet 549 Euro'): segment '256gb'")
    money_basis: Cues = {}
    offences: Cues = {}
    damages: Cues = {}
    technologies: Cues = {}
    whole_for: dict[Key, Words] = Field(default={}, description="segment key -> subjects whose whole that segment is "
                                        "(bev: [Tesla, …]: a maker of electric cars only; its \"Elektroautos\" are all its vehicles)")
    rights: Cues = {}
    sessions: Cues = {}
    references: Cues = Field(default={}, description="which price a premium is measured against: average: [Durchschnittskurs], …")
    horizons: Cues = Field(default={}, description="how far ahead an amount reaches: current: [cRPO, kommenden zwölf Monate], …")
    elapsed: str | None = Field(default=None, description="regular expression with groups n and u: how long a count "
                                "was counted (\"binnen 24 Stunden\")")
    forecast_horizon: str | None = Field(default=None, description="regular expression with groups n and u: how far "
                                         "ahead a forecast looks (\"innerhalb der nächsten zwölf Monate\")")
    variants: Cues = Field(default={}, description="a product's versions: base: [Basisversion], max: [Topmodell], …")
    frequencies: Cues = Field(default={}, description="how often users are counted: daily: [täglich aktive*], monthly: [MAU], …")
    benchmarks: Cues = Field(default={}, description="benchmark key -> its names: mmlu: [MMLU], …")
    test_nouns: Words = Field(default=[], description="Test, Benchmark: a word for a test before a name the benchmarks lack (\"im Langkontext-Test OpenAI-MRCR\"), which is its segment")
    test_prepositions: Words = Field(default=[], description="im, beim: before a test named as an acronym the benchmarks lack (\"im CMMLU\", \"im chinesischen C-Eval\")")
    canonical: Cues = Field(description="segment key -> its spellings: data_center: [Rechenzentr*, …]")


class PeriodCues(Rules):
    previous_year: Words = Field(description="Vorjahresquartal*, …")
    previous_quarter: Words = Field(description="Vorquartal*, …")
    current_quarter: Words = Field(description="laufenden Quartal, …")
    final_quarter: Words = Field(default_factory=list, description="Schlussquartal, …: the fourth (fiscal) quarter last begun")
    holiday_quarter: Words = Field(default_factory=list, description="Weihnachtsquartal, …: October to December, the last begun")
    as_of: Words = Field(default_factory=list, description="Jahresende, …: after 'zum' a day counted at, no comparison")
    quarter_compared_openers: Words = Field(default=[], description="gegenüber, im Vergleich zum, …: right after a change, before a quarter named by its number (\"gegenüber dem dritten Quartal\"), the quarter it compares with")
    quarter_ordinals: dict[Literal[1, 2, 3, 4], Words] = Field(default={}, description="quarter number -> the words naming it without a year: 3: [dritten Quartal, dritten Geschäftsquartal]")
    as_of_openers: Words = Field(default_factory=list, description="zum, zum Stichtag, …: right before a day (\"Zum 30. September\") or an as_of word, the day a stock was counted at")
    whole_year: Words = Field(description="Gesamtjahr, …")
    anaphoric: Words = Field(description="an diesem Tag, …")
    anaphoric_period: Words = Field(default_factory=list, description="im selben Zeitraum, …: for a figure per period, the period named before")
    anaphoric_compared: Words = Field(default_factory=list, description="des Vorjahres, ein Jahr zuvor, …: after an anaphoric cue, an earlier period than the one named before")
    first_half: Words = Field(description="ersten Halbjahr, …")
    second_half: Words = Field(description="zweiten Halbjahr, …")
    year_to_date: Words = Field(default_factory=list, description="nach neun Monaten, seit Jahresbeginn, …: the (fiscal) year so far")
    reported: Words = Field(description="Berichtsquartal, …")
    comparison: Words = Field(description="gegenüber, im Vergleich zu, …")
    quarter_ending: Words = Field(description="abgelaufenen Quartal, endete, …")
    quarter_until: Words = Field(description="drei Monaten bis, Quartal bis, …")
    half_until: Words = Field(default=[], description="sechs Monaten bis, Halbjahr bis, …: the half ending with the month after")
    nine_months_until: Words = Field(default=[], description="neun Monaten bis, …: the nine months ending with the month after")
    span_ends_early: Words = Field(default=[], description="Anfang, …: before the last month of a span (\"September bis Anfang Dezember\"): the span ends with the month before")
    event_words: Words = Field(default_factory=list, description="in Betrieb, gegründet, …: a year named beside one is an event's, no period reported on")
    founding_attribute: Words = Field(default_factory=list, description="gegründete, …: a participle up to ten words after a date makes it the founding's (\"das 2019 gegründete Start-up\"), no figure's period")
    meeting_words: Words = Field(default_factory=list, description="Hauptversammlung, …: a date right after one is the meeting's, no period a figure is for")
    earlier_contrast: Words = Field(default_factory=list, description="hatte * noch, waren es noch, …: a sentence telling a figure of before in contrast; the year it names is no period of the sentences after it")
    for_comparison: Words = Field(default_factory=list, description="Zum Vergleich, …: a sentence opening so names an earlier period's figures, not the one reported on")
    quarter_comparison: Words = Field(default_factory=list, description="Vorjahresquartal, Vorquartal, …: a sentence that compares with a quarter reports on a quarter")
    aside: Words = Field(default_factory=list, description="Allein, …: a sentence opening so names a part of the period reported on ('Allein im vierten Quartal …')")
    results_for: Words = Field(default_factory=list, description="Zahlen für, Bilanz für, …: the period named right after is the one the article reports on")
    results_before: Words = Field(default_factory=list, description="nach den, seit den, …: before results_for, an earlier release looked back on")
    year_results: Words = Field(default_factory=list, description="Jahreszahlen, Jahresbilanz, …: in the lead, the article reports on a (fiscal) year, however often it names a quarter")
    half_results: Words = Field(default_factory=list, description="Halbjahreszahlen, …: in the lead, without a year, the article reports on the calendar half just ended")


class FiscalCalendarCues(Rules):
    year_words: Annotated[list[Word], Field(min_length=1)]
    twelve_months: Words = Field(default_factory=list, description="zwölf Monaten, …: a year up to a month (\"in den zwölf Monaten bis Ende März\")")
    quarter_words: Annotated[list[Word], Field(min_length=1)]
    ends: Annotated[list[Word], Field(min_length=1)]
    starts: Annotated[list[Word], Field(min_length=1)]
    ended: Words = Field(default_factory=list, description="participles before a year word that say it has ended: abgelaufenen, …")
    closed: Words = Field(default_factory=list, description="participles after 'Geschäftsjahr 2024' that say it was closed: abgeschlossen, …")


class ExpectedFrame(Rules):
    figure: str
    property: Key | None = None
    period: str | None = None
    segment: str | None = None
    aspect: Aspect | None = None
    measure: Measure | None = None
    basis: str | None = None
    period_start: IsoPartialDate | None = Field(None, description="the calendar day the period starts (a fiscal quarter placed by its year)")


class FramesExample(Rules):
    text: str
    published: IsoPartialDate | None = None
    frames: list[ExpectedFrame]


class FramesFile(Rules):
    aspect: AspectCues
    measure: MeasureCues
    segment: SegmentCues
    period: PeriodCues
    fiscal_calendar: FiscalCalendarCues | None = None
    examples: list[FramesExample] = []

    def summary(self) -> str:
        groups = (self.aspect.clause, self.aspect.govern, self.measure.bases, self.measure.adjustments,
                  self.segment.regions, self.segment.tranches, self.segment.canonical)
        return count(sum(len(g) for g in groups), "keyed cue list")
