"""Claim frames: the period, segment, aspect and measure of a figure (SPEC §5, §9).

Pure: works on the text of one document, the figure's sentence and clause bounds (from
spaCy's `doc.sents`) and its DATE figures; the cues are in rules/<lang>/frames.yaml.

- aspect: the cue nearest to the figure in its clause ("erwartet" -> forecast, "Ziel" ->
  target, "könnte" -> conditional); a noun like "Prognose" only for the figure right after it;
  an expectation of analysts is an estimate; "höher als erwartet" is no cue; a clause without
  a cue of its own and without a verb of reporting takes the aspect of the clause before it.
- measure: "ein Plus von", "stieg um", "+5 %", "Prozentpunkte" -> change, with its basis
  (year on year unless "Vorquartal" and the like say otherwise) and adjustments (currency
  adjusted, non-GAAP); otherwise level.
- segment: a compound of the property word ("Cloud-Umsatz"), a segment noun ("die
  Gaming-Sparte", "im Geschäft mit Rechenzentren"), a region after a preposition, a tranche.
- period: see `period_resolver.PeriodResolver`; `Frame` and `FrameRules` live in frame_rules.py.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quellenlage.frame_rules import FrameRules
from quellenlage.patterns import cue_finditer, cue_search
from quellenlage.textutil import line_start_near, line_start

if TYPE_CHECKING:
    from quellenlage.textutil import SpanIndex

GOVERN_GAP = re.compile(r"^[\s,:(]*(?:(?:der|des|den|dem|die|von|vom|in|Höhe|mit|bei|auf|über|unter|zu|"
                        r"eigenen|eigene|durchschnittlich|durchschnittlichen|im|Schnitt|gut|knapp|rund|etwa|"
                        r"ursprünglichen|bisherigen|neuen|angehobenen|gesenkten|[A-ZÄÖÜ][\w-]*)[\s,:(]+){0,4}$")
ACTIVITY_AFTER = re.compile(r"\s+(?:die|der|das|den|dem|ihre|seine|ihren|seinen"
                            # "seit Dezember 2022 sind auch enge Preisparitätsklauseln verboten": what began
                            r"|(?:ist|sind|gilt|gelten|war|waren)(?:\s+(?:auch|zudem|nun|bereits|schon|ebenfalls))?)"
                            r"\s+(?:[a-zäöüß][\w-]*\s+)?(?P<noun>[A-ZÄÖÜ][a-zäöüß][\w-]*)")
NAME_AFTER = re.compile(r"\s+(?P<name>[A-ZÄÖÜ][\w&.+-]*(?:\s+[A-ZÄÖÜ][\w&.+-]*){0,3})\b")
VALUE_OF = re.compile(r"(?P<name>[^\W\d][\w-]*)\s+(?:im\s+Wert\s+von|für|über|in\s+Höhe\s+von)\s+(?:(?:rund|etwa|knapp|gut|über|bis\s+zu)\s+)?$")
ALLOCATED = re.compile(r"\s+(?:an\s+Umsatz\s+)?auf\s+(?:das\s+|den\s+|die\s+|dem\s+)?(?P<name>[A-ZÄÖÜ][\w-]+)")
# A clause opening with a place: "In Bühl und Bühlertal sollen …", "Am Standort Homburg fallen …"
SITE_OPENER = re.compile(r"\s*(?:In|Im\s+Werk|Am\s+Standort|An\s+den\s+Standorten|Im\s+Stammwerk)\s+"
                         r"(?P<w>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)(?=\s+(?:und|sollen|soll|werden|wird|fallen|fällt|müssen|gehen|sind|arbeiten|bei)\b|,)")
NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "zeit", "jahr", "monat", "quartal", "woche",
                "summe", "folge", "zukunft", "zuge", "fall", "rahmen", "bereich", "segment", "geschäft", "sparte")
WITH_SEGMENT = re.compile(r"\s*Mit\s+(?:(?:dem|der|den|seinem|seiner|seinen|ihrem|ihrer|ihren)\s+)?(?P<w>[A-ZÄÖÜ][\w-]+)\s+"
                          r"(?:setzte|setzten|erzielte|erzielten|erlöste|erlösten|verdiente|verdienten|machte|machten"
                          r"|generierte|generierten|erwirtschaftete|erwirtschafteten|nahm|nahmen)(?!\w)")
SEGMENT_ANAPHOR = re.compile(r"(?<![\w-])(?:(?:[Dd]ie|[Dd]iese|[Dd]as|[Dd]ieses|[Dd]er|[Dd]ieser)\s+(?:Sparte|Segment|Bereich|Geschäft|Geschäftsbereich|Division)\b(?!\s+[A-ZÄÖÜ])"
                             r"|(?<![\w-])Dort\s)")  # "… das Segment Data Center. Dort lag der Umsatz bei 1,10 Mrd."
LIST_LABEL = re.compile(r"[ \t]*[-•*–][ \t]+(?P<label>[A-ZÄÖÜ][^:\n(]{1,50}?)[ \t]*(?:\([^)\n]{1,15}\))?[ \t]*:[ \t]*")
SIGN_BEFORE = re.compile(r"[+−–-]\s*$")
DASH_AFTER_WORD = re.compile(r"\w[–-]\s*$")
AUF_BEFORE = re.compile(r"(?<!\w)auf\s*$")
WORDS = re.compile(r"[\w-]+")
ARTICLES = frozenset("Der Die Das Den Dem Des Ein Eine Einen Einem Er Sie Es Man Dies Diese Dieser Dieses Damit Davon "
                     "Dabei Dazu Auch Nun Jetzt Zudem Insgesamt Im In Am Mit Nach Bei Unter Zum Zur Für".split())


# "um <figure> beziehungsweise <this figure>": a figure coordinated with one after "um".
COORDINATED_BY = re.compile(r"(?<!\w)um\s+\S(?:[^,;:.!?]|[,.](?=\d)){0,40}?\s+(?:beziehungsweise|bzw\.|respektive|resp\.)\s*$")


UM_AUF = re.compile(r"(?:\s+je\s+Aktie)?\s+auf\s+[\d+]")  # "um 15 Cent auf 5,53 Euro": from the change to the level


class FrameFinder:
    def __init__(self, rules: FrameRules):
        self.r = rules

    # --- aspect ------------------------------------------------------------------------
    def aspect(self, text: str, fig: dict, clause: tuple[int, int], before: list[tuple[int, int]],
               sentence: tuple[int, int] | None = None, free: list[tuple[int, int]] = ()) -> str:
        """The aspect of a figure in `clause`; `before`: the earlier clauses of its sentence,
        `free`: those of them without figures of their own ("Analysten, die von FactSet befragt
        wurden, hatten 46,2 Mrd. $ erwartet")."""
        aspect, governed = self._aspect(text, fig, clause, before, sentence)
        if aspect == "actual" and not governed:
            # "weniger als die rund 506.000, die Analysten erwartet hatten": the relative clause
            # right after the figure says what it is
            for a, b in free:
                if a >= fig["end"]:
                    found = self._clause_aspect(text, a, b, None, [])
                    if found in ("forecast", "target"):
                        return "estimate" if found == "forecast" and cue_search(self.r.estimators, text, a, b) else found
        if aspect == "forecast" and any(cue_search(self.r.estimators, text, a, b) for a, b in free):
            aspect = "estimate"
        if aspect == "actual" and not governed and sentence is not None and (cue_search(self.r.conditional_subordinators, text, *sentence) or any(
                rx.match(text[sentence[0]:sentence[1]]) for rx in self.r.conditional_sentence)):
            return "conditional"  # "…, wenn OpenAI die Umwandlung nicht schafft": the whole sentence
        return aspect

    def _aspect(self, text: str, fig: dict, clause: tuple[int, int], before: list[tuple[int, int]],
                sentence: tuple[int, int] | None = None) -> tuple[str, bool]:
        """(aspect, governed): governed when a noun right before the figure decides it."""
        cs, ce = clause
        blocked = [m.span() for m in cue_finditer(self.r.comparison, text, cs, ce)]
        estimator = bool(cue_search(self.r.estimators, text, cs, ce))
        # 1. A noun that governs the figure: "die Prognose von 54 Milliarden".
        lo = max(0, fig["start"] - 80) if sentence is None else max(sentence[0], fig["start"] - 80)
        present = self.r.govern_set.present(text, lo, fig["start"])
        for aspect, rx in self.r.aspect_govern:
            for m in (rx.finditer(text, lo, fig["start"]) if id(rx) in present else ()):
                gap = text[m.end():fig["start"]]
                if GOVERN_GAP.match(gap):  # even inside "über den Erwartungen der Analysten von 55 Mrd."
                    return ("estimate" if aspect == "forecast" and estimator else aspect), True
        # 1b. "…, nach 2,5 Mrd. im abgelaufenen Jahr": the value a forecast or a result is compared with happened.
        if self.r.earlier_value is not None and self.r.earlier_value.search(text, max(cs, fig["start"] - 12), fig["start"]):
            return "actual", True
        # 2. A cue of the clause, the nearest to the figure.
        found = self._clause_aspect(text, cs, ce, fig, blocked)
        if found:
            return ("estimate" if found == "forecast" and estimator else found), False
        # 3. A verb of reporting: what happened.
        if cue_search(self.r.actual, text, cs, ce):
            return "actual", False
        # 4. The nearest earlier clause of the sentence with a cue.
        for bs, be in reversed(before):
            found = self._clause_aspect(text, bs, be, None, [m.span() for m in cue_finditer(self.r.comparison, text, bs, be)])
            if found:
                return ("estimate" if found == "forecast" and cue_search(self.r.estimators, text, bs, be) else found), False
            if cue_search(self.r.actual, text, bs, be):
                break
        return "actual", False

    def _clause_aspect(self, text: str, cs: int, ce: int, fig: dict | None, blocked) -> str | None:
        best, best_d = None, None
        present = self.r.aspect_set.present(text, cs, ce)
        for aspect, rx in self.r.aspect_cues:
            for m in (rx.finditer(text, cs, ce) if id(rx) in present else ()):
                if _inside(m.span(), blocked):
                    continue
                if m.group(0).lower().startswith("soll") and self.r.hearsay.search(text, m.end(), ce):
                    continue  # "soll … gemacht haben": reported, not expected
                d = 0 if fig is None else (fig["start"] - m.end() if m.end() <= fig["start"] else m.start() - fig["end"])
                key = (abs(d), -(m.end() - m.start()))  # nearest; at a tie the longer cue ("plant mit")
                if best_d is None or key < best_d:
                    best, best_d = aspect, key
        return best

    # --- measure -----------------------------------------------------------------------
    def measure(self, text: str, fig: dict, clause: tuple[int, int], free: list[tuple[int, int]] = ()) -> tuple[str, str | None]:
        cs, ce = clause
        change = self._is_change(text, fig, cs, ce)
        windows = [(a, b, self.r.adjustment_set.present(text, a, b)) for a, b in [clause, *free]]
        adjust = [k for k, rx in self.r.adjustments if k != "_reported"
                  and any(id(rx) in present and rx.search(text, a, b) for a, b, present in windows)]
        if any(k == "_reported" and id(rx) in windows[0][2] and rx.search(text, cs, ce) for k, rx in self.r.adjustments):
            adjust = [k for k in adjust if k == "cc"]  # "nach IFRS waren es 2,49 Mrd.": the reported figure
        if change:
            basis = "yoy"
            best = None
            # the clause, a list's heading ("ggü. Vorquartal"), then a consensus right after ("…, als Analysten …")
            after = (fig["end"], min(len(text), fig["end"] + 60))
            for a, b in [clause, *free, after]:
                for key, rx in self.r.bases:
                    for m in (cue_finditer(rx, text, a, b) if (a, b) != after or key == "consensus" else ()):
                        d = abs(m.start() - fig["end"])
                        if best is None or d < best[0]:
                            best = (d, key)
                if best:
                    break
            if best:
                basis = best[1]
            return "change", " ".join([basis] + adjust[:1])
        return "level", adjust[0] if adjust else None

    def _is_change(self, text: str, fig: dict, cs: int, ce: int) -> bool:
        if fig.get("unit") == "percentage_point":
            return True
        ftext = fig.get("text") or ""
        # ("-19 %" in a list is a change; "-4,17 Mrd. €" a negative amount, a loss)
        if ftext[:1] in "+±" or ftext[:1] in "-−" and ftext[1:2].isdigit() and fig["label"] == "PERCENT" or SIGN_BEFORE.search(text[max(cs, fig["start"] - 2):fig["start"]]) and \
                not DASH_AFTER_WORD.search(text[max(cs, fig["start"] - 3):fig["start"]]):
            return True
        lead = text[max(cs, fig["start"] - 60):fig["start"]]
        if AUF_BEFORE.search(lead):
            return False  # "stieg auf 57 Mrd.", "auf 12,7 Mrd. mehr als verdreifacht": the new level
        if fig["label"] == "MONEY" and self.r.amount_before is not None and self.r.amount_before.search(lead):
            return False  # "nach einem Verlust von 446 Mio. €": the loss itself
        if self.r.change_before.search(lead) or fig["label"] != "DATE" and cue_search(self.r.change_clause, text, cs, ce):
            return True
        if fig["label"] == "COUNT" and self.r.change_nouns is not None and (self.r.change_nouns.match(text, fig["end"]) or (
                (label := self._list_label_span(text, fig)) is not None and self.r.change_label.fullmatch(text, *label))):
            return True  # "18,9 Millionen Neukunden", "- Neue Abonnements: 18,9 Mio."
        words = WORDS.findall(lead)
        wide = text[max(0, fig["start"] - 120):fig["start"]]  # the coordination may split the clause
        coord = COORDINATED_BY.search(wide)
        if coord and not re.search(r"[.!?]\s", wide[coord.start():]):
            # "um 3,1 Mrd. Dollar beziehungsweise 41 Cent je Aktie": the second shares the "um"
            words = WORDS.findall(wide[:coord.start() + 2])
        if words and words[-1].lower() == "um" and (
                any(w.lower() in self.r.change_verbs for w in words[-9:-1])
                or any(w.lower() in self.r.change_verbs for w in WORDS.findall(text[fig["end"]:min(ce, fig["end"] + 40)])[:4])
                or UM_AUF.match(text, fig["end"])):
            return True  # "stieg um 5 %", "das Nettoeinkommen um 3,1 Mrd. reduziert hat", "soll um 15 Cent auf 5,53 Euro steigen"
        if fig["label"] == "PERCENT":
            if any(w.lower() in self.r.direct_change_verbs for w in words[-3:]) and not (words and words[-1].lower() in ("auf", "bei")):
                return True
            after = text[fig["end"]:min(ce, fig["end"] + 40)]
            m = self.r.change_after.match(after)
            if m and (m.group(0).strip().lower() not in ("zu", "ein") or any(
                    w.lower() in self.r.change_verbs | self.r.direct_change_verbs for w in WORDS.findall(text[cs:fig["start"]]))):
                return True
        elif fig["label"] == "MONEY":
            after = text[fig["end"]:min(ce, fig["end"] + 20)]
            m = self.r.change_after.match(after)
            if m and m.group(0).strip().lower() in ("mehr", "weniger", "höher", "niedriger", "im plus", "im minus"):
                return True
        return False

    # --- segment -----------------------------------------------------------------------
    @staticmethod
    def _list_label_span(text: str, fig: dict) -> tuple[int, int] | None:
        """Where the label of the list item the figure stands in is ("- Umsatz: 14,7 Mrd.")."""
        line = line_start(text, fig["start"])
        if line < 0:
            return None
        m = LIST_LABEL.match(text, line)
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
        seg = self._segment(text, fig, clauses, kinds, trigger, not_parts, entities)
        regions, techs = set(self.r.regions[1].values()), {k for k, _ in self.r.keyed("technologies")}
        if seg and seg not in regions and seg not in techs and "region" in kinds and clauses:  # (not "Glasfaser in der Schweiz")
            region = self._segment(text, fig, clauses[:1], ("region",), None, not_parts, entities)
            return seg + "/" + region if region and region in regions else seg
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
            m = SITE_OPENER.match(text, clauses[0][0])
            if m and m.end() <= fig["start"] and not (entities is not None and entities.overlapping(m.start("w"), m.end("w"))) \
                    and not (not_parts is not None and not_parts.search(m.group("w"))) \
                    and not m.group("w").lower().endswith(NOUN_ENDINGS) and m.group("w") not in self.r.not_sites:
                # "In Bühl und Bühlertal sollen 1.550 Stellen wegfallen": the site is the part
                return self.r.canonical_segment(m.group("w")) or m.group("w")
        if "business" in kinds and clauses:
            m = WITH_SEGMENT.match(text, clauses[0][0])
            if m and m.end() <= fig["start"] and not (entities is not None and entities.overlapping(m.start("w"), m.end("w"))):
                seg = self.r.canonical_segment(m.group("w"))
                if seg:
                    return seg  # "Mit Software setzte der Konzern 5,5 Mrd. Euro um"
        if "business" in kinds and clauses:
            for m in self.r.segment_pp.finditer(text, clauses[0][0], fig["start"]):
                seg = self.r.known_segment(m.group("w"))
                if seg:
                    return seg  # "erwartet Oracle bei der Cloud-Infrastruktur ein Plus von 70 %"
        anaphor = next((c for c in clauses if SEGMENT_ANAPHOR.search(text, *c)), None) if "business" in kinds else None
        if anaphor is not None:
            # "Die Sparte setzte 30,8 Mrd. um", "Die Sparte, die …, verlor 24 Prozent": the segment
            # named in the sentences before ("die Cloud-Sparte", "bei Mobile Networks").
            back = min(c[0] for c in clauses)
            last, last_pp = None, None
            for m in self.r.segment_compound.finditer(text, max(0, back - 500), back):
                last = m
            for m in self.r.segment_pp.finditer(text, max(0, back - 500), back):
                if self.r.known_segment(m.group("w")):
                    last_pp = m
            if last_pp is not None and (last is None or last_pp.start() > last.start()):
                return self.r.known_segment(last_pp.group("w"))
            if last is not None:
                seg = self.r.canonical_segment(last.group("pre") or last.group("name"))
                if seg:
                    return seg
        if "business" in kinds and clauses and cue_search(self.r.allocation, text, *clauses[0]):
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
            if head and len(word) > len(head):
                seg = self.r.canonical_segment(word[:len(word) - len(head)].rstrip("-"))
                if seg:
                    return seg
        label = self._list_label_span(text, fig)
        if label is not None and not any(cs <= label[0] < ce for cs, ce in clauses):
            clauses = [*clauses, label]  # "- Finanzierungsrunden: vier, zusammen 1,4 Mrd.": the line's label too
        for cs, ce in clauses:
            for kind, name in (("tranche", "tranches"), ("phase", "phases"), ("money_basis", "money_basis"),
                               ("session", "sessions"), ("rights", "rights"), ("offence", "offences"),
                               ("technology", "technologies"), ("benchmark", "benchmarks"), ("horizon", "horizons"), ("variant", "variants")):
                if kind in kinds:
                    found = self._nearest_key(self.r.keyed(name), text, cs, ce, fig)
                    if found == "_whole" and name == "tranches" and any(self._nearest_key(
                            [c for c in self.r.keyed(name) if c[0] == "cumulative"], text, a, b, fig) for a, b in clauses):
                        found = "cumulative"  # "in vier Finanzierungsrunden zusammen 1,4 Mrd.": the whole of several rounds
                    if found:
                        return "" if found == "_whole" else found  # "": named as the whole
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
                if m:
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
                    named = NAME_AFTER.match(text, m.end()) if m.group("pre") else None
                    words = named.group("name") if named else m.group("pre") or m.group("name")
                    seg = self.r.canonical_segment(words) if words else None
                    if seg:
                        return seg
            if "region" in kinds:
                rx, table = self.r.regions
                m = rx.search(text, cs, ce)
                if m and not (m.start() >= fig["end"] and self.r.region_subsets.search(text, fig["end"], m.start())):
                    return table[m.group("r").lower()]  # (not "…, die meisten davon in Deutschland")
                for e in (entities.starting(cs, ce) if entities is not None else ()):
                    m = self.r.region_after_name.match(text, e.end)
                    if m and e.type == "ORG":
                        return table[m.group("r").lower()]  # "Vodafone Deutschland, mit zuletzt 12,9 Mrd. Umsatz"
                found = self._nearest_key(self.r.keyed("region_words"), text, cs, ce, fig)
                if found:
                    return found
        if "region" in kinds and clauses and self._region_anaphor(text, clauses[0][0], fig["start"]):
            # "… wuchs das Geschäft in Nordamerika. Dort legte der Umsatz um 36 Prozent zu": that region
            rx, table = self.r.regions
            found = [m for m in rx.finditer(text, max(0, clauses[0][0] - 300), clauses[0][0])]
            if found:
                return table[found[-1].group("r").lower()]
        return None

    def _region_anaphor(self, text: str, start: int, end: int) -> bool:
        words = self.r.cfg["segment"].get("region_anaphors") or ()
        return any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text[start:end]) for w in words)

    @staticmethod
    def _nearest_key(cues: list[tuple[str, re.Pattern]], text: str, cs: int, ce: int, fig: dict) -> str | None:
        """The key of the cue nearest to the figure, one before it first ("eröffneten bei 85 Dollar und
        schlossen bei 115,50"), unless another number stands between; a specific key beats the
        generic one ("tranche") at the same distance."""
        found = [(m.span(), key) for key, rx in cues for m in cue_finditer(rx, text, cs, ce)]
        best = None
        for (a, b), key in found:
            if any(x <= a and b <= y and (x, y) != (a, b) for (x, y), _ in found):
                continue  # "Tranche" inside "ersten Tranche"
            if b <= fig["start"]:
                d = fig["start"] - b + (CUE_GAP_PENALTY if DIGIT.search(text, b, fig["start"]) else 0)
            else:
                d = max(0, a - fig["end"]) + CUE_AFTER_PENALTY
            if best is None or d < best[0]:
                best = (d, key)
        return best[1] if best else None


DIGIT = re.compile(r"\d")
CUE_AFTER_PENALTY = 60   # a cue after the figure counts as this much further away
CUE_GAP_PENALTY = 200    # a cue with another number between belongs to that one first


def _inside(span: tuple[int, int], blocked: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in blocked)
