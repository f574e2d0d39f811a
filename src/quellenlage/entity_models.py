"""Models and products named in a text without a list that knows them: a maker's model after its
name ("Xiaomi SU7", later "SU7"), a model by its maker and short name ("MiniMax-M1", later "M1"), by
family and size ("Mixtral 8x7B", later "Mixtral"), and names a word for a model or device introduces
("ihr Sprachmodell Apertus", "den Prozessor Telum II"). Pure: text in, (start, end, name) out."""
from __future__ import annotations

import re
from functools import lru_cache

from quellenlage.lexicon_nouns import is_common_noun
from quellenlage.patterns import trie_alternation

# (not a quarter or half after the name: "AMD Q4/2024", "Apple H1")
MODEL_AFTER = re.compile(r"[ \u00a0](?!(?:Q[1-4]|H[12]|FY\d{0,4})(?![\w-]))(?P<m>[A-Z][A-Za-z]{0,4}\d{1,3}[A-Za-z]?|[A-Z][a-z]{2,}[ \u00a0](?:II|III|IV|VI|VII))(?![\w-])")


def maker_models(text: str, makers: list, taken) -> list[tuple[int, int, str]]:
    """ "der Xiaomi SU7", "Apple M4": a short name of capitals and digits right after a company's
    name is one of its products; the article names it alone later too ("Der SU7 …")."""
    names = set()
    out = []
    for e in makers:
        m = MODEL_AFTER.match(text, e.end)
        if m and taken.free(m.start("m"), m.end("m")):
            names.add(m.group("m"))
    if not names:
        return out
    rx = re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w-])")
    for m in rx.finditer(text):
        if taken.free(*m.span()):
            out.append((m.start(), m.end(), m.group(0)))
    return out


MODEL_SHORT = re.compile(r"(?P<maker>[A-Z][\w]+)[- \u00a0](?P<short>[A-Z][A-Za-z]?\d{1,3}(?:\.\d)?)")
SHORT_VARIANT = r"(?P<v>-(?:\d+[kKmMbB]|[A-Z][a-z]+))?"


def model_short_names(text: str, entities: list, taken) -> list[tuple[int, int, str]]:
    """ "MiniMax-M1", "DeepSeek R1": a model named with its maker's name, later by its short name
    alone ("M1", "R1") and by a variant of it ("M1-80k", written on as its own model
    "MiniMax-M1-80k"): (start, end, model name). Only makers the text names as a company."""
    makers = {text[e.start:e.end] for e in entities if e.type == "ORG"}
    short: dict[str, str] = {}
    for e in entities:
        m = MODEL_SHORT.fullmatch(text, e.start, e.end) if e.type == "MODEL" else None
        if m and m.group("maker") in makers:
            short.setdefault(m.group("short"), e.name)
    if not short:
        return []
    rx = re.compile(r"(?<![\w.-])(?P<s>" + "|".join(map(re.escape, sorted(short, key=len, reverse=True))) + r")"
                    + SHORT_VARIANT + r"(?![\w-])")
    return [(m.start(), m.end(), short[m.group("s")] + (m.group("v") or "")) for m in rx.finditer(text)
            if taken.free(m.start(), m.end())]


FAMILY_SIZE = re.compile(r"(?P<family>[A-Z][a-z]{3,})[ \u00a0](?:\d+(?:\.\d+)?[ \u00a0])?\d{1,3}(?:x\d{1,3})?B")


def family_names(text: str, entities: list, taken, not_names) -> list[tuple[int, int, str]]:
    """ "Mixtral 8x7B", later "Mixtral" alone: a model named by its family and size, the only one
    of its family the text names, is meant by the family's name alone (not a family word that names
    something else: a company, a word of `not_names`): (start, end, model name)."""
    sizes: dict[str, set[str]] = {}
    for e in entities:
        m = FAMILY_SIZE.fullmatch(text, e.start, e.end) if e.type == "MODEL" else None
        if m:
            sizes.setdefault(m.group("family"), set()).add(e.name)
    others = {e.name for e in entities if e.type != "MODEL"}
    one = {f: next(iter(names)) for f, names in sizes.items() if len(names) == 1 and f not in others and f not in not_names}
    if not one:
        return []
    rx = re.compile(r"(?<![\w.-])(?P<f>" + "|".join(map(re.escape, sorted(one))) + r")(?![\w-]|[ \u00a0]\d)")
    return [(m.start(), m.end(), one[m.group("f")]) for m in rx.finditer(text) if taken.free(m.start(), m.end())]


def product_tail(tiers: list[str]) -> str:
    """A product's generation or tier after its name ("Telum II", "Tensor G4", "Blackhole p150a", a tier of the
    rules' `product_tiers`: "Pro"), optional."""
    return _product_tail(tuple(tiers))


@lru_cache(maxsize=16)
def _product_tail(tiers: tuple[str, ...]) -> str:
    words = "|" + trie_alternation(tiers) if tiers else ""
    return r"(?:[ \u00a0](?:[A-Z]\d{1,3}[a-z]?(?![\w-])|[IVX]{1,4}|\d{1,3}[A-Za-z]{0,2}(?![.,]\d)|[a-z]\d{2,4}[a-z]?" + words + r"))?"  # ("Tensor G4"; not a figure's number: "das Spiel Minecraft 2,5 Millionen Dollar")


@lru_cache(maxsize=16)
def _introductions(nouns: tuple[str, ...], tail: str) -> re.Pattern:
    """A word for a model or product, then its name ("ihr Sprachmodell Apertus"); built once per
    word list (the rules' lists do not change between documents)."""
    # (a noun also as a compound's head: "seines neuen Mainframe-Prozessors Telum II", "das KI-Sprachmodell BLOOM",
    # "das Satellitennavigationssystem Galileo"; the name may stand in quotes: "das Videospiel „Grand Theft Auto V“";
    # an apostrophe inside: "die Sonde Chang'e-3")
    heads = trie_alternation(sorted({n[0].lower() + n[1:] for n in nouns if n[:1].isupper() and "-" not in n}))
    return re.compile(r"(?<![\w-])(?:[\w]+-)?(?:" + trie_alternation(nouns) + r"|[A-ZÄÖÜ][a-zäöüß]{2,}(?:" + heads
                      + r"))[ \u00a0]+[„\"»«‚‹›]?(?P<name>[A-ZÄÖÜ][\w]{2,}(?:['’][a-zäöü]+)?(?:-[\w.]+)?" + tail + r")(?P<second>[ \u00a0][A-ZÄÖÜ][\w]*)?(?![\w-])")


def introduced_names(text: str, nouns: list[str], tail: str = "") -> set[str]:
    """The names a word for a model or product introduces ("das KI-Sprachmodell BLOOM"): no
    organisation's acronym, whatever their capitals."""
    return {m.group("name") for m in _introductions(tuple(nouns), tail).finditer(text)} if nouns else set()


def predicated_models(text: str, nouns: list[str], copulas: list[str]) -> list[re.Match]:
    """Names a sentence calls a model ("DBRX ist ein sogenanntes Mixture-of-Experts-Modell", "stellte
    DBRX vor, ein Modell, dessen …", "hat mit DBRX ein offenes Sprachmodell veröffentlicht", "ist DBRX
    als MoE-Modell aufgebaut"): matches with the group "name"."""
    return [m for rx in _predications(tuple(nouns), tuple(copulas)) for m in rx.finditer(text)] if nouns else []


@lru_cache(maxsize=16)
def _predications(nouns: tuple[str, ...], copulas: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    name = r"(?P<name>[A-ZÄÖÜ][\w.]*\w(?:-[\w.]*\w)*)"
    det = r"[ \u00a0]+(?:ein|eine|einen|das|den|sein|seine|seinen|ihr|ihre|ihren)[ \u00a0]+"
    head = r"(?:[a-zäöüß][\w-]*[ \u00a0]+){0,3}(?:[\w]+-)?(?:" + trie_alternation(nouns) + r")(?![\w-])"
    said = r"[ \u00a0]+(?:" + trie_alternation(copulas) + r")" if copulas else "(?!)"
    return (re.compile(r"(?<![\w-])" + name + r"(?:" + said + r"|(?:[ \u00a0]+vor)?,)" + det + head),
            re.compile(r"(?<![\w-])[Mm]it[ \u00a0]+" + name + det + head),
            # (no article after "als": "Anders als der Chatbot ChatGPT" compares, it names no model)
            re.compile(r"(?<![\w-])" + name + r"[ \u00a0]+als[ \u00a0]+(?!(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer)[ \u00a0])" + head))


def named_models(text: str, nouns: list[str], not_names, taken, tail: str = "",
                 heads: list[str] = (), also: list[re.Match] = ()) -> list[tuple[int, int, str]]:
    """Models (or, with `tail`, products) no list knows, introduced by a word for one ("ihr
    Sprachmodell Apertus", "den Prozessor Telum II"), then every mention of the name alone:
    (start, end, name). One pass for the introductions, one for the names found (none without one).
    `also`: more introductions (`predicated_models`)."""
    if not nouns:
        return []
    found = list(_introductions(tuple(nouns), tail).finditer(text)) + list(also)
    if tail and any(m.group("second") for m in found):
        # a name of two words, when the text writes it so again ("die Landefähre Blue Ghost … Blue Ghost
        # setzte auf"), not a noun after a name ("den Chip Rubin Anfang 2026")
        # (or once, when its second word is no German noun: "das Betriebssystem Fitbit OS" is no "Fitbit")
        # (not over a name a list knows: "die Taxi-App Freenow Uber Paroli bieten" names Freenow and Uber)
        two = {m.group("name") + m.group("second") for m in found if m.group("second") and taken.free(m.start("name"), m.end("second"))}
        twice = {n for n in two if text.count(n) >= 2 or not is_common_noun(n.split()[-1])}
        if twice:
            names2 = {n.split(maxsplit=1)[0]: n for n in twice}
            return [(m.start(), m.end(), m.group(0)) for m in re.finditer(
                r"(?<![\w-])(?:" + trie_alternation(sorted(twice)) + r")(?![\w-])", text) if taken.free(m.start(), m.end())] \
                + [x for x in _named_alone(text, found, not_names, taken, heads, tail) if x[2] not in names2]
    return _named_alone(text, found, not_names, taken, heads, tail)


@lru_cache(maxsize=16)
def _before_heads(heads: tuple[str, ...], tail: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?P<name>[A-ZÄÖÜ][\w]{2,}" + tail + r")[ \u00a0]+(?:" + trie_alternation(heads) + r")(?![\w-])")


def _named_alone(text: str, found: list, not_names, taken, heads, tail: str) -> list[tuple[int, int, str]]:
    if heads:  # (a name before an English head: "den Spyre Accelerator")
        found += _before_heads(tuple(heads), tail).finditer(text)
    names = {m.group("name") for m in found  # (a German word named once is none: "schickte der Rover Kamerabilder")
             if m.group("name") not in not_names and not m.group("name").endswith(("ung", "ungen", "heit", "keit"))
             and not (tail and is_common_noun(m.group("name")) and text.count(m.group("name")) < 2)}
    if not names:
        return []
    found = re.compile(r"(?<![\w-])(?:" + trie_alternation(sorted(names)) + r")(?![\w-])")
    return [(m.start(), m.end(), m.group(0)) for m in found.finditer(text) if taken.free(m.start(), m.end())]
