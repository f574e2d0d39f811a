"""The segment lexicon of rules/<lang>/frames.yaml (`segment`): segment nouns and names, regions,
tranches, thresholds and their canonical keys; a part of `FrameRules` (frame_rules.py). Pure, no spaCy."""
from __future__ import annotations

import re
from functools import cached_property

from quellenlage.patterns import alternation, cue_re, words_re
from quellenlage.textutil import SENTENCE_END


class SegmentRules:
    """What names a figure's segment (read from `self.cfg["segment"]`)."""

    # --- segment ---
    @cached_property
    def segment_nouns(self) -> list[str]:
        return sorted(self.cfg["segment"]["nouns"], key=len, reverse=True)

    @cached_property
    def segment_heads(self) -> frozenset[str]:
        return frozenset(n.lower() for n in self.segment_nouns)

    @cached_property
    def segment_compound(self) -> re.Pattern:
        """ "Cloud-Sparte", "Rechenzentrumsgeschäft", "Sparte Intelligent Cloud", "Geschäft mit Rechenzentren"."""
        nouns = alternation(self.segment_nouns)
        name = r"[A-ZÄÖÜ][\w&.+-]*(?:\s+(?:and\s+|und\s+|für\s+)?[A-ZÄÖÜ][\w&.+-]*){0,4}"
        return re.compile(r"(?<![\w-])(?:(?P<pre>[\w][\w-]*?)-?(?i:" + nouns + r")(?![\w-])"
                          r"|(?i:" + nouns + r")(?:\s+(?:mit|für)(?:\s+(?:dem|der|den))?)?\s+(?P<name>" + name + r"))")

    @cached_property
    def whole(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg["segment"]["whole"])

    @cached_property
    def group(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg["segment"].get("group") or ())

    def names_group(self, text: str, trigger: tuple | None) -> bool:
        """Does the property's compound word name the whole group ("Der Konzernumsatz wuchs …" after a
        sentence about a division: the parent's own figure, not the division's)?"""
        return trigger is not None and len(trigger) > 2 and bool(trigger[2]) \
            and text[trigger[0]:trigger[1] - len(trigger[2])].rstrip("-").lower() in self.group

    @cached_property
    def regions(self) -> tuple[re.Pattern, dict[str, str]]:
        table = {form.lower(): key for key, forms in self.cfg["segment"]["regions"].items() for form in forms}
        preps = alternation(self.cfg["segment"]["region_prepositions"])
        nouns = self.cfg["segment"].get("region_nouns") or []
        noun = r"(?:(?:" + alternation(nouns) + r")\s+)?" if nouns else ""
        # (an adjective before the region: "Im wichtigen US-Markt gingen die Auslieferungen zurück")
        return re.compile(r"(?<![\w-])(?i:" + preps + r")\s+(?:dem\s+|der\s+|den\s+)?(?:[a-zäöüß]\w*e[nmrs]?\s+)?" + noun + r"(?P<r>" + alternation(
            form for forms in self.cfg["segment"]["regions"].values() for form in forms) + r")(?![\w-])"), table

    @cached_property
    def mixed_payment(self) -> re.Pattern:
        """After an amount: "plus 0,345 Synopsys-Aktien", the rest of a payment in shares."""
        m = self.cfg["segment"].get("mixed_payment")
        if not m:
            return re.compile(r"(?!)")
        return re.compile(r"\s+(?:" + alternation(m["connectors"]) + r")\s+\d[\d.,]*\s+(?:[\w]+\s+)?(?:[\w-]*-)?(?:"
                          + alternation(m["shares"]) + r")(?![\w-])")

    @cached_property
    def worldwide(self) -> re.Pattern:
        """ "weltweit", "global": a sentence that keeps no region a headline gives (segment.worldwide)."""
        return words_re(self.cfg["segment"].get("worldwide"))

    @cached_property
    def unlisted_test(self) -> re.Pattern:
        """A test the benchmarks lack, by its name (group `n`): after a word for a test ("im
        Langkontext-Test OpenAI-MRCR"), or as an acronym after "im" and perhaps an adjective ("im CMMLU")."""
        seg = self.cfg["segment"]
        nouns, preps = seg.get("test_nouns") or (), seg.get("test_prepositions") or ()
        forms = []
        if nouns:
            forms.append(r"(?<![\w-])(?:[\w-]*-)?(?:" + alternation(nouns) + r")[ \u00a0]+(?P<n>[A-Z][\w.'+-]*[\w+])")
        if preps:
            forms.append(r"(?<![\w-])(?i:" + alternation(preps) + r")[ \u00a0]+(?:[a-zäöü]+e[nm][ \u00a0]+)?"
                         r"(?P<a>(?=[\w-]*[A-Z][\w-]*[A-Z0-9])[A-Z][A-Za-z0-9-]*[A-Za-z0-9])(?![\w-])")
        return re.compile("|".join(forms)) if forms else re.compile(r"(?!)")

    @cached_property
    def subset_openers(self) -> re.Pattern:
        return re.compile(r"\s*(?:" + alternation(self.cfg["segment"].get("subset_openers") or ["(?!)"]) + r")(?![\w-])")

    @cached_property
    def region_causes(self) -> re.Pattern:
        return cue_re(self.cfg["segment"].get("region_causes") or [])

    @cached_property
    def region_subsets(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?:" + alternation(self.cfg["segment"].get("region_subsets") or ["(?!)"]) + r")(?![\w-])")

    @cached_property
    def open_segment_pp(self) -> re.Pattern:
        """ "Umsatz mit …" (segment.open_segment_nouns): the noun after it is a segment, known or not."""
        return re.compile(r"(?:" + alternation(self.cfg["segment"].get("open_segment_nouns") or ["(?!)"]) + r")\s+mit\s")

    @cached_property
    def segment_pp(self) -> re.Pattern:
        """A known segment's name after one of `segment.segment_prepositions` (group `w`)."""
        return self._pp(self.cfg["segment"].get("segment_prepositions"))

    @cached_property
    def antecedent_pp(self) -> re.Pattern:
        """Also `segment.antecedent_prepositions`: where a segment a later anaphor points back to may stand."""
        return self._pp(list(self.cfg["segment"].get("segment_prepositions") or []) + list(self.cfg["segment"].get("antecedent_prepositions") or []))

    @cached_property
    def site_noun(self) -> re.Pattern:
        """A site among the part nouns (segment.site_nouns): "Werk Ehingen" is where a part is made, no part of its own."""
        return re.compile(r"(?<![\w-])(?:" + alternation(self.cfg["segment"].get("site_nouns") or ["(?!)"]) + r")(?![\w-])")

    @cached_property
    def site_with(self) -> re.Pattern:
        """A site noun (segment.site_nouns, also as a compound's head) and its place right before a figure:
        "die Modulfabrik in Frankfurt an der Oder mit rund 270 Beschäftigten" (group `w`: the place)."""
        nouns = alternation(w.lower() for w in self.cfg["segment"].get("site_nouns") or ["(?!)"])
        return re.compile(r"(?i:[\w-]*(?:" + nouns + r"))\s+in\s+(?P<w>[A-ZÄÖÜ][\w-]+)(?:\s+(?:an\s+der|am|im)\s+[A-ZÄÖÜ][\w-]+)?"
                          r"\s+mit\s+(?:(?:rund|etwa|knapp|gut|fast|mehr\s+als|über)\s+)?$")

    @staticmethod
    def _pp(words: list[str] | None) -> re.Pattern:
        words = words or ["(?!)"]
        return re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in
                                                  sorted(words, key=len, reverse=True))
                          + r")\s+(?P<w>[A-ZÄÖÜ]\w*-\s+und\s+[A-ZÄÖÜ][\w-]+|[A-ZÄÖÜ][\w-]+)")  # ("mit Mobil- und Raupenkranen")

    @cached_property
    def market_region(self) -> tuple[re.Pattern, dict[str, str]]:
        """A market and its region: "Smartphone-Markt China", "der chinesische Smartphone-Markt" (group `r`
        a region's form, `a` an adjective's stem; the table maps both, lower case, to the region)."""
        seg = self.cfg["segment"]
        table = {form.lower(): key for key, forms in seg["regions"].items() for form in forms}
        table.update({stem.lower(): key for key, stems in (seg.get("region_adjectives") or {}).items() for stem in stems})
        market = r"[A-ZÄÖÜ][\w-]*?-?[Mm]arkt(?:es|s)?"
        forms = alternation(f for fs in seg["regions"].values() for f in fs if f[:1].isupper())
        adjectives = alternation(s for ss in (seg.get("region_adjectives") or {}).values() for s in ss) or "(?!)"
        return re.compile(r"(?<![\w-])(?:" + market + r"\s+(?:in\s+(?:der\s+|den\s+)?)?(?P<r>" + forms + r")(?![\w-])|(?P<a>"
                          + adjectives + r")(?:e|en|er|es)?\s+" + market + r"(?![\w-]))"), table

    @cached_property
    def region_compound(self) -> re.Pattern:
        """A region as the first part of a compound: "das China-Geschäft", "ein China-Anteil von 37 %"."""
        forms = [f for fs in self.cfg["segment"]["regions"].values() for f in fs if " " not in f]
        return re.compile(r"(?<![\w-])(?P<r>" + alternation(forms) + r")-(?:"
                          + alternation(self.cfg["segment"].get("region_compound_heads") or ["(?!)"]) + r")(?![\w-])")

    @cached_property
    def region_after_name(self) -> re.Pattern:
        """A region right after a company's name: "Vodafone Deutschland", "Microsoft Schweiz"."""
        return re.compile(r"[ \t]+(?P<r>" + alternation(
            form for forms in self.cfg["segment"]["regions"].values() for form in forms if form[:1].isupper()) + r")(?![\w-])")

    @cached_property
    def tranches(self) -> list[tuple[str, re.Pattern]]:
        return [(k, cue_re(v)) for k, v in self.cfg["segment"]["tranches"].items()]

    def keyed(self, name: str) -> list[tuple[str, re.Pattern]]:
        """Cue lists keyed by segment: tranches, phases, money_basis, sessions."""
        return self._keyed[name]

    @cached_property
    def _keyed(self) -> dict[str, list[tuple[str, re.Pattern]]]:
        seg = self.cfg["segment"]
        return {name: [(k, cue_re(v)) for k, v in (seg.get(name) or {}).items()]
                for name in ("tranches", "phases", "money_basis", "sessions", "rights", "offences", "damages", "technologies",
                             "region_words", "customer_groups", "benchmarks", "horizons", "variants", "references", "frequencies")}

    @cached_property
    def _threshold(self) -> tuple[re.Pattern, dict[str, str], frozenset[str]] | None:
        t = self.cfg["segment"].get("thresholds")
        if not t:
            return None
        scales = {w.lower(): key for key, words in t["scales"].items() for w in words}
        amount = r"(?P<n>\d[\d.,]*|" + alternation(t["one"]) + r")\s*(?P<s>(?i:" + alternation(scales) + r"))?"
        rx = re.compile(r"(?<![\w-])(?:" + alternation(t["groups"]) + r")(?![\w-])[^.;:\n]{0,90}?(?<![\w-])(?:"
                        + alternation(t["cues"]) + r")\s+" + amount + r"\s*(?:" + alternation(t["currencies"]) + r")(?!\w)")
        return rx, scales, frozenset(w.lower() for w in t["one"])

    def threshold_match(self, text: str, start: int, end: int) -> re.Match | None:
        """ "Kunden mit mehr als 1 Mio. Dollar Umsatz" in text[start:end], the last one, with no
        sentence end between it and `end` ("1 Mio. Dollar" holds no sentence end)."""
        if not self._threshold:
            return None
        last = None
        for m in self._threshold[0].finditer(text, start, end):
            last = m
        return None if last is None or SENTENCE_END.search(text, last.end(), end) else last

    def threshold(self, text: str, start: int, end: int) -> str | None:
        """ "Kunden mit mehr als 1 Mio. Dollar Umsatz" in text[start:end]: the segment "above 1 mio"."""
        m = self.threshold_match(text, start, end)
        if m is None:
            return None
        _, scales, one = self._threshold
        n = "1" if m.group("n").lower() in one else m.group("n").rstrip(".,")
        return " ".join(["above", n] + ([scales[m.group("s").lower()]] if m.group("s") else []))

    @cached_property
    def subject_segment(self) -> re.Pattern:
        verbs = alternation(self.cfg["segment"].get("subject_verbs") or ["(?!)"])
        return re.compile(r"\s*(?P<w>[A-ZÄÖÜ][\w-]+(?:\s[A-ZÄÖÜ][\w-]+)?)\s+(?:" + verbs + r")\b")

    @cached_property
    def allocation(self) -> re.Pattern:
        return cue_re(self.cfg["segment"].get("allocation"))

    @cached_property
    def site_opener(self) -> re.Pattern:
        """A clause opening with a place before its verb (rules: segment.site_openers, site_verbs):
        "In Bühl und Bühlertal sollen …", "Am Standort Homburg fallen …", "In Niederösterreich verlieren …"."""
        seg = self.cfg["segment"]
        openers = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(seg.get("site_openers") or [], key=len, reverse=True))
        return re.compile(r"\s*(?:" + (openers or "(?!)") + r")\s+"
                          r"(?P<w>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)(?=\s+(?:"
                          + alternation(seg.get("site_verbs") or ["(?!)"]) + r")\b|,)")

    @cached_property
    def storage_variants(self) -> list[re.Pattern]:
        return [re.compile(p) for p in self.cfg["segment"].get("storage_variants") or []]

    @cached_property
    def rounds(self) -> list[re.Pattern]:
        return [re.compile(p) for p in self.cfg["segment"].get("rounds") or []]

    @cached_property
    def canonical(self) -> list[tuple[str, re.Pattern]]:
        out = []
        for key, forms in self.cfg["segment"]["canonical"].items():
            out.append((key, re.compile(r"^(?:" + "|".join(
                re.escape(f.rstrip("*")).replace(r"\ ", r"[\s-]") + (r".*" if f.endswith("*") else "")
                for f in sorted(forms, key=len, reverse=True)) + r")$", re.IGNORECASE | re.DOTALL)))
        return out

    @cached_property
    def result_openers(self) -> re.Pattern:
        """ "Das entspricht einer Marge von 1,5 Prozent": a sentence opening with a figure worked out
        from the sentence before, of that sentence's part (rules: segment.result_openers)."""
        return re.compile(r"\s*(?:" + alternation(self.cfg["segment"].get("result_openers") or ["(?!)"]) + r")(?![\w-])")

    @cached_property
    def not_sites(self) -> frozenset[str]:
        return frozenset(self.cfg["segment"].get("not_sites") or [])

    @cached_property
    def not_compound_parts(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg["segment"].get("not_compound_parts") or [])

    @cached_property
    def not_segments(self) -> frozenset[str]:
        return frozenset(self.cfg["segment"].get("not_segments") or [])

    def known_segment(self, words: str) -> str | None:
        """The key of a segment the rules name (`canonical`), else None (no made-up key)."""
        words = re.sub(r"\s+", " ", words.strip(" -"))
        if not words or words.lower() in self.whole:
            return None
        return next((key for key, rx in self.canonical if rx.match(words)), None)

    def canonical_segment(self, words: str) -> str | None:
        words = re.sub(r"\s+", " ", words.strip(" -"))
        if not words or words.lower() in self.whole:
            return None
        for key, rx in self.canonical:
            if rx.match(words):
                return key
        region = self.regions[1].get(words.lower())
        if region:
            return region  # "seine Tochter in Argentinien": the region's key, however the segment was found
        for word in re.split(r"[ .-]", words)[1:]:  # "Chips und Systemen für Rechenzentren", "Amazon-Cloud", "waipu.tv": a known part
            for key, rx in self.canonical:
                if rx.match(word):
                    return key
        low = words.lower()
        low = re.sub(r"(?<=[a-zäöüß]{3})s$", "", low) if "-" not in words else low
        return re.sub(r"[^\w]+", "_", low).strip("_") or None
