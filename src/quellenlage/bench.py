"""`make bench`: throughput and memory of the pipeline, and the dateparser baseline beside it.

Prints figures; asserts nothing (speed and memory targets are read here, not tested)."""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from quellenlage.evaluate import evaluate, load_gold
from quellenlage.extract import extract_articles, prepare
from quellenlage.pipeline import build
from quellenlage.readers import discover, read_sources
from quellenlage.rules import RuleSet

ROOT = Path(__file__).resolve().parents[2]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", default=str(ROOT / "corpus" / "articles"))
    ap.add_argument("--copies", type=int, default=18, help="replicate the corpus this many times (58 x 18 > 1,000)")
    ap.add_argument("--model", default="auto")
    args = ap.parse_args(argv)

    rules = RuleSet.load()
    t0 = time.perf_counter()
    nlp = build(args.model, rules)
    t_load = time.perf_counter() - t0
    base = list(read_sources(discover([args.articles])))
    articles = []
    for k in range(args.copies):
        for a in base:
            copy = type(a)(**{**a.__dict__, "doc_id": f"{a.doc_id}~{k}", "meta_regions": list(a.meta_regions)})
            articles.append(copy)
    articles = prepare(articles, rules)
    n_chars = sum(len(a.text) for a in articles)
    print(f"backbone: {nlp.meta.get('quellenlage_backbone')}  (pipeline built in {t_load:.2f} s)")
    print(f"input: {len(articles)} documents, {n_chars / 1e6:.2f} M characters "
          f"({len(base)} articles x {args.copies})")
    for workers in (1, 2):
        t0 = time.perf_counter()
        tables = extract_articles(nlp, articles, workers=workers)
        dt = time.perf_counter() - t0
        print(f"extract workers={workers}: {dt:6.2f} s  {len(articles) / dt:7.1f} docs/s  "
              f"{n_chars / dt / 1e3:8.1f} k chars/s  figures={len(tables['figures'])} quotes={len(tables['quotes'])}")
    from quellenlage.crosscheck import crosscheck
    t0 = time.perf_counter()
    crosscheck(tables, rules)
    print(f"facts+conflicts: {time.perf_counter() - t0:6.2f} s  claims={len(tables['claims'])} "
          f"facts={len(tables['facts'])} conflicts={len(tables['conflicts'])}")
    # The rows grow with disputes, not with document pairs: the corpus once beside its copies.
    once = extract_articles(nlp, articles[:len(base)])
    crosscheck(once, rules)
    print(f"rows, {len(base)} articles vs {len(articles)} documents: facts {len(once['facts'])} vs "
          f"{len(tables['facts'])}, conflicts {len(once['conflicts'])} vs {len(tables['conflicts'])}")
    print(f"peak memory (RSS): {peak_rss_mb():.0f} MB")

    gold = load_gold([ROOT / "corpus" / "gold"])
    t0 = time.perf_counter()
    summary, _ = evaluate(nlp, rules, gold)
    t_ours = time.perf_counter() - t0
    from quellenlage.baselines import score_dateparser
    t0 = time.perf_counter()
    base_scores = score_dateparser(gold)
    t_dp = time.perf_counter() - t0
    ours, theirs = summary["labels"]["DATE"], base_scores["labels"]["DATE"]
    print("\nDATE on corpus/gold        time     P      R     F1  full F1")
    print(f"quellenlage (all labels) {t_ours:6.2f} s {ours['precision']:.3f}  {ours['recall']:.3f}  "
          f"{ours['f1']:.3f}  {ours['full_f1']:.3f}")
    print(f"dateparser (dates only)  {t_dp:6.2f} s {theirs['precision']:.3f}  {theirs['recall']:.3f}  "
          f"{theirs['f1']:.3f}  {theirs['full_f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
