"""From figures to claims: what a figure measures (property), who it is about (subject) and
its frame (period, segment, aspect, measure). Pure: works on one document's `DocView`.

The property comes from rules/<lang>/properties.yaml: the property word nearest to the figure in
its clause (else its sentence), among the properties that accept the figure's kind of value. The
subject (`subjects.py`) is the entity the figure's clause is about. The frame comes from frames.py;
a period named relative to another ("im Vorquartal") and the document's main reporting period
are resolved in a second pass over the document's claims, in text order.
"""
from __future__ import annotations

import re

from quellenlage.claim_starts import change_start
from quellenlage.claim_cues import (spans_after, relative_clause, named_subjectless, pronoun_property, converts, bracketed_for_other, unnamed_start, year_before, compound_of, excluded, list_header, CLARIFIES, explains, CONTINUATION, FISCAL_WORDS, FROM_NOW, TOTAL_OPENER,
                                    participle_of, in_closed_apposition, FRACTION_OF_WHOLE, GAPPED, PART_OPENER, WHOLE_AFTER_PART, PER_SHARE, PRONOUN_OPENER, RELATIVE_AFTER, RELATIVE_OPENER, SENTENCE_REACH,
                                    SINCE, WHICH_CLAUSE, WITH_PRODUCT, governs_other, has_figure, same_amount_before, table_header, table_year, table_compared, heading_aspect, same_topic)
from quellenlage.claim_periods import resolve_periods
from quellenlage.claim_dates import span_anchor, bare_date, bracket_close, date_owns
from quellenlage.claim_ellipsis import continued_claim
from quellenlage.claim_late import settle
from quellenlage.claim_parts import PART
from quellenlage.claim_rules import DASS, LATER_CLAUSE_PENALTY, LATER_TIER, NOT_OWNED, ClaimRules, DocView, around_other, nearest_trigger, trigger_of_other
from quellenlage.frames import FrameFinder
from quellenlage.layout import list_heading
from quellenlage.markets import is_market
from quellenlage.normalize.periods import claim_time
from quellenlage.patterns import cue_search
from quellenlage.document_periods import stated_fiscal
from quellenlage.period_resolver import PeriodResolver
from quellenlage.subject_cues import COORDINATED
from quellenlage.subjects import SubjectFinder
from quellenlage.textutil import DATE_NOUN_OF, RELATIVE_PRONOUN, TO_LEVEL, TOP_GROUP, clauses, line_start_near


PER_UNIT = "(je)"  # the segment of a count per unit: "jeweils 100.000 Chips"


class ClaimFinder:
    def __init__(self, rules: ClaimRules):
        self.r = rules
        self.frames = FrameFinder(rules.frames)
        self.subjects = SubjectFinder(rules)

    def claims(self, view: DocView) -> list[dict]:
        """Claim records (one per figure that has a property and a subject), in text order."""
        text, self._view = view.text, view
        self._stated, self._org_names = stated_fiscal(text, self.r.frames, view.published), {e.name for e in view.entities if e.type == "ORG"}
        self._fig_starts = {f["start"]: f["end"] for f in view.figures}
        self._value_starts = {f["start"]: f["end"] for f in view.figures if f["label"] != "DATE"}
        self._dates = sorted((f["start"], f["end"]) for f in view.figures if f["label"] == "DATE")
        self._present: dict[tuple[int, int], frozenset[int]] = {}
        self._clauses: dict[tuple[int, int], list[tuple[int, int]]] = {}  # per sentence window
        periods = PeriodResolver(self.r.frames, text, view.figures, view.published, view.headings, bool(FISCAL_WORDS.search(text)))
        out: list[dict] = []
        parts = set(self.r.cfg.get("part_rules") or [])
        for fig in view.figures:
            if fig.get("rule") in parts or fig["text"].lower() in self.r.no_claim or view.skipped(fig["start"], fig["end"]) \
                    or cue_search(self.r.cue_lists["no_claim_contexts"], text, max(0, fig["start"] - 20), min(len(text), fig["end"] + 30)) \
                    or self.r.replaced_before.search(text, max(0, fig["start"] - 12), fig["start"]):
                continue
            if out and converts(view, out[-1], fig, self.r.per_unit):
                out.append({**out[-1], "figure": fig})  # a converted amount: the same claim
                continue
            if (claim := self._claim(view, fig, out, periods)) is not None:
                out.append(claim)
        resolve_periods(view, out, periods, self._fiscal, self._stated)
        settle(view, out, self.r)
        self.subjects.markets.mark_markets(view.text, out)
        return out

    def _owned(self, text: str, m: re.Match, fig: dict, sentence_end: int) -> bool:
        if fig["label"] == "DATE" and (date_owns(text, m.span(), fig, getattr(self, "_dates", ()))
                                       or span_anchor(text, m.span(), fig, self._view.figure_index, self.r.cue_lists["span_anchors"])):
            return True  # "soll in der zweiten Jahreshälfte 2025 abgeschlossen werden, teilte SES am Dienstag mit"; "Sechs Jahre nach der Gründung"
        # (a period after the word is no value it governs: "stieg der Umsatz von Oktober bis Dezember um 17 Prozent")
        return governs_other(text, m, fig, getattr(self, "_fig_starts" if fig["label"] == "DATE" else "_value_starts", {})) \
            or fig["label"] != "DATE" and (trigger_of_other(text, m.span(), fig, self._view.figure_index, sentence_end) or around_other(m.span(), fig, self._view.figure_index))

    def _fiscal(self, subject: str | None):
        """The subject's fiscal calendar: from the gazetteer, else the one the article states; a person's is
        that of the organisation the article names most ("Yuan kürzt sein Gehalt für das kommende Geschäftsjahr")."""
        cal = self.r.entities.fiscal(subject) or getattr(self, "_stated", None)
        if cal is None and subject and subject not in self.r.entities.table and not is_market(subject) \
                and subject not in self._org_names:  # (a market's, another company's year is its own)
            cal = self.r.entities.fiscal(self._view.main_organisation)
        return cal

    def _claim(self, view: DocView, fig: dict, done: list[dict], periods: PeriodResolver) -> dict | None:
        text = view.text
        if fig["label"] == "DATE" and fig.get("date_relation") in ("before", "after"):
            return None  # "kurz vor Weihnachten hatte BYD angekündigt": some time before, no date to compare
        if fig["label"] == "DATE" and self.frames.r.period_bound(view.text, fig) or change_start(text, fig, view.figure_index):
            return None  # "für das Ende März abgeschlossene Geschäftsjahr": a period, no date of news; "fiel von 13,2 auf 8,5 Prozent": before
        ss, se = view.sentence_of(fig["start"])
        se = max(se, fig["end"])
        # A "sentence" without end (a list of numbers, a page without full stops) is read only
        # near the figure: the work per figure stays bounded.
        ss, se = max(ss, fig["start"] - SENTENCE_REACH), min(se, fig["end"] + SENTENCE_REACH)
        cls = self._clauses.get((ss, se))
        if cls is None:
            cls = self._clauses[(ss, se)] = clauses(text, ss, se)
        k = next((i for i, (a, b) in enumerate(cls) if a <= fig["start"] < max(b, a + 1)), None)
        cs, ce = cls[k] if k is not None else (ss, se)
        ce = max(ce, fig["end"])
        # "Die $5,6 Mio. sind der Preis …": a definite article before an amount points back to the same amount named earlier; the figure repeats that claim.
        earlier = same_amount_before(text, fig, done)
        if earlier is not None:
            return {**earlier, "figure": fig, "sentence": (ss, se)}
        header = table_header(fig["start"], view.tables)
        heading = list_header(text, fig["start"], self.r.properties) if header is None else None
        header = text[heading[0]:heading[1]] if heading else header
        free_before = [c for c in cls[:k] if not has_figure(view, c, fig)] if k else []
        if k is not None and k + 1 < len(cls) and RELATIVE_AFTER.match(text, cls[k + 1][0]) \
                and not has_figure(view, cls[k + 1], fig):
            free_before = free_before + [cls[k + 1]]  # "…6,6 Mrd., die das Unternehmen im Oktober aufgebracht hat"
        if fig["label"] == "DATE" and k is not None and k + 1 < len(cls) and (
                bare_date(text, fig, (cs, ce)) or k + 2 < len(cls) and relative_clause(text, cls[k + 1])
                and any(e.end == len(text[:ce].rstrip(" ,")) for e in view.entity_index.starting(cs, ce))):
            # "Am Donnerstag, dem ersten Handelstag, schloss …", "Am Montag hat Zhipu, das sich inzwischen Z.ai
            # nennt, GLM-4.5 vorgestellt": read on past the insertion about a name (not "Die am Dienstag vorgelegten
            # Zahlen zeigen ein Unternehmen, das …")
            ce = cls[min(k + 2, len(cls) - 1)][1]
        # ("…, ohne Sondereffekte 59,8 Mrd., was einem Zuwachs von 19 % entspricht": that clause's adjustment)
        whose = [cls[k - 1]] if k and WHICH_CLAUSE.match(text, cs) else []
        measure, basis = self.frames.measure(text, fig, (cs, ce), free_before + whose + ([heading] if heading else [])) \
            if fig["label"] != "DATE" else ("level", None)
        # "Die Gigafabriken sollen jeweils mit rund 100.000 KI-Chips ausgestattet werden": per unit, not a
        # total (a per-share figure is one); compared only with another source's per unit
        per_unit = header is None and fig["label"] == "COUNT" and any(
            not PER_SHARE.match(text, m.end()) for m in self.r.distributive.finditer(text, cs, fig["start"]))
        if fig["label"] == "MONEY" and (m := self.frames.r.threshold_match(text, line_start_near(text, fig["start"]), fig["end"])) and m.start("n") >= fig["start"] and m.end() <= fig["end"] + 1:
            return None  # "Kunden mit mehr als 1 Mio. Dollar Umsatz": a threshold, no one's revenue
        if fig["label"] == "COUNT" and TOP_GROUP.match(text, fig["end"]):
            return None  # "die zwei schnellsten Supercomputer", "fünf der zehn schnellsten": a ranking's group
        subject = parent_of = prop = trigger = None
        inherited = named = None
        for prop, trigger, tier in self._properties(text, fig, measure, (ss, se), (cs, ce), free_before, header):
            named = named or (prop, trigger, tier)
            subject, parent_of = self.subjects.subject(view, fig, prop, (ss, se), (cs, ce))
            if subject and parent_of is None and prop.time == "event":
                # (an event is told over several sentences; a flow's default is the article's company)
                subject = same_topic(view, prop, (ss, se), done) or subject
            if subject:
                if named[2] >= 3 > tier and named[0].accepts(fig, measure):
                    # "Der operative Gewinn der Sparte kletterte auf 3,6 Mrd.": the property the
                    # clause names outranks a weaker one that only found the subject.
                    prop, trigger = named[0], named[1]
                break
        else:
            # "Im Vorquartal waren es 44,1 Milliarden": the claim before, compared; "Die
            # Investition summiert sich auf 8,9 Mrd.": the claim before of that property.
            inherited = continued_claim(self.r, view, fig, measure, (ss, se), (cs, ce), done,
                                       prop.key if prop is not None else None)
            if inherited is None:
                return None
            prop, trigger = self.r.property(inherited["property"]), None
            if named is not None and named[0].key != prop.key and named[0].accepts(fig, measure) \
                    and named_subjectless(text, (cs, ce), self.r.property(named[0].key)):
                # "Der operative Gewinn der Sparte kletterte auf 3,6 Mrd., nach 2 Mrd. ein Jahr
                # zuvor": the clause names its own property; only the subject carries over.
                prop, trigger = named[0], named[1]
            subject, parent_of = self.subjects.own_subject(view, fig, prop, (ss, se), (cs, ce)) or inherited["subject"], None
            if prop.subject_types == ("PAIR",) and cs > ss and GAPPED.match(text, cs):
                # "Stellantis hält 45 Prozent an ACC, Mercedes-Benz 30 Prozent": this clause's holder
                subject = self.subjects.subject(view, fig, prop, (ss, se), (cs, ce))[0] or subject
        if subject and bracketed_for_other(view, fig, subject, self.r.property_words):
            return None  # "… vor dem Lehrermodell (50,6 Prozent)": the value of what the bracket follows
        prev = done[-1] if done and done[-1]["sentence"] == (ss, se) else None
        whole = prev is not None and WHOLE_AFTER_PART.fullmatch(text, prev["figure"]["end"], fig["start"])
        total = self.r.property(self.r.property(prev["property"]).total) if prev is not None and (
            TOTAL_OPENER.match(text, cs) and prev["figure"]["end"] <= cs or whole) else None
        total = self.r.property(prop.total) if prop.total and FRACTION_OF_WHOLE.search(text, max(cs, fig["start"] - 60), fig["start"]) else total  # "die Hälfte der etwa 7.500 Beschäftigten"
        if whole and prev["property"] == prop.key and not (total is not None and total.accepts(fig, measure)):
            return None  # "mehr als 8000 der weltweit rund 108.000 Stellen": the whole, not one more part
        if total is not None and total.accepts(fig, measure):
            # "157 Dollar pro Aktie, insgesamt rund 28 Mrd.": the total of what the figure before prices
            sub, _ = self.subjects.subject(view, fig, total, (ss, se), (cs, ce))
            if sub:
                prop, trigger, subject, parent_of = total, None, sub, None
        same = self.r.frames.same_quantity_after
        if prev is not None and same is not None and same.match(text, cs) and prev["figure"]["end"] <= cs \
                and prev["figure"]["label"] == fig["label"] and prev["figure"].get("currency") == fig.get("currency"):
            # "operativer Gewinn von 1,1 Mrd. €, nach einem Verlust von 446 Mio. € im Vorjahr":
            # the same quantity, for the period before
            prop, trigger, subject, parent_of = self.r.property(prev["property"]), None, prev["subject"], None
        aspect = self.frames.aspect(text, fig, (cs, ce), cls[:k] if k else [], (ss, se), free_before)
        row_heading = list_heading(text, fig["start"])  # "Der Ausblick auf das Geschäftsjahr 2025/26:" over the row
        aspect = (aspect == "actual" and heading_aspect(text, row_heading, self.r.frames.aspect_govern)) or aspect
        if aspect != "actual" and FROM_NOW.search(text, max(cs, fig["start"] - 30), fig["start"]) \
                and TO_LEVEL.match(text, fig["end"]):
            aspect = "actual"  # "soll von derzeit rund 86.000 auf 72.000 sinken": the start is today's level
        if prop.aspects and aspect not in prop.aspects:
            aspect = prop.aspects[0]  # "Die Dividende soll 5,35 Euro betragen": a proposal, reported as the year's
        if prop.compared_as and prop.compared_as != measure:
            measure, basis = prop.compared_as, None  # "ein Aufschlag von 31 %" is the premium itself
        segment = None
        if prop.segments:
            scope = [(cs, ce)] + [c for c in free_before[::-1] if not relative_clause(text, c)]  # (not "…, der hierzulande kaum bekannt ist,")
            if k and COORDINATED.match(text, max(ss, cs - 4)) and cls[k - 1] not in scope:
                scope.append(cls[k - 1])  # "springt im nachbörslichen Handel um 14 % und notiert bei rund 990": one session
            opener = PART_OPENER.match(text, ss)
            if opener and cs > ss:
                scope.append(opener.span())  # "Im Staplergeschäft wuchs der Umsatz …, die Marge erreichte 10,0 Prozent": the whole sentence's part
            nxt = view.next_sentence(se)
            if nxt and CLARIFIES.match(text, nxt[0]):
                scope.append(nxt)  # "… in 19 Tagen geschafft. Gemeint war die Zeit bis zum ersten Training."
            prev = view.previous_sentence(ss) if PRONOUN_OPENER.match(text, ss) else cls[k - 1] if k and PRONOUN_OPENER.match(text, cs) else None
            if prev:  # "Die Halbleitersparte … Sie erzielte 6 Billionen Won", "… zur Topversion SU7 Max: Sie beschleunigt …"
                scope.append(prev)  # the part "Sie" is
            segment = self.frames.segment(text, fig, scope, prop.segments, trigger,
                                          self.r.property_words, view.entity_index)
        if segment in (None, "", "equity", "debt") and prop.time == "event" and prop.key in self.r.additive and (any(
                d["label"] == "DATE" and d.get("date_relation") == "since" for d in view.figure_index.starting(cs, ce))
                or SINCE.search(text, cs, fig["start"])):
            segment = "cumulative"  # "Seit der Gründung 2023 hat xAI 14 Mrd. eingesammelt": a running total
        if inherited is not None and segment is None and subject == inherited["subject"] and inherited["segment"] != PART:
            segment = inherited["segment"]
        if segment is None and (measure == "change" or CONTINUATION.match(text, cs)):
            # "Das Rechenzentrumsgeschäft kam auf 51,2 Mrd., ein Plus von 66 Prozent": the part
            # the sentence's figure before is about.
            before = []
            for c in reversed(done):  # this sentence's claims are the last ones made
                if c["sentence"] != (ss, se):
                    break
                if c["property"] == prop.key and c["subject"] == subject and c["figure"]["end"] <= fig["start"]:
                    before.insert(0, c)
            if before:  # (an unnamed part's change too: "Allein mit Servern … 7,4 Mrd., ein Plus von 58 Prozent")
                segment = before[-1]["segment"]
        if segment is None and cs == ss and self.r.frames.result_openers.match(text, ss):
            # "Der SCS-Umsatz fiel auf knapp 3 Mrd. … Das entspricht einer Marge von 1,5 Prozent": that part's
            segment = next((c["segment"] for c in reversed(done) if c["sentence"][1] <= ss and c["subject"] == subject
                            and c["segment"] not in (None, PART) and view.next_sentence(c["sentence"][1]) == (ss, se)), None)
        if segment is None and self.r.frames.subset_openers.match(text, cs):
            segment = PART  # "Allein mit Servern … setzte Dell 7,4 Mrd. um": a part, unnamed
        if segment is None and fig["label"] == "MONEY" and self.r.frames.mixed_payment.match(text, fig["end"]):
            segment = PART  # "197 Dollar plus 0,345 Synopsys-Aktien": the cash part of the price
        if per_unit:
            segment = PER_UNIT
        horizon = self.r.frames.horizon.search(text, cs, ce) if segment is None and aspect in ("forecast", "target") else None
        if horizon and not (horizon.start() < fig["end"] and fig["start"] < horizon.end()):  # "peilt einen ARR von einer Milliarde innerhalb der nächsten zwölf Monate an": that far ahead
            segment = f"within {horizon.group('n').lower()} {horizon.group('u').lower()[:4]}"
        segment = segment or None  # "" = named as the whole
        if prop.needs_segment and segment is None:
            return None  # "Der Anteil am Umsatz liegt bei 6 Prozent": a share of what, unsaid
        if segment is None and prop.parent_segment and not parent_of:
            # "Apple hatte mit dem iPhone 46,2 Mrd. umgesetzt": a product of the subject in the clause
            # (or opening the clause: "Google Cloud setzte 2024 rund 43 Mrd. $ um" is the part's revenue)
            product = next((e for e in view.entity_index.starting(cs, ce) if e.end <= ce
                            and self.r.entities.parent(e.name) == subject
                            and (WITH_PRODUCT.search(text, max(0, e.start - 30), e.start)
                                 or e.end <= fig["start"] and not text[cs:e.start].strip(" \n\"„»"))), None)
            if product is not None:
                segment = self.r.frames.canonical_segment(product.name)
        if parent_of and prop.parent_segment and not self.r.frames.names_group(text, trigger):  # (the division names the part "die Sparte" left unnamed)
            segment = (segment if segment != PART else None) or self.r.frames.canonical_segment(parent_of)
        elif parent_of and prop.subject_types[:1] != ("ORG",):
            # a property of products first (ranks, models): the product itself stays the subject;
            # else the company's ("AWS" in one source is the "Amazon" of another)
            subject = parent_of
        fiscal = self._fiscal(subject)
        period, relative, follows = None, None, None
        time = claim_time(prop.time, measure)
        if time != "static" and fig["label"] != "DATE":
            earlier = [c for c in (cls[:k] if k else []) if c not in free_before]
            own = [(cs, ce)] + free_before[::-1] + ([row_heading] if row_heading else [])
            antecedent = cls[k - 1] if k and RELATIVE_OPENER.match(text, cs) else None
            period, relative = periods.explicit(fig, own, time, aspect, fiscal, earlier, antecedent)
            if period is None and relative is None and inherited is not None and inherited["subject"] == subject \
                    and not inherited["relative"]:
                period = inherited["period"]
                follows = inherited  # resolved in the second pass when still open
            if relative is None and year_before(text, fig, view.figure_index, ce):
                period, relative = None, "previous_year"  # "erreichte 18,0 nach 13,0 Prozent"
            if relative in (None, "reported") and unnamed_start(text, fig, period):
                period, relative, segment = None, None, PART  # "von 138 Mrd. $ auf 455 Mrd. $": an unnamed earlier time
        if time == "flow" and header is not None:
            column = table_year(fig["start"], view.tables, fiscal)  # a key-figure table's column "2024"
            if column is not None:
                period, relative, follows = column, None, None
            elif table_compared(fig["start"], view.tables):  # "(1.479,4)" under "in Klammern Vorjahr"
                period, relative, follows = None, table_compared(fig["start"], view.tables), None
        past = bool(prop.time == "stock" and (self.r.past.search(text, cs, ce) or self.r.past_before(text, ss, fig["start"]) or (
            period is None and relative is None and fig["label"] != "DATE"  # (a date is its own time: "hatte am Mittwoch die Zahlen … vorgelegt")
            and periods.before_window(fig, (cs, ce), prop.window_days)))
            or aspect in ("forecast", "target") and self.r.past_outlook.search(text, cs, ce) and not cue_search(self.r.revised, text, cs, ce))
        # (an outlook of before: "Ursprünglich hatte das Management … angepeilt"; not "Statt der ursprünglich angepeilten 60 Mio. rechnet X mit 40")
        scope = prop.scopes.search(text, ss, se) if prop.scopes else None
        if aspect == "estimate":
            # Whose estimate: a named poll ("von LSEG befragte Analysten"); unnamed ones stay None.
            poll = self.r.frames.polls.search(text, ss, se)
            basis = poll.group(0) if poll else None
        return {"figure": fig, "subject": subject, "property": prop.key, "sentence": (ss, se),
                "period": period, "relative": relative, "segment": segment, "aspect": aspect,
                "measure": measure, "basis": basis, "time": prop.time, "window_days": prop.window_days, "period_grain": prop.period_grain, "unit": prop.compared_unit or self.r.compared_units.get(fig.get("unit")),
                "past": past, "told_past": past and self.r.told_past(text, (cs, ce), ss, fig), "by_now": bool(cue_search(self.r.by_now, text, ss, se)), "revised": bool(cue_search(self.r.revised, text, ss, se)), "loss": measure == "level" and self.r.is_loss(text, fig, prop.key, cs),
                "scope": scope.group(0).lower() if scope else None, "follows": follows}

    # --- property ----------------------------------------------------------------------
    def _properties(self, text: str, fig: dict, measure: str, sentence: tuple[int, int], clause: tuple[int, int],
                    free_before: list[tuple[int, int]], header: str | None):
        """(property, trigger, tier) candidates, best first (tier 3: a word in the clause, 2.5: a
        weak one there, 2: in the sentence, 1: the default): the property word nearest to the figure in
        its clause (or a clause before it without figures of its own: "Der Auftragsbestand, der
        sogenannte Backlog, erreichte 18,4 Mrd."), else in its sentence; longer words win ties.
        `trigger` is (start, end, compound core) when the word is a compound ("Cloud-Umsatz")."""
        ranked = []
        owned = lambda t, m, f: self._owned(t, m, f, sentence[1]) or in_closed_apposition(t, *sentence, m.start(), f["start"])  # noqa: E731 (not a word of an apposition before)
        clause_labels = self.r.cfg.get("clause_labels", ())
        # (not an explanation between the noun and its figure: "Die Net Bookings, also der Wert der verkauften Produkte, beliefen sich auf …")
        # (nor a relative clause after the noun: "die Buchungen, die künftige Umsätze vorwegnehmen, um 42 Prozent …")
        scope = [clause] + [c for c in free_before[::-1] if not explains(text, c[0], self.r.cue_lists["explanations"], c[1])
                            and not relative_clause(text, c)]
        antecedent = (max(sentence[0], clause[0] - 40), clause[0])  # "… des Inlandsumsatzes, der sich auf 114,75 Mrd. Yuan belief"
        scope += [antecedent] if clause[0] > sentence[0] and RELATIVE_PRONOUN.match(text, clause[0]) and text[:clause[0]].rstrip().endswith(",") else []
        scope += spans_after(text, fig, clause, sentence, self.r.cue_lists["purpose_openers"]) + (  # "am Donnerstag, ihrem ersten Handelstag"
            bracket_close(text, fig, clause, sentence, self.r.cue_lists["frame_auxiliaries"]) if fig["label"] == "DATE" else [])
        if clause[0] > sentence[0] and TOTAL_OPENER.match(text, clause[0]):
            scope.append((sentence[0], clause[0]))  # "40 Dollar je Aktie, insgesamt rund 14 Mrd.": the total of the clause before
        # Which property patterns can match in the sentence (one pass); the scopes lie inside it.
        present = self._present.get(sentence)
        if present is None:
            present = self._present[sentence] = self.r.cue_set.present(text, *sentence)
        if not all(sentence[0] <= a and b <= sentence[1] for a, b in scope):
            present = None
        countable = fig["label"] in ("COUNT", "RANK")
        # "In der Top500-Liste vom 14. November": the date is the noun's; a property not named near it is not the date's
        date_of = DATE_NOUN_OF.search(text, max(sentence[0], fig["start"] - 40), fig["start"]) if fig["label"] == "DATE" else None
        triggers_of, participle = {}, participle_of(text, fig, sentence)
        for rank, p in self.r.candidates(fig["label"], measure):
            trx = triggers_of[p.key] = p.triggers if p.context is None else p.triggers_in(text, *sentence, present)
            if participle is not None and (trx is None or not trx.fullmatch(text, *participle)):  # "den 2018 verstorbenen Mitgründer"
                continue  # a date is what its participle says
            if header is None and present is not None and trx is not None and id(trx) not in present \
                    and not (countable and p.is_default(fig)):
                continue  # no trigger in the sentence and no default: it could only be skipped below
            if not p.accepts(fig, measure) or date_of is not None and not (
                    trx is not None and trx.search(text, max(sentence[0], fig["start"] - 40), fig["start"])
                    or p.requires is not None and p.requires.search(text, max(sentence[0], fig["start"] - 40), fig["start"])):
                continue
            if p.excludes is not None and (present is None or id(p.excludes) in present) and excluded(p, text, scope, fig):
                continue
            if p.requires is not None and ((present is not None and id(p.requires) not in present)
                                           or not cue_search(p.requires, text, *sentence)):
                continue
            key, trig = (0, 0.0, 0, -rank), None
            if trx is not None:
                if header is not None:
                    m = trx.search(header)
                    if m:  # the longer word the row names wins ("Operativer Gewinn" over "Gewinn")
                        key = (3, 0.0, m.end() - m.start(), -rank)
                elif present is not None and id(trx) not in present:
                    pass  # no trigger in the sentence, so none in its clauses
                else:
                    hit = None
                    for a, b in scope:
                        h = nearest_trigger(trx, text, a, b, fig, owned if (a, b) != antecedent else NOT_OWNED)
                        if h and a >= fig["end"] and a > clause[0]:
                            # a clause after the figure's own ("…, die das Unternehmen aufgebracht hat"; not "…, die
                            # Strafe entspricht damit …" nor "…, die Serviceumsätze wuchsen" when its own clause names a property)
                            h = (h[0] + LATER_CLAUSE_PENALTY, h[1], LATER_TIER)
                        elif h and b <= clause[0] and DASS.match(text, clause[0]):  # ("gab bekannt, dass sie am 5. September … festgenommen hat")
                            h = (h[0] + LATER_CLAUSE_PENALTY, *h[1:])
                        if h and (hit is None or h[0] < hit[0]):
                            hit = h
                    hit = hit or ((0.5, participle) if participle is not None else None)  # (an apposition's, after the date's clause)
                    if hit:
                        key, trig = (3 - p.weak_at(text, hit[1]) - (hit[2:] or (0,))[0], -hit[0], hit[1][1] - hit[1][0], -rank), hit[1]
                    elif fig["label"] not in clause_labels:
                        hit = nearest_trigger(trx, text, sentence[0], sentence[1], fig, owned)
                        if hit:
                            key = (2 - p.weak_at(text, hit[1]), -hit[0], hit[1][1] - hit[1][0], -rank)
            if key[0] == 0:
                if fig["label"] not in ("COUNT", "RANK") or not p.is_default(fig) or not p.default and cue_search(self.r.ellipsis, text, *clause):
                    continue
                key = (1, 0.0, 0, -rank)
            ranked.append((key, p, trig))
        meant = pronoun_property(self._view, clause, fig, self.r.properties)
        pron = self.r.property(meant[0]) if meant else None
        if pron is not None and pron.accepts(fig, measure):  # "Im März lag sie bei 270 Mio.": what "sie" stands for
            ranked = [((3.5, 0.0, 0, 0), pron, meant[1])] + [r for r in ranked if r[1] is not pron]  # (its compound names the segment)
        ranked.sort(key=lambda r: r[0], reverse=True)
        for key, p, trig in ranked:
            compound = compound_of(text, p, trig)
            tier = key[0]
            trx = triggers_of.get(p.key, p.triggers)
            if compound is None and trx is not None and header is None:
                # "Der Cloud-Umsatz wuchs um 27 %": the property's compound word names the segment
                # even when another of its words ("wuchs") stands nearer.
                for a, b in scope:
                    for m in trx.finditer(text, a, b):
                        compound = compound or compound_of(text, p, m.span())
            yield p, compound, tier


def find_claims(view: DocView, rules: ClaimRules) -> list[dict]:
    return ClaimFinder(rules).claims(view)


__all__ = ["ClaimFinder", "find_claims"]
