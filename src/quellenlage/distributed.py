"""`--engine dask`: the same extraction, partitioned over a Dask scheduler.

Each partition builds its pipeline once in the worker (nothing large travels over the
wire but article texts and rows); results are merged and ordered exactly like the local
engine, so both engines give identical tables.
"""
from __future__ import annotations

from functools import lru_cache

from quellenlage.readers import Article
from quellenlage.tables import TABLES


class EngineError(Exception):
    pass


@lru_cache(maxsize=2)
def _worker_pipeline(model: str, rules_dir: str):
    from quellenlage.pipeline import build
    from quellenlage.rules import RuleSet
    return build(model, RuleSet.load(rules_dir))


def _extract_partition(articles: list[Article], model: str, rules_dir: str) -> dict[str, list[dict]]:
    from quellenlage.extract import extract_articles
    return extract_articles(_worker_pipeline(model, rules_dir), articles)


def extract_with_dask(articles: list[Article], model: str, rules_dir: str, workers: int,
                      scheduler: str | None) -> dict[str, list[dict]]:
    try:
        import dask.bag as db
    except ImportError as exc:
        raise EngineError("--engine dask needs Dask: pip install 'quellenlage[dask]'") from exc
    client = None
    if scheduler:
        try:
            from distributed import Client
        except ImportError as exc:
            raise EngineError("--scheduler needs dask.distributed: pip install 'quellenlage[dask]'") from exc
        client = Client(scheduler)
    try:
        n = max(1, workers) * 4
        parts = [articles[i::n] for i in range(n) if articles[i::n]]
        bag = db.from_sequence(parts, npartitions=len(parts) or 1)
        kwargs = {} if client else {"scheduler": "processes" if workers > 1 else "sync"}
        results = bag.map(_extract_partition, model, rules_dir).compute(**kwargs)
    finally:
        if client is not None:
            client.close()
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for part in results:
        for name in TABLES:
            tables[name].extend(part[name])
    from quellenlage.extract import sort_tables
    return sort_tables(tables)
