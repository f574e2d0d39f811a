"""Build corpus/gold/*.jsonl from corpus/annotations/*.yaml (see corpus/GUIDELINES.md).

Offsets are computed here, never typed by hand: each span is located by its text (and the
K-th occurrence with `n: K`), and every produced span is checked with text[start:end].
Run: python scripts/build_gold.py [--check]   (--check: verify only, write nothing)
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "corpus" / "articles"
ANNOTATIONS = ROOT / "corpus" / "annotations"
GOLD = ROOT / "corpus" / "gold"

LABELS = {"MONEY", "COUNT", "PERCENT", "RANK", "DURATION", "DATE", "QUOTE"}
SPAN_KEYS = ["label", "value", "low", "high", "unit", "currency", "item", "qualifier", "mod",
             "relation", "kind", "speaker", "cue", "subject", "property", "optional",
             # the claim frame (SPEC §9), for claims only
             "period", "segment", "aspect", "measure"]


class GoldError(Exception):
    pass


def read_article(doc_id: str) -> str:
    path = ARTICLES / f"{doc_id}.txt"
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    return text


def locate(text: str, needle: str, n: int | None, where: str, to: str | None = None) -> tuple[int, int]:
    hits = []
    i = text.find(needle)
    while i >= 0:
        hits.append(i)
        i = text.find(needle, i + 1)
    if not hits:
        raise GoldError(f"{where}: text {needle!r} not found")
    if n is None and len(hits) > 1:
        raise GoldError(f"{where}: text {needle!r} occurs {len(hits)} times; add n: K")
    k = (n or 1) - 1
    if k >= len(hits):
        raise GoldError(f"{where}: text {needle!r} has only {len(hits)} occurrences, n={n}")
    start = hits[k]
    end = start + len(needle)
    if to is not None:
        j = text.find(to, end)
        if j < 0:
            raise GoldError(f"{where}: end text {to!r} not found after {needle!r}")
        end = j + len(to)
    return start, end


def build_doc(ann_path: Path) -> tuple[str, dict]:
    ann = yaml.safe_load(ann_path.read_text(encoding="utf-8"))
    doc_id = ann["id"]
    if doc_id != ann_path.stem:
        raise GoldError(f"{ann_path.name}: id {doc_id!r} differs from file name")
    text = read_article(doc_id)
    meta = {}
    if ann.get("published"):
        meta["published"] = str(ann["published"])
    boiler = []
    for b in ann.get("boilerplate") or []:
        s, _ = locate(text, b["from"], b.get("n"), f"{doc_id} boilerplate")
        e = text.find(b["to"], s)
        if e < 0:
            raise GoldError(f"{doc_id} boilerplate: {b['to']!r} not found after {b['from']!r}")
        boiler.append([s, e + len(b["to"])])
    spans = []
    for i, sp in enumerate(ann.get("spans") or []):
        where = f"{doc_id} span {i} ({sp.get('text')!r})"
        if sp.get("label") not in LABELS:
            raise GoldError(f"{where}: bad label {sp.get('label')!r}")
        start, end = locate(text, sp["text"], sp.get("n"), where, sp.get("to"))
        for bs, be in boiler:
            if start < be and bs < end:
                raise GoldError(f"{where}: span lies in a boilerplate region")
        out = {"start": start, "end": end}
        for key in SPAN_KEYS:
            if key in sp and sp[key] is not None:
                out[key] = sp[key]
        if out["label"] == "DATE" and "value" in out:
            out["value"] = str(out["value"])
        if "period" in out:
            out["period"] = str(out["period"])
        assert text[start:end] == (sp["text"] if "to" not in sp else text[start:end])
        spans.append(out)
    spans.sort(key=lambda s: (s["start"], s["end"], s["label"]))
    seen = set()
    for s in spans:
        key = (s["start"], s["end"], s["label"])
        if key in seen:
            raise GoldError(f"{doc_id}: duplicate span {text[s['start']:s['end']]!r} {s['label']}")
        seen.add(key)
    doc = {"id": doc_id, "text": text, "meta": meta, "boilerplate": boiler, "spans": spans}
    return ann.get("set", "corpus"), doc


def build_relations(docs: dict[str, dict]) -> list[dict]:
    rows = []
    listed = []
    for path in sorted(ANNOTATIONS.glob("relations*.yaml")):
        listed += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for i, rel in enumerate(listed):
        if rel["relation"] not in {"conflict", "agree", "unrelated"}:
            raise GoldError(f"relation {i}: bad relation {rel['relation']!r}")
        out = {"relation": rel["relation"]}
        for side in ("a", "b"):
            ref = rel[side]
            if ref["doc"] not in docs:
                raise GoldError(f"relation {i}: unknown doc {ref['doc']!r}")
            text = docs[ref["doc"]]["text"]
            s, e = locate(text, ref["text"], ref.get("n"), f"relation {i} side {side}")
            out[side] = {"doc": ref["doc"], "start": s, "end": e, "text": text[s:e]}
        out["subject"] = rel.get("subject")
        out["property"] = rel.get("property")
        if rel.get("why"):
            out["why"] = rel["why"]
        out["_overrides"] = bool(rel.get("overrides"))
        rows.append(out)
    # An adjudicated relation (`overrides: true`, from judges who read both articles) replaces
    # any other listing of the same pair of figures.
    def pair(r: dict) -> frozenset:
        return frozenset(((r["a"]["doc"], r["a"]["start"]), (r["b"]["doc"], r["b"]["start"])))
    final = {pair(r) for r in rows if r["_overrides"]}
    rows = [r for r in rows if r["_overrides"] or pair(r) not in final]
    for r in rows:
        r.pop("_overrides")
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true", help="verify only, write nothing")
    args = ap.parse_args(argv)
    sets: dict[str, list] = defaultdict(list)
    docs: dict[str, dict] = {}
    errors = []
    for ann_path in sorted(ANNOTATIONS.glob("*.yaml")):
        if ann_path.name.startswith("relations"):
            continue
        try:
            name, doc = build_doc(ann_path)
        except (GoldError, KeyError, FileNotFoundError) as exc:
            errors.append(f"{ann_path.name}: {exc}")
            continue
        sets[name].append(doc)
        docs[doc["id"]] = doc
    try:
        relations = build_relations(docs)
    except (GoldError, KeyError) as exc:
        errors.append(str(exc))
        relations = []
    missing = sorted(p.stem for p in ARTICLES.glob("*.txt") if p.stem not in docs)
    for m in missing:
        errors.append(f"{m}: article has no annotation file")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    counts = defaultdict(int)
    for d in docs.values():
        for s in d["spans"]:
            counts[s["label"] if s["label"] != "QUOTE" else "QUOTE/" + s.get("kind", "?")] += 1
    print(f"{len(docs)} documents, {len(relations)} relations; spans: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if args.check:
        return 0
    for old in GOLD.glob("*.jsonl"):
        old.unlink()
    GOLD.mkdir(parents=True, exist_ok=True)
    for name, ds in sorted(sets.items()):
        with open(GOLD / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for d in sorted(ds, key=lambda d: d["id"]):
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(GOLD / "relations.jsonl", "w", encoding="utf-8") as fh:
        for r in relations:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
