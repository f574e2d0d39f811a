"""Schema of rules/<lang>/properties.yaml (claim_rules.py, claims.py, subjects.py, crosscheck.py)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from quellenlage.rule_schema.base import (Aspect, DateRelation, IsoPartialDate, Key, Label, Measure, Number, Rules,
                                          SubjectType, Word, Words, count)

SegmentKind = Literal["business", "region", "frequency", "tranche", "round", "money_basis", "phase", "session", "rights",
                      "offence", "damage", "technology", "object", "benchmark", "activity", "horizon", "variant", "elapsed", "reference"]


class ContextTriggers(Rules):
    words: Annotated[Words, Field(min_length=1)] = Field(description="words that name the property only in context: Anteil")
    context: Annotated[Words, Field(min_length=1)] = Field(description="one of these in the sentence makes `words` triggers: "
                                                           "Marktführer*, Auslieferung*, …")


class Property(Rules):
    """One property (see the comment at the top of properties.yaml for every key)."""

    name: Word | None = None
    values: Annotated[dict[Label, Annotated[list[Measure], Field(min_length=1)]], Field(min_length=1)] = Field(
        description="label -> measures it accepts: {MONEY: [level, change]}")
    units: list[Key] = []
    relations: list[DateRelation | None] = Field(default=[], description="the date relations it takes; null a plain date "
                                                "(\"am Montag\", not \"bis Ende 2022\")")
    triggers: Words = []
    weak_triggers: Words = []
    context_triggers: ContextTriggers | None = Field(default=None, description="words that are triggers only beside a "
                                                     "word of their context in the sentence (\"einem Anteil von 25 Prozent\" "
                                                     "is a market share where \"Marktführer\" stands)")
    aspects: list[Aspect] = Field(default=[], description="the aspects it can take; the first stands for any other "
                                  "(a dividend proposal is reported as the year's dividend)")
    total: Key | None = Field(default=None, description="the property of a total right after one of its figures "
                              "(a price per share, then 'insgesamt 28 Mrd.': the deal's value)")
    news_of: dict[Key, list[Key]] = Field(default_factory=dict, description="another property's dates it takes where they tell "
                                          "these figures: {announcement_date: [revenue, …]}: a date of that property whose sentence "
                                          "(or the one before, which a sentence opening with a demonstrative tells) holds an actual "
                                          "claim of one of these of the same subject is one of this property")
    of_pair: Key | None = Field(default=None, description="the property its claims take when their subject is a pair of "
                                "parties (two companies announcing together announce their deal: deal_announcement_date)")
    compared_unit: Key | None = Field(default=None, description="the unit its counts are compared in, whatever noun "
                                      "counted them (jobs cut: '528 Stellen' and '582 Beschäftigte' count the same)")
    compared_as: Measure | None = Field(default=None, description="the one measure its figures are compared as, "
                                        "however written (a premium: 'ein Aufschlag von 31 %' and 'Prämie: 31 %')")
    date_grains: list[Literal["day", "week", "month", "quarter", "half", "year", "decade"]] = Field(
        default=[], description="the grains its dates can have (an announcement's date is a day, never a quarter)")
    default_units: list[Key] = Field(default=[], description="units whose counts take this property without a "
                                     "word of it (smartphones: shipments), as `default` does for all its units")
    ranked: bool = Field(default=False, description="a ranking goes on with it: right after one of its figures, a "
                         "figure of its kind with a subject of its own and no property word is another of it "
                         "('AWS kommt auf 31 Prozent Marktanteil. Microsoft folgt mit 20 Prozent, Google kommt auf 13')")
    own_name: bool = Field(default=False, description="its subject is the organisation named, not the group it "
                           "belongs to ('Suleyman hatte DeepMind 2010 gegründet': DeepMind's founding, not Alphabet's)")
    period_grain: Literal["year"] | None = Field(default=None, description="the grain of its periods: a quarter "
                                                 "or half it is named in stands for its (fiscal) year (a dividend)")
    requires: Words = []
    excludes: Words = []
    subject: list[SubjectType] = []
    bound_subject: list[SubjectType] = Field(default=[], description="subject types tried first for an upper bound or a "
                                             "percentage: a law's cap ('bis zu 35 Mio. Euro oder 7 Prozent' of the AI Act)")
    time: Literal["flow", "stock", "event", "static"] = "static"
    window_days: Annotated[int, Field(ge=0)] | None = None
    recent_days: Annotated[int, Field(ge=0)] | None = None
    revised_after_days: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="an event's count told by sources published more days apart than this may be "
                                  "revised (a breach's victims): an update, not compared")
    news_window: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="a DATE within so many days of its own source's publication is that source's news "
        "(a launch, an event): compared only with news of sources published within as many days, never with an "
        "earlier generation's date another source recalls; dates further from publication only with each other")
    revised_when_told: bool = Field(default=False, description="with revised_after_days: a claim that states its date "
                                    "is told then (\"Im Januar hatte SAP rund 8.000 angekündigt\": a plan's count of January), "
                                    "not when its source was published (a breach's date is when it happened)")
    segments: list[SegmentKind] = []
    parent_segment: bool = False
    default: bool = False
    additive: bool = False
    local: bool = False
    needs_segment: bool = False
    pair: Literal["sentence", "contract", "clause"] = "sentence"
    role: Literal["object"] | None = None
    min: Number | None = None
    max: Number | None = None
    scopes: Words = []

    @model_validator(mode="after")
    def _bounds(self) -> "Property":
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is larger than max ({self.max:g}): no value can pass; swap them")
        return self


class ExpectedClaim(Rules):
    figure: str
    subject: str
    property: Key


class ClaimsExample(Rules):
    text: str
    published: IsoPartialDate | None = None
    claims: list[ExpectedClaim]


class PropertiesFile(Rules):
    properties: Annotated[dict[Key, Property], Field(min_length=1)] = Field(
        description="property key -> its entry: name, values, triggers, subject, time, …")
    compared_units: dict[Key, Key] = Field(default_factory=dict, description=(
        "a count's unit -> the unit its claims are compared in, whatever the property (subscriber: customer); "
        "a property that takes the second takes the first"))
    ellipsis: Words = []
    ellipsis_exceptions: Words = []  # "nach eigenen Angaben": who tells, no figure compared ("nach 44 Mrd.")
    no_claim_contexts: Words = []  # "eine Abweichung von fünf Prozent nach oben oder unten": a tolerance, no claim
    no_claim_before: Words = Field(default=[], description="words right before a figure that make it a value replaced, "
                                   "no claim: \"Statt 25 Millionen Konsolen will Sony nur noch 21 Millionen verkaufen\"")
    ellipsis_qualifiers: Words = []  # "…, bereinigt waren es 749 Mio.": a comma clause going on with the figure before
    explanations: Words = []  # "Die Net Bookings, also der Wert …": words opening a clause that explains the noun before
    purpose_openers: Words = Field(default=[], description="um, …: a clause opening so after a figure's clause says what "
                                   "it is for, and its words name the figure's property (\"zahlt 18,5 Mio., um die Ermittlungen beizulegen\")")
    span_anchors: Words = Field(default=[], description="nach der, …: between a span and a property word, the word is the event the span "
                                "counts from, no date's property (\"Sechs Jahre nach der Gründung … am Mittwoch\": not the founding's date)")
    frame_auxiliaries: Words = Field(default=[], description="hat, wurde, …: before a date they open a verb frame whose participle, "
                                     "closing the sentence beyond an \"und\", says what the date is (\"hat am Dienstag die Zahlen … und damit auch … vorgelegt\")")
    by_now: Words = Field(default=[], description="inzwischen, …: a count said so has changed up to the time of publication (claims column by_now)")
    revised: Words = Field(default=[], description="nach unten korrigiert, statt der zunächst …: a figure said so corrects an earlier "
                           "one; it is no dispute with what sources said before it (claims column revised)")
    past: Words = []
    past_outlook: Words = Field(default=[], description="ursprünglich, …: in a forecast's clause, an outlook of before, "
                                "compared only with others of before, not the present one")
    present_words: Words = Field(default=[], description="heute, …: after a past_sentence word, the figure is of now again")
    past_sentence: Words = Field(default=[], description="damals, …: before a figure anywhere in its sentence, an earlier time for the whole sentence")
    part_rules: list[Key] = []
    demonstratives: Words = []
    demonstrative_speakers: Words = Field(default=[], description=(
        "word endings of those who speak for a company (chef, CEO, sprecher): \"Das kündigte Konzernchef X an\" is the company's"))
    subject_groups: dict[str, Words] = Field(default_factory=dict, description=(
        "allot_verbs, together, both, both_nouns, together_openers: words that make two companies one subject "
        "(\"Auf X entfallen …\", \"zusammen\", \"die beiden Konzerne\")"))
    general_nouns: Words = []
    object_prepositions: Words = []
    signed_results: dict[str, Words] = Field(default_factory=dict, description=(
        "properties, loss_words, profit_words, set_against_words, loss_after: a result read as a loss is negative"))
    institution_kinds: dict[str, str] = Field(default_factory=dict, description=(
        "an institution's anaphor -> the word its name ends with: Bibliothek: Library"))
    subject_cues: dict[str, Words | dict[Word, Words]] = Field(default_factory=dict, description=(
        "deal_nouns, rival_nouns, complaint_nouns, complaint_verbs, grant_nouns, latter_words, investor_lists, investor_arms, told_verbs: words around a name "
        "that say it is not the subject; market_names: a market's name -> its other names (Smartphone: [Handy, …])"))
    distributive: Words = []
    per_unit: Words = Field(default=[], description="pro Aktie, je Monat, …: right after an amount, a price per unit, "
                            "never the amount before converted (\"34 Mrd. Euro in bar, das entspricht 190 Dollar pro Aktie\")")
    no_claim_texts: Words = []
    clause_labels: list[Label] = []
    examples: list[ClaimsExample] = []

    def summary(self) -> str:
        return count(len(self.properties), "property", "properties")
