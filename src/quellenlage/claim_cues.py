"""The words the claim finder reads around a figure (patterns too small and too tied to
claims.py's reading to be rules), and small pure helpers over one document's claim records."""
from __future__ import annotations

import re

from quellenlage.claim_rules import DocView
from quellenlage.claim_starts import unnamed_start, year_before  # noqa: F401 (the claim finder reads it with these cues)
from quellenlage.layout import list_heading
from quellenlage.patterns import cue_finditer
from quellenlage.respective import JOIN
from quellenlage.subject_apposition import apposed_participle, in_closed_apposition  # noqa: F401 (read by the claim finder)
from quellenlage.textutil import CLAUSE_BREAK, date_participle, PART_OF_WHOLE, TO_LEVEL, WHOLE_ADVERBS, line_end, line_start

COMPARED_WITH = re.compile(r"(?<!\w)(?:nach|gegenüber|statt|nach\s+zuvor|nach\s+noch)\s+(?:(?:rund|etwa|knapp|gut|ungefähr)\s+)?$")
CONVERTED = re.compile(r"\s*(?:[(,–-]\s*(?:umgerechnet|also|das\s+sind|entspricht|ca\.|circa|oder)?|oder|bzw\.|beziehungsweise"
                       # after the verb of its clause: "mit 35 Mrd. Dollar bewertet – gut 32 Mrd. Euro"
                       r"|[a-zäöüß]+\s*[(–—]\s*(?:umgerechnet)?)\s*")
# later in the sentence ("…, umgerechnet sind das rund 3,2 Mrd. Euro", "…, das sind umgerechnet …")
CONVERTED_LATER = re.compile(r"(?<!\w)(?:umgerechnet(?:\s+(?:sind|wären|waren|ist|wäre|macht|machte)\s+(?:das|dies|es))?"
                             r"|(?:das|dies)\s+(?:sind|wären|waren|macht|machte)\s+umgerechnet|das\s+entspricht|entspricht|was\s+umgerechnet)\s*$")
# a sentence that converts the amount the sentence before ended with ("… 4,34 Mrd. Euro verhängt. Das sind umgerechnet
# gut fünf Mrd. Dollar", "Umgerechnet entspricht die Strafe rund 590 Mio. Dollar"): up to the figure (`fullmatch`)
CONVERTED_OPENER = re.compile(r"\s*(?:(?:Das|Dies)\s+(?:sind|wären|waren|entspricht|entsprach|macht|machte)\s+umgerechnet|Umgerechnet\s+"
                              r"(?:sind|wären|waren|ist|entspricht|entsprach|macht|machte)\s+(?:das|dies|es|(?:der|die|das)\s+[\w-]+))\s+"
                              r"(?:(?:rund|etwa|knapp|gut|ca\.|circa|fast|mehr\s+als|über|bis\s+zu)\s+)*")
# A clause that names another subject and its figure only, the verb and the property left out
# ("Samsung kam auf 20 Prozent, Apple auf 18 Prozent und Xiaomi auf 14 Prozent"): the same claim of its own subject.
# (a product's name with its generation too: "…, das Topmodell iPhone 15 Pro Max ab 1.449 Euro")
GAPPED = re.compile(r"\s*(?:(?:und|sowie)\s+)?(?:(?:der|die|das)\s+(?:[a-zäöüß]+e\s+)?)?[A-ZÄÖÜ][\w&.+-]*(?:\s+(?:[a-z]?[A-ZÄÖÜ][\w&.+-]*|\d{1,2}(?=\s+[A-ZÄÖÜ])))"
                    r"{0,4}\s+(?:(?:auf|mit|bei|ab)\s+)?(?:(?:rund|etwa|knapp|gut|fast|mehr\s+als)\s+)?\d")
# A gapped clause naming a place or a part before its figure: "kostet in den USA 599 Dollar, in Deutschland 699 Euro"
# (up to the figure: `fullmatch` to its start)
GAPPED_PLACE = re.compile(r"\s*(?:(?:und|sowie)\s+)?(?:in|im|für|bei|beim)\s+(?:(?:der|den|dem|die|das)\s+)?[A-ZÄÖÜ][\w&.+-]*"
                          r"(?:\s+[A-ZÄÖÜ][\w&.+-]*){0,2}\s+(?:(?:rund|etwa|knapp|gut|fast|nur|mehr\s+als)\s+)?")
# A gapped clause naming a variant by what it has: "…, die Version mit einer 256-GByte-SSD 549 Euro", "…, jene
# mit 512 GB und entspiegeltem Glas 679 Euro" (up to the figure: `fullmatch` to its start)
GAPPED_WITH = re.compile(r"\s*(?:(?:und|sowie)\s+)?(?:der|die|das|jene|jener|jenes)\s+(?:[A-ZÄÖÜ][\w-]*\s+)?(?:mit|ohne)\s+"
                         r"[^,;:!?]{1,80}?\s+(?:(?:rund|etwa|knapp|gut|fast|mehr\s+als|für|um)\s+)?")
# A sentence that opens with the part it is about: "Im Staplergeschäft …", "In der Autosparte …"
PART_OPENER = re.compile(r"\s*(?:Im|In\s+der|Bei\s+der|Beim)\s+[\w-]*(?:[Gg]eschäft|[Ss]parte|[Ss]egment)(?:\s+[A-ZÄÖÜ][\w&-]*(?:\s+(?:&\s+)?[A-ZÄÖÜ][\w&-]*){0,3})?(?=[\s,])")
# "Ihr Umsatz sank …", "Die Sparte steigerte ihren Umsatz …": the part named before
PRONOUN_OPENER = re.compile(r"\s*(?:Sie|Er|Es|Ihr|Ihre|Ihren|Ihrem|Sein|Seine|Seinen|Seinem|Deren|Dessen"
                            r"|(?:Die|Diese)\s+(?:Sparte|Division|Geschäftseinheit)|(?:Das|Dieses)\s+Segment"
                            r"|(?:Der|Dieser)\s+(?:Geschäftsbereich|Bereich|Unternehmensbereich))\s")
CLARIFIES = re.compile(r"\s*(?:Gemeint\s+(?:war|ist|sind|waren)|Damit\s+(?:ist|war|sind)|Das\s+bezieht\s+sich)\b")
RELATIVE_AFTER = re.compile(r"\s*(?:die|der|das|den|welche[rns]?)\s+(?!\d)")
PER_SHARE = re.compile(r"\s+(?:Aktie|Anteilsschein|Papier)\b")
# (and the level after a change: "Der Reingewinn stieg um 35%, auf 397 Mio. $")
CONTINUATION = re.compile(r"\s*(?:auf(?=\s+(?:(?:rund|etwa|knapp|gut|über|fast|nahezu)\s+)?\d)|was|wovon|womit|wobei|davon|und|sowie|(?:das|die|der)(?-i:(?!\s+[A-ZÄÖÜ]))|damit|danach|davor|zuvor|dann|anschließend|nun|ein\s+Plus|ein\s+Minus|eine\s+Zunahme|ein\s+Anstieg|ein\s+Rückgang|ein\s+Zuwachs)\b", re.IGNORECASE)
WHICH_CLAUSE = re.compile(r"\s*was\s+(?:einem|einer|ein|eine)\b")  # "was einem Zuwachs von 19 Prozent entspricht"
RELATIVE_OPENER = re.compile(r"\s*(?:in\s+dem|in\s+der|in\s+denen|für\s+das|für\s+den|für\s+die|als|wo|damals)\b")  # ("…, für das Gartner 60,5 Mio. gezählt hatte")
# A property noun and the figure it names: "eine Bewertung von 61,5 Mrd.", "ein Umsatz in Höhe von".
FROM_NOW = re.compile(r"(?<!\w)von\s+(?:derzeit|aktuell|heute|zuletzt|bisher|gegenwärtig|noch)\s+(?:(?:rund|etwa|knapp|gut|ca\.|fast|über|mehr\s+als)\s+)?$")
# The whole a part is of, right after it: "mehr als 8000 der weltweit rund 108.000 Stellen" (`fullmatch` between the two)
WHOLE_AFTER_PART = re.compile(r"\s+" + PART_OF_WHOLE + r"\s+(?:" + WHOLE_ADVERBS + r"\s+)?")
# after a fraction of it, a figure is the whole: "rund die Hälfte der etwa 7.500 Beschäftigten" is the workforce
# (or a sentence that opens with the whole: "Von den rund 400 Arbeitsplätzen hat Strenesse 50 bereits abgebaut")
FRACTION_OF_WHOLE = re.compile(r"(?:(?<![\w-])(?:Hälfte|Drittel|Viertel|Fünftel|Zehntel|Großteil|Mehrheit)\s+" + PART_OF_WHOLE
                               + r"|(?<![\w-])Von\s+den)\s+(?:" + WHOLE_ADVERBS + r"\s+)?(?:(?:rund|etwa|knapp|gut|fast|ungefähr|zuvor|damals|bisher|bislang)\s+)*$")
TOTAL_OPENER = re.compile(r"[\s,;–-]*(?:insgesamt|in\s+Summe|alles\s+in\s+allem|zusammen(?:genommen)?|in\s+der\s+Summe)\b", re.IGNORECASE)
GOVERNS = re.compile(r"\s+(?:von|in\s+Höhe\s+von|im\s+Wert\s+von)\s+(?:(?:rund|etwa|knapp|gut|fast|über|mehr\s+als|bis\s+zu|ca\.)\s+)?")
SINCE = re.compile(r"(?<!\w)(?:[Ss]eit(?:\s+(?:der|dem|ihrer|seiner)\s+Gründung)?|insgesamt\s+bislang|bislang\s+insgesamt"
                   r"|summier(?:t|en)\s+sich|[Ii]n\s+Summe|zusammengerechnet"
                   r"|Insgesamt\s+(?:flossen|floss|hat|haben|investierte|steckte|sammelte)(?![^.]*\b(?:Runde|Tranche)))(?!\w)"
                   )  # a running total; "Insgesamt flossen 13 Mrd. an …" (no round named)
WITH_PRODUCT = re.compile(r"\b(?:[Mm]it|[Dd]urch)\s+(?:de[mnr]|seine[mnr]?|ihre[mnr]?)?\s*(?:\w+\s+)?$")
SENTENCE_REACH = 600  # characters around a figure that count as its sentence at most
FISCAL_WORDS = re.compile(r"Geschäftsquartal|Geschäftsjahr|Fiskal|Bilanzjahr|fiscal|\bFY\s?\d|\bGJ\b", re.IGNORECASE)


def same_magnitude(a: dict, b: dict) -> bool:
    """Values that compare with each other lie within four orders of magnitude (a scale error
    is a factor of 10 or 1,000; a price per share against a revenue is not comparable)."""
    va = a.get("value") if a.get("value") is not None else a.get("high")
    vb = b.get("value") if b.get("value") is not None else b.get("high")
    if not va or not vb:
        return True
    return 1e-4 <= abs(vb / va) <= 1e4


def has_figure(view: DocView, clause: tuple[int, int], fig: dict) -> bool:
    """Does the clause hold another figure that can be a claim ("der kommenden zwölf Monate" cannot)?"""
    return any(f is not fig and f["label"] not in ("DATE", "DURATION") for f in view.figure_index.starting(*clause))


def same_amount_before(text: str, fig: dict, claims: list[dict]) -> dict | None:
    if not re.search(r"(?<!\w)(?:[Dd]ie|[Dd]er|[Dd]as|[Dd]iese[nr]?)\s*$", text[max(0, fig["start"] - 8):fig["start"]]):
        return None
    for c in reversed(claims[-50:]):  # the last few claims: an amount named again soon after
        f = c["figure"]
        if f["label"] == fig["label"] and f.get("currency") == fig.get("currency") and f.get("unit") == fig.get("unit") \
                and f.get("value") and fig.get("value") and abs(f["value"] - fig["value"]) <= 0.005 * abs(f["value"]):
            return c
    return None


def list_header(text: str, pos: int, properties) -> tuple[int, int] | None:
    """What names a list row's figure when the row names no property itself: the line the list
    stands under ("Segmente (Umsatz, Veränderung ggü. Vorquartal)" over "- Mobile (MBU):
    1,35 Mrd. USD, -19 %"), as (start, end). `properties`: the rules' properties (their triggers)."""
    heading = list_heading(text, pos)
    if heading is None:
        return None
    row = max(0, line_start(text, pos)), line_end(text, pos)
    if any(p.triggers is not None and p.triggers.search(text, *row) for p in properties):
        return None
    return heading

def same_topic(view: DocView, prop, sentence: tuple[int, int], done: list[dict]) -> str | None:
    """ "Bemerkenswert ist die Zusammensetzung der Strafe. Der Grundbetrag liegt bei 40 Mio.":
    where neither the sentence nor the one before names an entity that fits, the subject of
    the last claim of the property a few sentences before, not the article's most named."""
    prev = view.previous_sentence(sentence[0])
    start = prev[0] if prev else sentence[0]
    if any(e.type in prop.subject_types or prop.subject_types == ("PAIR",) and e.type == "ORG"
           for e in view.entity_index.starting(start, sentence[1]) if e.end <= sentence[1]):
        return None
    for c in reversed(done):
        if sentence[0] - c["figure"]["start"] > 800:
            break
        if c["property"] == prop.key:
            return c["subject"]
    return None


def heading_aspect(text: str, heading: tuple[int, int] | None, govern) -> str | None:
    """The aspect a list's heading gives its rows ("Der Ausblick im Überblick:" over "• Viertes
    Quartal: Umsatz von 9,9 bis 10,1 Mrd."): the first of `govern` (aspect, pattern) it holds."""
    return next((a for a, rx in govern if rx.search(text, *heading)), None) if heading else None


def table_header(pos: int, tables) -> str | None:
    """What names a table cell's figure: its column's header and its row's first cell
    ("| Umsatz | …", "Backlog (Mrd. €)   55,0")."""
    cells = tables.row_at(pos)
    if cells is not None:
        cell = next((c for c in cells if c.start <= pos < c.end), None)
        if cell is not None:
            return " ".join(p for p in (cell.header, cell.row) if p) or None
    return None


COMPARED_COLUMN = re.compile(r"(?i)(?P<y>Vorjahr\w*)|(?P<q>Vorquartal\w*)")


def table_compared(pos: int, tables) -> str | None:
    """A cell headed as the period compared with ("in Klammern Vorjahr" over "(1.479,4)"):
    `previous_year` or `previous_quarter`."""
    cell = next((c for c in tables.row_at(pos) or () if c.start <= pos < c.end), None)
    m = COMPARED_COLUMN.fullmatch((cell.header or "").strip()) if cell is not None else None
    return None if m is None else "previous_year" if m.group("y") else "previous_quarter"


TABLE_PERIOD = re.compile(r"(?:(?:Q|(?P<qn>[1-4])\.\s?Quartal\s?)(?P<q>[1-4])?\s?|(?P<m>[369])M\s?)?"
                          r"(?P<fy>FY\s?|GJ\s?|Geschäftsjahr\s)?(?P<y>(?:19|20)\d\d)(?:/(?P<end>\d\d))?")


def table_year(pos: int, tables, fiscal=None) -> str | None:
    """The period a table cell's column is headed with, if that is all its header says: "2024",
    "GJ 2024", "Q4 GJ 2023" ("2024-Q4"); a fiscal year ("FY2024", "FY2023-Q4") where the
    header says so ("GJ", "FY") of a company whose fiscal year is not the calendar year."""
    cells = tables.row_at(pos)
    cell = next((c for c in cells if c.start <= pos < c.end), None) if cells is not None else None
    m = TABLE_PERIOD.fullmatch((cell.header or "").strip()) if cell is not None else None
    if not m or (m.group(0).startswith("Q") and not m.group("q")):
        return None
    quarter = m.group("q") or m.group("qn")
    shifted = fiscal is not None and fiscal.start_month != 1
    y = int(m.group("y"))
    if m.group("end"):  # "GJ 2024/25": the fiscal year that ends in 2025
        if (y + 1) % 100 != int(m.group("end")):
            return None
        year = f"FY{y + 1}" if shifted else str(y + 1)
    else:
        year = f"FY{fiscal.from_text(y)}" if m.group("fy") and shifted else m.group("y")
    if m.group("m") and not year.startswith("FY"):
        return f"{year}-01/{year}-{int(m.group('m')):02d}"  # "9M 2024": the first nine months
    return f"{year}-Q{quarter}" if quarter else year


_LEAD = re.compile(r"[\s,–-]*")
_DASHED_NP = re.compile(r"(?:die|der|das|eine?|einer)\s")


def explains(text: str, start: int, words: re.Pattern, end: int | None = None) -> bool:
    """Does the clause at `start` explain the noun before it ("Die Net Bookings, also der Wert …",
    "Die Nettobuchungen - die wichtigste Umsatzkennzahl der Branche - fielen …", "Der Group FFO, die für
    Immobilienkonzerne zentrale Kennzahl für den Mittelzufluss, sank …": an article's noun phrase without a
    verb up to `end`)? `words`: the rules' words opening an explanation (properties.yaml `explanations`)."""
    lead = _LEAD.match(text, start).end()
    return bool(words.match(text, lead) or (
        re.search(r"[–-]\s*$", text[max(0, start - 3):start]) and _DASHED_NP.match(text, start)) or (
        end is not None and re.search(r",\s*$", text[max(0, start - 3):lead]) and _DASHED_NP.match(text, lead)
        and len(text[lead:end].split()) >= 4  # (not a noun of its own: "…, die Buchungen, die …, um 42 Prozent")
        and re.search(r"(?<![\w-])[A-ZÄÖÜ][\w-]*[\s,]*$", text[lead:end]) is not None))
# A relative clause (verb last) between a noun and its figure: "die Buchungen, die künftige Umsätze
# vorwegnehmen, um 42 Prozent auf 217,6 Mio.": what it says of the noun names no property of the figure
RELATIVE_CLAUSE = re.compile(r"[\s,]*(?:der|die|das|denen|dessen|deren|welche[rs]?)\s+(?:[^,;.]|\.(?=\S))*\s[a-zäöüß]+[\s,]*")


def relative_clause(text: str, clause: tuple[int, int]) -> bool:
    return RELATIVE_CLAUSE.fullmatch(text, *clause) is not None


DOTTED_NAME_BEFORE = re.compile(r"(?<![\w.])\w+(?:\.\w+)*\.$")


def compound_of(text: str, p, trig: tuple[int, int] | None) -> tuple[int, int, str] | None:
    """(start, end of the compound's core, core) when the trigger found is a compound of one of
    the property's cores ("Cloud-Umsatz": the segment word before "umsatz"); else None."""
    if trig is None:
        return None
    dotted = DOTTED_NAME_BEFORE.search(text, max(0, trig[0] - 30), trig[0])
    if dotted and text[trig[0]:trig[1]][:1].islower():
        trig = (dotted.start(), trig[1])  # "waipu.tv-Abonnenten": the name with its dot
    word = text[trig[0]:trig[1]].lower()
    core = next((c for c in p.cores if c in word and word.find(c) > 0), None) if not any(ch.isspace() for ch in word) else None
    if not core:
        return None
    pre = word[:word.find(core)]
    return trig[0], trig[0] + len(pre) + len(core), core


def governs_other(text: str, m: re.Match, fig: dict, fig_ends: dict[int, int]) -> bool:
    """Does the property word `m` govern another figure ("3,5 Mrd. bei einer Bewertung von
    61,5 Mrd.": the valuation is the 61,5)? `fig_ends`: each figure's start -> its end.
    "ein Umsatzplus von 70 Prozent auf 18 Mrd.": the level reached is the same property's."""
    g = GOVERNS.match(text, m.end())
    if not g or g.end() == fig["start"]:
        return False
    other_end = fig_ends.get(g.end())
    if other_end is None:
        return False
    # ("Marktanteile von 20 beziehungsweise 17 Prozent": the word names both figures of a coordinated pair)
    return not TO_LEVEL.fullmatch(text, other_end, fig["start"]) and not JOIN.fullmatch(text, other_end, fig["start"])


GOVERNING_GAP = re.compile(r"\s+(?:über|von|in\s+Höhe\s+von|im\s+Umfang\s+von)\s+$")


APPOSITION_AFTER = re.compile(r",\s*(?:dem|der|ihrem|ihrer|seinem|seiner)\s+")
DIGIT = re.compile(r"\d")


def governs(p, text: str, start: int, end: int | None = None) -> bool:
    """ "bei einer Finanzierung über mehr als 500 Mio. … mit 43 Mrd. bewertet": the property's
    noun right before the figure names it, whatever its clause says after the figure; so does
    an apposition right after it ("am Donnerstag, ihrem ersten Handelstag, … über dem
    Ausgabepreis")."""
    m = GOVERNING_GAP.search(text, max(0, start - 20), start)
    if m is not None and any(t.end() == m.start() for t in p.triggers.finditer(text, max(0, m.start() - 40), m.start())):
        return True
    a = APPOSITION_AFTER.match(text, end) if end is not None else None
    # (unless the words there are excluded: "am Montag, dem ersten Handelstag nach dem Insolvenzantrag")
    return a is not None and p.triggers.match(text, a.end()) is not None \
        and not (p.excludes is not None and p.excludes.match(text, a.end()))


NAMES_THE_DATE = re.compile(r"\s+(?:im\s+|in\s+)?")


def excluded(p, text: str, scope: list[tuple[int, int]], fig: dict) -> bool:
    """Does a word the property excludes stand in the figure's scope? A word of its own right
    before the figure outweighs one after it ("bei einer Finanzierung über 500 Mio. … mit 43 Mrd.
    bewertet"); an excluded phrase right before a date names that date ("seit der Gründung im
    Jahr 2013": the founding year, where "seit der Gründung hat xAI 2024 …" is none)."""
    before = p.triggers is not None and governs(p, text, fig["start"], fig["end"])
    for a, b in scope:
        for m in cue_finditer(p.excludes, text, a, min(b, fig["start"]) if before else b):
            if not (fig["label"] == "DATE" and NAMES_THE_DATE.fullmatch(text, m.end(), fig["start"])) \
                    and not (fig["start"] <= m.start() < fig["end"] and TIME_PREPOSITION.search(text, max(0, fig["start"] - 8), fig["start"])):
                return True
    return False


# A word of the figure itself after a preposition of time is when, not what ("Abgeschlossen werden soll der
# Kauf im Geschäftsjahr 2023": a closing date; "hat das Geschäftsjahr 2023 abgeschlossen": no deal's)
TIME_PREPOSITION = re.compile(r"(?<![\w-])(?:im|in|bis|zum|ab|seit|Ende|Anfang|Mitte)\s+$")


# (a name with a version, "vor GPT-3.5 (MMLU: 70 Prozent)", and a label in the bracket too)
BRACKET_AFTER_NOUN = re.compile(r"(?<![\w-])(?P<noun>[A-ZÄÖÜ][\w.-]*\w)\s*\((?:[\w.-]+:\s*)?$")


def bracketed_for_other(view: DocView, fig: dict, subject: str, property_words: re.Pattern) -> bool:
    """ "liegt Phi-4 mit 56,1 Prozent vor dem Lehrermodell (50,6 Prozent)": a figure that opens
    a bracket after a noun that names neither the subject nor a property is that noun's value."""
    text = view.text
    m = BRACKET_AFTER_NOUN.search(text, max(0, fig["start"] - 40), fig["start"])
    if m is None or property_words.search(m.group("noun")) \
            or any(f["end"] > m.start("noun") or not text[f["end"]:m.start("noun")].strip()
                   for f in view.figure_index.starting(m.start("noun") - 60, m.end("noun"))):
        return False  # (not after a figure or its counted noun: "17,14 Mrd. Euro (+27 %)", "25,9 Millionen Smartphones (+27,4 Prozent)")
    return not any(e.name == subject for e in view.entity_index.starting(m.start("noun") - 1, m.end("noun") + 1))


def converts(view, prev: dict, fig: dict, per_unit: re.Pattern) -> bool:
    """Is the amount `fig` the claim `prev`'s amount converted ("38 Mrd. Dollar (umgerechnet rund
    32,9 Mrd. Euro)", "600 Mio. Euro eingesammelt, umgerechnet knapp 700 Mio. Dollar")? Not one
    `per_unit` follows (properties.yaml `per_unit`: "… das entspricht 190 Dollar pro Aktie")."""
    text = view.text
    if fig["label"] != "MONEY" or prev["figure"]["label"] != "MONEY" or prev["figure"].get("currency") == fig.get("currency") \
            or per_unit.match(text, fig["end"]):
        return False  # ("34 Mrd. Euro in bar, das entspricht 190 Dollar pro Aktie": a price per share, not the sum)
    if CONVERTED.fullmatch(text, prev["figure"]["end"], fig["start"]):
        return True
    ss = view.sentence_of(fig["start"])[0]
    before = view.previous_sentence(ss)
    if before and before[0] <= prev["figure"]["start"] < before[1] and CONVERTED_OPENER.fullmatch(text, ss, fig["start"]) \
            and not any(f["label"] == "MONEY" for f in view.figure_index.starting(prev["figure"]["end"], fig["start"])):
        return True
    return bool(prev["sentence"][0] <= fig["start"] < prev["sentence"][1]
                and CONVERTED_LATER.search(text, max(prev["figure"]["end"], fig["start"] - 40), fig["start"])
                and not any(f["label"] == "MONEY" for f in view.figure_index.starting(prev["figure"]["end"], fig["start"])))


SEPARATOR = re.compile(r"[\s,]*")


def spans_after(text: str, fig: dict, clause: tuple[int, int], sentence: tuple[int, int], purpose: re.Pattern) -> list[tuple[int, int]]:
    """What says more about a figure after it: the apposition right after it ("am Donnerstag, ihrem ersten
    Handelstag, …") and a clause of purpose after its clause ("zahlt 18,5 Mio. Dollar, um die Ermittlungen
    beizulegen": `purpose`, properties.yaml `purpose_openers`), as spans without figures of their own."""
    out, opener = [], SEPARATOR.match(text, clause[1]).end()
    for start in ([m.end()] if (m := APPOSITION_AFTER.match(text, fig["end"])) else []) + (
            [opener] if opener < sentence[1] and purpose.match(text, opener) else []):
        if start >= sentence[1]:
            continue
        brk = CLAUSE_BREAK.search(text, start + (start == opener), sentence[1])
        end = brk.start() if brk else sentence[1]
        if not DIGIT.search(text, start, end):  # (not "auf 21,9 Mrd., der Serviceumsatz um 5,5 % auf 16,93 Mrd.": figures of its own)
            out.append((start, end))
    return out


SUBJECT_ARTICLE = re.compile(r"(?<!\w)(?:[Dd]ie|[Dd]er|[Dd]as|[Dd]iese[rs]?|[Dd]en|[Dd]em)\s+(?:\w+\s+)?$")
# "Das entspricht einem Plus von 26,3 Prozent": the sentence goes on with the figure before
BACK_REFERENCE = re.compile(r"\s*(?:(?:Das|Dies)\s+(?:entspricht|entsprach|bedeutet|bedeutete|ist|war|sind|waren)"
                            r"|[^.;:!?]{0,100}?,\s+(?:entspricht|entsprach|bedeutet|bedeutete)\s+(?:das|dies))\s"  # ("Organisch, also …, entspricht das …")
                            # (not a change in another currency: "Das entspricht in US-Dollar einem Plus von 40,8 %")
                            r"(?!(?:[\w-]+\s+){0,2}in\s+(?:US-|Landes)?(?:Dollar|Euro|Yen|Franken|Pfund|Yuan|Won|währung)\b)")


def named_subjectless(text: str, sentence: tuple[int, int], p) -> bool:
    """ "Die Investition summiert sich auf 8,9 Mrd.": the property's noun with an article is
    the sentence's subject, so the sentence has no subject of its own."""
    if p is None or p.triggers is None:
        return False
    return any(SUBJECT_ARTICLE.search(text[max(sentence[0], m.start() - 30):m.start()]) and m.group(0)[:1].isupper()
               for m in p.triggers.finditer(text, *sentence))


# "Die Bewertung hat sich vervielfacht. Im März lag sie … bei 270 Mio.": a pronoun subject after
# the verb, standing for the noun the sentence before opens with
_RESULT_VERBS = (r"(?:lag|lagen|liegt|liegen|stieg|stiegen|sank|sanken|betrug|betrugen|erreichte|erreichten|"
                 r"war|waren|kletterte|kletterten|fiel|fielen|wuchs|wuchsen)")
# "… lag sie bei", "Sie wuchsen um 23 Prozent": a pronoun as the clause's subject
PRONOUN_SUBJECT = re.compile(r"(?<!\w)" + _RESULT_VERBS + r"\s+(?:sie|er)(?!\w)|^\s*(?:Sie|Er)\s+" + _RESULT_VERBS + r"(?!\w)")
OPENING_NOUN = re.compile(r"\s*(?:Die|Der|Das)\s+(?:[a-zäöüß]\w*\s+)?(?P<noun>[A-ZÄÖÜ][\w-]+)")
DEFINITE_NOUN = re.compile(r"(?<!\w)(?:die|der|den)\s+(?:[a-zäöüß]\w*\s+)?(?P<noun>[A-ZÄÖÜ][\w-]+)")


def pronoun_property(view: DocView, clause: tuple[int, int], fig: dict, properties) -> tuple[str, tuple[int, int]] | None:
    """The property a pronoun subject of the clause stands for, with where its word stands: the
    one whose word opens the sentence before as a definite noun ("Die Bewertung …"), when one does."""
    text = view.text
    if not PRONOUN_SUBJECT.search(text[clause[0]:fig["start"]]):
        return None
    prev = view.previous_sentence(clause[0])
    m = OPENING_NOUN.match(text, prev[0]) if prev else None
    # "Er" stands for no feminine noun: "Die Kennzahl … ist der Digital-Media-ARR. Er lag bei …"
    pron = PRONOUN_SUBJECT.search(text[clause[0]:fig["start"]]).group(0).split()
    masculine = any(w in ("er", "Er") for w in pron)
    if m is not None and masculine and m.group(0).split()[0] != "Der":
        m = None
    # (else its first definite noun with a property's word: "Investoren achten auf die
    # verbleibenden Leistungsverpflichtungen (RPO), also … Erlöse. Sie wuchsen um 23 Prozent")
    nouns = [m] if m is not None else [n for n in DEFINITE_NOUN.finditer(text, *prev)
                                       if not masculine or n.group(0).split()[0] in ("der", "den")] if prev else []
    for n in nouns:
        key = next((p.key for p in properties if p.triggers is not None and p.triggers.fullmatch(text, *n.span("noun"))), None)
        if key is not None or n is m:
            return (key, n.span("noun")) if key is not None else None
    return None


def participle_of(text: str, fig: dict, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """(start, end) of the participle a date is what it says: the one it stands before ("den 2018
    verstorbenen Mitgründer"), or the one closing the participial apposition it stands in ("Infarm,
    2013 in Kreuzberg … gegründet, hat …")."""
    m = date_participle(text, fig)
    if m is not None:
        return m.span("w")
    return apposed_participle(text, *sentence, fig["start"]) if fig["label"] == "DATE" else None

