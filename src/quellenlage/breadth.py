"""Breadth suites: single sentences grouped by the way German writes an amount, a duration or
a date (`3 Euro 20`, `ein halbes Jahr`, `übermorgen`), scored per kind.

A suite is a YAML list of cases: `id`, `kind`, `published`, `text` and `spans`, each span
`{text, label, value | low/high | date_value, unit?, currency?, occurrence?}` (the span's
offsets are found from its text, the `occurrence`-th time it appears). Kinds named
`negatives…` hold sentences where nothing (or only the listed spans) may be found. Scored
with SPEC §8's matching: lenient = same label and overlapping; value = the value right too
(and the currency for MONEY, the unit for DURATION).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quellenlage.readers import Article
from quellenlage.scoring import matched_pairs, value_matches

LABELS = ("MONEY", "DURATION", "DATE")


@dataclass
class KindScore:
    gold: int = 0
    found: int = 0
    value_ok: int = 0
    predicted: int = 0
    false_pos: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "KindScore") -> None:
        for name in ("gold", "found", "value_ok", "predicted", "false_pos"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def value_accuracy(self) -> float:
        """Right values among the spans found."""
        return self.value_ok / self.found if self.found else 1.0

    @property
    def precision(self) -> float:
        return 1 - self.false_pos / self.predicted if self.predicted else 1.0


def load_cases(paths: list[str | Path]) -> list[dict]:
    cases = []
    for path in paths:
        path = Path(path)
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        for f in files:
            for case in yaml.safe_load(f.read_text(encoding="utf-8")) or []:
                cases.append({**case, "file": f.name})
    return cases


def gold_spans(case: dict) -> list[dict]:
    text, spans = case["text"], []
    for s in case.get("spans") or []:
        start = -1
        for _ in range(int(s.get("occurrence", 1))):
            start = text.find(s["text"], start + 1)
        if start < 0:
            raise ValueError(f"{case['id']}: span {s['text']!r} not in its text")
        value = s.get("date_value", s.get("value"))
        spans.append({"start": start, "end": start + len(s["text"]), "label": s["label"], "value": value,
                      "low": s.get("low"), "high": s.get("high"), "unit": s.get("unit"),
                      "currency": s.get("currency"), "text": s["text"]})
    return spans


def _value_right(pred: dict, gold: dict) -> bool:
    if not value_matches(pred, gold):
        return False
    if gold["label"] == "MONEY" and gold.get("currency"):
        return pred.get("currency") == gold["currency"]
    if gold["label"] == "DURATION" and gold.get("unit"):
        return pred.get("unit") == gold["unit"]
    return True


def score_case(nlp, case: dict) -> dict[str, KindScore]:
    """Scores of one case per label."""
    from quellenlage.extract import make_doc
    from quellenlage.rows import doc_tables
    published = str(case["published"]) if case.get("published") else None
    doc = nlp(make_doc(nlp, Article(doc_id=str(case["id"]), path="breadth", text=case["text"], published=published)))
    preds = [r for r in doc_tables(doc)["figures"] if r["label"] in LABELS]
    golds = gold_spans(case)
    pairs = matched_pairs(preds, golds)
    out = {label: KindScore() for label in LABELS}
    for g in golds:
        out[g["label"]].gold += 1
    for p in preds:
        out[p["label"]].predicted += 1
    for i, j in pairs:
        s = out[golds[j]["label"]]
        s.found += 1
        if _value_right(preds[i], golds[j]):
            s.value_ok += 1
        else:
            s.misses.append(f"{case['id']}\twrong\t{golds[j]['label']}\t{golds[j]['text']!r}\t"
                            f"gold {_shown(golds[j])}\tgot {preds[i]['text']!r} {_shown(preds[i])}")
    for j in set(range(len(golds))) - {j for _, j in pairs}:
        out[golds[j]["label"]].misses.append(f"{case['id']}\tmissed\t{golds[j]['label']}\t{golds[j]['text']!r}\t{_shown(golds[j])}")
    for i in set(range(len(preds))) - {i for i, _ in pairs}:
        s = out[preds[i]["label"]]
        s.false_pos += 1
        s.misses.append(f"{case['id']}\tfalse+\t{preds[i]['label']}\t{preds[i]['text']!r}\t{_shown(preds[i])}")
    return out


def _shown(span: dict) -> dict:
    return {k: span[k] for k in ("value", "date_value", "low", "high", "unit", "currency") if span.get(k) is not None}


def score_suite(nlp, cases: list[dict]) -> dict[str, KindScore]:
    """Scores per kind (all labels), per label (`label MONEY`) and in all (`all`)."""
    out: dict[str, KindScore] = {}
    for case in cases:
        for label, s in score_case(nlp, case).items():
            for key in (case["kind"], f"label {label}"):
                out.setdefault(key, KindScore()).add(s)
            all_ = out.setdefault("all", KindScore())
            all_.add(KindScore(s.gold, s.found, s.value_ok, s.predicted, s.false_pos))
    return out


def format_scores(scores: dict[str, KindScore]) -> str:
    lines = [f"{'kind':<24} {'gold':>5} {'found':>6} {'recall':>7} {'values':>7} {'pred':>5} {'false+':>7} {'prec':>6}"]
    order = sorted(k for k in scores if not k.startswith("label ") and k != "all")
    for kind in order + sorted(k for k in scores if k.startswith("label ")) + ["all"]:
        s = scores[kind]
        lines.append(f"{kind:<24} {s.gold:>5} {s.found:>6} {s.recall:>7.3f} {s.value_accuracy:>7.3f} "
                     f"{s.predicted:>5} {s.false_pos:>7} {s.precision:>6.3f}")
    return "\n".join(lines)
