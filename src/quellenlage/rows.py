"""From a processed Doc to table rows (SPEC §5): documents, figures, quotes and the Doc's
claims (before the cross-document step fills in sources, facts and status). Per document,
nothing shared: what a worker process returns."""
from __future__ import annotations

from typing import TYPE_CHECKING

from quellenlage.normalize.periods import FiscalCalendar
from quellenlage.normalize.typed import date_span, first_day, iso_duration
from quellenlage.readers import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from quellenlage.docutil import DocIndex


def _spacy_parts():
    """What rows of a processed Doc need of spaCy and the components: imported on first use,
    so that a run that reuses every row (and the rows of unreadable documents) never imports
    spaCy."""
    from quellenlage.components import FISCAL_KEY, text_of
    from quellenlage.docutil import DocIndex
    return FISCAL_KEY, text_of, DocIndex


def sentence_bounds(doc: Doc, start: int, end: int, index: DocIndex | None = None) -> tuple[int, int]:
    """Character bounds of the sentence around [start, end), without edge whitespace."""
    _, text_of, DocIndex = _spacy_parts()
    index = index or DocIndex.of(doc)
    tokens = index.expand(start, max(end, start + 1))
    if tokens is None:
        return start, end
    bounds = index.sentence_of(tokens[0])
    if bounds is None:  # sentence hooks, or a span past the last token: spaCy decides
        sent = doc[tokens[0]:tokens[1]].sent
        bounds = sent.start_char, sent.end_char
    s, e = bounds
    text = text_of(doc)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return min(s, start), max(e, end)


def document_row(a: Article, pipeline: str, doc: Doc | None) -> dict:
    if doc is not None:
        from spacy.attrs import IS_SPACE

        from quellenlage.conflicts import sketch
        text_of = _spacy_parts()[1]
    return {
        "doc_id": a.doc_id, "path": a.path, "text_sha256": a.sha256 if a.text else None,
        "title": a.title, "outlet": a.outlet, "url": a.url, "published": a.published,
        "published_date": first_day(a.published), "published_source": a.published_source, "encoding": a.encoding or None,
        "language": a.language or None, "n_chars": len(a.text),
        "n_tokens": int(len(doc) - doc.to_array([IS_SPACE]).sum()) if doc is not None else 0,
        "pipeline": pipeline, "status": a.status, "error": a.error, "warning": a.warning,
        "text": a.text if a.ok else None,
        # not a column: which texts are copies of one another, for the cross-document step
        "_sketch": sketch(text_of(doc)) if doc is not None else [],
    }


CLAIM_FIELDS = ("value", "low", "high", "unit", "currency", "date_value", "label", "text", "start", "end")


def claim_row(doc: Doc, c: dict) -> dict:
    """A claim of the Doc as a row: the figure's value, subject, property and frame."""
    text_of = _spacy_parts()[1]
    f = c["figure"]
    ss, se = c["sentence"]
    doc_id = doc._.doc_id
    values = {k: f.get(k) for k in CLAIM_FIELDS}
    if values["label"] == "COUNT" and c.get("unit"):
        values["unit"] = c["unit"]  # the property's unit ("582 Beschäftigte" cut are 582 jobs)
    if c.get("loss"):
        # "ein Verlust von 4,17 Mrd.": the result is -4,17 Mrd., as "-4,17 Mrd. €" writes it
        lo, hi = values.get("low"), values.get("high")
        values.update(value=-values["value"] if values.get("value") is not None else None,
                      low=-hi if hi is not None else None, high=-lo if lo is not None else None)
    return {
        "claim_id": f"{doc_id}#C{f['start']}-{f['end']}", "doc_id": doc_id,
        "figure_id": f"{doc_id}#F{f['start']}-{f['end']}", "subject": c["subject"], "property": c["property"],
        **values, "qualifier": f.get("qualifier") or "exact",
        "evidence": text_of(doc)[ss:se], "sentence_start": ss, "sentence_end": se,
        "period": c["period"], "period_start": c.get("period_start"), "period_end": c.get("period_end"),
        # rankings: the ranking a rank is in is the part of the subject it is about
        "segment": c["segment"] or c.get("scope"), "aspect": c["aspect"], "measure": c["measure"],
        "basis": c["basis"], "past": c["past"], "by_now": c.get("by_now", False), "revised": c.get("revised", False),
        "market": c.get("market"), "issuer": c.get("issuer"),
        # filled in by the cross-document step
        "source": doc_id, "status": "single_source", "n_agree": 0, "n_conflict": 0,
    }


def typed_figure(r: dict, fiscal: FiscalCalendar | None = None) -> dict:
    """The typed views of a figure row: a DATE's days and grain (fiscal values read with the
    article's company calendar, else without days), a DURATION's single value as ISO 8601
    (a range has none: its ends are `low` and `high`)."""
    if r.get("label") == "DATE":
        r["date_start"], r["date_end"], r["date_grain"] = date_span(r.get("date_value"), fiscal)
    elif r.get("label") == "DURATION":
        r["duration"] = iso_duration(r.get("value"), r.get("unit"))
    return r


def doc_tables(doc: Doc, article: Article | None = None) -> dict[str, list[dict]]:
    """Figure, quote and claim rows that the components left on the doc (with the article:
    its outlet and publication date on every figure and quote row; claims get theirs in the
    cross-document step)."""
    FISCAL_KEY, _, DocIndex = _spacy_parts()
    rows: dict[str, list[dict]] = {"figures": [], "quotes": [], "claims": []}
    for group, key in (("figures", "figure"), ("quotes", "quote")):
        if group in doc.spans:
            for span in doc.spans[group]:
                rec = getattr(span._, key, None)
                if rec:
                    rows[group].append(dict(rec))
    index = DocIndex.of(doc)
    doc_id = doc._.doc_id
    for table, id_key, prefix in (("figures", "figure_id", "F"), ("quotes", "quote_id", "Q")):
        for r in rows[table]:
            r["doc_id"] = doc_id
            r[id_key] = f"{doc_id}#{prefix}{r['start']}-{r['end']}"
            r["sentence_start"], r["sentence_end"] = sentence_bounds(doc, r["start"], r["end"], index)
            if article is not None:
                r["outlet"], r["published"] = article.outlet, article.published
        rows[table].sort(key=lambda r: (r["start"], r["end"], r.get("label", "")))
    cal = doc.user_data.get(FISCAL_KEY)
    fiscal = FiscalCalendar(*cal) if cal else None
    for r in rows["figures"]:
        typed_figure(r, fiscal)
    rows["claims"] = sorted((claim_row(doc, c) for c in (s._.claim for s in doc.spans.get("claims", [])) if c),
                            key=lambda r: (r["start"], r["end"]))
    return rows
