"""People the gazetteer lacks, found by the shape of their names (entities.py calls this):
a first name gender-guesser knows and a surname, a title or a role in apposition beside two
capitalised words, initials after a title, particles ("von der", "Della"), a middle initial or
a third name word, and later surname-only mentions resolved to the full name. Pure."""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from dataclasses import replace
from quellenlage.entity_names import INDEX_TICKER, WORDS_BEFORE
from quellenlage.lexicon_nouns import is_common_noun, is_noun
from quellenlage.patterns import Gated, alternation
from quellenlage.textutil import ARTICLE_WORDS


class PeopleRules:
    """The people part of `EntityRules` (which gives it `cfg`): first names and their gender,
    names written family first, words that are no first name, titles."""

    @cached_property
    def listed_first_names(self) -> dict[str, str]:
        """The rules' own first names (`first_names`: gender -> names)."""
        return {n: g for g, names in (self.cfg.get("first_names") or {}).items() for n in names}

    @cached_property
    def first_names(self):
        try:
            import gender_guesser.detector as gd
            return gd.Detector(case_sensitive=False)
        except ImportError:  # pragma: no cover - the dependency is declared
            return None

    def gender(self, first: str) -> str | None:
        try:
            return self._genders[first]
        except KeyError:
            pass
        if first in self.not_first or self.first_names is None:
            g = None
        elif first in self.listed_first_names:
            g = self.listed_first_names[first]
        else:
            # "Hans-Peter": each part a first name ("Co-Vorstandschef" is none)
            parts = [GENDERS.get(self.first_names.get_gender(p)) for p in first.split("-")]
            g = None if None in parts else parts[0]
        self._genders[first] = g
        return g

    @cached_property
    def _genders(self) -> dict[str, str | None]:
        return {}  # first name -> gender, as gender-guesser said

    @cached_property
    def family_first(self) -> frozenset[str]:
        """Family names written first ("Kim Woo-hyun", "Lee Jae-yong")."""
        return frozenset(self.cfg.get("family_name_first") or [])

    @cached_property
    def not_first(self) -> frozenset[str]:
        return frozenset(self.cfg.get("not_first_names") or [])

    @cached_property
    def title_words(self) -> frozenset[str]:
        return frozenset(self.cfg.get("title_words") or [])

    @cached_property
    def title_suffixes(self) -> tuple[str, ...]:
        return tuple(s.lower() for s in self.cfg.get("title_suffixes") or [])

    def is_title(self, word: str) -> bool:
        return word in self.title_words or word.lower().endswith(self.title_suffixes) \
            or "-" in word and word.rsplit("-", 1)[1] in self.title_words  # "Co-Vorstandschef"



GENDERS = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female", "andy": "unknown"}


# Names of other alphabets' letters too: "Nazım Salur", "Frédéric Şahin", "Bjørn Ødegaard"
_UP = r"[A-ZÄÖÜÀ-ÖØ-ÞŁŚŠŽŞĞİÇČ]"
_LOW = r"[a-zäöüßà-öø-ÿıłńśšžşğçčćřőű]"
NAME_RX = Gated(r"(?<![\w-])", r"(?P<first>" + _UP + _LOW + r"+(?:-" + _UP + _LOW + r"+)?)[ \u00a0](?:[A-ZÄÖÜ]\.[ \u00a0])?"
                r"(?P<last>(?:(?:von|van|Von|Van)[ \u00a0](?:der|den|dem)[ \u00a0]|(?:von|van|de|di|da|ten|zu|Della|Del|De|Di|Da|Van|Le|La|Dos|Du)[ \u00a0]){0,2}"
                + _UP + r"[\w'’]+(?:-" + _UP + r"[\w]+)?)(?![\w-])")  # ("der" only after "von": not "Art der Trainingsdaten")
INITIALS_NAME = Gated(r"(?<![\w.-])", r"(?:[A-ZÄÖÜ]\.[ \u00a0]?){1,3}(?P<last>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)(?![\w-])")
NAME_PAIR = Gated(r"(?<![\w-])", r"[A-ZÄÖÜ][\w-]*[ \u00a0][A-ZÄÖÜ][\w-]*(?![\w-])")
# "Finanzchef Kim Woo-hyun": a family name written first and a given name of two syllables
FAMILY_FIRST = Gated(r"(?<![\w-])", r"(?P<family>[A-Z][a-z]{1,6})[ \u00a0](?P<given>[A-Z][a-z]+-[a-z]{2,})(?![\w-])")
# "erzählt Sabine K. (34) aus Giesing": a first name, a surname's initial and an age (whom the press keeps anonymous)
ANONYMISED = re.compile(r"(?<![\w-])(?P<name>(?P<first>[A-ZÄÖÜ][a-zäöüß]+)[ \u00a0][A-ZÄÖÜ]\.)(?=[ \u00a0]*\(\d{1,3}\)|,[ \u00a0]*\d{1,3}[ \u00a0,])")
PARTICLE_LAST = re.compile(r"(?:von|van)[ \u00a0](\S+)")  # "von Synnovis" (not "von der Leyen")
THIRD_NAME = re.compile(r"[ \u00a0]([A-ZÄÖÜ][a-zäöüß]+)(?=[.,;:!?)]|$)")  # a third name word that ends the clause
NEXT_NAME = re.compile(r"[ \u00a0]([A-ZÄÖÜ][a-zäöüß]+)(?![\w-])")
APPOSITION = re.compile(r",[ \u00a0]+(?:(?:der|die|des|neue|neuer|neuen|frühere|früherer|langjährige|langjähriger)[ \u00a0]+)?([\w-]+)")
QUOTED_SHORT = re.compile(r"[„»«\"“‚›‹]([^„»«\"“”‚‘’›‹\n]{2,60})[“«»\"”‘’‹›]")


def inflected_in(word: str, nouns: frozenset[str], tails: tuple[str, ...] = ()) -> bool:
    """Is `word` one of `nouns`, or one with a case ending ("des Baukonzerns", "den Konkurrenten"), or a
    compound whose last part is one of `tails` (lower case: "die Nachhilfeplattform", "des Lernplattform-Betreibers")?"""
    return word in nouns or any(word.endswith(e) and word[:-len(e)] in nouns for e in ("s", "es", "n", "en")) \
        or bool(tails) and any(w.lower().endswith(tails) for w in (word, *(word[:-len(e)] for e in ("s", "es", "n", "en") if word.endswith(e))))


def _company_word(noun: str, rules) -> bool:
    """ "Fahrradhersteller", "Familienunternehmen": a word for a company, none that names people too ("Investor")."""
    people = tuple(w.lower() for w in rules.cfg.get("person_org_nouns") or ())
    return bool(noun) and not noun.lower().endswith(people)


@lru_cache(maxsize=8)
def legal_after(company_words: tuple[str, ...]) -> re.Pattern:
    """ "Walter Bau AG", "Gerry Weber International AG": the word after a name (or after a company word,
    rules: company_suffixes), a legal form?"""
    words = r"(?:[ \u00a0]+(?:" + alternation(company_words) + r"))?" if company_words else ""
    return re.compile(words + r"[ \u00a0]+([A-Z][\w.&]*)")


def find_people(text: str, rules, taken, add, out: list, things: frozenset[str] | set[str] = frozenset()) -> None:
    """People the gazetteer lacks: a known first name and a surname, or a title before two
    capitalised words; then their later surname-only mentions, resolved to the full name. Not
    `things`: names a word for a thing introduces ("die Raumsonde Deep Impact")."""
    found: list[tuple[int, int, str, str | None]] = []
    # One pass each over the text, then look-ups (linear however many names there are):
    quoted = {m.group(1) for m in QUOTED_SHORT.finditer(text)}
    pairs = {m.group(0) for m in NAME_PAIR.finditer(text)}
    org_words = frozenset(rules.cfg.get("org_nouns") or ())
    company_words = org_words - frozenset(rules.cfg.get("person_org_nouns") or ())  # (inflected: "des Baukonzerns X")
    company_tails = tuple(sorted(w.lower() for w in company_words if len(w) >= 5))  # (in a compound: "die Nachhilfeplattform X")
    # ("der Lander Athena", "das Sprachmodell Apertus": a word for a thing, no first name)
    thing_words = frozenset(rules.cfg.get("product_nouns") or ()) | frozenset(rules.cfg.get("model_nouns") or ())
    legal = frozenset(rules.cfg.get("legal_suffixes") or ())
    legal_rx = legal_after(tuple(rules.cfg.get("company_suffixes") or ()))
    formed = {m.group(0) for m in NAME_RX.starts(text) for f in [legal_rx.match(text, m.end())]
              if f and f.group(1) in legal and rules.gender(m.group("first")) not in (None, "unknown")}  # ("Walter Bau AG", not "Dachgesellschaft Pfleiderer AG")
    def company_before(m) -> bool:  # "die Wiener Nachhilfeplattform Go Student": a word for a company before the name
        before = WORDS_BEFORE.findall(text[max(0, m.start() - 40):m.start()])
        return bool(before) and not rules.is_title(before[-1]) and inflected_in(before[-1], company_words, company_tails) \
            and not re.search(r"[,;:(–—-]\s*$", text[max(0, m.start() - 3):m.start()])  # (not "des Konzerns – John Lasseter soll …")
    not_name = frozenset(rules.cfg.get("not_name_words") or ())  # ("die Körperscan-Firma Neko Millionen von …": Neko alone)
    companies = {m.group(0) for m in NAME_RX.starts(text) if m.group("last") not in not_name
                 and rules.gender(m.group("first")) is not None and company_before(m)}  # (a person's look; every mention is the company's)
    for m in NAME_RX.starts(text):  # every start: "Laut Katrin Albers" must not hide the name
        if not taken.free(*m.span()):
            continue
        if m.group(0) in companies:
            add(m.start(), m.end(), m.group(0), "ORG", "noun")  # ("der Modekonzern Gerry Weber", later "Gerry Weber" alone)
            continue
        first, last = m.group("first"), m.group("last")
        if first in rules.not_first or rules.is_title(first) or first in thing_words:
            continue
        g = rules.gender(first)
        if last in rules.not_first and g in (None, "unknown"):
            continue  # ("Petra Sommer": a known first name before a word that is no name elsewhere)
        before = WORDS_BEFORE.findall(text[max(0, m.start() - 40):m.start()])
        titled = bool(before) and rules.is_title(before[-1])
        if not titled and before and (before[-1] in org_words or inflected_in(before[-1], company_words, company_tails) or before[-1].rsplit("-", 1)[-1] in thing_words) \
                and not re.search(r"[,;:(]\s*$", text[max(0, m.start() - 3):m.start()]):
            continue  # "dem Finanzinvestor Thoma Bravo", "die Nasa-Sonde Deep Impact": a company or a thing, named by a word for one
        if m.group(0) in formed:  # "die Walter Bau AG", later "Walter Bau" alone: a company
            # ("die Ludwig Görtz GmbH", later "teilte Görtz mit": the company goes by the surname)
            # (not a noun, "am Bau", nor another's surname: "Gründer Gerhard Weber")
            alone = not is_noun(last) and not any(p != m.group(0) and rules.gender(p.split()[0]) is not None for p in pairs if p.endswith(" " + last)) \
                and any(not re.search(r"[A-ZÄÖÜ][\w-]*[ \u00a0]$", text[max(0, x.start() - 30):x.start()])
                        for x in re.finditer(r"(?<![\w-])" + re.escape(last) + r"(?![\w-])", text))
            add(m.start(), m.end(), last if alone else m.group(0), "ORG", "noun")
            continue
        if not titled and before and before[-1] == "in":
            continue  # "in De Soto, Kansas": a place, no one is in a person
        if not titled and before and before[-1].lower() in ARTICLE_WORDS and is_noun(first):
            continue  # "Die Halle von Cargolifter": a noun after its article, no first name
        if g is None and not titled:
            # "Ajei Gopal, CEO von Ansys, …": a role in apposition after the name
            role = APPOSITION.match(text, m.end())
            titled = bool(role) and rules.is_title(role.group(1))
        if g is None and not titled:
            continue
        if g is None and is_common_noun(last):
            continue  # "der Münchner Investor Perusa Eigentümer": a name the title reads, then a noun
        if last.lower() == last or last.endswith("s") and last[:-1] in rules.not_first or any(ch.isdigit() for ch in last):
            continue  # (nor a name with a digit: "Kimi K2" is a model)
        if m.group(0) in quoted or first in things:
            continue  # "der Denkmodus »Deep Think«", "die Raumsonde Deep Impact": a product, in quotes or introduced
        if last.endswith("s") and f"{first} {last[:-1]}" in pairs:
            last = last[:-1]  # "Elon Musks" is Elon Musk's
        particle = PARTICLE_LAST.fullmatch(last)
        if particle and g == "unknown" and not titled and re.search(
                r"(?<!von[ \u00a0])(?<!van[ \u00a0])(?<!der[ \u00a0])(?<!den[ \u00a0])(?<![\w-])" + re.escape(particle.group(1)) + r"(?![\w-])",
                text[:m.start()] + text[m.end():]):
            continue  # "dass Qilin von Synnovis 50 Mio. forderte": the word after "von" stands alone elsewhere, a name of its own
        gender = g if g != "unknown" else None
        end = m.end()
        third = THIRD_NAME.match(text, end)
        if third is None:
            # "Kelly Bayer Rosmarin dem Sender": a double surname the article also writes alone ("Bayer Rosmarin")
            third = NEXT_NAME.match(text, end)
            third = third if third and f"{last} {third.group(1)}" in pairs else None
        if third and third.group(1) not in rules.not_first and " " not in last and taken.free(end, third.end(1)):
            last, end = f"{last} {third.group(1)}", third.end(1)  # "Minister Claus Ruhe Madsen."
        add(m.start(), end, f"{first} {last}", "PER", "name", gender)
        found.append((m.start(), end, f"{first} {last}", gender))
    families: dict[str, str] = {}  # family name -> full name, for later mentions ("so Kim")
    if rules.family_first:
        for m in FAMILY_FIRST.finditer(text):
            if m.group("family") in rules.family_first and taken.free(*m.span()):
                add(m.start(), m.end(), m.group(0), "PER", "name", None)
                found.append((m.start(), m.end(), m.group(0), None))
                families.setdefault(m.group("family"), m.group(0))
    # "Konzernchef C.C. Wei", "Chefin J. K. Rowling": initials and a surname after a title.
    for m in INITIALS_NAME.finditer(text):
        before = WORDS_BEFORE.findall(text[max(0, m.start() - 40):m.start()])
        if before and rules.is_title(before[-1]) and taken.free(*m.span()) \
                and m.group("last") not in rules.not_first:
            add(m.start(), m.end(), m.group(0), "PER", "name", None)
            found.append((m.start(), m.end(), m.group(0), None))
    for m in ANONYMISED.finditer(text):
        g = rules.gender(m.group("first"))
        if g not in (None, "unknown") and taken.free(*m.span("name")):
            add(m.start(), m.end("name"), m.group("name"), "PER", "name", g)
            found.append((m.start(), m.end("name"), m.group("name"), g))
    known = sorted(found + [(e.start, e.end, e.name, e.gender) for e in out if e.type == "PER" and e.source != "name"],
                   key=lambda x: x[0])
    surnames: dict[str, tuple[int, str, str | None]] = {}

    def family(name: str) -> str:  # "Lei Jun" is Mr Lei (a family name written first), "Lisa Su" Ms Su
        words = name.split()
        return words[0] if families.get(words[0]) == name or len(words) == 2 and words[0] in rules.family_first else words[-1]

    for s, _, name, g in known:
        if " " in name:
            key = family(name)
            surnames.setdefault(key, (s, name, g))
    # A surname alone is the person named in full elsewhere in the article, before or after
    # (a live ticker reads from the newest entry down), when one person has that surname.
    owners: dict[str, set[str]] = {}
    for _, _, name, _ in known:
        if " " in name:
            key = family(name)
            owners.setdefault(key, set()).add(name)
    single = {surname: v for surname, v in surnames.items() if len(owners.get(surname, ())) == 1}
    if single:
        rx = re.compile(r"(?<![\w-])(?P<s>" + alternation(single) + r")s?(?![\w-])")
        # a company a word for one names with the surname first ("die Warenhauskette Strauss Innovation",
        # founded by Maria Strauss): not her, wherever the article writes that name
        companies = [n for m in rules.org_noun_re.finditer(text) for n in [m.group("name")] if n.split()[0] in single
                     and (" " in n or _company_word(text[m.start():m.start("name")].strip(), rules))]
        # ("der Fahrradhersteller Kettler", founded by Heinz Kettler: the surname alone is the company)
        # ("die Steilmann-Aktie", "die Steilmann-Gruppe": the founder's name is the company's too, and alone it is the company)
        owning = {m.group("name") for m in rules.owner_compound_re.finditer(text)} if rules.owner_compound_re is not None else set()
        # ("Pfeiffer Vacuum", then "Pfeiffer" alone, before "Arthur Pfeiffer" is named: the company's short name)
        firsts = sorted((e.start, e.name.split()[0]) for e in out if e.type == "ORG" and " " in e.name)
        for m in rx.finditer(text):
            first_at, name, g = single[m.group("s")]
            if m.group("s") in owning or any(text.startswith(c, m.start()) for c in companies):
                continue
            if m.start() < first_at and any(w == m.group("s") and at < m.start() for at, w in firsts):
                continue
            if taken.free(*m.span()):
                add(m.start(), m.end(), name, "PER", "surname", g)


OTHER_FIRST_NAME = re.compile(r"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]{2,})[ \u00a0]+$")  # a first name right before a surname


VERSION_AFTER = re.compile(r"[ -]\d")


PLUS_AFTER = re.compile(r"\+(?![\w+])")


def gazetteer_mentions(masked: str, rules, taken, add) -> None:
    """Names the gazetteer knows, where the text is free; a person the gazetteer knows by
    surname only when no other first name stands before it ("Salil Parekh" is not Kevan Parekh)."""
    namesakes: dict[str, str] = {}  # surname -> the other person of that name the text introduced
    for m in rules.gazetteer.finditer(masked):
        if taken.free(*m.span()):
            name, typ, vendor = rules.table[m.group("e")]
            if typ == "INDEX" and INDEX_TICKER.match(masked[m.end():m.end() + 4]):
                continue  # "(NASDAQ:INTC)": an exchange in a ticker symbol, no index
            if typ == "MODEL" and VERSION_AFTER.match(masked, m.end()):
                continue  # "Grok-1", "Grok 1.5": a version the list lacks (the model patterns name it), no "Grok"
            head = m.group("head") or (m.group("lhead")[:1].upper() + m.group("lhead")[1:] if m.group("lhead") else None)
            if typ == "ORG" and not head and PLUS_AFTER.match(masked, m.end()):
                add(m.start(), m.end() + 1, name + "+", "PRODUCT", "gazetteer", vendor=(name,))
                continue  # "die Verbraucherversion von Google+": the company's service (like "Disney+"), not the company
            if typ == "ORG" and any((x := rx.rx.match(masked, m.start())) and x.end() > m.end() for rx in rules.model_res):
                continue  # "Mistral Large 2": a model whose name begins with its maker's (model_patterns)
            if typ == "ORG" and " " not in m.group(0).strip():
                first = OTHER_FIRST_NAME.search(masked, max(0, m.start() - 30), m.start())
                if first and rules.gender(first.group(1)) is not None and not rules.is_title(first.group(1)) \
                        and first.group(1) not in rules.not_first:
                    continue  # "Kelly Bayer Rosmarin": a first name before it, a person's surname (find_people)
            if typ == "PER" and " " not in m.group(0).strip():
                surname = m.group(0).strip()
                other = OTHER_FIRST_NAME.search(masked, max(0, m.start() - 30), m.start())
                if other and other.group(1) != name.split()[0] and rules.gender(other.group(1)) is not None:
                    # "Konzernchef Salil Parekh" is not the gazetteer's Kevan Parekh, nor is "Parekh" after it
                    namesakes[surname] = f"{other.group(1)} {surname}"
                    add(other.start(1), m.end(), namesakes[surname], "PER", "name", rules.gender(other.group(1)))
                    continue
                if surname in namesakes:
                    add(m.start(), m.end(), namesakes[surname], "PER", "surname", rules.gender(namesakes[surname].split()[0]))
                    continue
            if rules.head_fits(typ, head):
                add(m.start(), m.end(), name, typ, "gazetteer", rules.gender(name.split()[0]) if typ == "PER" else None, vendor)


def genitive_people(found: list, known: set[str]) -> list:
    """ "Elon Musks Plattform": a person in the genitive is the person named so elsewhere in the
    text or in the gazetteer (`known`); the mention keeps its span."""
    people = {x.name for x in found if x.type == "PER"} | known
    return [replace(e, name=e.name[:-1]) if e.type == "PER" and e.name.endswith("s") and e.name[:-1] in people else e
            for e in found]
