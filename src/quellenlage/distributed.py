"""`--engine dask`: the same extraction, its batches spread over a Dask cluster.

Each worker builds its pipeline once (nothing large travels over the wire but article texts
and rows); results are ordered exactly like the local engine's, so both engines give
identical tables. `--scheduler ADDRESS` connects to a running `dask.distributed` cluster
(workers need quellenlage installed and the same rules folder path); without it a
`LocalCluster` starts on this machine.
"""
from __future__ import annotations

from functools import lru_cache

from quellenlage.readers import Article


class EngineError(Exception):
    pass


@lru_cache(maxsize=2)
def _worker_pipeline(model: str, rules_dir: str):
    from quellenlage.pipeline import build
    from quellenlage.rules import RuleSet
    return build(model, RuleSet.load(rules_dir))


def _process_batch(articles: list[Article], model: str, rules_dir: str, doc_timeout: float | None = None):
    from quellenlage.engine import pack, process
    return pack(process(_worker_pipeline(model, rules_dir), articles, doc_timeout))


class DaskEngine:
    """Batches of articles over a Dask scheduler: a `LocalCluster` of `workers` processes, or
    the `dask.distributed` cluster at `scheduler`. Each worker builds its pipeline once; only
    article texts and rows travel. Results come back in input order, so the tables equal the
    local engine's."""

    def __init__(self, model: str, rules_dir: str, workers: int, scheduler: str | None,
                 doc_timeout: float | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineError("--engine dask needs dask.distributed: pip install 'quellenlage[dask]'") from exc
        self.model, self.rules_dir, self.doc_timeout = model, rules_dir, doc_timeout
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None)
            self.client = Client(self.cluster)

    def submit(self, articles: list[Article]):
        if not articles:
            return []
        from quellenlage.engine import BATCH
        batches = [articles[i:i + BATCH] for i in range(0, len(articles), BATCH)]
        # Dask runs tasks in worker threads, where no timer can interrupt them: the budget
        # applies where it can (budget.py), and the linear-time scanners do the rest.
        return self.client.map(_process_batch, batches, model=self.model, rules_dir=self.rules_dir,
                               doc_timeout=self.doc_timeout, pure=False)

    def collect(self, futures):
        from quellenlage.engine import unpack
        return [r for batch in self.client.gather(futures) for r in unpack(batch)] if futures else []

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
