"""Subjects the text's shape names, before any nearest-entity search (subjects.py): a table
row or column, a total shared out ("Auf X entfallen …, auf Y …"), two companies together
("zusammen", "X und seine Tochter Y", "gegen X und Y", "die beiden Konzerne"). Pure; a pair is
named by the caller's `pair_name` (parents, fixed order)."""
from __future__ import annotations

import re
from collections import Counter
from functools import cached_property
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quellenlage.entities import Entity
from quellenlage.patterns import alternation

if TYPE_CHECKING:  # pragma: no cover
    from quellenlage.claim_rules import DocView

# --- phrases around a name that tell whether it is the subject (subjects.py) ---
SAYS_BEFORE = re.compile(r"(?:\b[Ll]aut|\b[Nn]ach\s+(?:Angaben|Schätzung(?:en)?|Berechnungen|Zahlen|Daten|Einschätzung|"
                         r"Informationen|Darstellung|Zählung|Erhebungen?|Analysen?)\s+(?:von|de[sr])|zufolge\s+von|so)\s+(?:de[mnrs]\s+|die\s+)?"
                         # "Nach Zählung der Beratungsfirma Bitpower": the firm's word before its name
                         r"(?:[A-ZÄÖÜ][\w-]*(?:firma|unternehmens?|gesellschaft|institut[s]?|instituts|agentur|haus(?:es)?)\s+)?$")
INVESTOR_AFTER = r"\s*,?\s*(?:(?:der|die|als)\s+)?(?:(?:Haupt|Lead-|Leit)?(?:[Ii]nvestor|Geldgeber|Kapitalgeber|Anteilseigner|Gesellschafter)|angeführt|geführt|(?:an)?geführten|angeführten)"
INVESTOR_BEFORE = re.compile(r"(?:(?:angeführt|geführt|(?<![a-zäöüß])(?:Bestands|Alt|Neu|Lead|Haupt)?[Ii]nvestor(?:en)?|Geldgeber|Anteilseigner|Verkäufer(?:in)?)\s+(?:(?:ist|sind|war|waren|bleibt|bleiben)\s+(?:(?:der|die|das)\s+(?:[a-zäöüß][\w-]*\s+)?[A-ZÄÖÜ][\w-]*\s+)?)?(?:von\s+|wie\s+|um\s+)?(?:der\s+|dem\s+|den\s+|die\s+)?"
                             r"|(?:[Aa]ngeführt|[Gg]eführt|[Uu]nter\s+(?:der\s+)?Führung)\b[^,.;]{0,100}\b(?:vo[nm]|durch|des|der)\s+(?:[\w-]+\s+){0,3})$")  # ("Bestandsinvestoren X", "Lead-Investor ist X", not "Finanzinvestor X")
# "arbeitet mit dem US-Konzern Nvidia": a partner or rival named beside the topic is no topic
# (SubjectFinder.companion_before adds what a takeover buys, rules: subject_cues.deal_nouns).
COMPANION_PREPOSITIONS = (r"(?:mit|gegen|neben|wie)\s+(?:(?:de[mnr]|die|das|einem|einer|einen)\s+)?"
                          # "so groß wie die größte Version von Llama 2": what it is compared with
                          r"|wie\s+(?:de[mnr]|die|das)\s+(?:[\w-]+\s+){1,3}(?:von|vom|des|der)\s+")
# Names given as examples, in a list ("zu den Kunden zählen …, darunter Mercedes-Benz, Lufthansa und Bosch",
# "Konzerne wie Lufthansa, Toyota oder Mercedes-Benz"): no topic of the sentences after.
EXAMPLES_BEFORE = (r"(?:darunter|beispielsweise|zum\s+Beispiel|unter\s+anderem|u\.\s?a\.|namentlich|wie)\s+"
                   r"(?:[A-ZÄÖÜ][\w-]*\s+wie\s+)?(?:(?:de[mnr]|die|das)\s+)?"
                   # (after "und"/"oder" with its article: "wie Santander, ABN Amro oder die Orange Bank"; not a relative
                   # pronoun after a comma: "wie der Code-Editor Atom, den GitHub selbst entwickelt hat")
                   # (a word for each before its name: "darunter der US-Investor New Enterprise Associates und die Münchner MIG")
                   r"(?:[A-ZÄÖÜ][\w&.-]*(?:\s+[A-ZÄÖÜ][\w&.-]*){0,3}\s*(?:,\s+|\s+(?:und|oder|sowie)\s+(?:(?:de[mnr]|die|das)\s+)?)){0,5}"
                   r"(?:[A-ZÄÖÜ][\w-]*(?:er|en|ern)\s+)?")
# (not "Der um Sonderposten bereinigte Gewinn": a preposition opens an attribute, not the noun)
OPENING_NP = re.compile(r"\s*(?P<art>Die|Der|Das)\s+(?:(?!(?:um|von|vom|mit|für|nach|aus|bei|beim|im|in|an|am|auf|über|"
                        r"unter|vor|seit|zu|zum|zur|gegenüber)\s)[a-zäöüß]\w*\s+)?(?P<noun>[A-ZÄÖÜ][\w-]+)")
CAPITALISED_RUN = re.compile(r"(?:[A-ZÄÖÜ][\w-]*[ \t]*)+")
COORDINATED = re.compile(r"\s*und\s+[a-zäöüß]+t\b")
# "der Einschnitt bei Intel, wo rund 15.000 Jobs wegfallen": the place a "wo" clause tells of is its topic, no object
WHERE_AFTER = re.compile(r",\s+wo\s")
# "Im Vortraining verarbeitete Meta für Llama 4 mehr als 30 Billionen Token": the model a figure is for is its subject
FOR_MODEL = re.compile(r"(?<!\w)für\s+$")
# "Bei MGM sank die Auslastung …", "Beim Chipkonzern Intel …": a sentence opening so is about it
TOPIC_BEI = re.compile(r"\s*(?:Bei|Beim)\s+(?:(?:de[mnr]|die|das)\s+)?(?:[\w-]+\s+){0,2}")
# "nutzen die Dienste, darunter die Deutsche Bahn und Nikkei": examples in a list, no topic
EXAMPLE_BEFORE = re.compile(r"(?<![\w-])" + EXAMPLES_BEFORE + r"$")
TELLER_BEFORE = re.compile(r"[„\"»]?(?:Das|Dies)\s+(?:bestätigte|bestätigten|sagte|sagten|teilte|teilten|erklärte|erklärten|meldete|"
                           r"meldeten|berichtete|berichteten)\s+(?:(?:der|die|das|ein|eine)\s+)?(?:[\w-]+\s+){0,2}")
OF_OBJECT = re.compile(r"(?<!\w)(?:von|vom|bei|beim|mit|gegen)\s+(?:(?:de[mnr]|die|das)\s+)?$")  # "die Kunden von 1&1"
# "Llama 2 von Meta, dessen größte Variante …": a name and its maker before a relative clause
MAKER_AFTER = re.compile(r"\s+von\s+[A-ZÄÖÜ][\w.&-]*(?:\s+[A-ZÄÖÜ][\w.&-]*)?[\s,]*")
RELATIVE = re.compile(r"\s*(?:das|der|die|welche[rs]?|dessen|deren)\b")
# "Die Porsche AG, die am Dienstag Bilanz zog, erwartet …": a sentence's opening name and the
# relative clause after it
OTHER_CLAUSE = re.compile(r",\s*(?:doch|aber|jedoch|während|weil|denn|nachdem|obwohl|da|wobei|zumal)\s")
OPENING_ARTICLE = re.compile(r"\s*(?:(?:Die|Der|Das)\s+)?")
RELATIVE_INSERT = re.compile(r",\s*(?:der|die|das|dessen|deren|welche[rs]?)\s[^,.;]*,\s*")
LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:und|oder|sowie|bzw\.))\s*(?:(?:de[mnrs]|die|das)\s+)?")
# "ist es deutlich kleiner als Llama 3.1", "teurer als Sonys PlayStation 4": what a figure is compared with is not its subject
COMPARED_TO = re.compile(r"(?<![\w-])(?:[a-zäöüß]+er|mehr|weniger)\s+als\s+(?:(?:de[mnrs]|die|das)\s+)?(?:[A-ZÄÖÜ][\w-]*s\s+)?$")
# "… mit 405 Milliarden Parametern", "vor GPT-3.5 (MMLU: 70 Prozent)": the figure the name comes with
# (also after its maker and with a possessive: "GPT-3 von OpenAI mit seinen 175 Milliarden Parametern")
WITH_FIGURE = re.compile(r"(?:(?:\s+von\s+[A-Z][\w.-]*)?\s+mit\s+(?:(?:seinen|ihren|seiner|ihrer|seinem|ihrem)\s+)?|\s*\((?:[\w.-]+(?:\s[\w.-]+)?:\s*)?)(?:(?:rund|etwa|knapp|gut|über|mehr\s+als|bis\s+zu|jeweils)\s+)?")
# "Deepseeks Modell mit 671 Milliarden Parametern": a company's model (in the genitive), with its figure
OWNERS_MODEL_WITH = re.compile(r"s\s+(?:(?:neue|neues|neuestes|eigenes|jüngstes|großes|grosses|bisheriges)\s+)?(?:[\w-]*[Mm]odell)"
                               r"(?:\s+\S+){0,2}?" + WITH_FIGURE.pattern)
RIVAL_HEAD = re.compile(r"(?i)(?:rivale|konkurrent|wettbewerber|herausforderer|partner|zulieferer|lieferant|ausrüster|auftragsfertiger|kunde|großkunde)")  # "der SAP-Rivale", "der Nvidia-Zulieferer": not SAP, not Nvidia
# a share's close (or its first day's): "schloss die Aktie 16,4 Prozent höher", "am ersten Handelstag"
CLOSING = re.compile(r"(?<![\w-])(?:schloss|schlossen|Schlusskurs\w*|Handelsschluss|Börsenschluss|aus\s+dem\s+Handel|ersten\s+Handelstag\w*)(?![\w-])")
GEGEN = re.compile(r"(?<!\w)gegen\s+(?:(?:de[mnr]|die|das)\s+)?(?:[\w-]+\s+){0,2}$")
TOPIC_FOR = re.compile(r"\s*Für\s+(?P<n>[A-ZÄÖÜ][\w&.-]*)(?:\s+[A-ZÄÖÜ][\w&.-]*)?\s+(?:ist|sind|war|waren|wäre|bleibt|bleiben)(?!\w)")
COMPARISON_OPENER = re.compile(r"\s*(?:Zum\s+Vergleich|Im\s+Vergleich\s+dazu|Zum\s+Größenvergleich|Vergleich\s*:)")
DEFINITE_OPENER = re.compile(r"\s*(?:Die|Der|Das|Diese[rs]?|Dieses)\s+(?:[a-zäöüß]\w*\s+)?")

COORDINATION = re.compile(r"\s+(?:und|sowie)\s+(?:(?:dessen|deren|seine|ihre|die|der|den|dem)\s+)?(?:[\w-]+\s+){0,3}")
AGAINST = re.compile(r"(?<![\w-])gegen\s+(?:den\s+|die\s+|das\s+)?(?:[\w-]+\s+){0,2}$")
WITH_ITS = re.compile(r"(?<![\w-])und\s+(?:seine|dessen|deren|ihre|sein|ihr)\s+(?:[\w-]+\s+){0,3}$")
AUF = re.compile(r"(?:^|[\s,;(])[Aa]uf\s+(?:den\s+|die\s+|das\s+)?$")


def _words(ws) -> str:
    return "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True)) or "(?!)"


@dataclass(frozen=True)
class GroupCues:
    """The words of rules/<lang>/properties.yaml `subject_groups`, as patterns."""
    allots: re.Pattern    # "Auf X entfallen …"
    together: re.Pattern  # "von zusammen 329 Mio."
    both: re.Pattern      # "die beiden Konzerne"
    together_with: re.Pattern  # "zusammen mit Microsoft und Google sind es …": `search` ending before the first name

    @classmethod
    def from_config(cls, cfg: dict) -> "GroupCues":
        g = cfg.get("subject_groups") or {}
        both = [w[:1].upper() + w[1:] for w in g.get("both") or []] + list(g.get("both") or [])
        return cls(re.compile(r"(?i)(?<![\w-])(?:%s)(?![\w-])" % _words(g.get("allot_verbs") or [])),
                   re.compile(r"(?<![\w-])(?:%s)\s+(?:rund\s+|knapp\s+|etwa\s+|gut\s+)?$" % _words(g.get("together") or [])),
                   re.compile(r"(?<![\w-])(?:(?:%s)|(?:%s)\s+[a-zäöüß]+\s+die)\s+(?:%s)(?![\w-])"
                              % (_words(both), _words(g.get("together_openers") or ["(?!)"]), _words(g.get("both_nouns") or []))),
                   re.compile(r"(?i)(?<![\w-])(?:%s)\s+mit\s+$" % _words(g.get("together") or [])))

def allotted_to(cues: GroupCues, text: str, fig: dict, ents: list[Entity], sentence: tuple[int, int],
                clause: tuple[int, int]) -> str | None:
    """ "Auf Delivery Hero entfallen 223 Mio. Euro, auf Glovo 106 Mio.": a total shared out,
    each part is the company after "auf" just before it (in a sentence that allots)."""
    if not cues.allots.search(text, *sentence):
        return None
    before = [e for e in ents if clause[0] <= e.start and e.end <= fig["start"] and fig["start"] - e.end <= 40
              and AUF.search(text, max(0, e.start - 12), e.start)]
    return before[-1].name if before else None


def table_row_subject(text: str, pos: int, tables, ents: list[Entity], property_words=None,
                       column_words: re.Pattern | None = None) -> str | None:
    cells = tables.row_at(pos)
    if cells is None:
        return None
    first = cells[0]
    if first.start <= pos < first.end:
        return None  # the figure is in the first cell itself
    inside = [e for e in ents if first.start <= e.start < first.end]
    if inside:
        return inside[0].name
    # (a part's row, "davon USA", is labelled with the row it is part of: "Umsatz davon USA")
    name = next((c.row for c in cells[1:] if c.row), None) or text[first.start:first.end].strip()
    if property_words is not None and property_words.search(name):
        # The row names what, not whose: the column does ("| Beschäftigte | knapp 6.000 |" under
        # "| | Cariad | Rivian |"), unless it names a year ("Umsatz   9751" under "2024").
        cell = next((c for c in cells if c.start <= pos < c.end), None)
        header = (cell.header or "").strip() if cell is not None else ""
        if not header or re.search(r"\d{4}|Quartal|Jahr|Q\d|H\d", header):
            return None
        named = [e for e in ents if e.name == header or text[e.start:e.end] == header]
        if named:
            return named[0].name
        return None if column_words is not None and column_words.fullmatch(header) else header
    return name or None


def together_named(cues: GroupCues, text: str, fig: dict, before: list[Entity], pair_name) -> str | None:
    """ "gegen Delivery Hero und dessen Tochter Glovo Kartellstrafen von zusammen 329 Mio.":
    a figure for two companies together is the pair's."""
    if len(before) >= 2 and cues.together_with.search(text, max(0, before[-2].start - 20), before[-2].start):
        # "zusammen mit Microsoft und Google sind es mehr als 60 Prozent": several together, with the one before
        return pair_name(before[-2].name, before[-1].name) if COORDINATION.fullmatch(text, before[-2].end, before[-1].start) else None
    if len(before) < 2 or not cues.together.search(text, max(0, fig["start"] - 16), fig["start"]):
        return None
    a, b = before[-2], before[-1]
    if a.name == b.name or not COORDINATION.fullmatch(text, a.end, b.start):
        return None
    return pair_name(a.name, b.name)

def with_subsidiary(text: str, in_clause: list[Entity], ents: list[Entity], ss: int, pair_name) -> str | None:
    """ "der Berliner Lieferdienst und seine spanische Tochter Glovo müssen 329 Mio. zahlen",
    "gegen Delivery Hero und Glovo": both companies of a coordination in the clause; a first
    part that is no name ("der Lieferdienst") is the company named last before the sentence."""
    for k, b in enumerate(in_clause):
        m = WITH_ITS.search(text, max(0, b.start - 60), b.start)
        if not m:
            if k and AGAINST.search(text, max(0, in_clause[k - 1].start - 12), in_clause[k - 1].start) \
                    and COORDINATION.fullmatch(text, in_clause[k - 1].end, b.start):
                return pair_name(in_clause[k - 1].name, b.name)  # "Strafe gegen Delivery Hero und Glovo"
            continue
        a = in_clause[k - 1] if k and COORDINATION.fullmatch(text, in_clause[k - 1].end, b.start) else None
        if a is None:
            prior = [e for e in ents if e.end <= ss and e.type == b.type and e.name != b.name]
            a = prior[-1] if prior else None
        if a is not None:
            return pair_name(a.name, b.name)
    return None


def both_named(cues: GroupCues, view: "DocView", fig: dict, ss: int, authorities, pair_name) -> str | None:
    """ "Die beiden Konzerne sollen drei Jahre lang ein Kartell gebildet haben": the two
    companies the article names most so far (a regulator is none of them)."""
    if not cues.both.search(view.text, ss, fig["start"]):
        return None
    counts = Counter(e.name for e in view.entity_index.starting(0, fig["start"])
                     if e.type == "ORG" and e.name not in authorities)
    if len(counts) < 2:
        return None
    (a, _), (b, _) = counts.most_common(2)
    return pair_name(a, b)


PRESENTED_AS = re.compile(r"\s+(?:ein|eine|einen|sein|seine|seinen|ihr|ihre|ihren)\s+(?:[a-zäöüß][\w-]*\s+){0,2}")


class NameCues:
    """The words around a name that say it is not the subject (rules: properties.yaml
    subject_cues), compiled once; needs `self.cfg` (and `self.r`, the claim rules, for
    `_presented`)."""

    def _companion(self, text: str, e) -> bool:
        """Named beside the topic ("arbeitet mit dem US-Konzern Nvidia"), not what it presents ("hat mit Falcon 180B …")."""
        return bool(self.companion_before.search(text, max(0, e.start - 60), e.start)) and not self._presented(text, e)

    def _presented(self, text: str, e) -> bool:
        """ "hat mit Falcon 180B ein Sprachmodell veröffentlicht": the name is what is presented."""
        m = PRESENTED_AS.match(text, e.end)
        nouns = (self.r.entities.cfg.get("anaphora") or {}).get(e.type) if m else None
        return bool(nouns and text[max(0, e.start - 5):e.start].strip() == "mit"
                    and re.match(r"(?:\w+-|[A-ZÄÖÜ][a-zäöüß]+)?(?:" + alternation(nouns) + r")(?![\w-])", text[m.end():m.end() + 40], re.I))

    def _compared(self, text: str, e, named_after: bool) -> bool:
        """ "Wie Mixtral ist DBRX …": a name another one after it is compared with (rules: subject_cues.compared_before)."""
        return named_after and bool(self.compared_before.search(text, max(0, e.start - 30), e.start))

    @cached_property
    def compared_before(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?:" + self._cue_words("compared_before") + r")\s+$")

    def _invests(self, text: str, e) -> bool:
        return bool(self.investor_list.search(text, max(0, e.start - 200), e.start) or self.investor_after.match(text, e.end)
                    or INVESTOR_BEFORE.search(text, max(0, e.start - 120), e.start))

    def _cue_words(self, name: str) -> str:
        return alternation((self.cfg.get("subject_cues") or {}).get(name) or ["(?!)"])

    @cached_property
    def spokesperson_before(self) -> re.Pattern:
        """Who announces for a company, right before the person's name (rules: announcing_verbs, spokesperson_roles)."""
        return re.compile(r"(?:" + self._cue_words("announcing_verbs") + r")\s+(?:" + self._cue_words("spokesperson_roles") + r")\s+$")

    @cached_property
    def companion_before(self) -> re.Pattern:
        """Not a topic: a companion ("mit dem US-Konzern Nvidia") or what a takeover buys."""
        return re.compile(r"(?<!\w)(?:(?:" + COMPANION_PREPOSITIONS + r"|(?:" + self._cue_words("deal_nouns")
                          + r")\s+(?:des|der|von|vom)\s+)(?:[\w-]+\s+){0,2}|" + EXAMPLES_BEFORE
                          # the maker of the chips something ran on (rules: supplier_nouns): "auf 440 Grafikchips des Typs A100 von Nvidia"
                          + r"|[\w-]*(?:" + self._cue_words("supplier_nouns") + r")(?:\s+(?!von\b)[\w.-]+){0,4}\s+von\s+"
                          # the index a share is listed in (rules: index_members): "zu den schwächsten Werten im MDax"
                          + r"|(?<![\w-])(?:" + self._cue_words("index_members") + r")\s+(?:im|des|in\s+dem)\s+"  # (former_words, place_nouns: "früheren Fabrik des … Electrolux")
                          + r"|(?<![\w-])(?:" + self._cue_words("former_words") + r")\s+[\w-]*(?:" + self._cue_words("place_nouns") + r")\s+(?:des|der|von|vom)\s+(?:[\w-]+\s+){0,3})$")

    @cached_property
    def investor_after(self) -> re.Pattern:
        """ "Softbank, Hauptinvestor der Runde": an investor (or its fund, rules: subject_cues.investor_arms) before its role."""
        return re.compile(r"(?:\s+(?:" + self._cue_words("investor_arms") + r"))?" + INVESTOR_AFTER)

    @cached_property
    def naming_verbs(self) -> re.Pattern:
        """ "Das Modell heißt Yi-34B": between an anaphor and the name it is given (rules: subject_cues.naming_verbs)."""
        return re.compile(r"\s+(?:" + self._cue_words("naming_verbs") + r")\s+")

    @cached_property
    def rival_before(self) -> re.Pattern:
        return re.compile(r"(?:" + self._cue_words("rival_nouns") + r")\s+$")

    @cached_property
    def related_cues(self) -> tuple[re.Pattern, re.Pattern]:
        """ "der wichtigste Zulieferer des iPhone-Konzerns Apple", "von OpenAI-Mitgründer Sutskever", "ein von IBM entwickelter
        Prozessor": a name the article's company or product is named by (its rival, its customer; a founder's former
        company; the maker of a part), not the subject: (before, after)."""
        return (re.compile(r"(?:(?:" + self._cue_words("rival_nouns") + "|" + self._cue_words("child_nouns")
                           + r")\s+(?:des|der|von|vom)\s+(?:[\w-]+\s+){0,2}|,\s*(?:" + self._cue_words("belonging_relatives")
                           + r")\s+(?:[\w-]+\s+){0,4}|(?<![\w-])(?:" + self._cue_words("maker_before") + r")\s+|[\w-]*(?:"
                           + self._cue_words("supplier_nouns") + r")(?:\s+(?!von\b)[\w.-]+){0,4}\s+von\s+)$"), re.compile(r"-(?:" + self._cue_words("founder_nouns") + r")(?![\w-])|\s+(?:"
                                                                         + self._cue_words("maker_participles") + r")(?![\w-])"))

    def _related(self, text: str, e, ss: int) -> bool:
        before, after = self.related_cues
        return bool(before.search(text, max(ss, e.start - 60), e.start) or after.match(text, e.end)
                    and (text[e.end] == "-" or text[max(0, e.start - 4):e.start] == "von "))  # (the maker: "von IBM entwickelter")

    @cached_property
    def complainant_before(self) -> re.Pattern:
        return re.compile(r"(?:" + self._cue_words("complaint_nouns") + r")\s+(?:von|des|der|vom)\s+(?:[\w-]+\s+){0,2}$")

    @cached_property
    def grantor_before(self) -> re.Pattern:  # "ein Zuschuss des Europäischen Innovationsrats EIC" (rules: grant_nouns)
        return re.compile(r"(?:" + self._cue_words("grant_nouns") + r")\s+(?:von|des|der|vom)\s+(?:[\w-]+\s+){0,3}$")

    @cached_property
    def complainant_after(self) -> re.Pattern:
        return re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:" + self._cue_words("complaint_nouns") + r")\s+(?:"
                          + self._cue_words("complaint_verbs") + r")")

    @cached_property
    def share_anaphor(self) -> re.Pattern:
        """ "das Papier", "die Aktie", "der erste Kurs" (group price): the share of the company the article is about."""
        return re.compile(r"(?<![\w-])(?:[Dd]as|[Dd]ie|[Dd]er)\s+(?:(?P<price>" + self._cue_words("price_words") + ")|" + self._cue_words("share_words") + r")(?![\w-])")

    @cached_property
    def _subsidiary_before(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])[\w-]*?(?:" + self._cue_words("subsidiary_nouns") + r")\s+$", re.IGNORECASE)  # ("die Dialysetochter FMC")

    def subsidiary(self, text: str, e: Entity) -> bool:
        """Named as someone's subsidiary here ("die Tochter Change Healthcare", "die US-Tochter Vonage")."""
        return self._subsidiary_before.search(text, max(0, e.start - 30), e.start) is not None

    @cached_property
    def institution_kinds(self) -> dict[str, str]:
        """ "Bibliothek" -> "Library": the word an institution's name ends with, for its anaphor."""
        return {k.lower(): v for k, v in (self.cfg.get("institution_kinds") or {}).items()}

    @cached_property
    def share_properties(self) -> frozenset[str]:
        """Properties of a share that "das Papier" names the article's company for."""
        return frozenset((self.cfg.get("subject_cues") or {}).get("share_properties") or [])

    @cached_property
    def as_source(self) -> re.Pattern:
        """A sentence opening with who tells ("Wie der Gesundheitsdienst NHS mitteilte, …"): rules `source_clause_verbs`."""
        return re.compile(r"\s*Wie\s+[^,.;]{0,80}?\b(?:" + self._cue_words("source_clause_verbs") + r")\s*,")

    @cached_property
    def says_clause(self) -> re.Pattern:
        """A clause that says who told what the clause before it says (", teilte das Unternehmen … mit"): rules `told_verbs`."""
        return re.compile(r"\s*(?:" + self._cue_words("told_verbs") + r")\s+")

    @cached_property
    def carried_properties(self) -> frozenset[str]:
        """Local properties a sentence naming no one takes the subject of the sentence before for."""
        return frozenset((self.cfg.get("subject_cues") or {}).get("carried_properties") or [])

    @cached_property
    def app_properties(self) -> frozenset[str]:
        """A company's properties an app no list knows takes when no company is named for them."""
        return frozenset((self.cfg.get("subject_cues") or {}).get("app_properties") or [])

    @cached_property
    def investor_list(self) -> re.Pattern:
        """ "beteiligt sind außerdem ICONIQ Growth, Teachers' Venture Growth sowie die Altinvestoren
        IVP": every name of a list of investors (searched on at most 200 characters before a name)."""
        return re.compile(r"(?<![\w-])(?i:" + self._cue_words("investor_lists") + r")\s+"  # (also opening: "Beteiligt sind …: die …")
                          r"(?:(?:außerdem|auch|zudem|ferner|unter\s+anderem|etwa|noch|demnach|nun|erneut|wieder)\s+)*"
                          r"(?:[^.;!?]{0,160}?(?:,|:|\s+und|\s+sowie)\s+)?(?:(?:die|der|den|dem)\s+)?(?:[\w-]+\s+){0,2}$")

    @cached_property
    def latter(self) -> re.Pattern:
        return re.compile(r"\s*(?:" + self._cue_words("latter_words") + r")\s")


NOUN_PHRASE = re.compile(r"\s*(?:die|der|das)\s+(?!(?:den|dem|der|des|die|das|ein|eine|einen|einem|sich)\s)[a-zäöüß]+e[nrs]?\s+[A-ZÄÖÜ]")


# a relative clause may open with a preposition: "…, an der sich SoftBank und Temasek beteiligten, …" (its
# pronoun followed by a pronoun, an article or an adverb; not "…, in den Handel kommt das Phone (2)")
PREPOSITIONAL_RELATIVE = (r",\s*(?:an|auf|aus|bei|durch|für|gegen|in|mit|nach|neben|über|um|unter|von|vor|zu|zwischen|seit|hinter)"
                          r"\s+(?:die|der|das|den|dem|denen|deren|dessen|welche[rsmn]?)\s+"
                          r"(?:sich|er|sie|es|man|wir|der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|unter|auch|bereits|nun|noch|zuletzt)\s")


def embedded(text: str, sentence_start: int, pos: int) -> bool:
    """Is `pos` inside a relative clause or parentheses opened earlier in the sentence and not
    yet closed?"""
    head = text[sentence_start:pos]
    if head.count("(") > head.count(")"):
        return True
    opener = None
    for m in re.finditer(r",\s*(?:die|der|das|den|dem|deren|dessen|welche[rsmn]?)\s|" + PREPOSITIONAL_RELATIVE +
                         r"|,\s*(?:wozu|wobei|womit|wodurch|wovon|woran|worauf)\s|[,:;]", head):
        opener = m if m.group(0).strip() not in (",", ":", ";") else None  # (a colon ends it: "…, der an Bord ist: die US-Regierung")
    return opener is not None


def listed(text: str, prior: list[Entity]) -> bool:
    """The last two entities before the figure are coordinated: "A, B und C", "A und B"."""
    if len(prior) < 2 or prior[-1].name == prior[-2].name:
        return False
    between = text[prior[-2].end:prior[-1].start]
    return bool(re.fullmatch(r"\s*(?:,|und|sowie|oder)\s*", between))


def listed_siblings(view: "DocView", parent_of, name: str, parent: str, span: tuple[int, int], pos: int) -> bool:
    """Is the mention of `name` nearest to `pos` one of two or more products of `parent`
    (`parent_of(name)`) listed together in the sentence ("Facebook, Instagram, Whatsapp oder den Messenger")?"""
    ents = sorted((e for e in view.entity_index.starting(*span) if e.end <= span[1] and parent_of(e.name) == parent),
                  key=lambda e: e.start)
    mine = min((e for e in ents if e.name == name), key=lambda e: abs(e.start - pos), default=None)
    if mine is None:
        return False
    runs: list[list] = []
    for e in ents:
        if runs and LIST_GAP.fullmatch(view.text, runs[-1][-1].end, e.start):
            runs[-1].append(e)
        else:
            runs.append([e])
    return any(mine in run and len({x.name for x in run}) >= 2 for run in runs)


def apposed(view: "DocView", m: re.Match) -> bool:
    """Is the noun phrase followed by the name of the source it introduces ("des
    Marktforschungsunternehmens IDC")? Then it points back to no company."""
    after = m.end() + len(view.text[m.end():m.end() + 2]) - len(view.text[m.end():m.end() + 2].lstrip())
    return any(e.start == after and e.type == "SOURCE" for e in view.entity_index.starting(after, after + 1))


def salient(prior: list[Entity], counts: dict[str, int]) -> str:
    """The entity of these the article mentions most (ties: the latest)."""
    return max(reversed(prior), key=lambda e: counts.get(e.name, 0)).name
