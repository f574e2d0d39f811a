"""One document never contradicts itself: when it gives two different values for what looks
like one claim (same subject, property and frame), the frame missed what tells them apart,
most often a segment or a period the rules do not know ("Mit Mac-Computern erlöste Apple 8,7
Mrd.", "Die Sparte … steigerte ihren Umsatz auf 28,8 Mrd."). Such values are kept as claims
but marked as an unnamed part (`segment` = PART), so that they are never compared across
sources as if they were the whole.

Which value stays the whole: for an additive quantity (revenue, profit, units: parts add up
to the whole) the value named first, when it is at least as large as every other (a lead
names the total, the parts follow); for a change, the rate in the same sentence as that
whole; otherwise none of them. Pure: works on one document's claim records.
"""
from __future__ import annotations

import re
from collections import defaultdict

from quellenlage.claim_sources import BY
from quellenlage.conflicts import claim_interval

PART = "(Teil)"


def _key(c: dict) -> tuple:
    f = c["figure"]
    # (an adjusted level and the reported one are two quantities, as facts keep them apart)
    return (c["subject"], c["property"], c["period"], c["segment"], c["aspect"],
            c["measure"] == "level" and "adjusted" in (c.get("basis") or ""),
            next((b for b in (c.get("basis") or "").split() if b.startswith(BY)), None),  # whose estimate
            c.get("relative") if c.get("relative") in ("previous_year", "previous_quarter") else None,
            (c.get("unit") or f.get("unit")) if f["label"] in ("COUNT", "DURATION") else None, f.get("currency"))


def _distinct(claims: list[dict]) -> bool:
    """Do the values fall apart (some pair whose intervals do not overlap)?"""
    iv = [claim_interval(c["figure"]) for c in claims]
    iv = [i for i in iv if i is not None]
    return any(not a.overlaps(b) for k, a in enumerate(iv) for b in iv[k + 1:])


SCALES = [re.compile(r"(?i)\b(?:Millionen|Million|Mio)\b"), re.compile(r"(?i)\b(?:Milliarden|Milliarde|Mrd)\b"),
          re.compile(r"(?i)\b(?:Billionen|Billion|Bio)\b")]


def _scale(c: dict) -> int | None:
    return next((k for k, rx in enumerate(SCALES) if rx.search(c["figure"]["text"])), None)


def _scale_slip(first: dict, rest: list[dict]) -> bool:
    """Is the first value written one scale word below all the others ("167,2 Millionen Yuan",
    then the parts in Milliarden)? The lead's total with a slip of the scale word, a planted or
    real copy error the comparison must see, not a part."""
    k = _scale(first)
    scales = {_scale(c) for c in rest}
    return k is not None and scales == {k + 1}


def _same_sentence(levels: list[dict]) -> list[dict]:
    """The claims that share their sentence with another of the same key and value (an
    enumeration of parts), in a group whose values do not fall apart."""
    by_sentence: dict[tuple, list[dict]] = defaultdict(list)
    for c in levels:
        by_sentence[c["sentence"]].append(c)
    return [c for group in by_sentence.values() if len({id(c["figure"]) for c in group}) > 1 for c in group]


def mark_unnamed_parts(claims: list[dict], additive: frozenset[str]) -> None:
    """Set `segment` to PART on the claims of this document that cannot be told apart."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        if c["figure"]["label"] != "DATE" and c["segment"] is None:
            groups[_key(c)].append(c)
    for key in list(groups):
        then = [c for c in groups[key] if c.get("told_past")]  # (said so in words, not only dated before)
        if then and len(then) < len(groups[key]) and not {c["sentence"] for c in then} & {c["sentence"] for c in groups[key] if not c.get("told_past")}:
            # "Zu besten Zeiten hatten mehr als 2000 Beschäftigte …" after today's 670: a count of old, told in a
            # sentence of its own, is no part of today's (one sentence's "zunächst …, davon …" stays one group)
            groups[("then",) + key] = then
            groups[key] = [c for c in groups[key] if not c.get("told_past")]
    wholes: dict[tuple, dict] = {}
    for key, members in groups.items():
        levels = [c for c in members if c["measure"] == "level"]
        if len({c["figure"]["label"] for c in levels}) > 1:
            continue  # different kinds of value are never compared anyway
        if not _distinct(levels):
            in_one = _same_sentence(levels)
            for c in in_one:  # "sechs Instrumente der NASA sowie sechs weitere Nutzlasten": two parts, no whole
                c["segment"] = PART
            rest = [c for c in levels if c not in in_one]
            if rest:
                wholes[key] = rest[0]
            continue
        first = levels[0]
        whole = None
        if key[1] in additive:
            first_iv = claim_interval(first["figure"])
            others = [claim_interval(c["figure"]) for c in levels[1:]]
            if first_iv is not None and all(o is None or o.high <= first_iv.high or o.overlaps(first_iv) for o in others):
                whole = first
            elif first_iv is not None and _scale_slip(first, levels[1:]) \
                    and all(o is None or o.high <= first_iv.high * 1000 for o in others):
                whole = first  # "einen Umsatz von 167,2 Millionen Yuan" before the parts in Milliarden: the whole, mis-scaled
        if whole is not None:
            wholes[key] = whole
        whole_iv = claim_interval(whole["figure"]) if whole else None
        for c in levels:
            iv = claim_interval(c["figure"])
            if whole_iv is None or iv is None or not iv.overlaps(whole_iv):
                c["segment"] = PART
    for key, members in groups.items():
        by_basis: dict[tuple, list[dict]] = defaultdict(list)
        for c in members:
            if c["measure"] == "change":
                by_basis[(c["basis"], c["figure"]["label"])].append(c)
        for changes in by_basis.values():
            if not _distinct(changes):
                continue
            # (a rate has no currency: the whole of its level's key, "um 21 Prozent auf 1,29 Mrd. Dollar")
            whole = wholes.get(key) or next((w for k, w in wholes.items() if k[:-2] == key[:-2]), None)
            kept = [c for c in changes if whole is not None and c["sentence"] == whole["sentence"]]
            kept_iv = [claim_interval(c["figure"]) for c in kept]
            for c in changes:
                iv = claim_interval(c["figure"])
                if c in kept or (iv is not None and any(k is not None and iv.overlaps(k) for k in kept_iv)):
                    continue
                c["segment"] = PART
