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
- segment: see `segments.SegmentFinder`, which `FrameFinder` extends.
- period: see `period_resolver.PeriodResolver`; `Frame` and `FrameRules` live in frame_rules.py.
"""
from __future__ import annotations

import re

from quellenlage.frame_rules import FrameRules
from quellenlage.patterns import cue_finditer, cue_search
from quellenlage.segments import DIGIT, SegmentFinder
from quellenlage.textutil import date_participle, sentence_or_line_end

GOVERN_GAP = re.compile(r"^[\s,:(]*(?:(?:der|des|den|dem|die|von|vom|in|Höhe|mit|bei|auf|über|unter|zu|"
                        r"eigenen|eigene|durchschnittlich|durchschnittlichen|im|Schnitt|gut|knapp|rund|etwa|"
                        r"ursprünglichen|bisherigen|neuen|angehobenen|gesenkten|[A-ZÄÖÜ][\w-]*)[\s,:(]+){0,4}$")
SIGN_BEFORE = re.compile(r"[+−–-]\s*$")
DASH_AFTER_WORD = re.compile(r"\w[+–-]\s*$")  # (a dash or plus that ends a word is no sign: "Galaxy S8+ 989 Euro")
AUF_BEFORE = re.compile(r"(?<!\w)auf\s*$")
WORDS = re.compile(r"[\w-]+")
PAST_TIME_CLAUSE = re.compile(r"[\s,]*(?:als|nachdem|seit|seitdem)\s")  # a clause of a time of its own
AND_NEXT = re.compile(r"\s(?:und|sowie)\s+(?!(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|im|in|am|an|auf|um|mit|von|vom|zu|zum|zur|bei|für|rund|etwa|knapp|gut|mehr|weniger|bis|über|unter)\s)[a-zäöüß]")


# "um <figure> beziehungsweise <this figure>": a figure coordinated with one after "um".
COORDINATED_BY = re.compile(r"(?<!\w)um\s+\S(?:[^,;:.!?]|[,.](?=\d)){0,40}?\s+(?:beziehungsweise|bzw\.|respektive|resp\.)\s*$")


# "um 2,8 Prozent auf rund 7,6 Mrd.": a change's rate, then its level
CHANGE_TO_LEVEL = re.compile(r"(?<!\w)um\s+[\d.,]+\s*(?:Prozent|%)\s+auf\s+(?:(?:rund|etwa|knapp|gut|fast|über|ca\.)\s+)?")
UM_AUF = re.compile(r"(?:\s+je\s+Aktie)?\s+auf\s+[\d+]")  # "um 15 Cent auf 5,53 Euro": from the change to the level


class FrameFinder(SegmentFinder):
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
        # 1a. A date before its participle is what the participle says ("Das 1991 gegründete Unternehmen will
        # …": founded, whatever the clause plans; "die für 2026 geplante Fabrik": planned).
        participle = date_participle(text, fig)
        if participle is not None:
            return self._clause_aspect(text, *participle.span("w"), None, []) or "actual", True
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
        # 4. The nearest earlier clause of the sentence with a cue (not for a clause of past time of its own:
        # "Das wollte er ändern, als sie das Unternehmen 2015 gründeten": founded, whatever he wanted).
        if before and PAST_TIME_CLAUSE.match(text, cs):
            return "actual", False
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
                if m.group(0).lower() in self.r.hearsay_modals and self.r.hearsay.search(text, m.end(), ce):
                    continue  # "soll … gemacht haben": reported, not expected; "will … erbeutet haben": claimed
                if fig is not None and m.start() >= fig["end"] and AND_NEXT.search(text, fig["end"], m.start() + 1):
                    continue  # "erreichte 9,8 Prozent und landete damit in der Zielspanne": the next clause's cue
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
        # (a cue after the figure with another number after it is that one's: "Bei einem Umsatz von
        # 11,2 Mrd. blieb ein bereinigtes Ergebnis von 229 Mio.")
        # (the number may stand in the sentence's next clause: "1,17 Mrd. Euro um, das bereinigte Ergebnis vor
        # Zinsen, Steuern und Abschreibungen lag bei 256 Mio. Euro")
        adjust = [k for k, rx in self.r.adjustments if k != "_reported"
                  and any(id(rx) in present and any(m.end() <= fig["start"] or not DIGIT.search(
                      text, m.end(), max(b, sentence_or_line_end(text, m.end())))
                                                    for m in rx.finditer(text, a, b)) for a, b, present in windows)]
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
                        if m.start() >= fig["end"] and DIGIT.search(text, fig["end"], m.start()):
                            continue  # "um 26 % auf 529,4 Mio. und damit 30 Mio. über den Erwartungen": the other's
                        d = abs(m.start() - fig["end"])
                        if best is None or d < best[0]:
                            best = (d, key)
                if best:
                    break
            if best:
                basis = best[1]
            return "change", " ".join([basis] + adjust[:1])
        adjust = [k for k in adjust if k != "usd"]  # (a level has its own currency)
        if adjust and adjust[0] == "cc" and self._cc_of_change(text, fig, cs):
            adjust = adjust[1:]  # "stieg währungsbereinigt um 2,8 Prozent auf 7,6 Mrd.": the rate is adjusted, the level reported
        return "level", adjust[0] if adjust else None

    def _cc_of_change(self, text: str, fig: dict, cs: int) -> bool:
        """Is the level the end of a change ("… um 2,8 Prozent auf 7,6 Mrd.") whose currency cue
        stands before the change's figure?"""
        m = CHANGE_TO_LEVEL.search(text, cs, fig["start"])
        return m is not None and m.end() == fig["start"] and any(
            c.end() <= m.start() for k, rx in self.r.adjustments if k == "cc" for c in rx.finditer(text, cs, m.start()))

    def _is_change(self, text: str, fig: dict, cs: int, ce: int) -> bool:
        if fig.get("unit") == "percentage_point":
            return True
        ftext = fig.get("text") or ""
        # ("-19 %" in a list is a change; "-4,17 Mrd. €" a negative amount, a loss)
        signed = ftext[:1] in "-−" and ftext[1:2].isdigit() or ftext.split(" ", 1)[0] in self.r.minus_words
        if ftext[:1] in "+±" or signed and fig["label"] == "PERCENT" and (fig.get("value") or 0) > 0 or SIGN_BEFORE.search(text[max(cs, fig["start"] - 2):fig["start"]]) and \
                not DASH_AFTER_WORD.search(text[max(cs, fig["start"] - 3):fig["start"]]):
            return True
        lead = text[max(cs, fig["start"] - 80):fig["start"]]
        if AUF_BEFORE.search(lead):
            return False  # "stieg auf 57 Mrd.", "auf 12,7 Mrd. mehr als verdreifacht": the new level
        if fig["label"] == "MONEY" and self.r.amount_before is not None and self.r.amount_before.search(lead):
            return False  # "nach einem Verlust von 446 Mio. €": the loss itself
        if self.r.change_before.search(lead) or fig["label"] != "DATE" and cue_search(self.r.change_clause, text, cs, ce) \
                or fig["label"] == "COUNT" and cue_search(self.r.count_change_clause, text, cs, ce) and not cue_search(self.r.count_kept_clause, text, cs, ce):
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
        if len(words) > 1 and words[-1].lower() in self.r.um_adverbs and words[-2].lower() == "um":
            words = words[:-1]  # "um durchschnittlich zehn Prozent senken"
        if words and words[-1].lower() == "um" and (
                # ("Die Aktie gab am Freitag um rund acht Prozent nach": a verb of change far before "um")
                any(w.lower() in self.r.change_verbs or w.lower() in self.r.direct_change_verbs for w in words[-12:-1])
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
            after = text[fig["end"]:min(ce, fig["end"] + 30)]
            m = self.r.change_after.match(after)
            if m and (m.group(0).strip().lower() in ("mehr", "weniger", "höher", "niedriger", "im plus", "im minus")
                      or m.group(0).strip().lower().startswith(("über ", "unter "))):  # ("7 Dollar über dem Ausgabepreis")
                return True
        elif fig["label"] == "COUNT" and COUNT_MORE_THAN.match(text, fig["end"]):
            return True  # "Das sind 66.800 mehr als Ende Juni", "2.000 Kunden weniger als vor einem Jahr"
        return False


# ("beschäftigt gut 19.000 Menschen weniger, verdient aber mehr": the clause ends on the comparative)
COUNT_MORE_THAN = re.compile(r"\s+(?:[A-ZÄÖÜ][\w-]*\s+)?(?:mehr|weniger)(?:\s+als(?!\w)|\s*(?=[,.;:!?)]|$))")


def _inside(span: tuple[int, int], blocked: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in blocked)
