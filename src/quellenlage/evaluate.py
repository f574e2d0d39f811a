"""`quellenlage evaluate`: run the pipeline over gold documents and score it (SPEC §8)."""
from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language

from quellenlage.extract import extract_articles, prepare
from quellenlage.readers import article_from_record
from quellenlage.rules import RuleSet
from quellenlage.scoring import DocScore, score_document, summarise


def gold_files(paths: list[str | Path]) -> list[Path]:
    """Gold JSONL files: given files, or every *.jsonl in given folders but relations.jsonl."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.glob("*.jsonl") if f.name != "relations.jsonl")
        else:
            files.append(p)
    return files


def load_gold(paths: list[str | Path]) -> list[dict]:
    docs = []
    for f in gold_files(paths):
        for lineno, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    docs.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{f}:{lineno}: invalid JSON ({exc.msg})") from exc
    return docs


def predictions(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Figure and quote rows as scorer predictions, grouped by doc_id."""
    by_doc: dict[str, list[dict]] = {}
    for r in tables["figures"]:
        by_doc.setdefault(r["doc_id"], []).append(r)
    for r in tables["quotes"]:
        by_doc.setdefault(r["doc_id"], []).append({**r, "label": "QUOTE"})
    return by_doc


def evaluate(nlp: Language, rules: RuleSet, gold_docs: list[dict]) -> tuple[dict, list[tuple[str, DocScore]]]:
    articles = prepare([article_from_record(g, str(g.get("id")), "gold") for g in gold_docs], rules)
    for a in articles:
        # Gold texts are scored whatever the language check says: the gold is the truth.
        if a.status == "skipped" and a.error and a.error.startswith("not German"):
            a.status, a.error = "ok", None
    tables = extract_articles(nlp, articles)
    preds = predictions(tables)
    scores = []
    by_kind: dict[str, list[DocScore]] = {"statement": [], "term": []}
    for g in gold_docs:
        doc_preds = preds.get(str(g["id"]), [])
        ds = score_document(doc_preds, g.get("spans", []), g.get("boilerplate", []), g.get("text", ""))
        scores.append((str(g["id"]), ds))
        # Quotes by kind: a statement scored as a term is a miss for one, a false positive for the other.
        for kind, kind_scores in by_kind.items():
            kp = [{**p, "label": f"QUOTE:{kind}"} for p in doc_preds if p["label"] == "QUOTE" and p.get("kind") == kind]
            kg = [{**s, "label": f"QUOTE:{kind}"} for s in g.get("spans", []) if s["label"] == "QUOTE" and s.get("kind") == kind]
            kind_scores.append(score_document(kp, kg, g.get("boilerplate", [])))
    summary = summarise([s for _, s in scores])
    summary["quote_kinds"] = {f"QUOTE:{k}": summarise(v)["labels"].get(f"QUOTE:{k}") for k, v in by_kind.items()
                              if summarise(v)["labels"].get(f"QUOTE:{k}")}
    return summary, scores


def format_table(summary: dict) -> str:
    head = f"{'label':<16} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6} {'full F1':>8}"
    lines = [head, "-" * len(head)]
    rows = list(summary["labels"].items()) + list(summary.get("quote_kinds", {}).items()) + [("overall", summary["overall"])]
    for label, m in rows:
        if label == "overall":
            lines.append("-" * len(head))
        lines.append(f"{label:<16} {m['tp'] + m['fn']:>5} {m['tp'] + m['fp']:>5} {m['tp']:>5} "
                     f"{m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f} {m['full_f1']:>8.3f}")
    return "\n".join(lines)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_relations(relations: list[dict], conflicts: list[dict]) -> dict:
    """Expected conflicts found, and agreeing or unrelated pairs wrongly flagged (SPEC §8-9).
    A conflict row matches a pair when its two figures overlap the pair's two spans."""
    def flagged(rel: dict) -> bool:
        for c in conflicts:
            for x, y in ((rel["a"], rel["b"]), (rel["b"], rel["a"])):
                if (c["doc_a"] == x["doc"] and _overlaps(c["start_a"], c["end_a"], x["start"], x["end"])
                        and c["doc_b"] == y["doc"] and _overlaps(c["start_b"], c["end_b"], y["start"], y["end"])):
                    return True
        return False

    out = {"conflicts_expected": 0, "conflicts_found": 0, "missed": [], "false_flags": []}
    for rel in relations:
        hit = flagged(rel)
        if rel["relation"] == "conflict":
            out["conflicts_expected"] += 1
            out["conflicts_found"] += hit
            if not hit:
                out["missed"].append(rel)
        elif hit:
            out["false_flags"].append(rel)
    return out


def load_relations(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
