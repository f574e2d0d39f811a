"""A figure without a property or subject of its own that continues a claim before it (claims.py):
"stieg auf 57 Mrd., ein Plus von 62 %", "Im Vorquartal waren es 44,1 Mrd.", "Analysten hatten mit …
gerechnet". Pure: works on one document's claims so far."""
from __future__ import annotations

import re

from quellenlage.claim_cues import (BACK_REFERENCE, COMPARED_WITH, CONTINUATION, GAPPED, GAPPED_PLACE, GAPPED_WITH, named_subjectless, same_magnitude)
from quellenlage.claim_rules import ClaimRules, DocView
from quellenlage.patterns import cue_search
from quellenlage.textutil import bracketed_before


def continued_claim(r: ClaimRules, view: DocView, fig: dict, measure: str, sentence: tuple[int, int], clause: tuple[int, int],
                    done: list[dict], named: str | None = None) -> dict | None:
    """The claim this figure continues. In its own sentence: the claim before it whose
    property takes this kind of value, for a change ("stieg auf 57 Mrd., ein Plus von 62 %")
    or a clause that goes on from it ("…, was einem Plus von 56 % entspricht", "und 6 % zum
    Vorquartal"). In the two sentences before: the last claim of the same kind of value, when
    this sentence compares ("Im Vorquartal waren es 44,1 Mrd.", "Analysten hatten mit …
    gerechnet") or names that claim's property without naming a subject (`named`). Claims
    that are themselves comparisons ("im Vorquartal") are passed over."""
    text = view.text
    if fig["label"] not in ("MONEY", "PERCENT", "COUNT"):
        return None
    continues = measure == "change" or CONTINUATION.match(text, clause[0]) or COMPARED_WITH.search(
        text, max(clause[0], fig["start"] - 30), fig["start"]) or (clause[0] > sentence[0] and (
        GAPPED.match(text, clause[0]) or GAPPED_WITH.fullmatch(text, clause[0], fig["start"])
        or GAPPED_PLACE.fullmatch(text, clause[0], fig["start"])))
    compares = bool(r.ellipsis.search(text, *sentence))
    start = sentence[0]
    for _ in range(2):
        prev = view.previous_sentence(start)
        start = prev[0] if prev else start
    # (a figure its own clause names, with a word the rules reject, continues no earlier sentence:
    # "Der Free Cashflow lag bei 421 Mio., die Free-Cashflow-Marge bei 19 %")
    named_here = None  # asked only when an earlier sentence's claim comes up (most figures never get there)
    own_noun = OWN_NOUN.search(text, max(sentence[0], fig["start"] - 80), fig["start"]) \
        if measure == "level" and fig["label"] in ("MONEY", "COUNT") else None
    for c in reversed(done):
        f = c["figure"]
        if f["end"] > fig["start"]:
            continue
        if f["start"] < start:
            break
        if f["start"] < sentence[0] and r.entities.comparison_opener.match(text, c["sentence"][0]):
            continue  # ("Zum Vergleich: Die Infineon-Aktie hatte 70 Euro erreicht.": another company's, continued by none)
        p = r.property(c["property"])
        if p is None or not p.accepts(fig, measure) or p.excludes is not None and cue_search(p.excludes, text, *clause):
            continue  # (nor what its clause says is something else: "brachte die letzten 36 Satelliten ins All")
        if f["start"] >= sentence[0]:
            if continues and bracketed_before(text, f["start"], fig["start"]):
                continue  # "8,71 Mrd. (Vj.: 4,37 Mrd.), +84 %": the change is the main figure's
            sep = max(text.rfind(";", f["end"], fig["start"]), text.rfind(",", f["end"], fig["start"]),
                      text.rfind(" – ", f["end"], fig["start"]))  # "… 800 Mio. Pfund wert – zum Ausgabepreis waren es 541,6 Mio.
            if sep >= 0 and text[sep] == "," and not any(d["label"] == "DATE" for d in view.figure_index.starting(sep, fig["start"])) \
                    and not cue_search(r.cue_lists["ellipsis_qualifiers"], text, sep, fig["start"]) \
                    and not any(cue_search(r.frames.period_cue(k), text, sep, fig["start"]) for k in ("previous_year", "previous_quarter", "whole_year")):
                sep = -1  # (a comma only before a clause of its own period, "im Vorjahresquartal waren es", "im gesamten Geschäftsjahr waren es": not "…, bei der Runde über 6 Mrd., waren es 45 Mrd.")
            if continues or (compares and sep >= 0 and r.ellipsis.search(text, sep, fig["start"])
                             and f["label"] == fig["label"] and f.get("currency") == fig.get("currency")):
                return c  # "… erreichte 55 Mrd. €; Ende 2023 waren es 38,3 Mrd. €", "…, seit Jahresbeginn sind es 1,9 Mrd."
            if ranking_goes_on(view, p, c, fig, measure, clause):
                return c  # "Microsoft folgt mit 20 Prozent, Google kommt auf 13 Prozent"
            continue
        if own_noun is not None and own_noun.group("noun") not in r.general_nouns \
                and not (p.triggers is not None and p.triggers.search(text, own_noun.start("noun"), own_noun.end("noun"))):
            return None  # "Dem stehen Mietverpflichtungen von rund 47 Mrd. gegenüber": a noun of its own names it
        if named_here is None:
            named_here = named is None and any(p.triggers is not None and p.accepts(fig, measure) and any(
                m.group(0)[:1].isupper() for m in p.triggers.finditer(text, *clause)) for p in r.properties)
        if named_here:
            return None
        if ranking_goes_on(view, p, c, fig, measure, clause) and "\n\n" not in text[f["end"]:fig["start"]]:
            return c  # "AWS kommt auf einen Marktanteil von 31 Prozent. Microsoft kam laut Synergy auf 23 Prozent"
        if c.get("relative") in ("previous_year", "previous_quarter"):
            continue  # "Analysten hatten mit … gerechnet" goes with the main figure, not "im Vorquartal"
        if (measure == "change" or fig["label"] == "PERCENT") and BACK_REFERENCE.match(text, sentence[0]) \
                and (view.next_sentence(f["end"]) or (None,))[0] == sentence[0]:
            # "… 3.024.417 Fahrzeuge. Das entspricht einem Plus von 26,3 Prozent": that figure's change;
            # "… eine Geldbuße von 432 Mio. Euro. Das entspricht zehn Prozent des Jahresumsatzes": its share
            return c
        if (compares or (named == c["property"] and named_subjectless(text, sentence, r.property(named)))) \
                and f["label"] == fig["label"] \
                and f.get("currency") == fig.get("currency") and f.get("unit") == fig.get("unit") \
                and same_magnitude(f, fig):
            return c
    return None


# A noun right before the figure, joined by "von" or "über" ("Mietverpflichtungen von rund 47 Mrd."):
# the figure's own word, which an earlier sentence's claim does not go on past (not "im Schnitt von").
OWN_NOUN = re.compile(r"(?<![\w-])(?<!im )(?<!Im )(?P<noun>[A-ZÄÖÜ][a-zäöüß]+(?:-[\w]+)*)\s+(?:in\s+Höhe\s+)?(?:von|über)\s+"
                      r"(?:(?:rund|etwa|ca\.|knapp|fast|gut|mehr\s+als|über|insgesamt|zusammen)\s+)?$")


def ranking_goes_on(view: DocView, p, c: dict, fig: dict, measure: str, clause: tuple[int, int]) -> bool:
    """Is the figure the next place of a ranking that `c` opened (rules: property `ranked`)? A
    level of the same kind, after a subject of its own in its clause ("Microsoft folgt mit 20 Prozent")."""
    f = c["figure"]
    return p.ranked and measure == "level" and c["measure"] == "level" and f["label"] == fig["label"] \
        and f.get("unit") == fig.get("unit") and any(
            e.type in p.subject_types and e.end <= fig["start"] and e.name != c["subject"]
            and not TOGETHER_BEFORE.search(view.text, clause[0], e.start)
            for e in view.entity_index.starting(clause[0], fig["start"]))


# "zusammen mit Microsoft und Google sind es mehr als 60 Prozent": a share of several together
TOGETHER_BEFORE = re.compile(r"(?<![\w-])(?:mit|zusammen|gemeinsam|und|sowie|samt|inklusive)(?![\w-])")
