"""Scoring predictions against gold spans, exactly as SPEC §8 says.

A prediction matches a gold span with the same label when the spans overlap; pairs are
matched one to one, largest overlap first. Full match = span match and the value right.
Pure functions over plain dicts: no spaCy here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

LABEL_ORDER = ("MONEY", "COUNT", "PERCENT", "RANK", "DURATION", "DATE", "QUOTE")
REL_TOL = 0.005


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    full_tp: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.full_tp += other.full_tp

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        fp_full = self.full_tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        fr_full = self.full_tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "full_tp": self.full_tp,
                "precision": p, "recall": r, "f1": _f1(p, r),
                "full_precision": fp_full, "full_recall": fr_full, "full_f1": _f1(fp_full, fr_full)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def close(pred: float | None, gold: float | None) -> bool:
    if pred is None or gold is None:
        return False
    if gold == 0:
        return pred == 0
    return abs(pred - gold) <= REL_TOL * abs(gold)


def last_name(name: str | None) -> str | None:
    if not name:
        return None
    parts = name.split()
    return parts[-1].casefold() if parts else None


def value_matches(pred: dict, gold: dict) -> bool:
    """The value part of a full match, per label (SPEC §8)."""
    label = gold["label"]
    if label.startswith("QUOTE"):
        if pred.get("kind") != gold.get("kind"):
            return False
        if gold.get("kind") == "statement":
            return last_name(pred.get("speaker")) == last_name(gold.get("speaker"))
        return True
    if label == "DATE":
        mine, theirs = pred.get("date_value") or None, gold.get("value") or None
        if mine == theirs:
            return True
        # one extent in two notations: "2025-H2" is "2025-07/2025-12"
        from quellenlage.normalize.periods import extent
        a, b = extent(mine), extent(theirs)
        return a is not None and a == b
    if label == "COUNT" and gold.get("unit") and pred.get("unit") != gold["unit"]:
        return False  # a parameter count is not a GPU count (SPEC §8)
    if gold.get("low") is not None or gold.get("high") is not None:
        return close(pred.get("low"), gold.get("low")) and close(pred.get("high"), gold.get("high"))
    return close(pred.get("value"), gold.get("value"))


def _greedy(preds: list[dict], golds: list[dict]) -> list[tuple[int, int]]:
    pairs = [(overlap(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)
             if p["label"] == g["label"] and overlap(p, g) > 0]
    # Largest overlap first; ties go to the earlier prediction and gold span (deterministic).
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p, used_g, matched = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def matched_pairs(preds: list[dict], golds: list[dict]) -> list[tuple[int, int]]:
    """(prediction index, gold index) matched one to one, same label, largest overlap first."""
    return _greedy(preds, golds)


def in_regions(span: dict, regions: list) -> bool:
    return any(span["start"] < e and s < span["end"] for s, e in regions)


@dataclass
class DocScore:
    by_label: dict[str, Counts] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)  # for inspection: fp/fn/wrong value

    def counts(self, label: str) -> Counts:
        return self.by_label.setdefault(label, Counts())


def score_document(preds: list[dict], gold_spans: list[dict], boilerplate: list | None = None,
                   text: str = "") -> DocScore:
    """Preds and gold spans are dicts with start, end, label and value fields."""
    score = DocScore()
    boilerplate = boilerplate or []
    free = []
    for p in preds:
        if in_regions(p, boilerplate):
            score.counts(p["label"]).fp += 1
            score.errors.append({"type": "fp_boilerplate", "pred": p, "text": text[p["start"]:p["end"]]})
        else:
            free.append(p)
    required = [g for g in gold_spans if not g.get("optional")]
    optional = [g for g in gold_spans if g.get("optional")]
    matched = _greedy(free, required)
    mp = {i for i, _ in matched}
    mg = {j for _, j in matched}
    for i, j in matched:
        c = score.counts(required[j]["label"])
        c.tp += 1
        if value_matches(free[i], required[j]):
            c.full_tp += 1
        else:
            score.errors.append({"type": "wrong_value", "pred": free[i], "gold": required[j],
                                 "text": text[free[i]["start"]:free[i]["end"]]})
    rest = [p for i, p in enumerate(free) if i not in mp]
    absorbed = {i for i, _ in _greedy(rest, optional)}
    for i, p in enumerate(rest):
        if i not in absorbed:
            score.counts(p["label"]).fp += 1
            score.errors.append({"type": "fp", "pred": p, "text": text[p["start"]:p["end"]]})
    for j, g in enumerate(required):
        if j not in mg:
            score.counts(g["label"]).fn += 1
            score.errors.append({"type": "fn", "gold": g, "text": text[g["start"]:g["end"]]})
    return score


def summarise(doc_scores: list[DocScore]) -> dict:
    """{"labels": {LABEL: {...}}, "overall": {...}} (SPEC §8), labels in a fixed order."""
    totals: dict[str, Counts] = {}
    for ds in doc_scores:
        for label, c in ds.by_label.items():
            totals.setdefault(label, Counts()).add(c)
    order = [lab for lab in LABEL_ORDER if lab in totals] + sorted(set(totals) - set(LABEL_ORDER))
    overall = Counts()
    for c in totals.values():
        overall.add(c)
    return {"labels": {lab: totals[lab].as_dict() for lab in order}, "overall": overall.as_dict()}
