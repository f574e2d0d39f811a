"""Comparing values across sources (SPEC §9), and which documents are one source. Pure.

Each value is an interval: exact -> a band for the rounding its written precision allows,
approx/estimate -> ±10 %, upper_bound -> (0, v], lower_bound -> [v, ∞), range -> [low, high],
dates -> their calendar extent. Two values whose intervals do not overlap contradict each other.

Copies of one agency text are one source: each document carries a bottom-k sketch of its
word 5-grams (made in the pipeline, from the Doc), and documents whose sketches say they
share 80 % of their 5-grams are grouped, comparing only documents that share one of their
smallest hashes (near-linear in the corpus).
"""
from __future__ import annotations

import datetime as dt
from array import array
import hashlib
import heapq
import math
import re
from dataclasses import dataclass, field

from quellenlage.normalize.periods import extent

APPROX = 0.10
EXACT_CAP = 0.025  # an exact figure is never read wider than ±2.5 %
SKETCH = 64        # hashes kept per document
BUCKETS = 6        # of which the smallest name candidate groups


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    rounded: bool = field(default=False, compare=False)  # a band of rounding: its edges belong to the next written value

    def overlaps(self, other: "Interval") -> bool:
        if (self.rounded or other.rounded) and self.low < self.high and other.low < other.high:
            # "43 Prozent" and "44 Prozent" touch at 43.5 and still say different things
            return self.low < other.high and other.low < self.high
        return self.low <= other.high and other.low <= self.high


# Two amounts or counts of one quantity 12 x apart or more, and not by a power of ten, are two quantities,
# not one misreported. A misreport keeps the magnitude (a slip, a transposition, an earlier period's figure, a
# currency taken for another: under 12 x) or keeps the digits and moves them by a scale word (Millionen for
# Milliarden, "3,2 Millionen" for 321.000, "7,7 Millionen" for 77 Mio.: a power of ten, within rounding); a part
# against its whole, a quarter against its year, one company against its market do neither. (Judged flags of the
# blind sets, 12 x apart or more: off a power of ten 36 unrelated and 7 conflicts; on one 9 and 347.)
APART = 12.0
POWER_OF_TEN_SLACK = 1.35  # a rounded figure moved by a scale word ("rund 1,3 Millionen" for 1,34 Mrd.)


def apart(a: float | None, b: float | None) -> bool:
    """Are two positive amounts or counts so far apart that they measure different things (see `APART`)?"""
    if not a or not b or a <= 0 or b <= 0:
        return False
    ratio = max(a, b) / min(a, b)
    off = abs(math.log10(ratio) - round(math.log10(ratio)))
    return ratio >= APART and off >= math.log10(POWER_OF_TEN_SLACK)


def _rounding_band(text: str, value: float) -> float:
    """Half a unit of the last written digit: "5,6 Mio." -> 0.05 Mio, "590" -> 5."""
    m = re.search(r"\d[\d.,'’ \u00a0\u202f]*", text)
    if value == 0:
        return 0.0
    if not m:  # a number in words: "um sechs Prozent" is 6,3 % rounded; "drei Milliarden" as trailing zeros
        return 0.5 if abs(value) < 100 and float(value).is_integer() else abs(value) * EXACT_CAP
    digits = m.group(0).strip().rstrip(".,")
    if "," in digits:  # German decimals: "5,576"
        decimals = len(digits.rsplit(",", 1)[1])
        try:
            mantissa = float(digits.replace(".", "").replace("'", "").replace(",", ".").replace(" ", ""))
        except ValueError:
            return abs(value) * EXACT_CAP
        unit = 10 ** -decimals
    else:
        plain = re.sub(r"[.'’ \u00a0\u202f]", "", digits)
        if not plain.isdigit():
            return abs(value) * EXACT_CAP
        mantissa = float(plain)
        stripped = plain.rstrip("0") or "0"
        unit = 10 ** (len(plain) - len(stripped))
    scale = abs(value) / mantissa if mantissa else 1.0
    if unit < 10:
        # The last written digit is significant: "6 Prozent" for 6,4 % and "1,8 Mrd." for
        # 1,84 Mrd. are the same value rounded, whatever the share.
        return unit / 2 * scale
    # Trailing zeros ("15.000", "590") may be rounding or exact: never wider than ±2.5 %.
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
    return Interval(v - band, v + band, rounded=True)


def date_interval(value: str | None) -> Interval | None:
    """Calendar extent of an ISO partial date as ordinal days (fiscal periods have none)."""
    span = extent(value) if value and not value.startswith("FY") else None
    return Interval(span[0].toordinal(), span[1].toordinal()) if span else None


def claim_interval(claim: dict) -> Interval | None:
    if claim.get("date_value"):
        return date_interval(claim["date_value"])
    iv = number_interval(claim)
    if iv is not None and claim.get("measure") == "change" and iv.high <= 0:
        # "-20 %" in a key-figure list and "sank um 20 Prozent" in prose: one decline, its size
        # written with a sign or in words (a change is compared by its size)
        return Interval(-iv.high, -iv.low, iv.rounded)
    return iv


def conflict_id(a: str, b: str) -> str:
    return "X" + hashlib.sha1(f"{a}|{b}".encode()).hexdigest()[:12]


# --- one source: agency copies ----------------------------------------------------------

def shingles(text: str, k: int = 5) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + k]) for i in range(max(0, len(words) - k + 1))}


_BLAKE8 = hashlib.blake2b(digest_size=8)  # copied per shingle: cheaper than a new hasher


def _hash(s: str) -> int:
    h = _BLAKE8.copy()
    h.update(s.encode())
    return int.from_bytes(h.digest(), "big") >> 1


def sketch(text: str, size: int = SKETCH) -> list[int]:
    """The `size` smallest 64-bit hashes of the text's word 5-grams (a bottom-k sketch)."""
    return heapq.nsmallest(size, {_hash(s) for s in shingles(text)})


def similarity(a: list[int], b: list[int], size: int = SKETCH) -> float:
    """Estimated Jaccard similarity of two texts from their bottom-k sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:size]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def same_text_groups(sketches: dict[str, list[int]], threshold: float = 0.8) -> dict[str, str]:
    """doc_id -> group id: copies of one agency text (near-identical wording) are one source.

    Identical sketches are one group at once (a text fed twice, a wire copy without edits);
    the near-identical ones are then found among the distinct sketches that share one of
    their smallest hashes, so the work grows with the distinct texts, not with the copies."""
    ids = sorted(sketches)
    first: dict[bytes, str] = {}  # a sketch as 8 bytes a hash, not a tuple of Python ints
    for d in ids:
        first.setdefault(_packed(sketches[d]), d)
    distinct = sorted(d for key, d in first.items() if key)
    buckets: dict[int, list[str]] = {}
    for d in distinct:
        for h in sketches[d][:BUCKETS]:
            buckets.setdefault(h, []).append(d)
    pairs = sorted({(a, b) for members in buckets.values() for i, a in enumerate(members) for b in members[i + 1:]})
    group = {d: d for d in distinct}
    for a, b in pairs:
        if group[b] != b:
            continue
        if similarity(sketches[a], sketches[b]) >= threshold:
            group[b] = group[a]
    return {d: group.get(first[_packed(sketches[d])], d) if len(sketches[d]) else d for d in ids}


def _packed(hashes) -> bytes:
    return array("q", hashes).tobytes()


def published_day(value: str | None) -> int | None:
    """A publication date as an ordinal day (the first day of a partial date)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)).toordinal()
    except ValueError:
        return None
