"""Two parties as one subject (subjects.py): a contract's parties, an investor and the company it
invests in, named "A/B" by their parents in a fixed order. Pure, over one document's `DocView`."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from quellenlage.subject_cues import DEFINITE_OPENER, SAYS_BEFORE, NameCues, salient

if TYPE_CHECKING:  # pragma: no cover
    from quellenlage.claim_property import Property


# "Denso mit 5,5 Prozent", "Sony Semiconductor Solutions ist mit 6 Prozent": a holder listed with its share
HOLDER_WITH = re.compile(r"(?:\s+[A-Z][\w-]*){0,3}\s+(?:ist\s+|sind\s+|war\s+)?mit\s+")  # (a qualifier is part of the figure)
# "JASM, an dem TSMC … hält", "JASM (Japan …), an der …": the company a relative clause says is held
HELD_AFTER = re.compile(r"\)?(?:\s*\([^)]{0,80}\))?,\s+an\s+(?:dem|der|denen|welchem|welcher)\s")


class PairFinder(NameCues):
    """The pair half of `SubjectFinder` (which supplies `_subject`, `r`, `object_before`)."""

    @staticmethod
    def _names_the_deal(text: str, prop: "Property", ss: int) -> bool:
        """The sentence opens with the property's own noun, definite: "Die Investition …",
        "Der Deal …" (then it is about the deal of the sentence before)."""
        m = DEFINITE_OPENER.match(text, ss)
        return bool(m and prop.triggers is not None and prop.triggers.match(text, m.end()))

    def _pair(self, view, fig: dict, prop: "Property", sentence: tuple[int, int], clause: tuple[int, int]) -> str | None:
        """Two organisations: a contract's parties, an investor and the company it invests in.

        The holder is an organisation (or person) of the sentence that is no object, else the one
        an anaphor ("der Konzern") stands for; the other is the object ("investiert 5 Mrd. in
        Intel"), an object named by an anaphor ("an dem Start-up": the organisation the
        article is most about besides the holder), or, in mode `sentence`, that organisation.
        Two named parties without objects ("Microsoft und OpenAI haben einen Vertrag") are the pair."""
        ss, se = sentence
        cs, ce = clause
        text, ents = view.text, view.entities_near(ss, se)
        said_by, object_starts = view.preceded(SAYS_BEFORE, 48), view.preceded(self.object_before, 40)
        in_sentence = [e for e in ents if e.type in ("ORG", "PER") and ss <= e.start and e.end <= se
                       and e.start not in said_by and e.name not in self.r.entities.authorities  # a regulator is no party
                       and not (e.type == "PER" and self.spokesperson_before.search(text, max(0, e.start - 30), e.start))]
        if prop.pair == "contract" and len({e.name for e in in_sentence if e.type == "ORG"}) < 2:
            # "Facebook übernimmt WhatsApp für 19 Mrd. Dollar": services a group bought, products of it today, are
            # the parties of the deal that made them its own; so is a service no list knows ("Lyft teilte mit, die Taxi-App
            # Freenow für etwa 175 Millionen Euro zu übernehmen")
            one = len({e.name for e in in_sentence if e.type == "ORG"}) == 1  # (a buyer named, the app its object)
            in_sentence = sorted(in_sentence + [e for e in ents if e.type == "PRODUCT" and (one or self.r.entities.parent(e.name))
                                                and ss <= e.start and e.end <= se and e.start not in said_by], key=lambda e: e.start)
        objects = [e for e in in_sentence if e.start in object_starts]
        holders = [e for e in in_sentence if e not in objects]
        # nearest by the gap between them ("Mercedes-Benz mit 45 Prozent, Stellantis mit 30 Prozent": Mercedes's 45)
        near = lambda es: min(es, key=lambda e: (not (cs <= e.start < ce), fig["start"] - e.end if e.end <= fig["start"]  # noqa: E731
                                                 else e.start - fig["end"] + 5))
        holder = near(holders).name if holders else None
        if holder is None:
            # "Der Konzern hat 13 Mrd. in OpenAI gesteckt": the organisation an anaphor stands for.
            holder = self._subject(view, fig, replace(prop, subject_types=("ORG",), role=None, local=True), sentence, clause)
            if holder in self.r.entities.authorities:
                holder = None
        if objects:
            other = near(objects).name
        else:
            distinct = sorted({e.name for e in holders}, key=lambda n: min(e.start for e in holders if e.name == n))
            listed_holder = next((e for e in holders if e.end <= fig["start"] and HOLDER_WITH.fullmatch(text, e.end, fig["start"])), None)
            held = self._held_before(view, ss) if listed_holder is not None and len(distinct) >= 2 else None
            if held is not None and held != listed_holder.name:
                # "JASM, an dem TSMC 86,5 Prozent hält. Sony ist mit 6 Prozent beteiligt, Denso mit 5,5 Prozent":
                # each holder listed with its share, of the company the sentence before named as held
                return self._pair_name(listed_holder.name, held)
            if len(distinct) >= 2 and not objects:
                return self._pair_name(distinct[0], distinct[1]) if len(distinct) == 2 else None
            other = None
            org_rx = next((rx for rx, typ in self.r.entities.anaphora if typ == "ORG"), None)
            anaphoric = org_rx is not None and any(
                re.search(r"(?<!\w)(?:an|in|bei|von|mit|für)\s+$", text[max(0, m.start() - 6):m.start()])
                for m in org_rx.finditer(text, ss, se))
            if self.latter.match(text, ss):
                return None  # "Letzteres hatte Cisco 2017 gekauft": a party named before, not the article's topic
            if anaphoric or prop.pair in ("sentence", "contract"):
                others = [e for e in ents if e.type == "ORG" and e.name != holder and e.end <= se
                          and e.name not in self.r.entities.authorities] \
                    or [e for e in ents if e.type == "PRODUCT" and e.end <= se and not self.r.entities.parent(e.name)]
                # (a regulator is no party; an app of its own may be: "Die Foto-App BeReal … Voodoo übernimmt das Start-up")
                other = salient(others, view.mention_counts) if others else None
        if holder is None and prop.pair == "contract":
            # "die gemeinsame Vereinbarung läuft bis 2032": the two the article is most about.
            counts: dict[str, int] = {}
            for e in ents:
                if e.type == "ORG" and e.end <= se and e.name not in self.r.entities.authorities:
                    counts[e.name] = counts.get(e.name, 0) + 1
            top = [n for n in sorted(counts, key=lambda n: (-counts[n], n)) if n != other][:2 if other is None else 1]
            if other is None and len(top) == 2:
                holder, other = top
            elif other is not None and top:
                holder = top[0]
        if holder and other and holder != other:
            return self._pair_name(holder, other)
        if not in_sentence and not getattr(self, "_looking_back", False) and self._names_the_deal(text, prop, ss):
            # "Die Investition summiert sich auf 8,9 Mrd.": the parties of the sentence before.
            prev = view.previous_sentence(ss)
            if prev is not None:
                self._looking_back = True
                try:
                    return self._pair(view, fig, prop, prev, prev)
                finally:
                    self._looking_back = False
        return None


    @staticmethod
    def _held_before(view, ss: int) -> str | None:
        """The organisation a sentence before names as held: "die Gesellschaft JASM, an der TSMC
        die große Mehrheit hält" (the last one within a few hundred characters)."""
        held = [e for e in view.entities_near(max(0, ss - 500), ss) if e.type == "ORG" and e.end <= ss
                and HELD_AFTER.match(view.text, e.end)]
        return held[-1].name if held else None

    def _pair_name(self, a: str, b: str) -> str | None:
        """ "Amazon/OpenAI": the two parties, a subsidiary or product by its parent ("AWS" is
        Amazon's), in a fixed order; None when both are one company. Two names of one group today
        are the two parties of the deal that made them one ("Facebook übernimmt WhatsApp": not
        Meta and Meta), each by its own name."""
        pa, pb = self.r.entities.parent(a) or a, self.r.entities.parent(b) or b
        if pa == pb:
            return "/".join(sorted({a, b})) if a != b else None
        return "/".join(sorted({pa, pb}))
