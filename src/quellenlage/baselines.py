"""What users would otherwise reach for, scored on the same gold with the same rules.

`dateparser.search.search_dates(languages=["de"])` for DATE spans: each found substring is
located in the text (in order) and its datetime written as an ISO day.
"""
from __future__ import annotations

import datetime as dt
import warnings

from quellenlage.normalize.dates import parse_published
from quellenlage.scoring import score_document, summarise


def dateparser_dates(text: str, published: str | None) -> list[dict]:
    from dateparser.search import search_dates
    y, m, d = parse_published(published)
    settings = {"RELATIVE_BASE": dt.datetime(y, m or 1, d or 1)} if y else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["de"], settings=settings) or []
    preds, pos = [], 0
    for substring, when in found:
        start = text.find(substring, pos)
        if start < 0:
            start = text.find(substring)
            if start < 0:
                continue
        end = start + len(substring)
        pos = end
        preds.append({"start": start, "end": end, "label": "DATE", "date_value": when.date().isoformat()})
    return preds


def score_dateparser(gold_docs: list[dict]) -> dict:
    scores = []
    for g in gold_docs:
        gold_dates = [s for s in g.get("spans", []) if s["label"] == "DATE"]
        preds = dateparser_dates(g["text"], (g.get("meta") or {}).get("published"))
        scores.append(score_document(preds, gold_dates, g.get("boilerplate", []), g["text"]))
    return summarise(scores)
