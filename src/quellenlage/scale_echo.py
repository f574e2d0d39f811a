"""Scale echoes across frames: one source writes "12,7 Milliarden Dollar", another the same
digits with another scale word ("12,7 Mio. $") for the same subject and property. A frame can
hide such a slip: the mis-scaled figure may have been read as an unnamed part of its document
(it differs from the document's other values), or its sentence named no period or segment where
the other source's did. The same written digits a power of a thousand apart, for the same
subject, property, aspect and measure, from two sources published within a month, are one
figure misreported, whatever else their frames say: such pairs are compared as a fact of their
own. Rows only; linear in the claims of a coarse key (claims meet only when their digits do).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from quellenlage.fact_time import comparison_segment
from quellenlage.facts import PART, comparison_aspect, fact_of
from quellenlage.rules import RuleSet

ECHO_WINDOW = 31  # days between publications
DIGITS = re.compile(r"\d[\d.,'’ \u00a0\u202f]*\d|\d")
KINDS = ("MONEY", "COUNT")


@dataclass(frozen=True)
class ScaleWords:
    """The scale words of `numbers.yaml` (`scales`) and their powers of ten: "Mio." -> 6."""
    powers: dict[str, int]

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "ScaleWords":
        return cls({f: round(math.log10(float(s["value"]))) for s in rules.get("numbers")["scales"] for f in s["forms"]})

    @cached_property
    def rx(self) -> re.Pattern:
        forms = sorted(self.powers, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?P<w>" + "|".join(map(re.escape, forms)) + r")(?!\w)")

    @property
    def hint(self) -> str:
        """The same words for Arrow's RE2, which has no look-around (a superset of the matches)."""
        return "|".join(map(re.escape, sorted(self.powers, key=len, reverse=True)))


def echo_key(c: dict) -> tuple:
    """What two claims must share to be echoes of one figure: the fact key without segment and basis."""
    return (c["subject"], c["property"], comparison_aspect(c.get("aspect")), c.get("measure") or "level",
            c["label"] == "DATE", c.get("unit") or "" if c["label"] in ("COUNT", "DURATION") else "", c.get("currency") or "")


def written(c: dict, scales: ScaleWords) -> tuple[str, int] | None:
    """(digits as written, power of ten of the scale word): "12,7 Mio. $" -> ("12,7", 6)."""
    if c.get("label") not in KINDS or (c.get("measure") or "level") != "level" or c.get("_background"):
        return None
    if c.get("aspect") == "estimate" and not c.get("basis"):
        return None
    text = c.get("text") or ""
    w, d = scales.rx.search(text), DIGITS.search(text)
    if not w or not d:
        return None
    return re.sub(r"[\s\u00a0\u202f]", "", d.group(0)), scales.powers[w.group("w")]



def echo_pairs(claims: list[dict], done: set[frozenset], scales: ScaleWords) -> list[tuple[tuple, list[dict]]]:
    """(fact key, [a, b]) for the pairs of claims (of one echo key) that are echoes and not yet
    compared (`done`: `compared` of the conflict rows so far): one pair per two sources and
    written values, its first claims in order."""
    by_digits: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for c in claims:
        w = written(c, scales)
        if w:
            by_digits[w[0]].append((w[1], c))
    out = []
    for digits in sorted(by_digits):
        seen: set[tuple] = set()
        group = sorted(by_digits[digits], key=lambda x: x[1]["claim_id"])
        for i, (pa, a) in enumerate(group):
            for pb, b in group[i + 1:]:
                if pa == pb or a["source_key"] == b["source_key"] or _voices(a, b) in done:
                    continue  # (compared already: copies of the same texts too)
                if a.get("_day") is not None and b.get("_day") is not None and abs(a["_day"] - b["_day"]) > ECHO_WINDOW:
                    continue
                if _named_apart(a, b):
                    continue
                sig = tuple(sorted(((a["source_key"], pa), (b["source_key"], pb))))
                if sig in seen:
                    continue
                seen.add(sig)
                named = a if comparison_segment(a.get("segment")) not in ("", PART) else b
                segment = comparison_segment(named.get("segment"))
                key = (a["subject"], a["property"], "" if segment == PART else segment, comparison_aspect(a.get("aspect")),
                       a.get("measure") or "level", a.get("basis") or "", False,
                       a.get("unit") or "" if a["label"] == "COUNT" else "", a.get("currency") or "")
                out.append((key, [a, b]))
    return out


def _voices(a: dict, b: dict) -> frozenset:
    return frozenset(((a["source_key"], a["text"]), (b["source_key"], b["text"])))


def compared(rows: list[dict], source_of: dict[str, str]) -> set[frozenset]:
    """The pairs of (source, written value) that conflict rows compared: a pair of sources
    compared once is not compared again through other copies of the same texts."""
    return {frozenset(((source_of.get(r["doc_a"], r["doc_a"]), r["text_a"]), (source_of.get(r["doc_b"], r["doc_b"]), r["text_b"])))
            for r in rows}


def _named_apart(a: dict, b: dict) -> bool:
    """Do both name different segments (two parts a source told apart)?"""
    sa, sb = comparison_segment(a.get("segment")), comparison_segment(b.get("segment"))
    return bool(sa and sb and PART not in (sa, sb) and sa != sb)


def echo_facts(claims: list[dict], names: dict[str, str], done: set[frozenset], scales: ScaleWords) -> tuple[list[dict], list[dict]]:
    """Facts and conflict rows of the scale echoes among `claims` (of any echo keys). A claim keeps
    the fact it had; its counts take the larger of the two comparisons."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        if written(c, scales):
            groups[echo_key(c)].append(c)
    facts, rows = [], []
    for k in sorted(groups, key=lambda k: tuple(map(str, k))):
        if len({c["source_key"] for c in groups[k]}) < 2:
            continue
        for key, pair in echo_pairs(groups[k], done, scales):
            before = {c["claim_id"]: (c.get("fact_id"), c.get("n_agree") or 0, c.get("n_conflict") or 0) for c in pair}
            fact, found = fact_of(key, pair, names)
            if fact is None or not found:
                for c in pair:  # (no conflict after all: as it was)
                    c["fact_id"], c["n_agree"], c["n_conflict"] = before[c["claim_id"]]
                continue
            for c in pair:
                fid, agree, against = before[c["claim_id"]]
                c["fact_id"] = fid or c["fact_id"]
                c["n_agree"], c["n_conflict"] = max(agree, c["n_agree"]), max(against, c["n_conflict"])
            done.update(compared(found, {c["doc_id"]: c["source_key"] for c in pair}))
            facts.append(fact)
            rows.extend(found)
    return facts, rows
