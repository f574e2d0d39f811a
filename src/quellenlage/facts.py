"""Facts: what at least two sources report about one (subject, property, frame). Rows only.

Claims are grouped by their comparison key (subject, property, segment, aspect, measure,
basis, unit, currency) before any pairwise work, then split by time: figures per period
(revenue) by their period's calendar extent, figures at a point in time (employees, a
valuation) by their stated date (joined by sources published then) or into windows of the
property's `window_days`, lasting ones (parameters) not at
all. A claim whose period is unknown is compared only with others without one, within the window. Values are intervals (conflicts.py); a fact is
`disputed` when two sources give values whose intervals do not overlap. The value most
sources support is the consensus; each other value gets a suspected cause where one fits.
"""
from __future__ import annotations

import re

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field

from quellenlage.claim_parts import PART
from quellenlage.conflicts import Interval, apart, claim_interval, conflict_id, published_day
from quellenlage.fact_time import comparison_segment, time_buckets, windows
from quellenlage.subject_names import canonical_subjects, subject_forms
from quellenlage.wording import describe_frame, format_value, summary_sentence

CAUSES = ("false_friend", "scale", "rounding", "update")


@dataclass
class ValueGroup:
    """Claims of one fact whose values agree (their intervals share a common part)."""
    interval: Interval
    claims: list[dict] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({c["source_key"] for c in self.claims})


def fact_key(c: dict) -> tuple:
    return (c["subject"], c["property"], comparison_segment(c.get("segment")), comparison_aspect(c.get("aspect")),
            c.get("measure") or "level", c.get("basis") or "", c["label"] == "DATE",
            c.get("unit") or "" if c["label"] in ("COUNT", "DURATION") or c.get("unit") == POINTS else "", c.get("currency") or "")


POINTS = "percentage_point"  # a change in points is another change than one in percent ("um 1,3 Prozentpunkte", "um 8,5 Prozent")


def comparison_aspect(aspect: str | None) -> str:
    """A target ("will 80 Mrd. investieren") and a forecast ("stellt 80 Mrd. in Aussicht") are
    both plans for the same time, compared as one; actuals, estimates and conditions stay apart."""
    aspect = aspect or "actual"
    return "forecast" if aspect == "target" else aspect


def value_groups(claims: list[dict]) -> list[ValueGroup]:
    """Greedy clustering along the number line: a claim joins the group whose common part
    its interval overlaps, else opens a new one."""
    rows = [(claim_interval(c), c) for c in claims]
    rows = [(i, c) for i, c in rows if i is not None]
    rows.sort(key=lambda r: (r[0].low, r[0].high, r[1]["claim_id"]))
    groups: list[ValueGroup] = []
    for iv, c in rows:
        g = groups[-1] if groups else None
        if g is not None and g.interval.overlaps(iv):
            g.interval = Interval(max(g.interval.low, iv.low), min(g.interval.high, iv.high), g.interval.rounded or iv.rounded)
            g.claims.append(c)
        else:
            groups.append(ValueGroup(iv, [c]))
    return groups


def suspected_cause(minority: dict, reference: dict) -> str | None:
    """Why a minority value may differ from the reference value: a power of ten apart (a
    misplaced comma, Millionen for Milliarden), a factor of 1,000 with "Billion" written (the
    English "billion"), within 3 % (rounding), or a newer source of a quantity that changes
    and whose period is unsaid (an update)."""
    a, b = _point(minority), _point(reference)
    if a and b and a > 0 and b > 0:
        ratio = a / b
        exp = math.log10(ratio)
        near = round(exp)
        if near != 0 and abs(exp - near) < 0.02:
            texts = (minority.get("text") or "") + " " + (reference.get("text") or "")
            if abs(near) in (3, 6) and any(w in texts for w in ("Billion", "Bio.", "Billiarde", "billion", "Trillion")):
                return "false_friend"
            return "scale"
        if abs(ratio - 1) <= 0.03:
            return "rounding"
    da, db = minority.get("_day"), reference.get("_day")
    if da is not None and db is not None and da > db and minority.get("time") != "static" \
            and minority.get("label") != "DATE" \
            and not minority.get("period") and not reference.get("period"):  # (the day of an event is not updated)
        return "update"
    return None


def _point(c: dict) -> float | None:
    if c.get("value") is not None:
        return float(c["value"])
    if c.get("low") is not None and c.get("high") is not None:
        return (c["low"] + c["high"]) / 2
    return None


def fact_id(key: tuple, bucket: list[dict]) -> str:
    first = min(c["claim_id"] for c in bucket)
    return "F" + hashlib.sha1(("|".join(map(str, key)) + "|" + first).encode()).hexdigest()[:12]


INTRADAY = "intraday"  # frames.yaml sessions: "zeitweise", "am Mittag", "Die Papiere gewinnen 4,2 Prozent"


def comparable(c: dict) -> bool:
    """Does the claim take part in facts at all?"""
    if c.get("segment") in (PART, INTRADAY) or c.get("_background"):
        return False  # an unnamed part, a quote at some moment of a trading day, a background date: compared with nothing
    if c.get("aspect") == "estimate" and not c.get("basis"):
        return False  # analysts' estimates of an unnamed poll: another poll may well differ
    return True


def build_facts(claims: list[dict], names: dict[str, str], known: frozenset[str] = frozenset()) -> tuple[list[dict], list[dict]]:
    """Facts and conflict rows from claim rows that carry `source_key`, `_day`, `time` and
    `window_days`. Sets each claim's fact_id, status, n_agree, n_conflict, suspected_cause."""
    canonical_subjects(claims, known)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        if comparable(c):
            groups[fact_key(c)].append(c)
    facts, conflicts = [], []
    for key in sorted(groups, key=lambda k: tuple(map(str, k))):
        f, r = group_facts(key, groups[key], names)
        facts.extend(f)
        conflicts.extend(r)
    for c in claims:
        set_status(c)
    return sort_facts(facts, conflicts)


def group_facts(key: tuple, members: list[dict], names: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """The facts and conflict rows of one comparison group (claims of one fact key): the
    unit of work of the cross-document step, independent of every other group."""
    facts, conflicts = [], []
    if len({c["source_key"] for c in members}) < 2:
        return facts, conflicts
    buckets = time_buckets(members, members[0]["time"], members[0]["window_days"])
    for bucket in buckets:
        if len({c["source_key"] for c in bucket}) < 2:
            continue
        fact, rows = fact_of(key, bucket, names)
        if fact is not None:
            facts.append(fact)
            conflicts.extend(rows)
    for pair in _scale_pairs(members, buckets):
        fact, rows = fact_of(key, pair, names)
        if fact is not None:
            facts.append(fact)
            conflicts.extend(rows)
    return facts, conflicts


def set_status(c: dict) -> None:
    c["status"] = "conflicting" if c.get("n_conflict") else "corroborated" if c.get("n_agree") else "single_source"


def sort_facts(facts: list[dict], conflicts: list[dict]) -> tuple[list[dict], list[dict]]:
    """The one order of facts (disputed first, most sources first) and of conflict rows."""
    facts.sort(key=lambda f: (f["status"] != "disputed", -f["n_sources"], f["subject"], f["property"], f["fact_id"]))
    conflicts.sort(key=lambda r: (r["subject"], r["property"], r["claim_a"], r["claim_b"]))
    return facts, conflicts


SCALE_WINDOW = 31  # days: a value a power of a thousand off is compared across this much time


def passed_mark(a: dict, b: dict, ia, ib) -> bool:
    """A count at a point in time that a later source says has by now passed a higher mark ("Mehr
    als 21 Millionen Menschen sind inzwischen registriert" two days after "20 Millionen"): it grew,
    the two are no dispute (SPEC §9: updates). `by_now`: the claim step saw one of the rules'
    words for it (properties.yaml by_now) in the claim's sentence."""
    if a.get("time") not in ("stock", "event") or a.get("_day") is None or b.get("_day") is None or a["_day"] == b["_day"]:
        return False
    (early, ie), (late, il) = sorted(((a, ia), (b, ib)), key=lambda x: x[0]["_day"])
    # (both saying "inzwischen" is a dispute about today's count, no growth; an event's count too:
    # "Damit sind inzwischen fünf Gesellschaften betroffen" two days after "zwei")
    if late.get("revised") and not early.get("revised") and a.get("time") == "event":
        return True  # "Statt der zunächst geschätzten knapp 50 Millionen Konten …": a correction of what was said before
    return not late.get("period_end") and (late.get("qualifier") == "lower_bound" or a.get("time") == "event") and il.low >= ie.high \
        and bool(late.get("by_now")) and not early.get("by_now")


def _scale_pairs(members: list[dict], buckets: list[list[dict]]) -> list[list[dict]]:
    """A quantity that changes day by day (a market value, a share price) is compared only with
    figures of the same day; but one source writing "4 Trillionen" and another "vier
    Billionen" within a month is a transcription error, not a change: such pairs (a factor of
    1,000, 10^6 or 10^9 apart, the same digits) in different time buckets are compared too.
    Linear: only claims with the same leading digits meet. A figure per period (revenue) whose
    period one source leaves unsaid ("kam zuletzt auf einen Jahresumsatz von 44,1 Millionen
    Euro") is such a pair with another source's figure of a named period ("2023 … 44,1 Milliarden
    Euro") in the same way; two named periods are two figures."""
    if not members or members[0]["time"] not in ("stock", "flow"):
        return []
    if members[0]["time"] == "flow" and not any(not c.get("period") and not c.get("past") for c in members):
        return []
    bucket_of = {c["claim_id"]: k for k, b in enumerate(buckets) for c in b}
    by_digits: dict[int, list[dict]] = defaultdict(list)
    for c in members:
        v = _point(c)
        if v and v > 0 and c.get("_day") is not None:
            by_digits[round((math.log10(v) % 3) * 200)].append(c)
    out = []
    for same in by_digits.values():
        for cluster in windows(same, SCALE_WINDOW, published=True):
            suspects = _scale_suspects(cluster, bucket_of)
            if suspects:
                out.append(suspects)  # one fact for them, however many copies stand behind each value
    return out


def _scale_suspects(cluster: list[dict], bucket_of: dict) -> list[dict]:
    """The claims of a cluster that take part in a transcription error across time buckets.
    Compared once per (source, value, time bucket), so copies of a text add no work."""
    classes: dict[tuple, list[dict]] = defaultdict(list)
    for c in cluster:
        classes[(c["source_key"], round(math.log10(_point(c)), 3), bucket_of.get(c["claim_id"]))].append(c)
    reps = sorted(classes, key=str)
    hit: set[tuple] = set()
    for i, ka in enumerate(reps):
        for kb in reps[i + 1:]:
            a, b = classes[ka][0], classes[kb][0]
            if ka[0] != kb[0] and ka[2] != kb[2] and suspected_cause(a, b) in ("scale", "false_friend") \
                    and abs(ka[1] - kb[1]) >= 2.9 and (a["time"] != "flow" or _one_unsaid(a, b)):
                hit.update((ka, kb))
    return sorted((c for k in hit for c in classes[k]), key=lambda c: c["claim_id"])


def _one_unsaid(a: dict, b: dict) -> bool:
    """Of two figures per period, does one leave its period unsaid (neither an earlier time)?"""
    return any(not c.get("period") and not c.get("past") for c in (a, b)) and not (a.get("past") or b.get("past"))


def fact_of(key: tuple, bucket: list[dict], names: dict[str, str]) -> tuple[dict | None, list[dict]]:
    groups = value_groups(bucket)
    if not groups:
        return None, []
    fid = fact_id(key, bucket)
    ordered = sorted(bucket, key=lambda c: (c["doc_id"], c["start"], c["claim_id"]))
    intervals = {c["claim_id"]: claim_interval(c) for c in ordered}
    agree: dict[str, set] = defaultdict(set)
    against: dict[str, set] = defaultdict(set)
    rows = []
    # Every pair of claims from different sources (copies of one agency text are one source);
    # a source that repeats a figure (headline and body) stands behind each mention.
    # Each source speaks through one document (copies of an article, or a second article of the
    # same outlet, add no voice), with every mention there (headline and body).
    rep_doc: dict[str, str] = {}
    for c in ordered:
        rep_doc.setdefault(c["source_key"], c["doc_id"])
    voices = [c for c in ordered if rep_doc[c["source_key"]] == c["doc_id"]]
    # A source that names variants in one sentence ("5 beziehungsweise 8 Milliarden Parameter")
    # agrees with a source naming one of them: no conflict between those two.
    sentence_of = {c["claim_id"]: (c["doc_id"], c.get("sentence_start")) for c in ordered}
    by_sentence: dict[tuple, list[dict]] = defaultdict(list)
    for c in ordered:
        by_sentence[sentence_of[c["claim_id"]]].append(c)

    def variant_agrees(a: dict, b: dict) -> bool:
        for x, y in ((a, b), (b, a)):
            for sib in by_sentence[sentence_of[x["claim_id"]]]:
                if sib is not x and intervals[sib["claim_id"]] is not None and intervals[y["claim_id"]] is not None \
                        and intervals[sib["claim_id"]].overlaps(intervals[y["claim_id"]]):
                    return True
        return False

    def verdict(a: dict, b: dict) -> str | None:
        ia, ib = intervals[a["claim_id"]], intervals[b["claim_id"]]
        if a["source_key"] == b["source_key"] or ia is None or ib is None or any(
                a.get(k) and b.get(k) and a[k] != b[k] for k in ("market", "issuer")):
            return None  # (a company's share of the PC market is not its share of smartphones: `market`; nor a fine by another authority)
        if ia.overlaps(ib):
            return "agree"
        if a["label"] in ("MONEY", "COUNT") and apart(_point(a), _point(b)):
            return None  # ("1,49 Mrd." and "50 Mio." as one fine: two fines, not one misreported)
        if passed_mark(a, b, ia, ib):
            return None  # an update: the later source says the count has by now passed a higher mark
        return None if variant_agrees(a, b) else "conflict"

    for a in ordered:  # every claim's standing against the other sources' voices
        a["fact_id"] = fid
        for b in voices:
            v = verdict(a, b)
            if v:
                (agree if v == "agree" else against)[a["claim_id"]].add(b["source_key"])
    for i, a in enumerate(voices):  # one row per conflicting pair of voices
        for b in voices[i + 1:]:
            if verdict(a, b) == "conflict":
                rows.append(_conflict_row(a, b, names.get(a["property"], a["property"]), fid))
    for c in ordered:
        c["n_agree"], c["n_conflict"] = len(agree[c["claim_id"]]), len(against[c["claim_id"]])
    sources = {c["source_key"] for c in bucket}
    by_support = sorted(groups, key=lambda g: (-len(g.sources), g.claims[0]["claim_id"]))
    majority = by_support[0] if len(by_support[0].sources) * 2 > len(sources) else None
    disputed = bool(rows)
    reference = majority or by_support[0]
    ref_claim = min(reference.claims, key=lambda c: (c.get("_day") or 0, c["claim_id"]))
    if disputed:
        for g in groups:
            if g is reference:
                continue
            for c in g.claims:
                c["suspected_cause"] = suspected_cause(c, ref_claim)
    first = bucket[0]
    values = [{"low": _finite(g.interval.low), "high": _finite(g.interval.high), "value": _point(g.claims[0]),
               "text": g.claims[0]["text"], "sources": sorted({c["source"] for c in g.claims}),
               "claims": [c["claim_id"] for c in sorted(g.claims, key=lambda c: c["claim_id"])],
               "cause": next((c.get("suspected_cause") for c in g.claims if c.get("suspected_cause")), None)}
              for g in by_support]
    consensus = _point(min(majority.claims, key=lambda c: c["claim_id"])) if majority and first["label"] != "DATE" else None
    consensus_date = min(majority.claims, key=lambda c: c["claim_id"]).get("date_value") if majority and first["label"] == "DATE" else None
    fact = {
        "fact_id": fid, "subject": first["subject"], "property": first["property"],
        "period": _common(bucket, "period"), "segment": first.get("segment"), "aspect": first.get("aspect") or "actual",
        "measure": first.get("measure") or "level", "basis": first.get("basis"),
        "unit": first.get("unit") if first["label"] in ("COUNT", "DURATION") else None, "currency": first.get("currency"),
        "label": first["label"], "status": "disputed" if disputed else "agreed", "n_sources": len(sources),
        "n_values": len(groups), "consensus": consensus, "consensus_date": consensus_date,
        "n_conflicts": len(rows), "values": values,
    }
    fact["summary"] = summary_sentence(fact, names.get(first["property"], first["property"]), by_support, majority)
    return fact, rows


def _common(bucket: list[dict], key: str):
    vals = sorted({c.get(key) for c in bucket if c.get(key)})
    return vals[0] if len(vals) == 1 else (vals[0] if vals else None)


def _finite(x: float) -> float | None:
    return None if math.isinf(x) else x


def _conflict_row(a: dict, b: dict, prop_name: str, fid: str) -> dict:
    if a["claim_id"] > b["claim_id"]:
        a, b = b, a
    frame = describe_frame(a)
    explanation = (f"Zu „{prop_name}“ von {a['subject']}{frame} nennt {a['source']} „{a['text']}“ "
                   f"({format_value(a)}), {b['source']} dagegen „{b['text']}“ ({format_value(b)}); "
                   f"die Angaben schließen einander aus.")
    if a.get("_day") and b.get("_day") and a["_day"] != b["_day"]:
        newer = a if a["_day"] > b["_day"] else b
        explanation += f" Die Angabe von {newer['source']} ist neuer ({newer['published']})."
    return {"conflict_id": conflict_id(a["claim_id"], b["claim_id"]), "fact_id": fid, "subject": a["subject"],
            "property": a["property"], "claim_a": a["claim_id"], "claim_b": b["claim_id"], "doc_a": a["doc_id"],
            "start_a": a["start"], "end_a": a["end"], "doc_b": b["doc_id"], "start_b": b["start"], "end_b": b["end"],
            "text_a": a["text"], "text_b": b["text"], "explanation": explanation}


__all__ = ["CAUSES", "ValueGroup", "build_facts", "fact_key", "published_day", "suspected_cause",
           "subject_forms", "time_buckets", "value_groups"]
