"""Comparing claims across sources (SPEC §9). Pure.

Each value is an interval: exact -> a band for the rounding its written precision allows,
approx/estimate -> ±10 %, upper_bound -> (0, v], lower_bound -> [v, ∞), range -> [low, high],
dates -> their calendar extent. Comparable claims (same subject and property, same unit and
currency, different sources, same time for values that change) whose intervals do not
overlap conflict; overlapping ones agree.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass

from quellenlage.normalize.dates import parse_published

APPROX = 0.10
EXACT_CAP = 0.025  # an exact figure is never read wider than ±2.5 %


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: "Interval") -> bool:
        return self.low <= other.high and other.low <= self.high


def _rounding_band(text: str, value: float) -> float:
    """Half a unit of the last written digit: "5,6 Mio." -> 0.05 Mio, "590" -> 5."""
    m = re.search(r"\d[\d.,'’ \u00a0\u202f]*", text)
    if not m or value == 0:
        return 0.0
    digits = m.group(0).strip()
    if "," in digits:  # German decimals: "5,576"
        decimals = len(digits.rsplit(",", 1)[1])
        mantissa = float(digits.replace(".", "").replace("'", "").replace(",", ".").replace(" ", ""))
        unit = 10 ** -decimals
    else:
        plain = re.sub(r"[.'’ \u00a0\u202f]", "", digits)
        if not plain.isdigit():
            return abs(value) * EXACT_CAP
        mantissa = float(plain)
        stripped = plain.rstrip("0") or "0"
        unit = 10 ** (len(plain) - len(stripped))
    scale = abs(value) / mantissa if mantissa else 1.0
    return min(unit / 2 * scale, abs(value) * EXACT_CAP)


def number_interval(claim: dict) -> Interval | None:
    q = claim.get("qualifier") or "exact"
    v, lo, hi = claim.get("value"), claim.get("low"), claim.get("high")
    if lo is not None and hi is not None:
        return Interval(lo, hi)
    if v is None:
        return None
    if q in ("approx", "estimate"):
        d = abs(v) * APPROX
        return Interval(v - d, v + d)
    if q == "upper_bound":
        return Interval(0.0 if v >= 0 else -math.inf, v)
    if q == "lower_bound":
        return Interval(v, math.inf)
    band = _rounding_band(claim.get("text") or "", v)
    return Interval(v - band, v + band)


def date_interval(value: str | None) -> Interval | None:
    """Calendar extent of an ISO partial date as ordinal days."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])|W(\d{2})))?", value)
    if not m:
        return None
    y = int(m.group(1))
    month, day, q, h, w = m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)
    if day:
        d = dt.date(y, int(month), int(day))
        return Interval(d.toordinal(), d.toordinal())
    if month:
        first = dt.date(y, int(month), 1)
        nxt = dt.date(y + (int(month) == 12), int(month) % 12 + 1, 1)
        return Interval(first.toordinal(), nxt.toordinal() - 1)
    if q or h:
        months = 3 if q else 6
        k = int(q or h)
        first = dt.date(y, (k - 1) * months + 1, 1)
        end_m = k * months
        nxt = dt.date(y + (end_m == 12), end_m % 12 + 1, 1)
        return Interval(first.toordinal(), nxt.toordinal() - 1)
    if w:
        monday = dt.date.fromisocalendar(y, int(w), 1)
        return Interval(monday.toordinal(), monday.toordinal() + 6)
    return Interval(dt.date(y, 1, 1).toordinal(), dt.date(y, 12, 31).toordinal())


def claim_interval(claim: dict) -> Interval | None:
    if claim.get("date_value"):
        return date_interval(claim["date_value"])
    return number_interval(claim)


def same_time(a: dict, b: dict, window_days: int | None) -> tuple[bool, str | None]:
    """For values that change over time: do a and b speak of the same time? Also names the newer."""
    if not window_days:
        return True, None
    # The time of a claim: a date in its sentence, else its article's publication date.
    if str(a.get("as_of") or "").startswith("FY") or str(b.get("as_of") or "").startswith("FY"):
        return a.get("as_of") == b.get("as_of"), None  # fiscal periods: only the same one
    ta, tb = _time(a, window_days), _time(b, window_days)
    pa, pb = _pub(a.get("published")), _pub(b.get("published"))
    newer = None if pa is None or pb is None or pa == pb else (a["claim_id"] if pa > pb else b["claim_id"])
    if ta is None or tb is None:
        return True, newer  # one side has no time at all: compare
    return ta.overlaps(tb), newer


def _time(c: dict, window_days: int) -> Interval | None:
    """A date in the sentence; else the publication date (minus the window); "ursprünglich …"
    (past) means some time before that window."""
    if c.get("as_of"):
        return date_interval(c["as_of"])
    around = _around(c.get("published"), window_days)
    if c.get("past"):
        return Interval(-math.inf, around.low - 1) if around else None
    return around


def _around(published: str | None, window_days: int) -> Interval | None:
    p = _pub(published)
    return None if p is None else Interval(p - window_days, p)


def _pub(value: str | None) -> int | None:
    y, m, d = parse_published(value)
    return dt.date(y, m or 1, d or 1).toordinal() if y else None


def compare(a: dict, b: dict, window_days: int | None) -> str | None:
    """'conflict', 'agree' or None (not comparable)."""
    if a["subject"] != b["subject"] or a["property"] != b["property"]:
        return None
    if a["source_key"] == b["source_key"]:
        return None
    if (a.get("scope") or b.get("scope")) and a.get("scope") != b.get("scope"):
        return None  # ranks in different rankings
    if (a.get("unit") or None) != (b.get("unit") or None) and a.get("unit") and b.get("unit"):
        return None
    if (a.get("currency") or None) != (b.get("currency") or None):
        return None
    if bool(a.get("date_value")) != bool(b.get("date_value")) or a.get("label") != b.get("label"):
        return None
    ok, _ = same_time(a, b, window_days)
    if not ok:
        return None
    ia, ib = claim_interval(a), claim_interval(b)
    if ia is None or ib is None:
        if a.get("date_value") and b.get("date_value"):
            return "agree" if a["date_value"] == b["date_value"] else "conflict"
        return None
    return "agree" if ia.overlaps(ib) else "conflict"


def conflict_id(a: str, b: str) -> str:
    return "X" + hashlib.sha1(f"{a}|{b}".encode()).hexdigest()[:12]


def shingles(text: str, k: int = 5) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + k]) for i in range(max(0, len(words) - k + 1))}


def same_text_groups(texts: dict[str, str], threshold: float = 0.8, sketch: int = 6) -> dict[str, str]:
    """doc_id -> group id: copies of one agency text (near-identical wording) are one source.

    Only documents that share one of their `sketch` smallest shingle hashes are compared (a
    MinHash-style candidate search), so this stays near-linear for large corpora."""
    ids = sorted(texts)
    sh = {d: shingles(texts[d]) for d in ids}
    buckets: dict[str, list[str]] = {}
    for d in ids:
        for h in sorted(hashlib.md5(x.encode()).hexdigest()[:12] for x in sh[d])[:sketch]:
            buckets.setdefault(h, []).append(d)
    pairs = sorted({(a, b) for members in buckets.values() for i, a in enumerate(members) for b in members[i + 1:]})
    group = {d: d for d in ids}
    for a, b in pairs:
        if group[b] != b or not sh[a] or not sh[b]:
            continue
        if len(sh[a] & sh[b]) / len(sh[a] | sh[b]) >= threshold:
            group[b] = group[a]
    return group
