"""The Doc and Span extensions of quellenlage's components and the helpers that put pure
results on a Doc as spans (exact character offsets in the record, whole tokens in the Span).
Light to import: spaCy imports the components whenever it builds a `Language`."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from quellenlage.docutil import DocIndex

if TYPE_CHECKING:
    from quellenlage.entities import Entity
    from quellenlage.rules import RuleSet

# Document context a caller may set before the pipeline runs (quellenlage.extract.make_doc
# does); every component works without it.
for _name, _default in (("published", None), ("body_start", 0), ("doc_id", None), ("meta_regions", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

# The full record of each result.
for _name in ("figure", "quote", "entity", "claim"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


def _figure_of(span: Span) -> dict | None:
    if span._.figure:
        return span._.figure
    return (span._.claim or {}).get("figure")


def _figure_field(key: str):
    def get(span: Span) -> Any:
        rec = _figure_of(span)
        return rec.get(key) if rec else None
    return get


def _record_field(ext: str, key: str):
    def get(span: Span) -> Any:
        rec = getattr(span._, ext)
        return rec.get(key) if rec else None
    return get


# Read-only shortcuts into the records (figures, dates and claims: the figure's values).
FIGURE_FIELDS = ("value", "low", "high", "unit", "currency", "qualifier", "date_value", "date_mod", "date_relation")
SHORTCUTS = {**{f: _figure_field(f) for f in FIGURE_FIELDS},
             "speaker": _record_field("quote", "speaker"), "cue": _record_field("quote", "cue"),
             "subject": _record_field("claim", "subject"), "property": _record_field("claim", "property"),
             "period": _record_field("claim", "period")}
for _name, _getter in SHORTCUTS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)

BACKBONE_TYPES = {"PER": "PER", "PERSON": "PER", "ORG": "ORG"}
FISCAL_KEY = "quellenlage_fiscal"  # doc.user_data: the fiscal calendar of the article's company


def text_of(doc: Doc) -> str:
    """The Doc's text, built once (spaCy's `Doc.text` joins every token anew on each access)."""
    text = doc.user_data.get("quellenlage_text")
    if text is None:
        text = doc.text
        doc.user_data["quellenlage_text"] = text
    return text


@lru_cache(maxsize=8)
def ruleset(rules_dir: str) -> "RuleSet":
    from quellenlage.rules import RuleSet
    return RuleSet.load(rules_dir or None)


def skip_regions(doc: Doc) -> list[tuple[int, int]]:
    """Header lines and boilerplate: extraction leaves these alone."""
    regions = [(0, doc._.body_start)] if doc._.body_start else []
    regions += [tuple(r) for r in doc._.meta_regions or []]
    if "boilerplate" in doc.spans:
        regions += [(s.start_char, s.end_char) for s in doc.spans["boilerplate"]]
    regions += [tuple(r) for r in doc.user_data.get("quellenlage_boilerplate", [])]
    return regions


def char_span(doc: Doc, start: int, end: int, label: str, key: str, index: DocIndex | None = None) -> Span | None:
    # Two results on the same tokens must not share Span._ storage: give each its own id.
    return (index or DocIndex.of(doc)).span(start, end, label, f"{key}:{start}:{end}")


def result_spans(doc: Doc, results, key: str, label=lambda r: r.label, index: DocIndex | None = None) -> list[Span]:
    """Spans for pure results (figures, quotes), each carrying its exact record in Span._.<key>."""
    text = text_of(doc)
    return attached_spans(doc, ((r.start, r.end, label(r), r.record(text)) for r in results), key, index)


def attached_spans(doc: Doc, items, key: str, index: DocIndex | None = None) -> list[Span]:
    """Spans for (start, end, label, payload) items, the payload in Span._.<key> (the Doc's
    token offsets read once for all of them)."""
    index = index or DocIndex.of(doc)
    spans = []
    for start, end, label, payload in items:
        span = char_span(doc, start, end, label, key, index)
        if span is not None:
            setattr(span._, key, payload)
            spans.append(span)
    return spans


_ENTITIES: list = [None, None, 0, []]  # the Doc, its entities group, the group's size, their Entity records


def doc_entities(doc: Doc) -> list["Entity"]:
    """The Entity records of the Doc's entities (read once per Doc and entities group)."""
    group = doc.spans.get("entities")
    if group is None:
        return []
    if _ENTITIES[0] is doc and _ENTITIES[1] is group and _ENTITIES[2] == len(group):
        return list(_ENTITIES[3])
    found = [s._.entity for s in group if s._.entity is not None]
    _ENTITIES[:] = [doc, group, len(group), found]
    return list(found)


def has_sentences(doc: Doc) -> bool:
    return len(doc) < 2 or doc.has_annotation("SENT_START")


def sentence_bounds(doc: Doc, index: "DocIndex | None" = None) -> list[tuple[int, int]]:
    """Sentences as character bounds without edge whitespace (spaCy's doc.sents, once)."""
    out = []
    text = text_of(doc)
    for s, e in (index or DocIndex.of(doc)).sentences():
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
