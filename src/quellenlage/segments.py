"""Claim frames: the segment of a figure, the part of its subject it is about (SPEC §5, §9):
a compound of the property word ("Cloud-Umsatz"), a segment noun ("die Gaming-Sparte", "im
Geschäft mit Rechenzentren"), a division named after its company ("Airbus Defence and Space"),
a list item's label, a region after a preposition, a tranche, a customer group. Pure; the cues
are in rules/<lang>/frames.yaml. `FrameFinder` (frames.py) adds aspect and measure.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quellenlage.claim_parts import PART
from quellenlage.frame_rules import FrameRules
from quellenlage.patterns import cue_finditer, cue_search
from quellenlage.textutil import line_start, line_start_near, sentence_start, skip_spaces

if TYPE_CHECKING:
    from quellenlage.textutil import SpanIndex

NAME_AFTER = re.compile(r"\s+(?P<name>[A-ZÄÖÜ]\w*-\s+und\s+[A-ZÄÖÜ][\w-]*|[A-ZÄÖÜ][\w&.+-]*(?:\s+[A-ZÄÖÜ][\w&.+-]*){0,3})\b")  # ("Mobil- und Raupenkrane")
# (not a time: "die Cisco im März für rund 28 Mrd. abgeschlossen hatte")
VALUE_OF = re.compile(r"(?<![Ii]m )(?<![Aa]m )(?<![Ee]nde )(?<![Aa]nfang )(?<![Mm]itte )(?P<name>[A-ZÄÖÜ][\w-]*)\s+(?:im\s+Wert\s+von|für|über|in\s+Höhe\s+von)\s+(?:(?:rund|etwa|knapp|gut|über|bis\s+zu)\s+)?$")
ALLOCATED = re.compile(r"\s+(?:an\s+Umsatz\s+)?auf\s+(?:das\s+|den\s+|die\s+|dem\s+)?"
                       r"(?:Geschäft\s+mit\s+(?:den\s+|dem\s+|der\s+)?)?"  # "auf das Geschäft mit Vertragskunden"
                       r"(?P<name>[A-ZÄÖÜ][\w-]+)")
NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "zeit", "jahr", "monat", "quartal", "woche",
                "summe", "folge", "zukunft", "zuge", "fall", "rahmen", "bereich", "segment", "geschäft", "sparte")
WITH_SEGMENT = re.compile(r"\s*Mit\s+(?:(?:dem|der|den|seinem|seiner|seinen|ihrem|ihrer|ihren)\s+)?(?P<w>[A-ZÄÖÜ][\w-]+)\s+"
                          r"(?:setzte|setzten|erzielte|erzielten|erlöste|erlösten|verdiente|verdienten|machte|machten"
                          r"|generierte|generierten|erwirtschaftete|erwirtschafteten|nahm|nahmen)(?!\w)")
# After a company's name, the name of its division: "Airbus Defence and Space kam auf …", "Google Cloud wuchs"
DIVISION_AFTER = re.compile(r"[ \u00a0](?P<w>[A-Z][a-z]+(?:[ \u00a0](?:and|&|[A-Z][a-z]+)){0,3})(?=[ \u00a0]+[a-zäöü])")
# "176 Mio. $ an …", "70,1 Prozent beim Programmier-Benchmark …": a word after a preposition after an amount
AMOUNT_AN = re.compile(r"\d[\d.,']*(?:[ \u00a0]+\S+){0,2}[ \u00a0]+(?:an[ \u00a0]+|(?:beim|im|bei|in)(?:[ \u00a0]+[^\s\d,;.]+){0,2}[ \u00a0]+)$")
ENGLISH_NAME = re.compile(r"[A-Za-z]+(?: [A-Za-z&]+)+")  # "Defence and Space", not "Bestellungen"
_PART_NOUNS = r"(?:Sparte|Segment|Bereich|Geschäftsbereich|Division)"  # a word for a part, unnamed after an article
_ANAPHOR = r"(?<![\w-])(?:[Dd]ie|[Dd]iese|[Dd]as|[Dd]ieses|[Dd]er|[Dd]ieser)\s+{}\b(?!\s+[A-ZÄÖÜ])"
# "… das Segment Data Center. Dort lag der Umsatz bei 1,10 Mrd."; "das Geschäft" may be the whole
SEGMENT_ANAPHOR = re.compile(_ANAPHOR.format(r"(?:Geschäft|" + _PART_NOUNS[3:]) + r"|(?<![\w-])Dort\s")
SEGMENT_NOUN_ANAPHOR = re.compile(_ANAPHOR.format(_PART_NOUNS))
LIST_LABEL = re.compile(r"[ \t]*[-•*–][ \t]+(?P<label>[A-ZÄÖÜa-zäöü0-9][^:\n(]{1,50}?)[ \t]*(?:\([^)\n]{1,15}\))?[ \t]*:[ \t]*")
KEY_LABEL = re.compile(r"[ \t]*(?P<label>[A-ZÄÖÜ][^:\n(]{1,50}?)[ \t]*(?:\([^)\n]{1,15}\))?[ \t]*:[ \t]*")
KEY_LABEL_WORDS = frozenset({"und", "&", "and", "of", "davon", "darunter"})  # the lower-case words a key may hold
KEY_REST = re.compile(r"(?:(?!Mit|Bei|Mehr|Rund|Fast|Knapp|Über)[A-ZÄÖÜ][\w-]*[ \t]+){0,2}")  # "Umsatz ": nouns only, no verb, before the figure
ARTICLES = frozenset("Der Die Das Den Dem Des Ein Eine Einen Einem Er Sie Es Man Dies Diese Dieser Dieses Damit Davon "
                     "Dabei Dazu Auch Nun Jetzt Zudem Insgesamt Im In Am Mit Nach Bei Unter Zum Zur Für "
                     "Laut Gemäß Wie Neben Trotz Wegen Durch Ohne Seit Von Vom Vor Über Auf Aus Ab Bis".split())
ACTIVITY_AFTER = re.compile(r"\s+(?:die|der|das|den|dem|ihre|seine|ihren|seinen"
                            # "seit Dezember 2022 sind auch enge Preisparitätsklauseln verboten": what began
                            r"|(?:ist|sind|gilt|gelten|war|waren)(?:\s+(?:auch|zudem|nun|bereits|schon|ebenfalls))?)"
                            r"\s+(?:[a-zäöüß][\w-]*\s+)?(?P<noun>[A-ZÄÖÜ][a-zäöüß][\w-]*)")
DIGIT = re.compile(r"\d")
SHORT_FORM = re.compile(r"\s*\((?P<a>[A-ZÄÖÜ]{2,5})\)")  # a part's initials after its name: "(ISG)"
NAME_IN_PARENS = re.compile(r"\s*\((?P<n>[A-ZÄÖÜ][\w&.+-]*(?:\s+[A-ZÄÖÜ][\w&.+-]*){0,2})\)")  # "Die PC-Sparte (Personal Systems)"
# "Die mit Abstand größte Sparte, die Intelligent Devices Group (IDG), steigerte …": the part the apposition names
PART_APPOSED = re.compile(r"(?<![\w-])(?:Die|Der|Das|Diese|Dieser|Dieses)\s+(?:[\w-]+\s+){0,3}?" + _PART_NOUNS
                          + r",\s+(?:die|der|das)\s+(?P<name>[A-ZÄÖÜ][\w&.+-]*(?:\s+[A-ZÄÖÜ][\w&.+-]*){0,3})")
# A figure that is part of one just named: ", davon 650 Festangestellte", "650 von ihnen fest angestellt"
# (a part no rule names: PART; an addition, "weitere 6.000", is left to claim_parts with its siblings)
SUBSET_BEFORE = re.compile(r",\s*(?:davon|darunter)\s+(?:(?:rund|etwa|knapp|gut|fast|über|mehr\s+als)\s+)?\Z")
SUBSET_AFTER = re.compile(r"\s+von\s+ihnen(?![\w-])")
CUE_AFTER_PENALTY = 60   # a cue after the figure counts as this much further away
CUE_GAP_PENALTY = 200    # a cue with another number between belongs to that one first


STORAGE_AFTER = re.compile(r"[ \u00a0]*\(([^()\n]{1,30})\)")  # a bracket right after a figure


STORAGE_KEY = re.compile(r"(\d+)([gt])b")


def storage_size(segment: str | None) -> int | None:
    """The memory a storage segment names, in GB ("256gb" -> 256, "1tb" -> 1024), else None."""
    m = STORAGE_KEY.fullmatch(segment or "")
    return int(m.group(1)) * (1024 if m.group(2) == "t" else 1) if m else None


def _named(m: re.Match, entities) -> bool:
    """Is the compound a word of a name the text gives ("Wie Vorwerk mitteilte" after "Friedrich Vorwerk")?"""
    return entities is not None and bool(m.group("pre")) and (bool(entities.overlapping(m.start(), m.end())) or any(
        m.group(0) in (x["name"] if isinstance(x, dict) else x.name).split() for x in entities.items))


def _name_follows(text: str, end: int, entities) -> bool:
    """Does a name (one of `entities`) follow right after `end`, past spaces?"""
    at = skip_spaces(text, end)
    return at > end and entities.overlapping(at, at + 1)


def _storage_key(m: re.Match) -> str:
    """ "256 GB" -> "256gb", "1 Terabyte" and "1.024 GB" -> "1tb" (a storage_variants match)."""
    n, u = m.group("n").replace(".", ""), m.group("u")[0].lower()
    return "1tb" if (n, u) == ("1024", "g") else n + u + "b"


class SegmentFinder:
    r: FrameRules

    @staticmethod
    def _list_label_span(text: str, fig: dict) -> tuple[int, int] | None:
        """Where the label of the list item the figure stands in is ("- Umsatz: 14,7 Mrd.")."""
        line = line_start(text, fig["start"])
        if line < 0:
            return None
        m = LIST_LABEL.match(text, line)
        if m is None:
            # a key-figure line without a bullet: "Advanced Photonic Solutions: Umsatz 212,9 Mio. Euro"
            m = KEY_LABEL.match(text, line)
            end = text.find("\n", fig["end"])
            if m is None or m.end() > fig["start"] or not KEY_REST.fullmatch(text, m.end(), fig["start"]) \
                    or not all(w[:1].isupper() or w[:1].isdigit() or w in KEY_LABEL_WORDS for w in m.group("label").split()) \
                    or (end if end >= 0 else len(text)) - fig["end"] > 30:
                return None  # (not a sentence with a colon: "Es ist eine Zäsur für Musks Autobauer: Mit 1.789.226 …")
        return m.span("label") if m and m.end() <= fig["start"] else None

    def _list_label(self, text: str, fig: dict, not_parts: re.Pattern | None) -> str | None:
        """The label of a list item the figure stands in, when it names a part: not the
        property ("- Umsatz: 14,7 Mrd."), not a period ("- Viertes Quartal: …")."""
        span = self._list_label_span(text, fig)
        if span is None:
            return None
        label = text[span[0]:span[1]].strip()
        if (not_parts is not None and not_parts.search(label)) or self.r.period_word.search(label):
            return None
        return self.r.canonical_segment(label)

    def segment(self, text: str, fig: dict, clauses: list[tuple[int, int]], kinds: tuple[str, ...],
                trigger: tuple[int, int, str] | None, not_parts: re.Pattern | None = None,
                entities: SpanIndex | None = None) -> str | None:
        """The segment named in the figure's clause (or a figure-free clause before it); a business
        part in a region is both ("Serviceumsätze in Deutschland": service/germany). `trigger`: see `_segment`."""
        site = self.r.site_with.search(text, max(0, fig["start"] - 120), fig["start"]) if "business" in kinds or "region" in kinds else None
        if site:  # "die Modulfabrik in Frankfurt an der Oder mit rund 270 Beschäftigten": the site's
            return self.r.canonical_segment(site.group("w")) or PART
        seg = self._segment(text, fig, clauses, tuple(k for k in kinds if k != "frequency"), trigger, not_parts, entities)
        if seg is None and (SUBSET_BEFORE.search(text, max(0, fig["start"] - 40), fig["start"]) or SUBSET_AFTER.match(text, fig["end"])):
            return PART  # "760 Mitarbeiter …, davon 650 Festangestellte", "650 von ihnen": part of a whole
        if seg is None and "frequency" in kinds:
            # (last: "In Nordamerika … stagniert die Zahl der täglichen Nutzer bei 100 Millionen" is the region's)
            seg = next((f for f in (self._nearest_key(self.r.keyed("frequencies"), text, cs, ce, fig) for cs, ce in clauses) if f), None)
            return None if seg == "_whole" else seg
        regions, techs = set(self.r.regions[1].values()), {k for k, _ in self.r.keyed("technologies")}
        if seg and seg not in regions and seg not in techs and "region" in kinds and clauses:  # (not "Glasfaser in der Schweiz")
            region = self._segment(text, fig, clauses[:1], ("region",), None, not_parts, entities)
            # (not a region the part's own name holds: "Außerhalb Chinas" is no part in China)
            return seg + "/" + region if region and region in regions and region not in seg.split("_") else seg
        return seg

    def _segment(self, text: str, fig: dict, clauses: list[tuple[int, int]], kinds: tuple[str, ...],
                 trigger: tuple[int, int, str] | None, not_parts: re.Pattern | None = None,
                 entities: SpanIndex | None = None) -> str | None:  # trigger: the property word (start, end, head)
        if "business" in kinds:
            label = self._list_label(text, fig, not_parts)
            if label:
                return label  # "- Automotive (ATV): 1,85 Mrd. Euro Umsatz"
        if "business" in kinds and clauses:
            m = self.r.subject_segment.match(text, clauses[0][0])
            if m and m.end() <= fig["start"] and not (not_parts is not None and not_parts.search(m.group("w"))) \
                    and not (entities is not None and entities.overlapping(m.start("w"), m.end("w"))) \
                    and m.group("w").split()[0] not in ARTICLES and m.group("w").split()[0] not in self.r.not_segments:
                seg = self.r.canonical_segment(m.group("w"))
                if seg:
                    return seg  # "Networking wuchs um 98 %"
        if "business" in kinds and clauses:
            m = self.r.site_opener.match(text, clauses[0][0])
            if m and m.end() <= fig["start"] and not (entities is not None and entities.overlapping(m.start("w"), m.end("w"))) \
                    and not (not_parts is not None and not_parts.search(m.group("w"))) \
                    and not m.group("w").lower().endswith(NOUN_ENDINGS) and m.group("w") not in self.r.not_sites:
                # "In Bühl und Bühlertal sollen 1.550 Stellen wegfallen": the site is the part
                return self.r.canonical_segment(m.group("w")) or m.group("w")
        if "business" in kinds and clauses and entities is not None:
            for e in entities.starting(clauses[0][0], fig["start"]):
                m = DIVISION_AFTER.match(text, e.end) if e.type == "ORG" else None
                if m and m.end() <= fig["start"] and not entities.overlapping(m.start("w"), m.end("w")) \
                        and (self.r.known_segment(m.group("w")) or ENGLISH_NAME.fullmatch(m.group("w"))):
                    return self.r.canonical_segment(m.group("w"))  # "Airbus Defence and Space kam auf 11,2 Mrd."
        if "business" in kinds and clauses:
            m = WITH_SEGMENT.match(text, clauses[0][0])
            if m and m.end() <= fig["start"] and not (entities is not None and entities.overlapping(m.start("w"), m.end("w"))):
                seg = self.r.canonical_segment(m.group("w"))
                if seg:
                    return seg  # "Mit Software setzte der Konzern 5,5 Mrd. Euro um"
        if "business" in kinds and clauses:
            for m in self.r.segment_pp.finditer(text, clauses[0][0], fig["start"]):
                seg = self.r.known_segment(m.group("w")) or (  # "Apples Umsatz mit dem Tablet": any noun after it
                    self.r.canonical_segment(m.group("w")) if self.r.open_segment_pp.match(m.group(0)) else None)
                if seg:
                    return seg  # "erwartet Oracle bei der Cloud-Infrastruktur ein Plus von 70 %"
        if "business" in kinds:
            m = PART_APPOSED.search(text, sentence_start(text, fig["start"]), fig["start"])
            if m:
                return self.r.canonical_segment(m.group("name")) or PART
        anaphor = next((c for c in clauses if SEGMENT_ANAPHOR.search(text, *c)), None) if "business" in kinds else None
        if anaphor is not None:
            # "Die Sparte setzte 30,8 Mrd. um", "Die Sparte, die …, verlor 24 Prozent": the segment
            # named in the sentences before ("die Cloud-Sparte", "bei Mobile Networks").
            back = anaphor[0]  # (before it in its sentence too: "… kommt aus den Rechenzentren: Dort stiegen …")
            last, last_pp = None, None
            for m in self.r.segment_compound.finditer(text, max(0, back - 500), back):
                last = m
            for m in self.r.antecedent_pp.finditer(text, max(0, back - 500), back):
                if self.r.known_segment(m.group("w")):  # ("lief es in der Tiergesundheit: Der Bereich …")
                    last_pp = m
            if last_pp is not None and (last is None or last_pp.start() > last.start() or self.r.site_noun.search(last.group(0))):
                return self.r.known_segment(last_pp.group("w"))  # (a part the rules know before a later site: "im Werk Ehingen")
            if last is not None:
                seg = self.r.canonical_segment(last.group("pre") or last.group("name"))
                if seg:
                    return seg
        # "Dieser Bereich wuchs um 6 Prozent": a part the rules cannot name, never the whole (unless named below)
        unnamed_part = anaphor is not None and SEGMENT_NOUN_ANAPHOR.search(text, *anaphor) is not None
        if "business" in kinds and clauses and (any(cue_search(self.r.allocation, text, *c) for c in clauses)
                                                or cue_search(self.r.allocation, text, sentence_start(text, fig["start"]), fig["start"])):
            # (the cue in the clause before: "Davon entfielen 3,30 Mrd. auf …, und 843 Mio. auf die Document Cloud")
            m = ALLOCATED.match(text, fig["end"])
            if m:
                return self.r.canonical_segment(m.group("name"))
        if "business" in kinds and trigger is not None:
            s, e, head = trigger
            word = text[s:e]
            named = NAME_AFTER.match(text, e) if head in self.r.segment_heads else None
            if named:  # "die Cloud-Sparte Intelligent Cloud"
                seg = self.r.canonical_segment(named.group("name"))
                if seg:
                    return seg
            short = SHORT_FORM.match(text, e) if head and len(word) > len(head) else None
            if short:  # "das Infrastrukturgeschäft (ISG)" is the "Infrastruktursparte ISG" of another source
                return short.group("a").lower()
            paren = NAME_IN_PARENS.match(text, e) if head in self.r.segment_heads else None
            seg = self.r.canonical_segment(paren.group("n")) if paren else None
            if seg:  # "Die PC-Sparte (Personal Systems)": the part by its own name
                return seg
            if head and len(word) > len(head):
                seg = self.r.canonical_segment(word[:len(word) - len(head)].rstrip("-"))
                if seg:
                    return seg
        label = self._list_label_span(text, fig)
        if label is not None and not any(cs <= label[0] < ce for cs, ce in clauses):
            clauses = [*clauses, label]  # "- Finanzierungsrunden: vier, zusammen 1,4 Mrd.": the line's label too
        after = STORAGE_AFTER.match(text, fig["end"]) if "variant" in kinds else None
        inside = [m for rx in self.r.storage_variants for m in rx.finditer(text, after.start(1), after.end(1))] if after else []
        if inside:  # "auf 4.249 Euro (512 Gigabyte) beziehungsweise 4.499 Euro (1 Terabyte)": its memory in brackets after it
            return _storage_key(inside[0])
        for cs, ce in clauses:
            storage = [m for rx in self.r.storage_variants for m in rx.finditer(text, cs, fig["start"])] if "variant" in kinds else []
            if storage:  # "die Version mit 256 GB kostet 549 Euro", "das Topmodell mit 512 GByte … 679 Euro": its memory first
                m = max(storage, key=lambda m: m.start())
                return _storage_key(m)
            for kind, name in (("tranche", "tranches"), ("phase", "phases"), ("money_basis", "money_basis"),
                               ("session", "sessions"), ("rights", "rights"), ("offence", "offences"), ("damage", "damages"),
                               ("technology", "technologies"), ("benchmark", "benchmarks"), ("horizon", "horizons"), ("variant", "variants"),
                               ("reference", "references")):
                if kind in kinds:
                    # (a premium's price follows it: "33,9 Prozent auf den letzten Schlusskurs und von 38,3 Prozent auf …")
                    found = self._nearest_key(self.r.keyed(name), text, max(cs, fig["end"]) if name == "references" else cs, ce, fig,
                                              entities if name == "variants" else None)
                    if found == "_whole" and name == "tranches" and any(self._nearest_key(
                            [c for c in self.r.keyed(name) if c[0] == "cumulative"], text, a, b, fig) for a, b in clauses):
                        found = "cumulative"  # "in vier Finanzierungsrunden zusammen 1,4 Mrd.": the whole of several rounds
                    if found:
                        return "" if found == "_whole" else found  # "": named as the whole
                    if kind == "benchmark":
                        m = self.r.unlisted_test.search(text, cs, ce)
                        if m:  # "Im Langkontext-Test OpenAI-MRCR erreicht es 73,4 Prozent": a test the rules lack
                            return (m.group("n") or m.group("a")).lower()
            if "elapsed" in kinds:
                m = self.r.elapsed.search(text, cs, ce)
                if m:  # "binnen 24 Stunden 88.898 Bestellungen": a count after so long, not a later one
                    return f"{m.group('n').lower()} {m.group('u').lower()[:4]}"
            if "activity" in kinds and fig["label"] == "DATE":
                m = ACTIVITY_AFTER.match(text, fig["end"])
                if m and cs <= fig["start"] < ce:
                    # "verfolgt Microsoft seit 2023 die Strategie, …": the start of that, not of the company
                    return m.group("noun").lower()
            if "object" in kinds:
                m = VALUE_OF.search(text, cs, fig["start"])
                if m and not (entities is not None and entities.overlapping(m.start("name"), m.end("name"))):  # (not "Juniper Networks für …")
                    return self.r.canonical_segment(m.group("name"))
            if "round" in kinds:
                for rx in self.r.rounds:
                    m = rx.search(text, cs, ce)
                    if m:
                        return "series_" + m.group("r").lower()
            if "business" in kinds:
                found = fig["label"] == "COUNT" and self.r.threshold(text, line_start_near(text, fig["start"]), fig["start"])
                found = found or self._nearest_key(self.r.keyed("customer_groups"), text, cs, ce, fig)
                if found:
                    return found
                for m in self.r.segment_compound.finditer(text, cs, ce):
                    if m.group("pre") and m.group("pre").lower() in self.r.not_compound_parts or _named(m, entities):
                        continue  # "im einstelligen Prozentbereich": a size, no part of the business; "Vorwerk": a name
                    named = NAME_AFTER.match(text, m.end()) if m.group("pre") else None
                    short = SHORT_FORM.match(text, m.end()) if m.group("pre") else None
                    if short:  # "das Infrastrukturgeschäft (ISG)" is the "Infrastruktursparte ISG" of another source
                        return short.group("a").lower()
                    words = named.group("name") if named else m.group("pre") or m.group("name")
                    seg = self.r.canonical_segment(words) if words else None
                    if seg:
                        return seg
            if "region" in kinds:
                rx, table = self.r.regions
                # (not a region a cause names: "Wegen hoher Abschreibungen auf die Töchter in Hispanoamerika
                # rutschte der Konzern mit 490 Mio. ins Minus")
                m = next((m for m in rx.finditer(text, cs, ce) if not self.r.region_causes.search(text, cs, m.start())), None)
                if m and not (m.start() >= fig["end"] and self.r.region_subsets.search(text, fig["end"], m.start())):
                    return table[m.group("r").lower()]  # (not "…, die meisten davon in Deutschland")
                m = self.r.region_compound.search(text, cs, ce)
                if m:
                    return table[m.group("r").lower()]  # "das China-Geschäft wuchs um 5 %"
                m = ALLOCATED.match(text, fig["end"])
                if m and m.group("name").lower() in table and cue_search(self.r.allocation, text, sentence_start(text, fig["start"]), fig["start"]):
                    return table[m.group("name").lower()]  # "Davon entfielen 100 Mio. auf Nordamerika, 96 Mio. auf Europa"
                for e in (entities.starting(cs, ce) if entities is not None else ()):
                    m = self.r.region_after_name.match(text, e.end)
                    if m and e.type == "ORG":
                        return table[m.group("r").lower()]  # "Vodafone Deutschland, mit zuletzt 12,9 Mrd. Umsatz"
                found = self._nearest_key(self.r.keyed("region_words"), text, cs, ce, fig)
                if found == "world" and fig["label"] == "COUNT":
                    found = None  # "weltweit 40 Millionen Menschen": a count's total, no part of it
                if found:
                    return found
        if "region" in kinds and clauses and self._region_anaphor(text, clauses[0][0], fig["start"]):
            # "… wuchs das Geschäft in Nordamerika. Dort legte der Umsatz um 36 Prozent zu": that region
            rx, table = self.r.regions
            found = [m for m in rx.finditer(text, max(0, clauses[0][0] - 300), clauses[0][0])]
            if found:
                return table[found[-1].group("r").lower()]
        return PART if unnamed_part else None

    def _region_anaphor(self, text: str, start: int, end: int) -> bool:
        words = self.r.cfg["segment"].get("region_anaphors") or ()
        return any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text[start:end]) for w in words)

    @staticmethod
    def _nearest_key(cues: list[tuple[str, re.Pattern]], text: str, cs: int, ce: int, fig: dict,
                     entities: SpanIndex | None = None) -> str | None:
        """The key of the cue nearest to the figure, one before it first ("eröffneten bei 85 Dollar und
        schlossen bei 115,50"), unless another number stands between; a specific key beats the
        generic one ("tranche") at the same distance. A cue inside a name in `entities` is none
        (the "Pro" of "Vision Pro"), nor one a name follows ("das Topmodell iPhone 15 Pro Max": the name says which)."""
        found = [(m.span(), key) for key, rx in cues for m in cue_finditer(rx, text, cs, ce)
                 if entities is None or not (entities.overlapping(*m.span()) or _name_follows(text, m.end(), entities))]
        best = None
        for (a, b), key in found:
            if any(x <= a and b <= y and (x, y) != (a, b) for (x, y), _ in found):
                continue  # "Tranche" inside "ersten Tranche"
            if b <= fig["start"]:
                d = fig["start"] - b + (CUE_GAP_PENALTY if DIGIT.search(text, b, fig["start"])
                                        # "176 Mio. $ an Strafschadenersatz sowie 444'719 $ an Schadenersatz": the word
                                        # right after another amount is that amount's
                                        or AMOUNT_AN.search(text, max(cs, a - 48), a) else 0)
            else:
                d = max(0, a - fig["end"]) + CUE_AFTER_PENALTY
            if best is None or d < best[0]:
                best = (d, key)
        return best[1] if best else None
