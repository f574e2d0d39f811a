"""The project's spaCy components: thin wrappers that call the pure functions and put
their results on `doc.spans[...]` with `Span._` attributes.

Results keep exact character offsets in their record (`span._.figure["start"]`), because a
figure can sit inside a token (`500-Milliarden-Dollar` in `500-Milliarden-Dollar-Plans`);
the Span itself covers the whole tokens.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from quellenlage.boilerplate import BoilerplateRules, find_boilerplate
from quellenlage.claim_rules import ClaimRules, DocView
from quellenlage.claims import ClaimFinder
from quellenlage.dates import DateRules, DateScanner
from quellenlage.docutil import DocIndex
from quellenlage.entities import Entity, EntityRules, find_entities
from quellenlage.figures import FigureRules, Scanner
from quellenlage.frame_rules import FrameRules
from quellenlage.period_resolver import stated_fiscal
from quellenlage.quote_rules import QuoteRules
from quellenlage.quotes import QuoteFinder
from quellenlage.rules import RuleSet

for _name in ("figure", "quote", "entity", "claim"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
BACKBONE_TYPES = {"PER": "PER", "PERSON": "PER", "ORG": "ORG"}


def text_of(doc: Doc) -> str:
    """The Doc's text, built once (spaCy's `Doc.text` joins every token anew on each access)."""
    text = doc.user_data.get("quellenlage_text")
    if text is None:
        text = doc.text
        doc.user_data["quellenlage_text"] = text
    return text


@lru_cache(maxsize=8)
def ruleset(rules_dir: str) -> RuleSet:
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
    return (index or DocIndex(doc)).span(start, end, label, f"{key}:{start}:{end}")


def result_spans(doc: Doc, results, key: str, label=lambda r: r.label, index: DocIndex | None = None) -> list[Span]:
    """Spans for pure results (figures, quotes), each carrying its exact record in Span._.<key>."""
    text = text_of(doc)
    return attached_spans(doc, ((r.start, r.end, label(r), r.record(text)) for r in results), key, index)


def attached_spans(doc: Doc, items, key: str, index: DocIndex | None = None) -> list[Span]:
    """Spans for (start, end, label, payload) items, the payload in Span._.<key> (the Doc's
    token offsets read once for all of them)."""
    index = index or DocIndex(doc)
    spans = []
    for start, end, label, payload in items:
        span = char_span(doc, start, end, label, key, index)
        if span is not None:
            setattr(span._, key, payload)
            spans.append(span)
    return spans


@Language.factory("quellenlage_boilerplate", default_config={"rules_dir": ""})
def make_boilerplate(nlp: Language, name: str, rules_dir: str):
    rules = BoilerplateRules.from_config(ruleset(rules_dir).get("boilerplate"))

    def mark(doc: Doc) -> Doc:
        regions = find_boilerplate(text_of(doc), rules, doc._.body_start)
        # Exact character regions (lines need not align with tokens) plus a span group.
        doc.user_data["quellenlage_boilerplate"] = [list(r) for r in regions]
        index = DocIndex(doc)
        bounds = [index.expand(s, e) for s, e in regions]
        doc.spans["boilerplate"] = [Span(doc, b[0], b[1], label="BOILERPLATE") for b in bounds if b is not None]
        return doc

    return mark


@Language.factory("quellenlage_figures", default_config={"rules_dir": ""})
def make_figures(nlp: Language, name: str, rules_dir: str):
    scanner = Scanner(FigureRules.from_ruleset(ruleset(rules_dir)))

    def find(doc: Doc) -> Doc:
        doc.spans["figures"] = result_spans(doc, scanner.scan(text_of(doc), skip_regions(doc)), "figure")
        return doc

    return find


@Language.factory("quellenlage_dates", default_config={"rules_dir": ""})
def make_dates(nlp: Language, name: str, rules_dir: str):
    rules = ruleset(rules_dir)
    scanner = DateScanner(DateRules.from_ruleset(rules))
    entities, frames = EntityRules.from_ruleset(rules), FrameRules.from_ruleset(rules)

    def fiscal_start(doc: Doc) -> int | None:
        """The fiscal year of the company the article is most about (the gazetteer's, else
        the one the article states): yearless fiscal quarters are read with it."""
        counts: dict[str, int] = {}
        for s in doc.spans["entities"] if "entities" in doc.spans else []:
            if s._.entity.type == "ORG":
                counts[s._.entity.name] = counts.get(s._.entity.name, 0) + 1
        for org in sorted(counts, key=lambda n: (-counts[n], n)):
            cal = entities.fiscal(org)
            if cal is not None:
                return cal.start_month
            break  # only the main organisation's calendar counts
        stated = stated_fiscal(text_of(doc), frames)
        return stated.start_month if stated else None

    def find(doc: Doc) -> Doc:
        figures = list(doc.spans["figures"]) if "figures" in doc.spans else []
        taken = [(s._.figure["start"], s._.figure["end"]) for s in figures]
        found = scanner.scan(text_of(doc), doc._.published, skip_regions(doc) + taken, fiscal_start(doc))
        figures += result_spans(doc, found, "figure")
        figures.sort(key=lambda s: (s._.figure["start"], s._.figure["end"]))
        doc.spans["figures"] = figures
        return doc

    return find


@Language.factory("quellenlage_entities", default_config={"rules_dir": ""})
def make_entities(nlp: Language, name: str, rules_dir: str):
    rules = EntityRules.from_ruleset(ruleset(rules_dir))

    def find(doc: Doc) -> Doc:
        # A statistical backbone's PER/ORG entities join the rule-found ones.
        extra = [Entity(e.start_char, e.end_char, e.text, BACKBONE_TYPES[e.label_], source="backbone")
                 for e in doc.ents if e.label_ in BACKBONE_TYPES]
        found = find_entities(text_of(doc), rules, skip_regions(doc), extra)
        doc.spans["entities"] = attached_spans(doc, ((e.start, e.end, e.type, e) for e in found), "entity")
        return doc

    return find


def doc_entities(doc: Doc) -> list[Entity]:
    return [s._.entity for s in doc.spans.get("entities", []) if s._.entity is not None]


def sentence_bounds(doc: Doc, index: DocIndex | None = None) -> list[tuple[int, int]]:
    """Sentences as character bounds without edge whitespace (spaCy's doc.sents, once)."""
    out = []
    text = text_of(doc)
    for s, e in (index or DocIndex(doc)).sentences():
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@Language.factory("quellenlage_quotes", default_config={"rules_dir": ""})
def make_quotes(nlp: Language, name: str, rules_dir: str):
    finder = QuoteFinder(QuoteRules.from_ruleset(ruleset(rules_dir)))

    def find(doc: Doc) -> Doc:
        index = DocIndex(doc)
        quotes = finder.find(text_of(doc), index.sentences(), skip_regions(doc), doc_entities(doc))
        doc.spans["quotes"] = result_spans(doc, quotes, "quote", label=lambda q: q.kind.upper(), index=index)
        return doc

    return find


@Language.factory("quellenlage_claims", default_config={"rules_dir": ""})
def make_claims(nlp: Language, name: str, rules_dir: str):
    finder = ClaimFinder(ClaimRules.from_ruleset(ruleset(rules_dir)))

    def find(doc: Doc) -> Doc:
        index = DocIndex(doc)
        figures = [s._.figure for s in doc.spans.get("figures", []) if s._.figure]
        view = DocView(text_of(doc), sentence_bounds(doc, index), figures, doc_entities(doc), skip_regions(doc),
                       doc._.published)
        claims = finder.claims(view)
        doc.spans["claims"] = attached_spans(
            doc, ((c["figure"]["start"], c["figure"]["end"], c["property"], c) for c in claims), "claim", index)
        return doc

    return find
