"""Company names that no list knows and no noun introduces ("Lange galt Spotify als …"),
told from German nouns (also capitalised) by how the article uses them. Pure: text in, names out."""
from __future__ import annotations

import re
from dataclasses import replace
from collections import Counter
from functools import lru_cache
from quellenlage.lexicon_nouns import is_noun
from quellenlage.patterns import Gated, trie_alternation
from quellenlage.textutil import line_start

# The words around a capitalised word that say it is no name here (entities.py): a dateline or a
# shout in capitals, a list label's short form, a ticker symbol, a source phrase after it.
CAPS_BEFORE = re.compile(r"[A-ZÄÖÜ]{2,}[ \t]+$")
CAPS_AFTER = re.compile(r"[ \t]+[A-ZÄÖÜ]{2,}\b")
ACRONYM = Gated(r"(?<![\w-])", r"[A-ZÄÖÜ][A-ZÄÖÜ]{2,5}(?![\w-])")  # = [A-ZÄÖÜ]{3,6}, with a first character to skip to
WORDS_BEFORE = re.compile(r"[\w.-]+")
DATELINE_DOT = re.compile(r"\.[ \t]+[A-ZÄÖÜ]")  # "BERLIN. Es hat …" at a paragraph's start: a dateline
# "pwe. TOKIO/NEW YORK. Laura Kelly …": a newspaper's dateline after its author's initials, places
# in capitals joined by slashes
DATELINE_INITIALS = re.compile(r"[ \t]*(?:[a-zäöü]{1,5}\.[ \t]+)?")
DATELINE_PLACES = re.compile(r"(?:/[A-ZÄÖÜ][A-ZÄÖÜ \-]*[A-ZÄÖÜ])*\.[ \t]+[A-ZÄÖÜ]")
LABEL_BEFORE = re.compile(r"[ \t]*[-•*–][ \t]+[^\n:()]{1,60}\([ \t]*")
LABEL_HEAD = re.compile(r"[ \t]*[-•*–][ \t]+[^\n:()]{0,60}")
LABEL_SHORT_TAIL = re.compile(r"[ \t]*\([A-ZÄÖÜ]{2,6}\)[ \t]*:")
LABEL_SHORT_AFTER = re.compile(r"[ \t]*\)[ \t]*:")
TICKER_AFTER = re.compile(r":\s?\d")
INDEX_TICKER = re.compile(r"\s?:\s?[A-Z0-9]")
NOT_AN_ORG_AFTER = re.compile(r"\s+(?:zufolge|nach|gemäß|entsprechend)\b")
MODEL_COMPOUND = re.compile(r"-(?:[A-ZÄÖÜ][a-zäöüß]{3,})$")
CAPITALISED = re.compile(r"(?<![\w&.-])(?:[A-ZÄÖÜ][a-zäöüß]|[a-z][A-Z][a-zäöüß]{2})[\w&]*(?![\w&-])")  # (also "eToys")
WORD_BEFORE = re.compile(r"(\S+)[ \t]+$")
PAIR = re.compile(r"(?<![\w&.-])([A-ZÄÖÜ][\w&.]*)(?=[ \u00a0]([A-ZÄÖÜ][a-zäöüß][\w&]*)(?![\w&-]))")


AFTER_COMMA_WORD = re.compile(r",[ \u00a0]+[a-zäöü]+[ \u00a0]+$")  # a preposition that opens a relative clause


def bare_names(text: str, cfg: dict, not_first: frozenset[str], taken) -> set[str]:
    """Names no list knows and nothing introduces ("Lange galt Spotify als …"): a capitalised
    word the article uses at least three times, at least twice right after a verb or other
    lower-case word mid-sentence, never after an article, pronoun or adjective (as a German
    noun is; a preposition or a relative pronoun after a comma says nothing), never in lower
    case, and not built like a German noun."""
    legal = tuple(cfg.get("legal_suffixes") or ())  # "die Gigaset AG": a company's legal form names it
    cfg = cfg.get("bare_names") or {}
    blockers = frozenset(w.lower() for w in cfg.get("blocked_after") or [])
    neutral = frozenset(w.lower() for w in cfg.get("neutral_after") or [])  # "Wette auf Northvolt"
    relative = frozenset(w.lower() for w in cfg.get("relative_pronouns") or [])
    # before a word no German noun list knows, prepositions and conjunctions say nothing ("Laut Roku", "und Roku")
    unknown_neutral = frozenset(w.lower() for w in cfg.get("neutral_before_unknown") or [])
    suffixes = tuple(cfg.get("noun_suffixes") or ())
    origins = tuple(w.lower() for w in cfg.get("origin_adjectives") or ())  # "die amerikanische Lycos Inc."
    verbs = frozenset(w.lower() for w in cfg.get("verbs_like_adjectives") or ())  # "wurde Groupon"
    if not blockers:
        return set()
    counts = Counter(CAPITALISED.findall(text))  # most capitalised words are nouns: sorted out cheaply first
    candidates = {word for word, n in counts.items() if n >= 3 and word not in not_first
                  and not word.lower().endswith(suffixes)}
    if not candidates:
        return set()
    where: dict[str, list[int]] = {}
    for m in CAPITALISED.finditer(text):
        if m.group(0) in candidates and taken.free(m.start(), m.end()):
            where.setdefault(m.group(0), []).append(m.start())
    found = set()
    headline = set(CAPITALISED.findall(text, 0, max(0, text.find("\n"))))  # "Bluesky: Wie die X-Alternative …"
    for word, starts in where.items():
        if len(starts) < 3:
            continue
        bare, neutral_here = 0, neutral | unknown_neutral if unknown_neutral and not is_noun(word) else neutral
        for s in starts:
            after = s + len(word)
            if legal and text[after:after + 1] in " \u00a0" and any(
                    text.startswith(form, after + 1) and not (text[after + 1 + len(form):after + 2 + len(form)].isalnum())
                    for form in legal):
                bare += 2  # "die Gigaset AG aus Bocholt": the article goes with the company's full name
                continue
            prev = WORD_BEFORE.search(text, max(0, s - 40), s)
            if prev is None:
                continue  # at the start of a line
            w = prev.group(1)
            if w[-1] in ".!?:;\"“”„»«)":
                continue  # at the start of a sentence
            low = w.lower()
            if low in neutral_here or low in relative and (low not in blockers  # "zu denen Juniper zählt"
                                                      or text[max(0, prev.start() - 2):prev.start()].rstrip().endswith(",")
                                                      or AFTER_COMMA_WORD.search(text, max(0, prev.start() - 16), prev.start())):  # ("AG, an der Steilmann … beteiligt ist")
                continue  # "bei Northvolt", ", die Northvolt dem Gericht vorlegte": says nothing
            adjective = w[0].islower() and low.endswith(("e", "en", "er", "es", "em")) and not low.endswith(("te", "ten")) \
                and low not in verbs
            if adjective and origins and low.startswith(origins) and not is_noun(word):
                continue  # where a company is from says nothing: "die amerikanische Lycos Inc."
            if low in blockers or any(ch.isdigit() for ch in w) or adjective:  # ("steigerte", "meldeten": verbs)
                bare = -1  # "der Umsatz", "neue Musiker": a noun
                break
            if w[0].islower():
                bare += 1
        if bare >= 2 or bare == 1 and word in headline:  # (the headline's name: once bare is enough)
            found.add(word)
    # never in lower case (not even inside a word: "Quartalsumsatz"): asked last, of the few
    # left, since each asks the whole text
    return {_whole_name(text, word, where[word]) for word in found if word.lower() not in text}


def craft_names(text: str, words: tuple[str, ...], not_first) -> set[str]:
    """Crafts no list knows, named by the mission or craft they are: "das Ende der Envisat-Mission",
    "Die Mission von Envisat", "der Mission Grace" (`words`: bare_names.craft_words), when the article
    names them alone too ("Envisat war im März 2002 … gestartet") and the name is no German noun (nor
    a genitive: "die Satelliten Europas")."""
    if not words:
        return set()
    alt = trie_alternation(list(words))
    rx = re.compile(r"(?<![\w&.-])(?P<a>[A-ZÄÖÜ][\w]+)-(?:" + alt + r")(?![\w-])|(?<![\w-])(?:" + alt
                    + r")[ \u00a0](?:von[ \u00a0])?(?P<b>[A-ZÄÖÜ][\w-]*\w)(?![\w-])")
    found: dict[str, int] = {}  # name -> how often it must stand alone (once more than the mention "Mission Grace")
    for m in rx.finditer(text):
        found[m.group("a") or m.group("b")] = max(found.get(m.group("a") or m.group("b"), 0), 1 if m.group("a") else 2)
    runs = Counter(re.findall(r"[\w-]+", text)) if found else Counter()  # each word's uses, counted once (not a pass per name)
    return {n for n, k in found.items() if len(n) >= 3 and n not in not_first and not is_noun(n) and not genitive_of(n, not_first)
            and not (n.endswith("s") and runs[n[:-1]]) and runs[n] >= k}


NEXT_CAPITALISED = re.compile(r"[ \t]([A-ZÄÖÜ][\w&]*)(?![\w&-])")


def _whole_name(text: str, word: str, starts: list[int]) -> str:
    """ "Live Nation": a name whose every use goes on with the same capitalised word is both."""
    nxt = {m.group(1) if m else None for m in (NEXT_CAPITALISED.match(text, s + len(word)) for s in starts)}
    return f"{word} {nxt.pop()}" if len(nxt) == 1 and None not in nxt else word


class Authorities(frozenset):
    """The names of authorities: those the rules list and those ending in an authority's word
    ("US-Finanzministerium")."""
    def __new__(cls, names, heads):
        self = super().__new__(cls, names)
        self.heads = tuple(heads)
        return self

    def __contains__(self, name) -> bool:
        return frozenset.__contains__(self, name) or (isinstance(name, str) and bool(self.heads) and name.endswith(self.heads))


ACRONYM_AFTER = re.compile(r"[ \u00a0]*\((?P<a>[A-ZÄÖÜ]{2,6})\)")


def acronym_aliases(text: str, found: list) -> list:
    """ "National Public Data (NPD)": the initials in brackets after an organisation's name of
    several words are that organisation wherever the text uses them (one name for both)."""
    full: dict[str, str] = {}
    for e in found:
        m = ACRONYM_AFTER.match(text, e.end) if e.type == "ORG" and " " in e.name else None
        if m and m.group("a") == "".join(w[0] for w in e.name.split() if w[:1].isupper()):
            full.setdefault(m.group("a"), e.name)
    return [replace(e, name=full[e.name]) if e.type == "ORG" and e.name in full else e for e in found] if full else found


def main_organisation(entities) -> str | None:
    """The organisation an article names most; of equals, the one named first (the headline's,
    not a bank quoted at the end). `entities` in text order."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for e in entities:
        if e.type == "ORG":
            counts[e.name] = counts.get(e.name, 0) + 1
            first.setdefault(e.name, e.start)
    return min(counts, key=lambda n: (-counts[n], first[n], n)) if counts else None


def gazetteer_stems(text: str, found: list, cfg: dict, not_names) -> dict[str, str]:
    """Stem -> name for the known companies found whose name ends in a company word
    ("Palo Alto Networks", "Tower Semiconductor"): the article may go on with the stem alone,
    when it names the whole first (not "Booking" first and "Booking Holdings", the parent, later)."""
    suffixes = set(cfg.get("company_suffixes") or ()) | set(cfg.get("legal_suffixes") or ())
    not_stems = set(cfg.get("stem_not_names") or ())
    stems: dict[str, str] = {}
    for e in found:
        if e.type != "ORG" or e.source != "gazetteer" or " " not in e.name:
            continue
        stem, last = e.name.rsplit(" ", 1)
        if last in suffixes and len(stem) >= 3 and stem not in not_stems and stem.split()[0] not in not_names \
                and stem[:1].isupper() and stem not in stems:
            first = re.search(r"(?<![\w&.-])" + re.escape(stem) + r"(?![\w&])", text)
            if first is not None and first.start() == e.start and text.startswith(e.name, e.start):
                stems[stem] = e.name
    return stems


def apposition_stems(text: str, names: set[str], not_names) -> dict[str, str]:
    """Stem -> name for companies an apposition introduced with a name of several words ("Astera
    Labs, ein Hersteller von …"): the article goes on with all but the last word ("Astera")."""
    stems: dict[str, str] = {}
    for name in sorted(names):
        if " " not in name:
            continue
        stem, last = name.rsplit(" ", 1)
        if len(stem) >= 4 and stem.split()[0] not in not_names and re.search(
                r"(?<![\w&.-])" + re.escape(stem) + r"(?![\w&-]|[ \u00a0]" + re.escape(last) + r")", text):
            stems[stem] = name
    return stems


def short_names(text: str, found: list, known, not_names) -> list:
    """ "Süss Microtec …, Süss": a company the rules found by its first word alone is the name of
    two words the article writes it with ("Süss Microtec" in the title and the first sentence),
    when the second word never stands alone (a part of the name, no noun of the sentence).
    (One pass over the text for every pair of capitalised words, not one a name.)"""
    single = {e.name for e in found if e.type == "ORG" and " " not in e.name and e.name not in known}
    if not single:
        return found
    full: dict[str, str] = {}
    pairs = Counter((m.group(1), m.group(2)) for m in PAIR.finditer(text) if m.group(1) in single)
    words = Counter(m.group(0) for m in CAPITALISED.finditer(text))
    for (w, x), n in sorted(pairs.items(), key=lambda kv: -kv[1]):
        if w not in full and n >= 2 and words[x] == n and x not in not_names \
                and _first_with(text, w, x) and not _brand(text, w, x, pairs):
            full[w] = full[x] = w + " " + x  # (and "Microtec" of "Süss Microtec-Aktie")
    return [replace(e, name=full[e.name]) if e.type == "ORG" and e.name in full else e for e in found] if full else found


def _brand(text: str, w: str, x: str, pairs: Counter) -> bool:
    """Does w go on with other words too ("Altium Designer und Altium 365")? Then it is a maker's
    brand before its products' names, not the first word of one name."""
    return any(a == w and b != x for a, b in pairs) or re.search(
        r"(?<![\w&.-])" + re.escape(w) + r"[ \u00a0]\d", text) is not None


def _first_with(text: str, w: str, x: str) -> bool:
    """Is the first mention of w followed by x ("Süss Microtec" first, then "Süss"; not "Booking"
    first and "Booking Holdings", the parent, later)?"""
    m = re.search(r"(?<![\w&.-])" + re.escape(w) + r"(?![\w&])", text)
    return m is not None and text.startswith(x, m.end() + 1)


def genitive_of(word: str, not_names: frozenset) -> bool:
    """ "eines der wertvollsten KI-Start-ups Deutschlands": the genitive of a word that is no name
    (a place), no company."""
    return word.endswith("s") and word[:-1] in not_names


def named_by_form(text: str, cfg: dict, not_first, taken) -> list[tuple[int, int, str, bool]]:
    """Organisations their name's form gives away: an institution's English name ("die British
    Library", "die Toronto Public Library": the whole is the name) and a company's web address
    ("gegen Booking.com": the company Booking, named so alone later too; not a byline
    "Investing.com -- …"), a ministry ("das US-Finanzministerium"). (start, end, name, named alone later)."""
    out: list[tuple[int, int, str, bool]] = []
    suffixes = [s for s in cfg.get("institution_suffixes") or [] if s in text]  # a literal gate: most texts hold none
    if suffixes:
        keep = set(cfg.get("company_suffixes") or ())  # "Technology Innovation Institute": part of the name
        rx = re.compile(r"(?<![\w-])(?:[A-ZÄÖÜ](?:[\w&-]|\.(?=\w))+[ \u00a0]){1,3}(?:" + "|".join(map(re.escape, suffixes)) + r")(?![\w-])")
        for m in rx.finditer(text):
            s, name = m.start(), m.group(0).replace("\u00a0", " ")
            while " " in name and name.split()[0] in not_first and name.split()[0] not in keep:  # "Die British Library"
                s, name = s + len(name.split()[0]) + 1, name.split(" ", 1)[1]
            initials = "".join(w[0] for w in name.split())
            if len(initials) >= 3 and re.search(r"(?<![\w-])" + initials + r"(?![\w-])", text):
                name = initials  # "das Technology Innovation Institute (TII)" is the "TII" of the article
            if " " in name and taken.free(s, m.end()) or name == initials:
                out.append((s, m.end(), name, False))
    heads = [h for h in cfg.get("authority_heads") or [] if h in text]
    if heads:  # "das US-Finanzministerium", "des Bundesgesundheitsministeriums": a ministry by its word
        rx = re.compile(r"(?<![\w-])(?P<name>(?:[A-ZÄÖÜ]{2,4}-)?[A-ZÄÖÜ][a-zäöüß]+(?:" + "|".join(map(re.escape, heads)) + r"))(?:s|es)?(?![\w-])")
        for m in rx.finditer(text):
            if taken.free(*m.span()):
                out.append((m.start(), m.end(), m.group("name"), False))
    adjectives = [a for a in cfg.get("name_adjectives") or [] if a in text]
    if adjectives:  # "für die Deutsche Wohnen", "gegen die Deutsche Wohnen": capitalised inside a sentence, a name's first word
        rx = re.compile(r"(?<=[a-zäöüß,] )(?P<name>(?:" + "|".join(map(re.escape, adjectives)) + r")[ \u00a0](?P<w>[A-ZÄÖÜ][\w-]{2,}))(?![\w-]|[ \u00a0](?:für|der|des|von|zur|zum|und)\b)")  # (not a longer name: "das Deutsche Zentrum für Luft- und Raumfahrt")
        stops = set(cfg.get("name_adjective_stops") or ())
        for m in rx.finditer(text):
            if m.group("w") not in stops and taken.free(*m.span()) and not text.endswith("als ", 0, m.start()):  # (not a former name: "1898 als Deutsche Babcock gegründet")
                out.append((m.start(), m.end(), m.group("name").replace("\u00a0", " "), True))
    domains = [d for d in cfg.get("domain_suffixes") or [] if "." + d in text]
    if domains:
        rx = re.compile(r"(?<![\w.@/-])(?P<name>[A-ZÄÖÜ][\w-]{1,30})\.(?:" + "|".join(map(re.escape, domains))
                        + r")(?![\w-]|\.\w)")
        for m in rx.finditer(text):
            if taken.free(*m.span()) and m.group("name") not in not_first \
                    and not re.match(r"[ \t]*(?:--|–|—|-|:|\|)", text[m.end():m.end() + 4]):
                out.append((m.start(), m.end(), m.group("name"), True))
    return out


# (or a name with its generation in Roman numerals: "IBM Telum II")
def initials_of_named(text: str, found: list, stop, table, taken) -> list[tuple[int, int, str]]:
    """ "Texas Instruments", later "TI": the capitals of a company's name of several words that the
    gazetteer knows, written alone in the same text, are that company (not capitals another
    entry names, nor a word of `stop`): (start, end, name)."""
    initials: dict[str, str] = {}
    for e in found:
        words = e.name.split()
        if e.type == "ORG" and len(words) >= 2 and all(w[:1].isupper() for w in words):
            short = "".join(w[0] for w in words)
            if short not in stop and short not in table:
                initials.setdefault(short, e.name)
    if not initials:
        return []
    rx = re.compile(r"(?<![\w.-])(?:" + "|".join(sorted(initials, key=len, reverse=True)) + r")(?![\w-])")
    return [(m.start(), m.end(), initials[m.group(0)]) for m in rx.finditer(text) if taken.free(m.start(), m.end())]


def acronym_mentions(masked: str, rules, taken) -> list[tuple[int, int, str]]:
    """Words of three to six capitals that name an organisation (not a dateline, a shout, a ticker,
    a part of a company or a list label's short form): (start, end, name)."""
    out: list[tuple[int, int, str]] = []
    for m in ACRONYM.finditer(masked):
        # "SANTA CLARA (dpa)": a word in capitals beside another is a dateline or a shout.
        if CAPS_BEFORE.search(masked[max(0, m.start() - 20):m.start()]) or \
                CAPS_AFTER.match(masked[m.end():m.end() + 20]) or rules.dateline_after.match(masked, m.end()) \
                or masked[max(0, m.start() - 200):m.start()].rstrip(" \t")[-1:] in ("\n", "") and DATELINE_DOT.match(masked, m.end()) \
                or DATELINE_PLACES.match(masked, m.end()) and line_start(masked, m.start(), 12) >= 0 \
                and DATELINE_INITIALS.fullmatch(masked, line_start(masked, m.start(), 12), m.start()):
            continue  # ("BERLIN. Es hat lange gedauert …", "pwe. TOKIO/NEW YORK. …": a newspaper's dateline)
        if rules.ticker_re.search(masked, max(0, m.start() - 14), m.start()) or TICKER_AFTER.match(masked[m.end():m.end() + 3]):
            continue  # "(NASDAQ: NVDA)", "(TYO:9984)": ticker symbols
        before = WORDS_BEFORE.findall(masked[max(0, m.start() - 30):m.start()])
        if before and before[-1].lower().endswith(rules.division_suffixes):
            continue  # "die Mobilsparte MBU": a part of a company
        if LABEL_SHORT_AFTER.match(masked, m.end()) and \
                line_start(masked, m.start()) >= 0 and LABEL_BEFORE.fullmatch(masked, line_start(masked, m.start()), m.start()):
            continue  # "- Compute and Networking (CNBU): 4,36 Mrd.": a list label's short form
        if taken.free(*m.span()) and m.group(0) not in rules.acronym_stop:
            out.append((m.start(), m.end(), m.group(0)))
    return out


def owner_name_end(cfg: dict) -> str:
    """Where a name found alone ends: at a word's end, or before an owner compound's head
    ("Kaseya-Chef" holds Kaseya)."""
    return _owner_name_end(tuple(cfg.get("owner_compounds") or ["(?!)"]))


@lru_cache(maxsize=16)
def _owner_name_end(compounds: tuple[str, ...]) -> str:
    return r"(?!\w|-(?!(?:" + trie_alternation(compounds) + r")(?![\w-])))"


def name_like(word: str, text: str) -> bool:
    """Is the first part of "X-App" a name ("ChatGPT-App", "Gemini-App" with "Gemini" alone elsewhere),
    not a word for what the app does ("die Sprachlern-App", "die Banking-App")?"""
    if any(c.isupper() or c.isdigit() for c in word[1:]):
        return True
    return re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text) is not None


ROMAN_GENERATION = re.compile(r"(?<=[A-Z]) (II|III|IV)$")
ROMAN = {"II": "2", "III": "3", "IV": "4"}


def device_of(m: re.Match) -> str:
    """The name a device pattern's match stands for: its group `name` if it has one ("RTX 5090" of
    "GeForce RTX 5090"), else the whole match; a generation in Roman numerals by its number
    ("Galaxy S III" is the "Galaxy S3")."""
    name = (m.groupdict().get("name") or m.group(0)) if m.re.groupindex else m.group(0)
    return ROMAN_GENERATION.sub(lambda r: ROMAN[r.group(1)], name)


def device_name(name: str, names: set[str]) -> str:
    """A device named without its line ("das S24 Ultra", "das S24+") is the one the article names
    with it ("Galaxy S24 Ultra"), or of the line it names the generation with ("Galaxy S24"). Only a
    name that opens with its generation's code ("S24"; "Phone (2)" stays the maker's short name)."""
    if not any(ch.isdigit() for ch in name.split(" ")[0]):
        return name
    for other in sorted(names, key=lambda n: (-len(n), n)):  # (sorted: the same name in every process)
        if other.endswith(" " + name):
            return other
    head = name.split(" ")[0].rstrip("+")
    for other in sorted(names):
        line, _, rest = other.partition(" ")
        if rest and rest.split(" ")[0].rstrip("+") == head and not name.startswith(line):
            return line + " " + name
    return name
