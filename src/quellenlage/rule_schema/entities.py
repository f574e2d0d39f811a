"""Schemas of rules/<lang>/entities.yaml (entities.py) and quotes.yaml (quote_rules.py, quotes.py)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from quellenlage.rule_schema.base import Char, EntityType, Gender, Key, Month, Rules, Word, Words, count, regex


# --- entities.yaml ---------------------------------------------------------------------------
class Entity(Rules):
    name: Word
    aliases: Words = []


class FiscalYear(Rules):
    start_month: Month = 1
    named_by: Literal["start", "end"] = "end"


class Organisation(Entity):
    vendor_of: list[Key] = Field(default=[], description="count units it makes: [gpu, chip]")
    fiscal_year: FiscalYear | None = None
    parent: Word | None = Field(default=None, description="the group its figures are claims of (Google: Alphabet); quotes keep its own name")


class Made(Entity):
    """A product or model, with the organisation that makes it."""

    parent: Word | None = None


class PersonsExample(Rules):
    text: str
    title: str | None = Field(default=None, description="the article's title, in a header the rules leave alone (checked: what it names in the text)")
    persons: list[str]
    organisations: list[str] | None = Field(default=None, description="the organisations found, in text order (checked when given)")
    models: list[str] | None = Field(default=None, description="the models found, in text order (checked when given)")
    products: list[str] | None = Field(default=None, description="the products found, in text order (checked when given)")


class EntitiesFile(Rules):
    persons: list[Entity] = []
    organisations: list[Organisation] = []
    sources: list[Entity] = []
    indices: list[Entity] = []
    models: list[Made] = []
    products: list[Made] = []
    infrastructure: list[Entity] = []
    laws: list[Entity] = []
    chips: list[Entity] = []
    compound_heads: dict[EntityType, Words] = {}
    anaphora: dict[EntityType, Words] = {}
    family_name_first: Words = Field(default=[], description="family names written first: Kim (Kim Woo-hyun)")
    anaphora_heads: dict[EntityType, Words] = Field(default={}, description="type -> lower-case heads of compounds that refer back like the anaphora: konzern (Softwarekonzern)")
    org_nouns: Words = []
    not_name_words: Words = Field(default=[], description="words that end a name an org noun introduces: Millionen, Euro, …")
    place_names: Words = Field(default=[], description="places that open companies' names (Bayern Kapital): alone, the place")
    generic_org_nouns: Words = Field(default=[], description="generic words for a company: after a verb and one of them a German "
                                     "noun ending its clause is the object, no name (\"meldet das Unternehmen Fortschritte,\")")
    place_words: Words = Field(default=[], description="words before a place or a body, not a company (die, in, aus, …): a title's name the text writes after one is none")
    person_org_nouns: Words = Field(default=[], description="org_nouns that name people too: their inflected forms introduce no company (\"des Investors Daniel Gross\")")
    source_nouns: Words = []
    acronym_stoplist: Words = []
    authorities: Words = Field(default_factory=list, description="regulators and public bodies: the one who fines is not the fined")
    owner_compounds: Words = Field(default_factory=list, description="Aktie, Chef, …: 'Spotify-Aktie' names the company Spotify")
    bare_names: dict[str, Words] = Field(default_factory=dict, description="blocked_after, noun_suffixes: names that nothing introduces")
    maker_heads: Words = []
    seats: dict[str, str] = Field(default_factory=dict, description="a town -> the one company seated there that the press "
                                  "names by it: Cupertino: Apple (\"der Konzern aus Cupertino\")")
    seat_heads: Words = Field(default_factory=list, description="words for a company before 'aus' and its town: Konzern, …")
    legal_suffixes: Words = []
    legal_name_tails: Words = Field(default=[], description="words between a name and its legal suffix the text drops later: Germany (\"die Einhell Germany AG\")")
    company_suffixes: Words = Field(default=[], description="words a company's name ends with: Networks, Technologies, …")
    founding_participles: Words = Field(default=[], description="participles that tell a name a founding year after a comma makes it a company: gegründet (\"Dubag, 2009 gegründet\")")
    name_tails: Words = Field(default=[], description="nouns that end a company's name, no company of their own before them: Media")
    stem_not_names: Words = Field(default=[], description="first words of a known company's name that name something "
                                  "else alone: Texas (Texas Instruments), Boston (Boston Dynamics)")
    single_word_suffixes: Words = Field(default=[], description="company_suffixes that make a company of one word before them only: AI")
    institution_suffixes: Words = Field(default=[], description="words an institution's name ends with, the name "
                                        "being the whole: Library (\"British Library\"), Museum, …")
    name_adjectives: Words = Field(default=[], description="capitalised adjectives that start a company's name inside a sentence: "
                                   "Deutsche (\"gegen die Deutsche Wohnen\"; the name later alone too)")
    name_adjective_stops: Words = Field(default=[], description="words after a name_adjective that make no name: Mark (\"die Deutsche Mark\")")
    domain_suffixes: Words = Field(default=[], description="web address endings a company is named by: com, de (\"Booking.com\")")
    division_nouns: Words = Field(default=[], description="nouns for a part of a company: Sparte, Tochter, …")
    deal_objects: dict[Literal["verbs", "nouns", "stakes", "after"], Words] = Field(default_factory=dict, description=(
        "verbs (kauft, übernimmt) and nouns (Übernahme, Kauf) of buying, stakes bought (Mehrheit an), and the "
        "words that may follow the name they take (für, um): a name after them that is no German common noun is the company bought"))
    company_suffix_generic: Words = Field(default=[], description="first words of a division's name: Mobile, Cloud, …")
    ticker_prefixes: Words = []
    news_agencies: Words = Field(default=[], description="dpa, Reuters, …: the agencies a dateline names in brackets "
                                 "(\"AUSTIN (dpa-AFX) -\"): the capitals before are a place, and the paragraph is the report, no teaser")
    product_heads: Words = []
    model_patterns: list[regex(prefix=r"(?<![\w-])(?:", suffix=r")(?![\w-])")] = []
    product_patterns: list[regex(prefix=r"(?<![\w-])(?:", suffix=r")(?![\w-])")] = Field(
        default=[], description="device lines by generation and tier: Pixel 9 Pro XL, Galaxy S24 Ultra")
    infra_nouns: Words = Field(default=[], description="Supercomputer, …: a word for a computer or site right before a name no list knows (\"den Supercomputer Leonardo\")")
    model_nouns: Words = Field(default=[], description="Sprachmodell, …: a word for a model before a name no list knows")
    model_predicates: dict[Literal["copulas", "nouns"], Words] = Field(default={}, description=(
        "copulas: [ist, …], nouns: [Modell, …]: a name a sentence calls a model (one of nouns or model_nouns) is one: "
        "\"DBRX ist ein sogenanntes Mixture-of-Experts-Modell\", \"stellte DBRX vor, ein Modell\", \"mit DBRX ein offenes "
        "Sprachmodell\", \"DBRX als MoE-Modell\""))
    authority_anaphora: Words = Field(default=[], description="Behörde, …: anaphora that point back to an authority only")
    line_anaphora: Words = Field(default=[], description="Smartphones, Geräte, …: plural anaphora that point back to the first device the article names (its line), not the last")
    owned_count_units: Words = Field(default=[], description="account, user, …: COUNT units whose compound opens with whose they are (\"167 Millionen Linkedin-Konten\": LinkedIn's), unlike goods a name makes (\"Nvidia-Chips\") or shares (\"Disney-Aktien\")")
    demonym_anaphora: Words = Field(default=[], description="Franzosen, Südkoreaner, Walldorfer, …: a company by its home; points back to the one the article introduced with that home's adjective (\"der französische Konzern Studiocanal\")")
    subject_clause_openers: Words = Field(default=[], description="Wer, Dass: a sentence opening with a clause that is its subject; the "
                                          "names in that clause are no topic, the name the main clause goes on with is")
    subordinate_openers: Words = Field(default=[], description="Nachdem, Während, …: a sentence opening with one names its main clause's subject after the first comma; an anaphor in the next sentence points back to that one")
    comparison_openers: Words = Field(default=[], description="Zum Vergleich, …: a sentence opening with one compares with others; its names carry into no sentence after it")
    model_sizes: dict[Literal["small", "large"], Words] = Field(default={}, description="small: [klein*], large: [groß*]: an adjective in a model's anaphor (\"das kleinere Modell\") that picks the smallest or largest sized model named before")
    product_nouns: Words = Field(default=[], description="Prozessor, …: a word for a device or chip before a name no list knows")
    product_tiers: Words = Field(default=[], description="Pro, Max, …: tiers written after a device's name")
    product_heads_after: Words = Field(default=[], description="Accelerator, …: an English head after a device's name")
    title_words: Words = []
    company_roles: dict[Literal["of_named", "of_own", "links"], Words] = Field(default={}, description=(
        "of_named: [Chef, …] after a company's name (\"Infineon-Chef Jochen Hanebeck\") or before it with one of links: "
        "[von, der, …] (\"Tim Höttges, Vorstandschef der Telekom\"); of_own: [Firmenchef, …] before a name, the article's "
        "company's chief: a company's figure told through its chief is the company's"))
    title_suffixes: Words = []
    not_first_names: Words = []
    authority_heads: Words = Field(default=[], description="a word ending a name that makes it an authority: ministerium")
    first_names: dict[Literal["male", "female"], Words] = Field(default={}, description=(
        "first names the gender-guesser list lacks: male: [Shantanu, …], female: […]"))
    examples: list[PersonsExample] = []

    def summary(self) -> str:
        n = sum(len(getattr(self, k)) for k in ("persons", "organisations", "sources", "indices", "models",
                                                 "products", "infrastructure", "laws", "chips"))
        return count(n, "entity", "entities")


# --- quotes.yaml -----------------------------------------------------------------------------
class ExpectedQuote(Rules):
    text: str
    kind: Literal["statement", "term"]
    speaker: str | None = None
    cue: str | None = None
    via: str | None = None


class QuotesExample(Rules):
    text: str
    quotes: list[ExpectedQuote]


class QuotesFile(Rules):
    marks: Annotated[dict[Char, Annotated[list[Char], Field(min_length=1)]], Field(min_length=1)] = Field(
        description="opening mark -> its closing marks, one character each")
    cues: Annotated[list[Word], Field(min_length=1)] = Field(description="verbs and phrases of saying")
    reported_speech: Words = []
    first_person: Words = []
    speaker_before_cue: Words = Field(description="cues after the speaker: zufolge")
    speaker_after_cue: Words = Field(description="cues before the speaker: laut, …")
    possessive_cues: dict[Word, Gender] = {}
    cataphora: Words = Field(description="phrases after a quote that name its speaker")
    term_before: Words = Field(description="words before a quoted term: sogenannte, …")
    term_speaking: Words = Field(description="spricht von, nennt, …")
    phrase_words: Words = Field(default=[], description="German function words that make a quoted fragment a phrase, not a name: bei, für, …")
    pronouns: dict[Word, Gender] = Field(description="er: male, sie: female, …")
    role_nouns: Words = Field(description="Manager, Chefin, …")
    unnamed_groups: Words = Field(default=[], description="groups that speak unnamed: Analysten, Experten, …")
    org_nouns: Words = []
    authority_nouns: Words = Field(default=[], description="org_nouns that point back to an authority: Behörde, …")
    spokespeople: Words = []
    company_cues: Words = Field(default=[], description="cues by which a company tells (teilte … mit): its name stays the company's, not a person's of that surname")
    via_before: Words = Field(description="gegenüber, im Gespräch mit, …")
    examples: list[QuotesExample] = []

    def summary(self) -> str:
        return count(len(self.cues), "cue")


__all__ = ["EntitiesFile", "QuotesFile"]
