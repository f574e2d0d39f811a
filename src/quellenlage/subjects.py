"""Who a figure is about: the subject of a claim. Pure, over one document's `DocView`.

In order: a table row's first cell; names and figures paired in turn ("Oppo und Vivo mit 28,6 und 28,5
Millionen"); a demonstrative opening the sentence ("Der steuert …") is the last entity named before it; the
antecedent of a relative clause ("xAIs Grok, das mehr als 100.000 GPUs nutzte"); a coordinated clause shares
the sentence's subject; then the nearest entity of a fitting type in the clause, earlier in the sentence, an
anaphor ("das Modell"), the sentence before, the article's main entity. Another organisation, index or person
named in the figure's own clause keeps its figure (an index's move is not the company's; several investors
are no single one)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from quellenlage.subject_compounds import LIKE_BEFORE, attributed, compound_owner, former_name, named_parent, participle_agent, whole_name
from quellenlage.markets import MarketCues
from quellenlage.patterns import alternation
from quellenlage.textutil import ONE_LINE, date_participle
from quellenlage.respective import respective_subject
from quellenlage.subject_anaphora import AnaphorResolver, founders_company
from quellenlage.subject_apposition import described, in_closed_apposition
from quellenlage.subject_pairs import PairFinder
from quellenlage.subject_cues import (OWNERS_MODEL_WITH, TELLER_BEFORE, apposed, embedded, listed, listed_siblings, salient, CLOSING, COMPARED_TO, WITH_FIGURE, MAKER_AFTER, TOPIC_BEI, COMPARISON_OPENER, COORDINATED, GEGEN, INVESTOR_BEFORE, OPENING_ARTICLE, OTHER_CLAUSE, RELATIVE, RELATIVE_INSERT, SAYS_BEFORE, TOPIC_FOR, WHERE_AFTER, FOR_MODEL,
                                      NOUN_PHRASE, GroupCues, allotted_to, both_named, table_row_subject,
                                      together_named, with_subsidiary)

if TYPE_CHECKING:  # pragma: no cover
    from quellenlage.claim_rules import ClaimRules, DocView, Property

WHERE_OPEN = re.compile(r",\s*(?:wo\s[^,.;:]*|wie\s+(?:sie|es|er)\s[^.;:]*)$")  # inside a clause of place, or of comparison ("…, wie sie nur TSMC, Samsung und Intel anstreben")
LISTED_IN = re.compile(r"\s+(?:notiert|gelistet)(?:e|en|er|es)?\b")
CLAIM_TYPES = ("ORG", "PER", "MODEL", "PRODUCT", "INFRA", "CHIP", "LAW", "INDEX")
PRONOUN_SUBJECT = re.compile(r"(?<![\w-])(?:er|sie)(?![\w-])")  # a clause's own subject as a pronoun
ALL_THAT = re.compile(r"\s*(?:Das|Dies|Dieses)\s+alles\b|\s*All\s+(?:das|dies)\b|\s*Das\s+Ganze\b")


class SubjectFinder(AnaphorResolver, PairFinder):
    def __init__(self, rules: "ClaimRules"):
        self.r = rules
        self.cfg = rules.cfg
        self.groups = GroupCues.from_config(rules.cfg)
        self.markets = MarketCues(rules.cfg.get("subject_cues") or {})

    @cached_property
    def column_words(self) -> re.Pattern:
        """A table column header that names no one ("Veränderung", "Vorjahr", "Prognose"): the
        table words and noun endings of rules/<lang>/entities.yaml (bare_names)."""
        bare = self.r.entities.cfg.get("bare_names") or {}
        words = [re.escape(w) for w in bare.get("table_column_words") or []]
        ends = [re.escape(w) for w in bare.get("noun_suffixes") or []]
        alts = ([r"(?:%s)" % "|".join(words)] if words else []) + ([r"\w+(?:%s)" % "|".join(ends)] if ends else [])
        return re.compile(r"(?i)(?:%s)\W*" % "|".join(alts or ["(?!)"]))

    @cached_property
    def demonstrative(self) -> re.Pattern:
        words = self.cfg.get("demonstratives") or ["(?!)"]
        # "Der steuert allein …" (pronoun + verb; "Das kündigte Konzernchef X … an": one who speaks for the company),
        # not "Das zweite Modell", "Die bereinigte operative Marge", "Das alles stemmt ein Team …"
        speakers = "|".join(re.escape(w) for w in self.cfg.get("demonstrative_speakers") or ["(?!)"])
        return re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in words) + r")\s+(?!alles\b|ganze\b)[a-zäöüß]+\s+"
                          r"(?:(?=[\w-]*(?:" + speakers + r")\s)|(?![A-ZÄÖÜ]))"
                          r"(?!(?!(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|sich)\s)[a-zäöüß]+\s+[A-ZÄÖÜ])")

    @cached_property
    def object_before(self) -> re.Pattern:
        words = list(self.cfg.get("object_prepositions") or ["(?!)"])
        words += [w[:1].upper() + w[1:] for w in words]  # at a sentence start too: "Gegen Apple hatte die Kommission …"
        return re.compile(r"(?<!\w)(?:" + alternation(words)
                          # "in den alternativen Cloud-Anbieter CoreWeave" is an object; "für den Trainingslauf ihres V3-Modells"
                          # names V3 as the owner (genitive); no blank line between (a heading's "zur Venussonde" has no object below)
                          + r")" + ONE_LINE + r"(?:(?:de[mnr]|die|das|einem|einer|einen)" + ONE_LINE + r")?"
                          # words between: nouns and adjectives, no verb ("für solche Verträge hat Anthropic")
                          # (an article starts a phrase of its own: "in Bologna den Supercomputer Leonardo")
                          + r"(?:(?!(?:ihre[sr]|seine[sr]|des|der|die|das|den|dem|deren|dessen|hatte|hatten|habe|wurde|wurden|werde|wäre|hätte)\b)(?:[A-ZÄÖÜ0-9][\w-]*|[a-zäöüß][\w-]*?(?:e|en|er|es|em))" + ONE_LINE + r"){0,3}\Z")

    def subject(self, view: "DocView", fig: dict, prop: "Property", sentence: tuple[int, int],
                clause: tuple[int, int]) -> tuple[str | None, str | None]:
        """(subject, parent's product): the subject's name; when a product with a parent company was found, the second
        value is the product. A company's figure with no company for it is an app's of its own ("Die Mitarbeiter-App Staffbase")."""
        if prop.bound_subject and (fig.get("qualifier") == "upper_bound" or fig["label"] == "PERCENT"):
            # "bis zu 35 Millionen Euro oder 7 Prozent": a cap, the law's before the company's
            prop = replace(prop, subject_types=prop.bound_subject + tuple(t for t in prop.subject_types if t not in prop.bound_subject))
        name = (fig["label"] == "DATE" and (attributed(view.text, fig, view.entities_near(*sentence), prop.subject_types) or prop.own_name and founders_company(view, sentence, fig))) or compound_owner(view.text, fig, self.r.entities.table, prop.subject_types, self.r.entities.cfg.get("owned_count_units") or ()) or self._subject(view, fig, prop, sentence, clause) \
            or prop.key in self.app_properties and self._own_app(view, fig, prop, sentence, clause) or self.roles.acting_for(view, fig, prop, clause)
        name, parent = (whole_name(view.text, name, view.entities_near(*sentence), clause), None) if prop.own_name else (name, self.r.entities.parent(name))  # (a founding is the one founded's; "Der Google Reader wurde … abgeschaltet")
        if parent and self.r.entities.group_of(name):
            return parent, None  # "Google": Alphabet itself, no part of it
        if parent and prop.role == "object" and "ORG" in prop.subject_types and "PRODUCT" not in prop.subject_types \
                and self.r.entities.table.get(name, ("", ""))[1] == "PRODUCT":
            return parent, None  # "Facebook 60 Mio. Euro aufgebrummt": a fine of its maker, Meta
        if parent:
            if listed_siblings(view, self.r.entities.parent, name, parent, sentence, fig["start"]):
                return parent, None  # "auf Facebook, Instagram oder Whatsapp": the family, Meta
            return parent, name
        return name, None

    def _own_app(self, view, fig, prop, sentence, clause) -> str | None:
        name = self._subject(view, fig, replace(prop, subject_types=prop.subject_types + ("PRODUCT",)), sentence, clause)
        return name if name and self.r.entities.table.get(name) is None and not self.r.entities.parent(name) else None

    def own_subject(self, view: "DocView", fig: dict, prop: "Property", sentence: tuple[int, int],
                    clause: tuple[int, int]) -> str | None:
        """An entity of a fitting type named in the figure's own clause (else None)."""
        if prop.subject_types == ("PAIR",):
            return None
        cs, ce = clause
        cands = [e for e in view.entity_index.starting(cs, ce) if e.type in prop.subject_types and e.end <= ce
                 and not (fig.get("unit") and fig["unit"] in e.vendor_of)]
        if len(cands) > 1 and (paired := respective_subject(view.text, fig, cands, view.figure_index, clause)):
            return self.r.entities.parent(paired) or paired  # "Oppo und Vivo mit 28,6 und 28,5 Millionen Geräten"
        if not cands and RELATIVE.match(view.text, cs) and cs > sentence[0]:
            # "… gegenüber dem Pixel 8, das für 799 Euro auf den Markt kam": what the relative clause follows
            cands = [e for e in view.entity_index.starting(sentence[0], cs) if e.type in prop.subject_types
                     and not view.text[e.end:cs].strip(" ,")]
        if not cands:
            # "Die Porsche AG, die am Dienstag Bilanz zog, erwartet 15 bis 17 Prozent": the name
            # opening the sentence, before a relative clause that ends where this clause begins
            opener = next(iter(view.entity_index.starting(sentence[0], cs)), None)
            if opener is None or opener.type not in prop.subject_types \
                    or not OPENING_ARTICLE.fullmatch(view.text, sentence[0], opener.start) \
                    or not RELATIVE_INSERT.fullmatch(view.text, opener.end, cs):
                return None
            cands = [opener]
        nearest = min(cands, key=lambda e: abs(e.start - fig["start"]))
        parent = self.r.entities.parent(nearest.name)
        if nearest.type in ("PRODUCT", "MODEL") and not any(e.name == parent for e in cands):
            return nearest.name  # a product the property takes is its own subject ("das MacBook Pro ab 1.449 Euro"), not its maker
        return parent or nearest.name  # ("Microsoft kommt mit seiner Cloud-Plattform Azure auf 20 Prozent": the maker named)

    def _subject(self, view, fig, prop, sentence, clause) -> str | None:
        (ss, se), (cs, ce) = sentence, clause
        text, ents = view.text, view.entities_near(ss, se)
        first = table_row_subject(text, fig["start"], view.tables, ents, self.r.property_words, self.column_words) \
            or allotted_to(self.groups, text, fig, ents, (ss, se), (cs, ce)) \
            or respective_subject(text, fig, [e for e in ents if e.type in prop.subject_types], view.figure_index, clause)
        if first:
            return first  # a table row's, one allotted its part ("auf Glovo 106 Mio."), or one paired in turn
        if "ORG" in prop.subject_types or prop.subject_types == ("PAIR",):
            if (both := both_named(self.groups, view, fig, ss, self.r.entities.authorities, self._pair_name)) is not None:
                return both
        types = prop.subject_types
        if types == ("PAIR",):
            return self._pair(view, fig, prop, sentence, clause)
        item_end = fig["end"] + (len(fig.get("item") or "") + 25 if fig.get("item") else 0)
        object_starts = view.preceded(self.object_before, 40)
        objects = [e for e in ents if e.start in object_starts and not self._presented(text, e)
                   and not (ss <= e.start and TOPIC_BEI.fullmatch(text, ss, e.start)) and not WHERE_AFTER.match(text, e.end)  # "Bei MGM sank …", "bei Intel, wo …"
                   and not (e.type == "MODEL" == types[0] and FOR_MODEL.search(text, max(0, e.start - 8), e.start))]  # "verarbeitete Meta für Llama 4 … Token"
        object_ids = {id(e) for e in objects}
        # Not the maker of what is counted ("200'000 Grafikprozessoren von Nvidia"); not who says it ("laut xAI").
        said_by = view.preceded(SAYS_BEFORE, 48) | view.told_by
        # A product stands for its maker where only companies fit and the figure is done to one ("Facebook 60 Mio. Euro
        # aufgebrummt") or is its maker's part's ("Der operative Gewinn von AWS": Amazon's, segment AWS).
        by_maker = (prop.role == "object" or prop.parent_segment) and "ORG" in types and "PRODUCT" not in types
        made_by = lambda e, typ: by_maker and typ == "ORG" and e.type == "PRODUCT"  # noqa: E731 (in `fitting` only with a parent)
        fitting = [e for e in ents if (e.type in types or by_maker and e.type == "PRODUCT" and self.r.entities.parent(e.name))
                   and not (fig["start"] <= e.start < item_end) and (e.type != "SOURCE" or e.name in self.r.frames.estimating_sources)
                   and not (fig.get("unit") and fig["unit"] in e.vendor_of)
                   and not (ss <= e.start and e.start in said_by)
                   and not (fig["end"] <= e.start and COMPARED_TO.search(text, max(ss, e.start - 30), e.start) or LIKE_BEFORE.search(text, max(ss, e.start - 30), e.start) and "," not in text[e.end:fig["start"]])  # ("Keyhole sitzt wie Google in Mountain View"; not "wie Qwen2.5, das … im September vorgestellt hatte")
                   and not self._related(text, e, ss) and not former_name(text, e, self.r.entities.founded_after) and not named_parent(text, e.start, self.child_nouns)
                   # (not what another figure counts: "Apple landet mit 54,5 Millionen iPhones auf Platz drei")
                   and not (e.type == "PRODUCT" and any(f is not fig and f["label"] == "COUNT" and not text[f["end"]:e.start].strip()
                                for f in view.figure_index.starting(max(ss, e.start - 40), e.start)))
                   and e.name not in self.r.entities.authorities]  # a regulator approves, fines, subsidises: no figure of its own
        held = next((e for e in fitting if e.end <= fig["start"] and WITH_FIGURE.fullmatch(text, e.end, fig["start"])), None)
        if held is not None and prop.role != "object":
            return held.name  # "kleiner als Llama 3.1 mit 405 Milliarden Parametern": the figure the name comes with
        if "MODEL" in types:
            # "halb so groß wie Deepseeks Modell mit 671 Milliarden Parametern": that company's model, not this article's
            owner = next((e for e in reversed(ents) if e.type == "ORG" and ss <= e.start and e.end <= fig["start"]
                          and OWNERS_MODEL_WITH.fullmatch(text, e.end - 1 if text[e.end - 1] == "s" else e.end, fig["start"])), None)
            if owner is not None:
                return self._made_by_owner(view, "MODEL", owner.start + 1, {owner.name}) or owner.name
        in_clause = [e for e in ents if cs <= e.start and e.end <= ce and e.type in CLAIM_TYPES]
        if prop.key in self.markets.properties and fig.get("unit") in self.markets.goods and not any(cs <= e.start < ce for e in fitting) \
                and self.markets.of_sentence(text, cs, ce) and self.markets.name(text, fig.get("unit")):
            return self.markets.name(text, fig.get("unit"))  # "Laut IDC wurden weltweit 68,8 Millionen PCs ausgeliefert, Lenovo …"
        # An index named in the clause keeps the clause's figures ("der Nasdaq legte 1 % zu").
        if any(e.type == "INDEX" and not LISTED_IN.match(text, e.end) for e in in_clause) and "INDEX" not in types:
            return None  # (not "das im MDax notierte Unternehmen": where the company is listed)
        together = together_named(self.groups, text, fig, [e for e in fitting if cs <= e.start and e.end <= fig["start"]], self._pair_name) \
            or with_subsidiary(text, [e for e in fitting if cs <= e.start and e.end <= ce], ents, ss, self._pair_name)
        if together is not None:
            return together
        if prop.role == "object":
            # An investor is not the company raising or valued: "Softbank, Hauptinvestor der Runde"; a regulator is not the one it fines.
            fitting = [e for e in fitting if e.name not in self.r.entities.authorities and not self.investor_after.match(text, e.end)
                       and not INVESTOR_BEFORE.search(text, max(0, e.start - 80), e.start)
                       and not self.complainant_before.search(text, max(0, e.start - 60), e.start)
                       and not self.grantor_before.search(text, max(0, e.start - 70), e.start)
                       and not self.investor_list.search(text, max(0, e.start - 200), e.start)
                       and not self.complainant_after.match(text, e.end)]
            # "eine Finanzierungsrunde bei OpenAI", "OpenAIs Runde": the company that raises it.
            owned = [e for e in fitting if cs <= e.start and e.end <= ce and (
                id(e) in object_ids or text[e.end:e.end + 1] == "s" and text[e.start:e.end + 1].endswith("s"))]
            if not owned:
                # "hatte die DPC gegen den Facebook-Konzern Meta ausgesprochen: 1,2 Mrd. Euro"
                owned = [e for e in fitting if ss <= e.start < se and (e.end <= fig["start"] or text[fig["end"]:fig["end"] + 1] == ","
                         and RELATIVE.match(text, fig["end"] + 1)) and id(e) in object_ids and GEGEN.search(text, max(0, e.start - 30), e.start)]
                # (or in the relative clause after it: "Nach dem Bußgeld von 764 Mio. Euro, das Luxemburg gegen Amazon verhängt hat")
            if not owned:
                # "Auch bei der Bank Santander, die …, sollen die Daten von 13 Mio. Kunden
                # abgeflossen sein": the object of a clause before, with no other name in between
                owned = [e for e in fitting if ss <= e.start and e.end <= cs and id(e) in object_ids
                         and not any(e.end <= o.start and o.end <= fig["start"] for o in fitting)]
            if owned:
                return min(owned, key=lambda e: abs(e.start - fig["start"])).name
        # In the figure's own sentence an object ("an dem Start-up") is not the subject; earlier any mention may be the topic.
        usable = [e for e in fitting if id(e) not in object_ids]
        if not any(ss <= e.start < se for e in usable) and any(ss <= e.start < se and e.name in self.r.entities.authorities for e in ents):
            # "Die Datenschutzbehörde AP hat am Dienstag ein Bußgeld gegen Clearview AI verhängt": what
            # a regulator does against a company is that company's news
            against = [e for e in ents if ss <= e.start and e.end <= se and GEGEN.search(text, max(0, e.start - 30), e.start) and (e in fitting or (
                prop.key in self.app_properties and e.type == "PRODUCT" and self.r.entities.table.get(e.name) is None))]  # ("gegen die Dating-App Grindr")
            if against:
                return against[0].name
            before = [e for e in fitting if e.end <= ss and ss - e.end < 400 and "\n\n" not in text[e.end:ss]]  # ("Für den Fahrdienstvermittler Uber …")
            if before:  # "SK Telecom muss … zahlen. Die Datenschutzkommission PIPC verhängte am Donnerstag …": SK Telecom's
                return salient(before, view.mention_counts)
        anaphors = {typ: rx for rx, typ in self.r.entities.anaphora}
        if types != ("PAIR",) and (told := described(view, fig, types, sentence, usable, anaphors, self._resolve_anaphor)):
            return told  # "DeepMind, 2010 in London gegründet und 2014 von Google übernommen": DeepMind's founding
        demo = self.demonstrative.match(text, ss)
        if demo and not any(e.start == demo.end() for e in ents) and not ("PER" in types and text[demo.end()].isupper()):  # (not "Das kleinere gpt-oss-20b kommt auf …": a name)
            own = next(((t, m) for t in types if t in anaphors for m in [anaphors[t].search(text, ss + 4, cs if cs > ss else ce)] if m), None)
            # "Das teilte das Berliner Unternehmen mit": the sentence names its own subject
            resolved = self._resolve_anaphor(view, own[0], usable, own[1].start(), own[1].group(0), teller=True) if own else None
            prior = [e for e in ents if e.type in types and e.end <= ss and ss - e.end < 300 and not self._invests(text, e) and text[e.start - 1:e.start] != "("
                     and e.name not in self.r.entities.authorities]  # ("Das gab die Behörde bekannt": the company's news)
            if resolved or prior:
                return resolved or prior[-1].name
        # 1. A relative clause is about what stands right before it.
        if RELATIVE.match(text, cs) and cs > ss:
            before = [e for e in usable if ss <= e.end <= cs and (not text[e.end:cs].strip(" ,")
                                                                   or MAKER_AFTER.fullmatch(text, e.end, cs))]  # "Llama 2 von Meta, dessen …"
            if not before and not NOUN_PHRASE.match(text, cs):
                # (an object too: "weniger als bei Llama 3.3, das bis zu 128.000 Token verarbeitet";
                # not before "…, die gemeinsame Vereinbarung läuft bis 2032", a new noun phrase)
                before = [e for e in fitting if ss <= e.end <= cs and (not text[e.end:cs].strip(" ,")
                                                                       or MAKER_AFTER.fullmatch(text, e.end, cs))]
            if before:
                return salient(before, view.mention_counts)
            for typ in types:
                m = None
                if typ in anaphors:
                    for m in anaphors[typ].finditer(text, ss, cs):
                        pass
                if m and not text[m.end():cs].strip(" ,"):
                    resolved = self._resolve_anaphor(view, typ, usable, m.start(), m.group(0))
                    if resolved:
                        return resolved
        # 2. A coordinated clause without a subject of its own shares the sentence's subject.
        if cs > ss and COORDINATED.match(text, max(ss, cs - 4)):
            first = [e for e in usable if ss <= e.start and e.end <= fig["start"]]
            if first:
                return first[0].name
        # "Für Tiktok ist es die zweite Strafe: Im Herbst 2023 waren 345 Mio. fällig": the sentence's topic
        topic = TOPIC_FOR.match(text, ss)
        if topic and not any(cs <= e.start and e.end <= fig["start"] for e in usable):
            named = [e for e in ents if e.start == topic.start("n") and e.type in types]
            if named:
                return named[0].name
        # 3. By preferred type: named in the clause, earlier in the sentence, or an anaphor.
        for typ in types:
            cands = [e for e in usable if (e.type == typ or made_by(e, typ)) and cs <= e.start and e.end <= ce]
            prior = [e for e in cands if e.end <= fig["start"]]
            if prior:
                if listed(text, prior):
                    return None  # "Microsoft, Nvidia und Thrive steuern 10 Mrd bei": no single one
                return prior[-1].name
            after = [e for e in cands if e.start >= fig["end"]
                     and not self._companion(text, e)]  # "… als Konkurrenten wie Llama 3.3"
            if after:
                # ("der Konzern ging mit … 3,43 Bio. $ vor Apple aus dem Handel", "Das 1991 gegründete Studio":
                # the anaphor before or around the figure is the subject, not the name after it)
                m = anaphors[typ].search(text, cs, ce) if typ in anaphors else None
                if m and m.start() < fig["start"] and not self.object_before.search(text, max(0, m.start() - 12), m.start()):
                    resolved = next((e.name for e in after if not text[m.end():e.start].strip()), None) or self._resolve_anaphor(view, typ, usable, ss, m.group(0))
                    if resolved:
                        return resolved
                return after[0].name
            # ("Verizon zahle 38,50 Dollar je Frontier-Aktie, teilte das Unternehmen am Donnerstag mit":
            # the clause's own anaphor before the figure, not the nearest name of another clause)
            m = self.says_clause.match(text, cs) if typ in anaphors and cs > ss else None
            m = anaphors[typ].match(text, m.end()) if m else None
            m = None if m and m.group(0).split()[-1] in self.r.entities.authority_anaphora else m  # ("wie die Behörde mitteilte")
            opener = next((e for e in usable if e.type == typ and ss <= e.start and not text[ss:e.start].strip(' "„»')), None) if m else None
            if opener is not None and m.end() <= fig["start"]:
                return opener.name
            # Earlier in the sentence, but not inside a relative clause, parentheses or an apposition ("Der Umsatz der
            # Microsoft Cloud, die neben Azure auch Office umfasst, wuchs um 26 %"; "Yammer, 2012 von Microsoft übernommen, zählt …").
            prior = [e for e in usable if (e.type == typ or made_by(e, typ)) and ss <= e.start and e.end <= fig["start"]
                     and not embedded(text, ss, e.start) and not in_closed_apposition(text, ss, se, e.start, fig["start"])
                     and not (m and self._invests(text, e))]  # ("Angeführt wird die Runde von X, wie das Unternehmen … mitteilte")
            source = self.as_source.match(text, ss)
            if prior and source and all(e.end <= source.end() for e in prior) and typ in anaphors:
                # "Wie der Gesundheitsdienst NHS mitteilte, wurde das Unternehmen am Dienstag Opfer …":
                # the anaphor of the main clause, not the one who tells
                m = anaphors[typ].search(text, source.end(), fig["start"])
                resolved = self._resolve_anaphor(view, typ, [e for e in usable if e.end <= ss], ss, m.group(0)) if m else None
                if resolved:
                    return resolved
            if prior:
                # "Weil Illumina die Übernahme von Grail vollzogen hat, muss er 432 Mio. zahlen": a pronoun subject of the clause is the sentence's first name
                return (prior[0] if len(prior) > 1 and cs > ss and PRONOUN_SUBJECT.search(text, cs, fig["start"]) else prior[-1]).name
            later = [e for e in usable if e.type == typ and fig["end"] <= e.start and e.end <= se
                     # (a date's own stretch of the sentence: "Am Dienstag haben die ETH und die EPFL das Modell Apertus veröffentlicht")
                     and (not prop.local or not re.search(r"[,;:.!?]", text[fig["end"]:e.start]))
                     # (not in a clause of its own after a conjunction: "…, doch das Vorjahr war durch die
                     # Konsolidierung des Joint Ventures BBA aufgebläht")
                     and not OTHER_CLAUSE.search(text, fig["end"], e.start)
                     and not re.match(r"-[A-ZÄÖÜ]", text[e.end:e.end + 2])  # "ohne den OpenAI-Effekt": a modifier
                     and not self.subsidiary(text, e)  # "…; vor einem Jahr hatte die Tochter Vonage …"
                     and not self._companion(text, e)]  # "… als Konkurrenten wie Llama 3.3"
            named_before = any(cs <= e.start and e.end <= fig["start"] for e in usable)  # "AWS kommt auf 30 %, vor Microsoft …"
            # (not when the clause names it by a word for it: "kommt das größere Modell auf 85,3 Prozent, das o4-mini …")
            a_m = anaphors[typ].search(text, cs, fig["start"]) if typ in anaphors else None
            anaphor_before = a_m is not None and not self.object_before.search(text, max(0, a_m.start() - 12), a_m.start())
            if later and not named_before and not anaphor_before \
                    and not any(e.type == typ for e in fitting if e.end <= ss and ss - e.end < 200):
                return later[0].name  # "Bis 2026 sollen 1600 Stellen wegfallen, Cariad beschäftigt derzeit …"
            # (the figure's own clause's anaphor first: "2006 hatte das Unternehmen …, der eigene Katalog der Franzosen umfasst …")
            found = [a for a in anaphors[typ].finditer(text, ss, se) if not apposed(view, a)] if typ in anaphors else []
            other_clause = None if cs > ss and any(cs <= e.start and e.end <= fig["start"] for e in usable) else next((a for a in found if not embedded(text, ss, a.start())), None)  # (not where the own clause names one: "Das Unternehmen ist … alt: … gründeten YouTube …")
            m = next((a for a in found if cs <= a.start() < ce), other_clause)  # (another clause's not in a relative clause: "Hurley und Chen, die sich als Mitarbeiter des Bezahldienstes PayPal kennengelernt hatten, gründeten YouTube")
            if m and cs <= m.start() < ce and any(cs <= e.start and e.end <= m.start() for e in usable) \
                    and re.search(r"(?<!\w)(?:ist|sind|war|waren|bleibt|bleiben|gilt\s+als)(?!\w)", text[cs:m.start()]):
                m = None  # "AWS ist … der grösste Cloud-Anbieter": a predicate, the named one is the subject
            if m and prop.key in self.markets.properties and any(
                    w.start() <= m.start() < w.end() for w in self.markets.words.finditer(text, max(ss, m.start() - 30), min(se, m.end() + 5))):
                m = None  # "lieferten die Hersteller … 289,4 Millionen Smartphones aus": the makers together, the market
            if m and not self.object_before.search(text, max(0, m.start() - 12), m.start()):
                resolved = self._resolve_anaphor(view, typ, usable, ss, m.group(0), m.start())
                if resolved and not (prop.role == "object" and resolved in self.r.entities.authorities):
                    return resolved  # (a regulator is not the one it fines: "Die norwegische Datenschutzbehörde hat gegen …")
        if prop.key in self.markets.properties and not any(ss <= e.start < se for e in fitting) \
                and self.markets.of_sentence(text, ss, se) and self.markets.name(text, fig.get("unit")):
            # "Insgesamt wurden 68,9 Millionen PCs ausgeliefert": the market's, not the company of the sentence before
            return self.markets.name(text, fig.get("unit"))
        if prop.local:
            if prop.key in self.share_properties and (fig["label"] in ("MONEY", "DATE") or CLOSING.search(text, ss, se)) \
                    and (m := self.share_anaphor.search(text, ss, se)) and not (m.group("price") and fig["label"] != "MONEY"):
                # "schloss das Papier bei 54,40 Dollar": the share of the company the article is about (not its move in
                # percent, which sources report at different hours, unless it is the close: "schloss 16,4 Prozent höher")
                prior = [e for e in view.entity_index.starting(max(0, ss - 5000), ss) if e.type == "ORG" and e.end <= ss
                         and e.name not in self.r.entities.authorities]
                if prior:
                    return salient(prior, view.mention_counts)
            if prop.key in self.carried_properties and not any(ss <= e.start < se and (e.type in types or not prop.own_name and not (
                    e.type == "PER" and self.speaker_before.search(text, max(0, e.start - 40), e.start))) for e in ents) and not self._own_topic(view, ss, fig) \
                    and (fig["label"] != "DATE" or len(fig.get("date_value") or "") == 10 or prop.own_name and not date_participle(text, fig)
                         and not any(t in anaphors and anaphors[t].search(text, ss, se) for t in types)):  # (a day: not "per Ende September"; a founding's year: "Gegründet wurde es 1999 von …")
                # "Lange galt Sage als … Titel. Die am Dienstag vorgelegten Zahlen …": a sentence that names
                # no one goes on about the one name of the sentence before
                carried = self._carried(view, ss, types, at=fig["start"])
                if carried:
                    return carried
            return None  # dates, ranks, prices: only what their own sentence names
        if COMPARISON_OPENER.match(text, ss):
            return None  # "Zum Vergleich: … habe mehr als 100 Mio. gekostet": someone else's figure
        if ALL_THAT.match(text, ss) and "ORG" in types and view.main_organisation:
            return view.main_organisation  # "Das alles stemmt ein Team von rund 50 Leuten": the article's company
        if self._own_topic(view, ss, fig):
            return None  # "Die KI-Zusammenfassungen … erreichen 1,5 Mrd. Menschen": a new topic, unnamed
        # 4. The topic of the sentence before (an anaphor opening it stands for its antecedent;
        # an object there is no topic: "Das Unternehmen arbeitet mit dem US-Konzern Nvidia"),
        # then the article's main entity of a fitting type.
        prev = view.previous_sentence(ss)
        prev_start = prev[0] if prev else ss
        for typ in types:
            m = anaphors[typ].match(text, prev_start) if typ in anaphors and prev else None
            if m is not None:
                # ("Der Chipkonzern Nvidia ist …": the noun with the name in apposition names it)
                named = next((e for e in fitting if e.type == typ and e.start >= m.end() and (not text[m.end():e.start].strip()
                              or self.naming_verbs.fullmatch(text, m.end(), e.start))), None)  # ("Das Modell heißt Yi-34B")
                resolved = named.name if named else self._resolve_anaphor(view, typ, usable, prev_start, m.group(0))
                if resolved:
                    return resolved
            topic = [e for e in fitting if e.type == typ and prev_start <= e.start and e.end <= ss and e.source != "deal"
                     and not self._companion(text, e) and not embedded(text, prev_start, e.start) and not TELLER_BEFORE.fullmatch(text, prev_start, e.start)  # ("…, wozu ESG 125 Mio. beisteuerte"; "Das bestätigte die Kanzlei CMS")
                     and not self.subsidiary(text, e) and not self._invests(text, e) and not participle_agent(text, e) and not WHERE_OPEN.search(text, max(prev_start, e.start - 80), e.start)  # "die Abschreibung auf die US-Tochter Vonage", "…, wo ASML seinen Sitz hat": not the topic
                     and not self._compared(text, e, any(x.type == typ and x.start > e.end and x.end <= ss and x.name != e.name for x in fitting))]
            if topic:
                return topic[0].name
        if (market := self.markets.carried(text, ss, prop.key, fig.get("unit"), max((e.end for e in fitting if e.end <= ss), default=0))):
            return market  # "… wurden insgesamt 1,21 Mrd. Smartphones ausgeliefert. Von Oktober bis Dezember sanken die Auslieferungen …"
        for typ in types:
            prior = [e for e in fitting if e.type == typ and e.end <= ss] or [e for e in fitting if made_by(e, typ) and e.end <= ss]  # (else a product: "WhatsApp")
            # (a partner, "das Geschäft mit der US-Regierung", only when no one else is named)
            prior = [e for e in prior if not self._companion(text, e) and e.source != "deal" and not participle_agent(text, e) and not WHERE_OPEN.search(text, max(0, e.start - 80), e.start)  # (nor a company bought, nor who confirmed)
                     and not TELLER_BEFORE.fullmatch(text, view.sentence_of(e.start)[0], e.start)] or prior
            if prior:
                return salient(prior, view.mention_counts)
        return None
