"""`quellenlage evaluate`: run the pipeline over gold documents and score it (SPEC §8)."""
from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language

from quellenlage.crosscheck import crosscheck
from quellenlage.extract import extract_articles, prepare, sort_tables
from quellenlage.gold_check import check_gold_file, check_relations_file, raise_if
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
    """Gold documents, checked (gold_check.py): malformed gold raises `GoldError` naming the
    file, line and field of every problem, and nothing is scored."""
    docs, problems = [], []
    for f in gold_files(paths):
        docs += check_gold_file(f, problems)
    seen: set[str] = set()
    for d in docs:
        if str(d["id"]) in seen:
            problems.append(f"document id {d['id']!r} appears twice in the gold")
        seen.add(str(d["id"]))
    raise_if(problems)
    return docs


def predictions(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Figure and quote rows as scorer predictions, grouped by doc_id."""
    by_doc: dict[str, list[dict]] = {}
    for r in tables["figures"]:
        by_doc.setdefault(r["doc_id"], []).append(r)
    for r in tables["quotes"]:
        by_doc.setdefault(r["doc_id"], []).append({**r, "label": "QUOTE"})
    return by_doc


def _memoised(nlp: Language, articles: list, memo: dict) -> dict[str, list[dict]]:
    key = lambda a: (a.doc_id, a.published, a.text)  # noqa: E731
    todo = [a for a in articles if key(a) not in memo]
    fresh = extract_articles(nlp, todo)
    by_doc: dict[str, dict[str, list[dict]]] = {a.doc_id: {name: [] for name in fresh} for a in todo}
    for name, rows in fresh.items():
        for r in rows:
            if r.get("doc_id") in by_doc:
                by_doc[r["doc_id"]][name].append(r)
    for a in todo:
        memo[key(a)] = by_doc[a.doc_id]
    names = list(fresh) if todo else list(next(iter(memo.values())))
    # copies: the cross-document step completes the claim rows in place
    return sort_tables({name: [dict(r) for a in articles for r in memo[key(a)].get(name, [])] for name in names})


def evaluate(nlp: Language, rules: RuleSet, gold_docs: list[dict],
             memo: dict | None = None) -> tuple[dict, list[tuple[str, DocScore]]]:
    """Scores of the pipeline on gold documents. `memo` (a dict the caller keeps) holds each
    document's rows between calls on overlapping gold sets: a document is extracted once (its rows
    depend on its own text alone), the cross-document step runs on every call."""
    articles = prepare([article_from_record(g, str(g.get("id")), "gold") for g in gold_docs], rules)
    for a in articles:
        # Gold texts are scored whatever the language check says: the gold is the truth.
        if a.status == "skipped" and a.error and a.error.startswith("not German"):
            a.status, a.error = "ok", None
    tables = extract_articles(nlp, articles) if memo is None else _memoised(nlp, articles, memo)
    crosscheck(tables, rules)
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
    summary["conflicts"] = tables["conflicts"]
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


def _matches(row: dict, rel: dict) -> bool:
    """A conflict row matches a pair when its two figures overlap the pair's two spans."""
    for x, y in ((rel["a"], rel["b"]), (rel["b"], rel["a"])):
        if (row["doc_a"] == x["doc"] and _overlaps(row["start_a"], row["end_a"], x["start"], x["end"])
                and row["doc_b"] == y["doc"] and _overlaps(row["start_b"], row["end_b"], y["start"], y["end"])):
            return True
    return False


def score_relations(relations: list[dict], conflicts: list[dict]) -> dict:
    """Conflict recall and precision (SPEC §9). Recall: the share of expected conflicts that a
    conflict row overlaps on both figures. Precision: the share of conflict rows that overlap
    both figures of an expected conflict; a flag the relations do not list counts against it.
    `false_flags` are agreeing or unrelated pairs that were flagged; `unlisted` the flags no
    relation names at all."""
    expected = [r for r in relations if r["relation"] == "conflict"]
    out = {"conflicts_expected": len(expected), "conflicts_found": 0, "flagged": len(conflicts),
           "flagged_true": 0, "missed": [], "false_flags": [], "unlisted": []}
    for rel in relations:
        hit = any(_matches(c, rel) for c in conflicts)
        if rel["relation"] == "conflict":
            out["conflicts_found"] += hit
            if not hit:
                out["missed"].append(rel)
        elif hit:
            out["false_flags"].append(rel)
    for c in conflicts:
        if any(_matches(c, rel) for rel in expected):
            out["flagged_true"] += 1
        elif not any(_matches(c, rel) for rel in relations):
            out["unlisted"].append(c)
    p = out["flagged_true"] / out["flagged"] if out["flagged"] else (1.0 if not expected else 0.0)
    r = out["conflicts_found"] / len(expected) if expected else 1.0
    out.update(precision=p, recall=r, f1=2 * p * r / (p + r) if p + r else 0.0)
    return out


def relations_for(gold_docs: list[dict], paths: list[str | Path]) -> list[dict]:
    """The relations beside the gold files (relations.jsonl in their folders) whose two
    documents are both among the gold documents."""
    ids = {str(g["id"]) for g in gold_docs}
    files = []
    for p in map(Path, paths):
        f = (p if p.is_dir() else p.parent) / "relations.jsonl"
        if f.exists() and f not in files:
            files.append(f)
    texts = {str(g["id"]): g["text"] for g in gold_docs}
    problems: list[str] = []
    rels = [r for f in files for r in check_relations_file(f, texts, problems)]
    raise_if(problems)
    return [r for r in rels if r["a"]["doc"] in ids and r["b"]["doc"] in ids]


def format_relations(m: dict) -> str:
    return (f"conflicts        expected {m['conflicts_expected']:>4} · found {m['conflicts_found']:>4} · "
            f"flagged {m['flagged']:>4} ({m['flagged_true']} expected)\n"
            f"                 P {m['precision']:.3f} · R {m['recall']:.3f} · F1 {m['f1']:.3f} · "
            f"agree/unrelated pairs flagged {len(m['false_flags'])} · flags no relation lists {len(m['unlisted'])}")


def load_relations(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
