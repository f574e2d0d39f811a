"""Articles through the pipeline in memory: preparing articles, Docs in batches, tables for a
list of articles (evaluation, tests); the streaming run over folders is `quellenlage.run`."""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Iterable, Iterator

from tqdm import tqdm

from quellenlage.budget import DOC_TIMEOUT, DocTimeout, time_budget
from quellenlage.language import guess_language
from quellenlage.pipeline import backbone_name
from quellenlage.readers import Article, input_digest
from quellenlage.rows import doc_tables, document_row
from quellenlage.rules import RuleSet
from quellenlage.tables import TABLES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH = 32


def show_progress() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def prepare(articles: Iterable[Article], rules: RuleSet) -> list[Article]:
    """Unique doc_ids and the language check; bad articles keep their status."""
    return list(prepare_stream(articles, rules))


def prepare_stream(articles: Iterable[Article], rules: RuleSet,
                   known: dict[str, str] | None = None) -> Iterator[Article]:
    """`prepare`, one article at a time. Each article gets its `input_sha256` first, from what
    the reader gave (before the dateline step may set `published`). An article in `known`
    (doc_id -> input digest of the last run, which took only German articles) with the same
    digest is not looked at again."""
    lang_cfg = rules.get("language")
    date_rules = None  # made for the first article that needs a dateline (none in an unchanged re-run)
    seen: dict[str, int] = {}
    for a in articles:
        a.input_sha256 = input_digest(a)
        if a.doc_id in seen:
            seen[a.doc_id] += 1
            a.doc_id = f"{a.doc_id}~{seen[a.doc_id]}"
        else:
            seen[a.doc_id] = 1
        if a.ok and known and known.get(a.doc_id) == a.input_sha256:
            a.language = "de"  # its row of the last run is reused, dateline and all
        elif a.ok:
            a.language = guess_language(a.text[a.body_start:], lang_cfg)
            if a.language != "de":
                a.status, a.error = "skipped", f"not German (looks like '{a.language}')"
            elif a.published is None:
                from quellenlage.dateline import find_dateline
                from quellenlage.dates import DateRules
                date_rules = date_rules or DateRules.from_ruleset(rules)
                dateline = find_dateline(a.text, date_rules, a.body_start)
                if dateline is not None:
                    a.published, a.published_source = dateline.date_value, "dateline"
                    a.meta_regions.append((dateline.start, dateline.end))
        yield a


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc.user_data["quellenlage_text"] = article.text  # the components read it, never Doc.text
    doc._.doc_id = article.doc_id
    doc._.published = article.published
    doc._.body_start = article.body_start
    doc._.meta_regions = [list(r) for r in article.meta_regions]
    return doc


def run_docs(nlp: Language, articles: list[Article], workers: int = 1, progress: bool = False,
             doc_timeout: float | None = DOC_TIMEOUT) -> Iterator[tuple[Article, Doc | None]]:
    """Docs for the ok articles, in order. A batch runs under one document's budget; a batch
    that fails or runs past it is redone one by one, each under its own budget, so one bad or
    endless article becomes an error row and never ends or stalls the run."""
    todo = [a for a in articles if a.ok]
    bar = tqdm(total=len(todo), unit="doc", disable=not progress, desc="extract")
    for i in range(0, len(todo), BATCH * max(workers, 1)):
        chunk = todo[i:i + BATCH * max(workers, 1)]
        try:
            with time_budget(doc_timeout):
                docs = list(nlp.pipe((make_doc(nlp, a) for a in chunk), batch_size=BATCH, n_process=workers))
        except Exception:  # noqa: BLE001 - isolate the article that broke the batch
            docs = [one_doc(nlp, a, doc_timeout) for a in chunk]
        for a, d in zip(chunk, docs):
            yield a, d
        bar.update(len(chunk))
    bar.close()


def one_doc(nlp: Language, a: Article, doc_timeout: float | None) -> Doc | None:
    """One article's Doc under its budget; on failure the article gets status error."""
    try:
        with time_budget(doc_timeout):
            return nlp(make_doc(nlp, a))
    except DocTimeout as exc:
        a.status, a.error = "error", str(exc)
    except Exception as exc:  # noqa: BLE001
        a.status, a.error = "error", f"pipeline failed: {type(exc).__name__}: {exc}"
    return None


def extract_articles(nlp: Language, articles: list[Article], workers: int = 1,
                     progress: bool = False) -> dict[str, list[dict]]:
    """Tables for already prepared articles (the core of a run, also used by evaluate)."""
    pipeline = backbone_name(nlp)
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    docs = {}
    for a, doc in run_docs(nlp, articles, workers, progress):
        docs[a.doc_id] = doc
        if doc is None:
            continue
        try:
            rows = doc_tables(doc, a)
        except Exception as exc:  # noqa: BLE001 - never lose the run for one article
            a.status, a.error = "error", f"row building failed: {type(exc).__name__}: {exc}"
            continue
        for name, rs in rows.items():
            tables[name].extend(rs)
    for a in articles:
        tables["documents"].append(document_row(a, pipeline, docs.get(a.doc_id) if a.ok else None))
    return sort_tables(tables)


def sort_tables(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The one row order of every run, whatever the engine or batching."""
    tables["documents"].sort(key=lambda r: r["doc_id"])
    for name in ("figures", "quotes", "claims"):
        tables[name].sort(key=lambda r: (r["doc_id"], r["start"], r["end"], r.get("label", "")))
    return tables
