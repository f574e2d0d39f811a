"""The entity layer: who and what an article names (rules/<lang>/entities.yaml). Pure.

One pass finds every mention the later steps need, in text order, longest first: organisations, people,
models, products, infrastructure, chips, laws and market indices from the gazetteer; people it lacks (a
first name known to gender-guesser and a surname, or a title before a name) and their later surnames;
organisations a word for a company names ("der Projektentwickler Crusoe") or an acronym; model-like names;
and a statistical backbone's `doc.ents` where one is loaded. Quotes take their speakers, claims their subjects.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Iterable

from quellenlage.normalize.periods import FiscalCalendar
from quellenlage.entity_anaphora import AnaphoraRules
from quellenlage.entity_nouns import apposition_org, founded_org, org_noun_names
from quellenlage.entity_names import (craft_names, apposition_stems, device_name, device_of, name_like, LABEL_HEAD, LABEL_SHORT_TAIL, WORDS_BEFORE, acronym_mentions, MODEL_COMPOUND, Authorities, acronym_aliases, bare_names, gazetteer_stems, short_names, genitive_of, initials_of_named, named_by_form, owner_name_end)
from quellenlage.entity_objects import deal_objects, legal_form_names
from quellenlage.entity_short import first_word_mentions, title_names
from quellenlage.lexicon_nouns import is_common_noun
from quellenlage.entity_models import FAMILY_SIZE, family_names, introduced_names, maker_models, model_short_names, named_models, predicated_models, product_tail
from quellenlage.patterns import Anchored, Gated, alternation, gated, trie_alternation
from quellenlage.prefilter import Prefiltered
from quellenlage.rules import RuleSet
from quellenlage.entity_people import PeopleRules, find_people, gazetteer_mentions, genitive_people
from quellenlage.textutil import NAME_START, Occupied, agency_lead, blank_regions, dateline_after, line_start

GAZETTEER_TYPES = (("organisations", "ORG"), ("persons", "PER"), ("models", "MODEL"), ("products", "PRODUCT"),
                   ("infrastructure", "INFRA"), ("chips", "CHIP"), ("laws", "LAW"), ("sources", "SOURCE"), ("indices", "INDEX"))


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    name: str
    type: str                        # ORG PER MODEL PRODUCT INFRA CHIP LAW INDEX SOURCE
    gender: str | None = None
    vendor_of: tuple[str, ...] = ()
    source: str = "gazetteer"        # gazetteer | name | surname | model | acronym | noun | deal | backbone


@dataclass
class EntityRules(AnaphoraRules, PeopleRules):
    cfg: dict
    currency_codes: frozenset[str] = frozenset()  # "Mrd. SEK": a currency, never an organisation

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "EntityRules":
        codes = set((rules.get("currencies").get("currencies") or {})) | set((rules.get("currency_names").get("names") or {}))
        return cls(rules.get("entities"), frozenset(codes))

    @cached_property
    def table(self) -> dict[str, tuple[str, str, tuple]]:
        """Surface form -> (canonical name, type, vendor_of)."""
        table: dict[str, tuple[str, str, tuple]] = {}
        for key, typ in GAZETTEER_TYPES:
            for e in self.cfg.get(key) or []:
                forms = [e["name"]] + list(e.get("aliases") or [])
                if typ in ("ORG", "MODEL", "INFRA", "PRODUCT", "INDEX"):
                    # "Tiktok", "Softbank", "Deepseek": many outlets write a brand's inner capital small
                    forms += [f[0] + f[1:].lower() for f in forms
                              if f[:1].isupper() and " " not in f and any(ch.isupper() for ch in f[1:])
                              and any(ch.islower() for ch in f) and len(f) >= 5]
                    # Genitive: "Microsofts", "xAIs", "Groks".
                    forms += [f + "s" for f in forms if not f.endswith(("s", "x", "z", "S"))]
                for f in forms:
                    table.setdefault(f, (e["name"], typ, tuple(e.get("vendor_of") or ())))
        # a regulator is an organisation by its name alone
        return {**{a: (a, "ORG", ()) for a in self.cfg.get("authorities") or []}, **table}

    @cached_property
    def gazetteer(self) -> Gated:
        heads = [h for hs in (self.cfg.get("compound_heads") or {}).values() for h in hs]
        # "Microsoft-Aktie" is no mention of Microsoft; "V3-Modell" is one of V3.
        legal = trie_alternation(self.cfg.get("legal_suffixes") or ["(?!)"])
        # "Amazon-Cloudsparte": a head at the end of a compound too (written small there)
        low_heads = sorted({h[:1].lower() + h[1:] for h in heads if h[:1].isupper()})
        return Gated(r"(?<![\w-])", r"(?P<e>" + trie_alternation(self.table) + r")(?:-(?P<head>"
                     + trie_alternation(heads or ["(?!)"])
                     + r")|-[A-ZÄÖÜ][a-zäöüß]+?(?P<lhead>" + trie_alternation(low_heads or ["(?!)"])
                     + r"))?(?:[ \u00a0](?:" + legal + r")(?![\w]))*(?![\w]|-[A-ZÄÖÜa-zäöü]|(?<=\d)\.\d)")  # "Llama 3" is not "Llama 3.3"

    @cached_property
    def makers(self) -> dict[str, str]:
        """Surface form of a product or model -> its maker (`parent`)."""
        return {form: e["parent"] for key in ("products", "models") for e in self.cfg.get(key) or [] if e.get("parent")
                for form in [e["name"]] + list(e.get("aliases") or [])}

    @cached_property
    def maker_re(self) -> Gated:
        """ "der ChatGPT-Entwickler": a product's or model's maker, named through it."""
        return Gated(r"(?<![\w-])", r"(?P<p>" + trie_alternation(self.makers or ["(?!)"]) + r")-(?:"
                     + trie_alternation(self.cfg.get("maker_heads") or ["(?!)"]) + r")(?:s|n|in|innen)?(?![\w-])")

    @cached_property
    def seat_re(self) -> re.Pattern | None:
        """ "der Konzern aus Cupertino": the company seated in that town (rules `seats`, `seat_heads`)."""
        seats, heads = self.cfg.get("seats") or {}, self.cfg.get("seat_heads") or []
        if not seats or not heads:
            return None
        return re.compile(r"(?<![\w-])(?:[A-ZÄÖÜ][\w]*-?)?(?:" + trie_alternation(heads + [h.lower() for h in heads])
                          + r")(?:s|es)?[ \u00a0]+aus[ \u00a0]+(?P<seat>" + trie_alternation(seats) + r")(?![\w-])")

    @cached_property
    def by_name(self) -> dict[str, dict]:
        return {e["name"]: e for key, _ in GAZETTEER_TYPES for e in self.cfg.get(key) or []}

    def group_of(self, name: str | None) -> str | None:
        """The group an organisation's figures belong to (Google: Alphabet), not a product's."""
        return (self.by_name.get(name) or {}).get("parent") if name and self.table.get(name, ("", ""))[1] == "ORG" else None

    def fiscal(self, name: str | None) -> FiscalCalendar | None:
        """The fiscal calendar of an organisation (rules: `fiscal_year: {start_month, named_by}`)."""
        fy = (self.by_name.get(name or "") or {}).get("fiscal_year")
        return FiscalCalendar(int(fy.get("start_month", 1)), fy.get("named_by", "end")) if fy else None

    def parent(self, name: str | None) -> str | None:
        return (self.by_name.get(name or "") or {}).get("parent")

    def head_fits(self, typ: str, head: str | None) -> bool:
        return head is None or head in ((self.cfg.get("compound_heads") or {}).get(typ) or [])

    @cached_property
    def source_re(self) -> re.Pattern:
        nouns = self.cfg.get("source_nouns") or ["(?!)"]
        # (the last word of a name of two too: "die Analysten von Oddo BHF")
        return re.compile(r"(?:" + alternation(nouns) + r")\s+(?:von\s+(?:[A-ZÄÖÜ][\w&.-]*[ \u00a0])?)?$")

    @cached_property
    def source_name_re(self) -> re.Pattern:
        """A name after a source noun and "von": "die Analysten von Bernstein" (then a SOURCE)."""
        nouns = self.cfg.get("source_nouns") or ["(?!)"]
        return re.compile(r"(?<![\w-])(?:" + alternation(nouns) + r")\s+von\s+(?P<name>[A-ZÄÖÜ][\w&.-]*[\w](?:[ \u00a0][A-ZÄÖÜ][\w-]+){0,2})(?![\w-])")

    def source_before(self, text: str, pos: int) -> bool:
        return bool(self.source_re.search(text, max(0, pos - 40), pos))

    @cached_property
    def product_re(self) -> Gated:
        heads = self.cfg.get("product_heads") or ["(?!)"]
        return Gated(r"(?<![\w-])", r"[A-ZÄÖÜ][\w]+(?:-[A-ZÄÖÜ][\w]+)?-(?:" + trie_alternation(heads) + r")(?![\w-])")

    @cached_property
    def agency_lead(self) -> re.Pattern:
        return agency_lead(self.cfg.get("news_agencies") or [])

    @cached_property
    def dateline_after(self) -> re.Pattern:
        return dateline_after(self.cfg.get("news_agencies") or [])

    @cached_property
    def ticker_re(self) -> re.Pattern:
        """ "(NASDAQ: NVDA)": after an exchange's name comes a ticker symbol."""
        # (and after "dem Kürzel": 'mit dem Kürzel "RDDT"')
        return re.compile(r"(?:(?:" + alternation(self.cfg.get("ticker_prefixes") or ["(?!)"]) + r")\s*:\s*"
                          r"|(?:Kürzel|Börsenkürzel|Tickersymbol|Tickerkürzel|Symbol)\s*[\"„»]?)$")

    @cached_property
    def acronym_stop(self) -> frozenset[str]:
        return frozenset(self.cfg.get("acronym_stoplist") or []) | self.currency_codes

    @cached_property
    def org_noun_set(self) -> frozenset[str]:
        return frozenset(n.lower() for n in self.cfg.get("org_nouns") or [])

    @cached_property
    def org_noun_words(self) -> tuple[list[str], str]:
        """The org nouns, and a pattern for one alone or heading a compound ("die Sicherheitsfirma Crowdstrike")."""
        nouns = self.cfg.get("org_nouns") or ["(?!)"]
        heads = sorted({n[:1].lower() + n[1:] for n in nouns if n[:1].isupper() and "-" not in n})
        return nouns + heads, (r"(?:(?:[A-ZÄÖÜ][\w]*-){0,2}(?:" + trie_alternation(nouns) + r")|(?:[A-ZÄÖÜ][\w]*-){0,2}[A-ZÄÖÜ][a-zäöüß]{2,}(?:"
                               + trie_alternation(heads) + r"))")

    @cached_property
    def org_noun_re(self) -> Anchored:
        # (on one line: a rubric "Wirtschaft › Unternehmen" names nothing on the next line; tried only
        # in the words that hold one of the nouns; inflected too: "des Kabel-TV-Ausrüsters Scientific Atlanta")
        words, noun = self.org_noun_words
        rx = re.compile(r"(?<![\w-])" + noun + r"(?:e?s|e?n)?[ \t\u00a0]+(?P<name>(?:" + NAME_START + r"|(?!\d+[GgKk]\b)\d{1,3}(?=[A-Za-z&]))[\w&.-]*[\w](?:[ \u00a0](?!(?:" + trie_alternation(self.cfg.get("not_name_words") or ["\x00"]) + r")(?![\w-]))[A-ZÄÖÜ][\w-]+){0,2})(?![\w-])")
        # (a name may start with digits: "der Gentest-Anbieter 23andMe", "der Provider 1&1")
        return Anchored(rx, re.compile(trie_alternation(words)))

    @cached_property
    def apposition_org_re(self) -> Anchored:
        return apposition_org(self.org_noun_words[1])

    @cached_property
    def founded_org_re(self) -> Anchored:
        return founded_org(self.cfg.get("founding_participles") or ["(?!)"])

    @cached_property
    def founded_after(self) -> re.Pattern:  # "… als Hyundai Electronics gegründet": a founding participle right after a name
        return re.compile(r"[ \u00a0]+(?:" + trie_alternation(self.cfg.get("founding_participles") or ["(?!)"]) + r")\w*")

    @cached_property
    def division_suffixes(self) -> tuple[str, ...]:
        """Nouns for a part of a company, lower case, also as the head of a compound ("Halbleitersparte")."""
        return tuple(w.lower() for w in self.cfg.get("division_nouns") or [])

    @cached_property
    def division_words(self) -> frozenset[str]:
        """First words of a division's name ("Mobile Networks"): no company."""
        return frozenset(self.cfg.get("company_suffix_generic") or [])

    @cached_property
    def company_suffix_re(self) -> Gated:
        """ "Juniper Networks", "Hewlett Packard Enterprise", "Palo Alto Networks": one to three
        capitalised words before a word companies end their names with; the name is the words
        before it ("Juniper"), as the article calls the company later."""
        heads = self.cfg.get("company_suffixes") or ["(?!)"]
        return Gated(r"(?<![\w-])", r"(?P<name>[A-ZÄÖÜ][\w&]+(?:[ \u00a0][A-ZÄÖÜ][\w&]+){0,2})[ \u00a0](?:"
                     + trie_alternation(heads) + r")(?![\w-])")

    @cached_property
    def authorities(self) -> "Authorities":
        return Authorities(self.cfg.get("authorities") or [], self.cfg.get("authority_heads") or [])

    @cached_property
    def owner_compound_re(self) -> Anchored | None:
        """ "die Spotify-Aktie", "Spotify-Gründer Daniel Ek": the word before is a company."""
        heads = self.cfg.get("owner_compounds") or []
        if not heads:
            return None
        tail = r"-(?:" + trie_alternation(heads) + r")(?![\w-])"
        return Anchored(re.compile(r"(?<![\w-])(?P<name>[A-ZÄÖÜ][\w&.]*[\w](?:-[A-ZÄÖÜ][\w&.]*[\w])*)" + tail), re.compile(tail))

    @cached_property
    def model_res(self) -> list[Gated]:
        return [Gated(r"(?<![\w-])", r"(?:" + p + r")(?![\w-])") for p in self.cfg.get("model_patterns") or []]

    @cached_property
    def product_intro_re(self) -> re.Pattern:
        """A word for a device or craft and the name after it ("die Raumsonde Chandrayaan-3")."""
        nouns = self.cfg.get("product_nouns") or ["(?!)"]
        return re.compile(r"(?<![\w-])(?:" + trie_alternation(nouns) + r")[ \u00a0]+(?P<name>[A-ZÄÖÜ][\w.-]*\w)")

    @cached_property
    def device_res(self) -> Prefiltered:  # each tried only in texts with its literal, only where its body can start
        return Prefiltered([gated(r"(?<![\w-])(?:" + p + r")(?![\w-])") for p in self.cfg.get("product_patterns") or []])


class _Taken(Occupied):
    """Character ranges already claimed by a mention (or skipped), for the longest-first rule."""

    def __init__(self, regions: Iterable[tuple[int, int]], length: int = 0):
        regions = list(regions)
        super().__init__(max([length] + [b for _, b in regions]), regions)


def find_entities(text: str, rules: EntityRules, regions: Iterable[tuple[int, int]] = (),
                  extra: Iterable[Entity] = ()) -> list[Entity]:
    """Entity mentions in text order, longest match first, none inside `regions`; `extra`
    are a statistical backbone's entities."""
    regions = list(regions)
    masked = blank_regions(text, regions)
    taken = _Taken(regions, len(text))
    out: list[Entity] = []

    def add(s: int, e: int, name: str, typ: str, source: str, gender: str | None = None, vendor=()) -> None:
        out.append(Entity(s, e, name, typ, gender, tuple(vendor), source))
        taken.add(s, e)

    devices = [m for rx in rules.device_res.for_text(masked) for m in rx.finditer(masked)]  # "Pixel 9 Pro XL" whole, before a maker's or a line's name alone
    for m in (m for m in devices if taken.free(*m.span())):
        add(m.start(), m.end(), device_name(device_of(m), {device_of(d) for d in devices}), "PRODUCT", "model")
    for m in rules.maker_re.finditer(masked):
        if taken.free(*m.span()):
            add(m.start(), m.end(), rules.makers[m.group("p")], "ORG", "gazetteer")
    if rules.seat_re is not None:
        for m in rules.seat_re.finditer(masked):
            if taken.free(*m.span("seat")):
                add(m.start("seat"), m.end("seat"), rules.cfg["seats"][m.group("seat")], "ORG", "gazetteer")
    gazetteer_mentions(masked, rules, taken, add)
    for x in extra:
        if taken.free(x.start, x.end):
            add(x.start, x.end, x.name, x.type, "backbone", rules.gender(x.name.split()[0]) if x.type == "PER" else None)
    for m in rules.product_re.finditer(masked):
        first = m.group(0).split("-")[0]  # not "Online-Plattform"; "der Meta-Dienst" is Meta's, no name
        if taken.free(*m.span()) and first not in rules.division_words and rules.table.get(first, ("", ""))[1] != "ORG" \
                and (name_like(first, masked) or m.group(0).count("-") > 1):  # ("die Corona-Warn-App": a name of its own)
            add(m.start(), m.end(), m.group(0), "PRODUCT", "noun")
    said_models = predicated_models(masked, (rules.cfg.get("model_nouns") or []) + (rules.cfg.get("model_predicates") or {}).get(
        "nouns", []), (rules.cfg.get("model_predicates") or {}).get("copulas", []))
    introduced = introduced_names(
        masked, (rules.cfg.get("model_nouns") or []) + (rules.cfg.get("infra_nouns") or [])) | introduced_names(
        masked, rules.cfg.get("product_nouns") or [], product_tail(rules.cfg.get("product_tiers") or []))
    said = {m.group("name") for m in said_models}
    heads_of = {n.split(" ", 1)[0] + " " for n in introduced if " " in n}
    for s, end, name in acronym_mentions(masked, rules, taken):
        if name in said:  # ("DBRX ist ein Mixture-of-Experts-Modell": a model, before a person could take it)
            add(s, end, name, "MODEL", "noun")
        elif name not in introduced and name + " " not in heads_of:  # ("das KI-Sprachmodell BLOOM", "das Videospiel GTA V": found below)
            add(s, end, name, "ORG", "acronym")
    find_people(masked, rules, taken, add, out, things=introduced)  # ("die Nasa-Sonde Deep Impact": a craft, no person)
    discovered: set[str] = set()
    abstract = tuple((rules.cfg.get("bare_names") or {}).get("abstract_suffixes") or ())
    nouns = tuple((rules.cfg.get("bare_names") or {}).get("noun_suffixes") or ())
    appositions = {m.group("name") for m in rules.apposition_org_re.finditer(masked)}
    org_named = org_noun_names(masked, rules, taken, add, abstract, nouns)  # "der Projektentwickler Crusoe"
    discovered |= org_named
    blocked = frozenset(w.lower() for w in (rules.cfg.get("bare_names") or {}).get("blocked_after") or [])
    single = frozenset(rules.cfg.get("single_word_suffixes") or ())
    for m in rules.company_suffix_re.finditer(masked):
        name, start = m.group("name"), m.start()
        if " " in name and masked[m.end("name") + 1:m.end()] in single:
            continue  # "Open Source AI": only one word makes a company with "AI"
        before = WORDS_BEFORE.findall(masked[max(0, start - 30):start])
        if before and before[-1].lower().endswith(rules.division_suffixes):
            continue  # "der Sparte Reality Labs", "die Halbleitersparte Device Solutions": a part of a company
        if " " in name and before and before[-1].lower() in blocked:
            noun = name.split()[0]  # "die Sparte Reality Labs": after an article the first word is a noun
            if noun.lower().endswith(rules.division_suffixes):
                continue  # "die Sparte Reality Labs": a part of a company, no company of its own
            name, start = name[len(noun) + 1:], start + len(noun) + 1
        first = name.split()[0]
        if first in rules.division_words:
            continue  # "Mobile Networks", "Device Solutions": a division's name
        if LABEL_SHORT_TAIL.match(masked, m.end()) and line_start(masked, start) >= 0 \
                and LABEL_HEAD.fullmatch(masked, line_start(masked, start), start):
            continue  # "- Power & Sensor Systems (PSS): 0,96 Mrd.": a segment a list labels with its short form
        if genitive_of(first, rules.not_first):
            continue
        if taken.free(start, m.end()) and first not in rules.not_first and first not in rules.acronym_stop \
                and not rules.is_title(first) and not (abstract and first.lower().endswith(abstract)):
            initials = "".join(w[0] for w in masked[start:m.end()].split())
            if len(initials) >= 3 and re.search(r"(?<![\w-])" + initials + r"(?![\w-])", masked):
                name = initials  # "Hewlett Packard Enterprise" is the "HPE" of the same article
            add(start, m.end(), name, "ORG", "noun")
            if " " not in name and len(name) >= 3:
                discovered.add(name)  # later "Juniper" alone
    if rules.owner_compound_re is not None:
        org_words = {n.lower() for n in rules.cfg.get("org_nouns") or []}
        for m in rules.owner_compound_re.finditer(masked):
            name = m.group("name")
            if "-" in name and name not in rules.table:  # "Raspberry-Pi-Chef": the company the text also names "Raspberry Pi" ("Knorr-Bremse-Chef": the gazetteer's)
                name = name.replace("-", " ")
                if name not in masked:
                    continue
            if len(name) >= 2 and name not in rules.not_first and name not in rules.acronym_stop \
                    and name.lower() not in org_words and not (m.group(0).endswith("Gruppe") and is_common_noun(name)):  # (not "die Hacker-Gruppe")
                discovered.add(name)
    for s, end, name, later in named_by_form(masked, rules.cfg, rules.not_first, taken) + legal_form_names(masked, rules.cfg, rules.not_first, taken):
        add(s, end, name, "ORG", "noun")
        discovered |= {name} if later else set()  # "Booking.com", later "Booking" alone
    bought = deal_objects(masked, rules.cfg, rules.not_first, taken, add, rules.gender)  # "Samsung kauft Harman", later "Harman" alone
    discovered |= bought
    # "Palo Alto Networks", then "Palo Alto" alone: a known company's name without its company word is the same company.
    stems = gazetteer_stems(masked, out, rules.cfg, rules.not_first) | apposition_stems(masked, appositions & discovered, rules.not_first)
    discovered |= set(stems)
    people = {e.name.split()[-1] for e in out if e.type == "PER"}
    discovered |= bare_names(masked, rules.cfg, rules.not_first, taken) - people  # "sagte Hanebeck": the person named before
    discovered |= title_names(text, regions, rules.not_first, people, rules.cfg.get("place_words") or (), rules.table) - set(rules.table)  # "Halbleiter: Codasip sucht …"
    craft = tuple((rules.cfg.get("bare_names") or {}).get("craft_words") or ())  # "die Envisat-Mission", "Die Mission von Envisat": a craft
    named_crafts = craft_names(masked, craft, rules.not_first) - org_named - set(rules.table) \
        - set((rules.cfg.get("bare_names") or {}).get("not_crafts") or ())
    discovered |= named_crafts
    # "der Energieversorger Enerveo", later "Enerveo" alone (all names in one pass over the text: a long page names many)
    spans_of: dict[str, list[tuple[int, int, str]]] = {}
    if discovered:  # ("Kaseya-Chef" too, as source "owner": the company, and no speaker of its own)
        any_name = re.compile(r"(?=(?<![\w-])(?P<n>" + trie_alternation(discovered) + r")(?P<s>s?)" + owner_name_end(rules.cfg) + ")")
        for m in any_name.finditer(masked):
            spans_of.setdefault(m.group("n"), []).append((m.start(), m.end("s"), "owner" if masked.startswith("-", m.end("s")) else "noun"))
    # (a name like a model's that a word for a craft or device introduces is a product: "die Raumsonde Chandrayaan-3")
    crafts = {m.group("name") for m in rules.product_intro_re.finditer(masked)}
    for rx in rules.model_res:  # (before names found alone: "Falcon 180B" is no company "Falcon")
        for m in rx.finditer(masked):
            if taken.free(*m.span()) and not MODEL_COMPOUND.search(m.group(0)):
                add(m.start(), m.end(), m.group(0), "PRODUCT" if m.group(0) in crafts else "MODEL", "model")
    for s, e, name in named_models(masked, rules.cfg.get("model_nouns") or [], rules.not_first, taken, also=said_models):
        add(s, e, name, "MODEL", "noun")  # "ihr Sprachmodell Apertus", then "Apertus" alone
    for s, e, name in named_models(masked, rules.cfg.get("product_nouns") or [], rules.not_first, taken,
                                   product_tail(rules.cfg.get("product_tiers") or []),
                                   rules.cfg.get("product_heads_after") or []):
        add(s, e, name, "PRODUCT", "noun")  # "den Prozessor Telum II", then "Telum II" alone
    for s, e, name in named_models(masked, rules.cfg.get("infra_nouns") or [], rules.not_first, taken):
        add(s, e, name, "INFRA", "noun")  # "den Supercomputer Leonardo", then "Leonardo" alone
    discovered -= {m.group("family") for x in out if x.type == "MODEL" for m in [FAMILY_SIZE.fullmatch(x.name)] if m}  # ("Mixtral 8x7B", then "Mixtral": the model)
    discovered -= {n for n in discovered if n.lower() in rules.org_noun_set} | set(rules.cfg.get("place_names") or ())  # a word for a company ("das Unternehmen") or a place ("Bayern Kapital") is no name
    for name in sorted(discovered):
        for s, e, how in spans_of.get(name, ()):
            if taken.free(s, e):
                add(s, e, stems.get(name, name), "PRODUCT" if name in named_crafts else "ORG", "deal" if name in bought and how == "noun" else how)
    for s, end, name in initials_of_named(masked, [x for x in out if x.source == "gazetteer"], rules.acronym_stop, rules.table, taken):
        add(s, end, name, "ORG", "gazetteer")  # "Texas Instruments", later "TI"
    for s, end, (name, typ) in first_word_mentions(masked, out, taken, rules.not_first | set(rules.cfg.get("place_names") or ()), rules.table):
        add(s, end, name, typ, "short")  # "Vivid Money", later "Vivid" (not a place: "Bayern Kapital", later "Bayern")
    for s, end, name in model_short_names(masked, out, taken):
        add(s, end, name, "MODEL", "model")  # "MiniMax-M1", later "M1" and "M1-80k" alone
    for s, end, name in family_names(masked, out, taken, rules.not_first | set(rules.table)):
        add(s, end, name, "MODEL", "model")  # "Mixtral 8x7B", later "Mixtral" alone
    for s, end, name in maker_models(masked, [x for x in out if x.type == "ORG"], taken):
        add(s, end, name, "PRODUCT", "model")  # "Xiaomi SU7", later "SU7" alone (after the models: "Alibaba Qwen3")
    # "des Marktforschers IDC": a source of the figures, never their subject.
    out = [replace(e, type="SOURCE") if e.type == "ORG" and rules.source_before(masked, e.start) else e
           for e in short_names(masked, acronym_aliases(masked, genitive_people(out, set(rules.by_name))), rules.table, rules.not_first)]
    return sorted(out, key=lambda x: (x.start, x.end))

