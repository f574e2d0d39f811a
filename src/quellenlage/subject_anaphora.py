"""Which entity an anaphor ("das Modell", "der Konzern", "die Behörde") stands for: a part of
the subject finder (subjects.py), apart from where a figure's subject is looked for."""
from __future__ import annotations

import re
from functools import cached_property

from quellenlage.entities import Entity
from quellenlage.entity_names import NOT_AN_ORG_AFTER
from quellenlage.patterns import cue_alternation
from quellenlage.subject_compounds import named_parent
from quellenlage.subject_roles import CompanyRoles
from quellenlage.subject_cues import salient, CAPITALISED_RUN, OPENING_NP, EXAMPLE_BEFORE, OF_OBJECT, RIVAL_HEAD, TOPIC_FOR

# "Zhipu gibt die Grösse seines neuen Modells mit …": the thing of the company the sentence names
POSSESSIVE_BEFORE = re.compile(r"(?<![\w-])(?:[Ss]ein|[Ii]hr)(?:e|es|em|en|er)?\s+(?:[a-zäöüß][\w-]*\s+){0,2}$")
BESIDE_BEFORE = re.compile(r"(?<![\w-])(?:[Nn]ach|[Vv]or|[Nn]eben|[Ww]ie|[Aa]ls|[Mm]it|[Gg]egen|[Tt]rotz|[Ss]eit|[Oo]hne)\s+$")


GROUP_OPENER = re.compile(r"[„\"»]?Zu\s+(?:den|seinen|ihren)\s+(?:[\w-]+\s+)?(?:Kunden|Partnern|Investoren|Geldgebern|Gesellschaftern|Anteilseignern|Aktionären|Abnehmern|Konkurrenten|Wettbewerbern)\s+(?:gehören|gehörten|zählen|zählten)\s")
LISTED = re.compile(r"[A-ZÄÖÜ][\w&.-]*(?:\s+[A-ZÄÖÜ][\w&.-]*)*,\s+(?:die\s+|der\s+|das\s+)?[A-ZÄÖÜ][\w&.-]*(?:\s+[A-ZÄÖÜ][\w&.-]*)*,\s+(?:[^,.;:]+,\s+)*(?:die\s+|der\s+|das\s+)?[A-ZÄÖÜ][\w&.-]*(?:\s+[A-ZÄÖÜ][\w&.-]*)*\s+(?:und|sowie)\s+(?:die\s+|der\s+|das\s+)?[A-ZÄÖÜ][\w&.-]*")
APPOSITION_GOES_ON = re.compile(r"(?:\s+[A-ZÄÖÜ][\w-]*){0,2},\s+(?:der|die|das|dem|des|ein|eine|einer|eines)\s[^,.;:!?]*")
RELATIVE_BEFORE = re.compile(r",\s+(?:das|die|der|den|dem|dessen|deren)\s")
HEAD_AFTER = re.compile(r"-([A-ZÄÖÜ][\w]+)(?![\w-])")
FOUNDER_AFTER = re.compile(r"-(?:Mitgründer|Gründer|Mitgründerin|Gründerin)(?:innen|n)?(?![\w-])")
WHEN_OPENING = re.compile(r"[„\"»]?Als\s+")
MODEL_SIZE = re.compile(r"(\d+(?:[.,]\d+)?)\s*[bB](?![\w])")


# the name in the noun phrase that opens a sentence is its topic: "Die Aktien von DoorDash sind … gestartet"
OPENING_OF = re.compile(r"\s*(?:Die|Der|Das)\s+[A-ZÄÖÜ][\w-]*\s+(?:von|vom)\s+")

# a heading between two paragraphs: the sentence after it opens a section, whose anaphors are the article's topic
SECTION_BREAK = re.compile(r"\n[ \t]*\n[^\n.!?:;]{1,80}\n[ \t]*\n")

FOLD = str.maketrans("äöüÄÖÜ", "aouaou")


def fold(text: str) -> str:
    return text.lower().translate(FOLD)


def home_stem(word: str, demonyms) -> str | None:
    """ "Franzosen" -> "franzos", "Südkoreaner" -> "sudkorean": what the home's adjective
    ("französisch", "südkoreanisch") and its people's name share; None for a word no demonym."""
    if word not in demonyms:
        return None
    low = fold(word)
    stem = low[:-2] if low.endswith(("en", "er")) else low[:-1]
    return stem if len(stem) >= 4 else None


# an agency's credit in a dateline ("Stockholm (Reuters) -", "(dpa-AFX)"): who wrote it, no one the sentence names
AGENCY_CREDIT = re.compile(r"\([^()\n]{1,40}[)/]")
CARRY_REACH = 2  # sentences back a sentence naming no one may take its subject from
NAME_COMMA_BEFORE = re.compile(r"[A-ZÄÖÜ][\w-]+,\s*$")  # a name the figure stands in apposition to


class AnaphorResolver:
    """`_resolve_anaphor` for `SubjectFinder` (which gives it `r`, `subsidiary`, `institution_kinds`,
    `rival_before` and `_invests`)."""

    @cached_property
    def child_nouns(self) -> tuple[str, ...]:
        """Nouns for a subsidiary (rules: subject_cues.subsidiary_nouns): a name after "Tochter des …" is its parent."""
        return tuple((self.r.cfg.get("subject_cues") or {}).get("subsidiary_nouns") or ())

    @cached_property
    def speaker_before(self) -> re.Pattern:  # "Konzernchef Sundar Pichai": one who speaks for the company
        speakers = "|".join(re.escape(w) for w in self.r.cfg.get("demonstrative_speakers") or ["(?!)"])
        return re.compile(r"(?<![\w-])[\w-]*(?:" + speakers + r")\s+$")

    @cached_property
    def roles(self) -> CompanyRoles:
        """Whose chief a person is (rules: entities.yaml company_roles)."""
        roles = self.r.entities.cfg.get("company_roles") or {}
        return CompanyRoles(roles.get("of_named"), roles.get("of_own"), roles.get("links"))

    @cached_property
    def than_before(self) -> re.Pattern:
        """A name a comparative compares with ("deutlich weniger als beim Start der Xbox 360"): no antecedent
        (rules: subject_cues.than_words)."""
        words = (self.r.cfg.get("subject_cues") or {}).get("than_words")
        return re.compile(r"(?<![\w-])(?:" + cue_alternation(words) + r")\s+(?:[\w-]+\s+){0,3}$") if words else re.compile(r"(?!)")

    def _carried(self, view, ss: int, types: tuple[str, ...], reach: int = CARRY_REACH, at: int | None = None) -> str | None:
        """The one name of a fitting type that the nearest sentence before naming anyone names, at most
        `reach` sentences back in the paragraph ("Samsung hat das Galaxy S4 vorgestellt. Das Gerät hat
        einen Fünf-Zoll-Bildschirm. In Deutschland kostet es 649 Euro"); None where that sentence names
        none of the type or several. A paragraph that names no one before the figure goes on about the
        article's company ("… ⏎ Entdeckt worden war der Angriff am 31. Mai.")."""
        text = view.text
        own = view.sentence_of(ss)  # (a sentence of prose, not a line such as "Sendung: hr-iNFO, 21.03.2023, 15.00 Uhr")
        prose = text[own[0]:own[1]].rstrip()[-1:] in (".", "!", "?", "\"", "“", "»") \
            and not (at is not None and NAME_COMMA_BEFORE.search(text, max(own[0], at - 40), at))  # (nor "Busch, 1963 … gegründet": a name of its own)
        for _ in range(reach):
            prev = view.previous_sentence(ss)
            if prev is None or "\n\n" in text[prev[0]:ss]:
                return view.main_organisation if "ORG" in types and prose else None
            # (a company a deal bought, named where no list knows it, is no topic to carry: "ohne den
            # Beitrag von GoCanvas" leaves the figures after it to the company of the article)
            ents = [e for e in view.entity_index.starting(*prev) if e.source != "deal" and not (e.type == "SOURCE" and AGENCY_CREDIT.fullmatch(text, max(0, e.start - 1), e.end + 1))]
            if ents and self.r.entities.comparison_opener.match(text, prev[0]):
                return None  # ("Zum Vergleich: Die Infineon-Aktie …": another company's, no topic)
            listed = [m.span() for m in LISTED.finditer(text, prev[0], ss)]
            named = {e.name for e in ents if e.type in types and e.name not in self.r.entities.authorities
                     and not self._invests(text, e)  # ("…, damals stieg Eon als Gesellschafter ein": no topic,
                     and not any(a <= e.start < b for a, b in listed)}  # nor those listed beside it "neben A, B, C und D")
            if named or ents:
                return named.pop() if len(named) == 1 else None
            ss = prev[0]
        return None

    def _own_topic(self, view: "DocView", ss: int, fig: dict) -> bool:
        """Does the sentence open with a definite noun phrase of its own, neither a property's
        word, nor an anaphor, nor a general noun, nor a name ("Die KI-Zusammenfassungen in der
        Suche …")? Then the sentence is about that, not the topic of the sentence before."""
        text = view.text
        m = OPENING_NP.match(text, ss)
        if not m or m.end() > fig["start"]:
            return False
        noun = m.group("noun")
        phrase = CAPITALISED_RUN.match(text, m.start("noun")).group(0)  # "Current Cloud Backlog"
        if any(rx.match(text, m.start("art")) for rx, _ in self.r.entities.anaphora):
            return False
        if self.r.property_words.search(text, m.start("art"), m.start("noun") + len(phrase)) \
                or noun in self.r.general_nouns or self.r.entities.is_title(noun):  # ("Der operative Cashflow")
            return False  # (nor a person's role: "Der Finanzchef verwies auf …" is about the company)
        return not any(e.start <= m.start("noun") < e.end for e in view.entity_index.around(m.start("noun"), m.end(), 200))

    def _resolve_anaphor(self, view, typ: str, usable: list[Entity], pos: int, word: str = "", at: int | None = None,
                         teller: bool = False) -> str | None:
        """ "das Modell", "der Konzern": the entity in subject position (first named) of one of
        the last sentences, if it is of the type; else the most mentioned of the type nearby.
        "der Konzern" is never a company named as a subsidiary ("die Tochter Change Healthcare").
        `at`: where the anaphor stands, when `pos` is the start of its sentence; a sentence whose subject points back
        is about its antecedent, for an anaphor that tells the news (`teller`: "Das gab das Unternehmen bekannt") or
        names no date (not "Zu dem 1999 gegründeten Unternehmen gehört …": a company the sentence before introduced)."""
        owner, _, head = (word.split()[-1] if word else "").partition("-")
        known = self.r.entities.table.get(owner) if head else None
        if known and known[1] == typ and not RIVAL_HEAD.match(head) \
                and not named_parent(view.text, view.text.find(owner + "-", pos if at is None else at), self.child_nouns):
            return known[0]  # "der Meta-Dienst", "der Meta-Konzern": the company the compound names (not "der SAP-Rivale")
        at = pos if at is None else at
        sized = self.r.entities.model_size.search(word) if typ == "MODEL" and word else None
        if sized:
            # "das kleine Modell", "das größere Modell": of the sized models named before, the smallest or largest
            sizes = {e.name: float(m.group(1).replace(",", ".")) for e in usable if e.type == typ and e.end <= at
                     for m in [MODEL_SIZE.search(e.name)] if m}
            if len(set(sizes.values())) >= 2:
                pick = min if sized.group("small") else max
                return pick(sizes, key=lambda n: (sizes[n], n))
        if typ in ("MODEL", "PRODUCT") and (POSSESSIVE_BEFORE.search(view.text, max(0, at - 40), at)
                                            or POSSESSIVE_BEFORE.search(word.rsplit(" ", 1)[0] + " " if " " in word else "")):
            sentence = view.sentence_of(at)
            owners = {e.name for e in view.entity_index.starting(sentence[0], at) if e.type == "ORG" and e.end <= at}
            made = self._made_by_owner(view, typ, at, owners) if len(owners) == 1 else None
            if made:
                return made
        if word and word.split()[-1] in self.r.entities.line_anaphora:
            # "in den Handel kommen die Smartphones am 31. Januar": the line the article is about (its first
            # device of a generation: "Galaxy S24", "iPhone 16", not the bare "iPhone" of every year)
            named = [e for e in usable if e.type == typ and e.end <= pos]
            if named:
                return min(named, key=lambda e: (not any(ch.isdigit() for ch in e.name), e.start)).name
        if "onzern" in word:
            subsidiaries = {e.name for e in view.entity_index.starting(max(0, pos - 5000), pos) if self.subsidiary(view.text, e)}
            usable = [e for e in usable if e.name not in subsidiaries]
        if word and word.split()[-1] in self.r.entities.authority_anaphora:
            # "Orange habe …, teilte die Behörde am Dienstag mit", "2018 verhängte die Behörde gegen den
            # Fahrdienst Rydo …": what the authority's news is about, the organisation its sentence names
            # (an authority is no subject of its own decisions, as other sources name them)
            sentence = view.sentence_of(pos)
            named = [e for e in view.entity_index.starting(*sentence) if e.type == typ
                     and e.name not in self.r.entities.authorities]
            if named:
                return named[0].name
        kind = self.institution_kinds.get(word.split()[-1].lower()) if word else None
        if kind:  # "die Bibliothek": the library the article names, whoever was named last
            named = [e for e in usable if e.type == typ and e.end <= pos and e.name.endswith(kind)]
            if named:
                return salient(named, view.mention_counts)
        home = home_stem(word.split()[-1], self.r.entities.cfg.get("demonym_anaphora") or ()) if word else None
        if home:  # "der Franzosen": the company introduced as French ("Der französische Konzern Studiocanal")
            named = [e for e in usable if e.type == typ and e.end <= pos and home in fold(view.text[max(0, e.start - 50):e.start])]
            if named:
                return salient(named, view.mention_counts)
        generic = (self.r.entities.cfg.get("anaphora_heads") or {}).get(typ) or ()  # ("das Unternehmen": any)
        introduced = introduced_as(view.text, [e for e in usable if e.type == typ and e.end <= pos], word, generic)
        if introduced:  # "die Bank": the one introduced as "die Smartphone-Bank N26"
            return salient(introduced, view.mention_counts)
        if at > pos:  # "Rekordzahlen, die Tesla veröffentlicht hat: 1,13 Mio. hat der US-Konzern …": a name before a colon
            named = [e for e in usable if e.type == typ and pos <= e.start and e.end <= at and ":" in view.text[e.end:at]]
            if len({e.name for e in named}) == 1:
                return named[0].name
        prev = view.previous_sentence(pos)
        if typ == "ORG" and prev and SECTION_BREAK.search(view.text, max(0, prev[0] - 3), pos) and any(e.name == view.main_organisation for e in usable):
            return view.main_organisation  # ("… mit Dell zusammenarbeiten. ⏎ Vom Kistenschieber zum Lösungsanbieter ⏎ Michael Dell hatte das Unternehmen …")
        start = pos
        for back in range(5):
            prev = view.previous_sentence(start)
            if prev is None or prev[0] >= start:
                break
            topic = TOPIC_FOR.match(view.text, prev[0]) if not back else None  # "Für SpaceX ist die Mission ein Durchbruch. Das Unternehmen …"
            opening = next((m for rx, t in self.r.entities.anaphora if t == typ for m in [rx.match(view.text, prev[0])] if m), None)
            if (teller or not any(ch.isdigit() for ch in word)) and opening and not any(e.start <= opening.end() + 1 for e in view.entity_index.starting(prev[0], start)):
                start = prev[0]  # "Der Koblenzer Hersteller übernimmt … Destaco": a sentence whose subject points back is about its antecedent
                continue
            topical = [e for e in view.entity_index.starting(topic.start("n"), topic.end("n")) if e.start == topic.start("n") and e.type == typ] if topic else []
            if topical:
                return topical[0].name
            first = [e for e in view.entity_index.starting(prev[0], start) if e.end <= start and (e.type != "SOURCE" or typ == "SOURCE")
                     and not self.rival_before.search(view.text, max(0, e.start - 40), e.start)
                     # (not an object: "setzt man auf die Kunden von 1&1. Der Mutterkonzern …"; nor an investor)
                     and not (OF_OBJECT.search(view.text, max(0, e.start - 14), e.start) and not OPENING_OF.fullmatch(view.text, prev[0], e.start))
                     and not self._invests(view.text, e)
                     and not EXAMPLE_BEFORE.search(view.text, max(0, e.start - 80), e.start)
                     and not NOT_AN_ORG_AFTER.match(view.text, e.end)  # (nor who tells: "Nice zufolge soll Cognigy …")
                     # (nor one named beside it: "Nach Lilium hat jetzt auch Volocopter Insolvenz beantragt")
                     # (but "Als Nortel Networks im Februar 2009 Gläubigerschutz beantragte, …": a time, Nortel the topic)
                     and not (BESIDE_BEFORE.search(view.text, max(0, e.start - 12), e.start) and not WHEN_OPENING.fullmatch(view.text, prev[0], e.start))
                     and not self.than_before.search(view.text, max(0, e.start - 60), e.start)]
            investors = [e for e in view.entity_index.starting(prev[0], start) if e.end <= start and self._invests(view.text, e)]
            if investors:  # "Lead-Investor ist EQT Growth, der Wachstumsfonds der … EQT": its apposition names the investor too
                first = [e for e in first if not any(i.end <= e.start and APPOSITION_GOES_ON.fullmatch(view.text, i.end, e.start) for i in investors)]
            listed = [m.span() for m in LISTED.finditer(view.text, prev[0], start)] if first else []
            if GROUP_OPENER.match(view.text, prev[0]) or listed:  # "Zu den Kunden zählen Kawasaki und Omron", "Die übrigen
                first = [] if GROUP_OPENER.match(view.text, prev[0]) else [e for e in first if not any(a <= e.start < b for a, b in listed)]  # vier – A, B, C und D – …": no topic
            opener = self.r.entities.subordinate_opener.match(view.text, prev[0], start)
            if opener and self.r.entities.subject_clause.match(view.text, prev[0]):
                # "Wer in der App von N26 einen Sparplan anlegt, handelt über Upvest": whoever does so is the
                # subject; the name the main clause goes on with is the topic, not N26
                named = [e for e in view.entity_index.starting(opener.end(), start) if e.end <= start and e.type == typ and not self._invests(view.text, e)]
                if named:
                    return named[0].name  # (an object of the main clause too: "über Upvest")
                first = []
            elif opener and any(e.start >= opener.end() for e in first):
                # "Nachdem Apple …, hat Samsung den Spitzenplatz zurückerobert": the main clause's subject
                first = [e for e in first if e.start >= opener.end()]
            named = [e for e in view.entity_index.starting(prev[0], start) if e.end <= start and e.type != "SOURCE"]
            acted_on = bool(named) and named[0].name in self.r.entities.authorities
            if acted_on:  # "Die Wettbewerbsbehörde hat gegen Google eine Strafe verhängt. Der US-Internetkonzern …": Google
                first = [e for e in named if e.name not in self.r.entities.authorities]
            if first and first[0].type == typ and (first[0] in usable or acted_on):
                return first[0].name  # (not "Der börsennotierte Rivale Snowflake": another company)
            if first and typ == "ORG" and self._app_company(view, first[0]):
                return first[0].name  # "Die Banking-App Vivid Money … Das Unternehmen beschäftigt …": the app is its company
            if typ == "PRODUCT" and first and first[0].type == "ORG":
                # "IBM hat den Spyre Accelerator entwickelt. Der Chip …": the thing its maker made
                made = [e for e in first if e.type == typ and e in usable]
                if made:
                    return made[0].name
            start = prev[0]
        prior = [e for e in usable if e.type == typ and e.end <= pos and pos - e.end < 1500]
        prior = [e for e in prior if not self._invests(view.text, e)] or prior  # ("Geldgeber wie Allianz X")
        if not prior and typ == "ORG" and not view.text[view.sentence_of(at)[0]:at].strip() \
                and not any(e.type == typ for e in view.entity_index.starting(0, pos)):
            # "Der Münchener Process-Mining-Spezialist sammelt eine Milliarde Dollar ein" opening the
            # article under a headline that named it (the sentence's subject, before any name): the
            # organisation the article names most
            return view.main_organisation
        return salient(prior, view.mention_counts) if prior else None

    @cached_property
    def app_before(self) -> re.Pattern:  # "die Banking-App ", "die App " (rules: compound_heads.PRODUCT)
        heads = (self.r.entities.cfg.get("compound_heads") or {}).get("PRODUCT") or ["(?!)"]
        return re.compile(r"(?<![\w])(?:[\w]+-)?(?:" + "|".join(map(re.escape, heads)) + r")\s+$")

    def _app_company(self, view, e: Entity) -> bool:
        """A product no list knows, introduced by a word for an app ("Die Berliner Banking-App Vivid Money"): its own company."""
        return e.type == "PRODUCT" and self.r.entities.table.get(e.name) is None and not self.r.entities.parent(e.name) and any(
            x.name == e.name and self.app_before.search(view.text, max(0, x.start - 30), x.start) for x in view.entity_index.starting(0, e.end))

    def _made_by_owner(self, view, typ: str, pos: int, owners: set[str]) -> str | None:
        """ "Zhipu gibt die Grösse seines neuen Modells an": the last model (product) named before
        the sentence of `pos` after one of `owners` as the nearest company before it in its sentence
        ("Am Montag folgte Zhipu … mit GLM-4.5"; not Moonshot's "Kimi K2" named first in the
        article, nor "GLM-4.5 ist halb so groß wie Deepseeks Modell"). Any mention counts, an object's too."""
        made = None
        here = view.sentence_of(pos)[0]
        for e in view.entity_index.starting(max(0, here - 5000), here):
            if e.type == typ and e.end <= here:
                s = view.sentence_of(e.start)
                maker = [o for o in view.entity_index.starting(s[0], e.start) if o.type == "ORG" and o.end <= e.start]
                if maker and maker[-1].name in owners and (made is None or e.start > made.start):
                    made = e
        return made.name if made else None


_WORD_BEFORE = re.compile(r"([\w-]+)\s+$")


def introduced_as(text: str, prior: list[Entity], word: str, generic=()) -> list[Entity]:
    """ "Die Bank hat sieben Millionen Kunden": the entities the article introduced with a noun of
    that head ("der Smartphone-Bank N26"), among `prior`; none for a `generic` head ("das
    Unternehmen" may be any company the article named)."""
    head = word.split()[-1].lower() if word else ""
    if len(head) < 4 or head in generic:
        return []
    out = []
    for e in prior:
        m = _WORD_BEFORE.search(text, max(0, e.start - 40), e.start) or e.type == "ORG" and HEAD_AFTER.match(text, e.end)  # (or "die Rohlik-Gruppe"; not "Windows-8-Tablet")
        if m and m.group(1).lower().rstrip("s").endswith(head.rstrip("s")):
            out.append(e)
    return out


def founders_company(view, sentence: tuple[int, int], fig: dict) -> str | None:
    """The company a founder before the date is named by ("Gorillas-Gründer Kağan Sümer hatte das Unternehmen 2020
    gestartet"), or that bears the founder's name ("Harry Bertrandt hatte das Unternehmen 1974 gegründet": Bertrandt)."""
    named = view.entity_index.starting(sentence[0], fig["start"])
    owner = next((e.name for e in named if e.source == "owner" and e.type == "ORG" and e.end <= fig["start"]
                  and FOUNDER_AFTER.match(view.text, e.end)  # (not "Spotify-Gründer Daniel Ek hat Neko 2018 gegründet",
                  and not RELATIVE_BEFORE.search(view.text, sentence[0], e.start)  # nor "Neko, das der Spotify-Gründer … gegründet hat")
                  and not any(o.source != "owner" and o.type in ("ORG", "PRODUCT") and e.end <= o.start < fig["start"] for o in named)), None)
    if owner is not None:
        return owner
    companies = {e.name for e in view.entities if e.type == "ORG"}
    return next((e.name.split()[-1] for e in named if e.type == "PER" and e.end <= fig["start"] and " " in e.name
                 and e.name.split()[-1] in companies and not RELATIVE_BEFORE.search(view.text, sentence[0], e.start)
                 and not any(o.type in ("ORG", "PRODUCT") and e.end <= o.start < fig["start"] for o in named)), None)
