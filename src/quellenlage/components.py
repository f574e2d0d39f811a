"""The project's spaCy components: thin wrappers that call the pure functions and put
their results on `doc.spans[...]` with `Span._` attributes.

Results keep exact character offsets in their record (`span._.figure["start"]`), because a
figure can sit inside a token (`500-Milliarden-Dollar` in `500-Milliarden-Dollar-Plans`);
the Span itself covers the whole tokens.

The factories are registered with spaCy through the `spacy_factories` entry points
(pyproject.toml), so `nlp.add_pipe("quellenlage_figures")` works in any pipeline once the
package is installed. spaCy imports this module whenever it builds a `Language`, so it
imports nothing heavy at module level: the engines and their rules load when a component
is first used (or when `use_rules`, `initialize` or `from_disk` is called).

Every component carries its rules: `to_disk` writes the rule files it was built from into
its folder of the saved pipeline (`<pipeline>/<component>/rules/`), `from_disk` reads them
back, and the config holds no path unless the user gave one (`rules_dir`; null: the rules
bundled with the package).
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import SimpleFrozenList, ensure_path

from quellenlage.docutil import DocIndex

if TYPE_CHECKING:
    from quellenlage.rules import RuleSet

RULES_FOLDER = "rules"

from quellenlage.doc_spans import (  # noqa: E402,F401 - the extensions register on import
    BACKBONE_TYPES, FIGURE_FIELDS, FISCAL_KEY, attached_spans, char_span, doc_entities, has_sentences, result_spans,
    ruleset, sentence_bounds, skip_regions, text_of)


class MissingAnnotation(ValueError):
    """A component ran without what an earlier component has to set."""


class RuleComponent:
    """A pipeline component built from the rule files: the rules and the engine built from
    them, loaded on first use, saved with the pipeline."""

    def __init__(self, nlp: Language, name: str, rules_dir: Optional[str] = None):
        self.name = name
        self.rules_dir = rules_dir
        self._rules: RuleSet | None = None
        self._engine: Any = None

    # -- rules ------------------------------------------------------------------------------
    @property
    def rules(self) -> "RuleSet":
        if self._rules is None:
            self._rules = ruleset(str(self.rules_dir or ""))
        return self._rules

    @property
    def engine(self) -> Any:
        if self._engine is None:
            self._engine = self.build(self.rules)
        return self._engine

    def use_rules(self, rules: "RuleSet | str | Path") -> "RuleComponent":
        """Use another rule set (a RuleSet or a rules folder) from now on; not recorded in
        the config, but saved with the pipeline by `to_disk`."""
        from quellenlage.rules import RuleSet
        if not isinstance(rules, RuleSet):
            rules = RuleSet.load(rules)
        self._rules, self._engine = rules, self.build(rules)
        return self

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   rules_dir: Optional[str] = None) -> None:
        """`nlp.initialize()`: loads the rules now (a bad rules folder fails here, not on the
        first document); `[initialize.components.<name>] rules_dir` swaps in a folder."""
        if rules_dir:
            self.use_rules(rules_dir)
        else:
            self.engine  # noqa: B018 - build now

    def build(self, rules: "RuleSet") -> Any:
        raise NotImplementedError

    def process(self, doc: Doc, engine: Any) -> Doc:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        return self.process(doc, self.engine)

    # -- serialization -----------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        rules = self.rules
        folder = path / RULES_FOLDER
        if folder.is_dir():  # saving over an older save: no stale rule files
            shutil.rmtree(folder)
        rules.write(folder)
        srsly.write_json(path / "cfg", {"lang": rules.lang, "rules_sha256": rules.sha256,
                                        "rule_files": sorted(rules.sources)})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = SimpleFrozenList()) -> "RuleComponent":
        from quellenlage.rules import RuleSet
        path = ensure_path(path)
        cfg = srsly.read_json(path / "cfg") if (path / "cfg").is_file() else {}
        self.use_rules(RuleSet.load(path / RULES_FOLDER, cfg.get("lang", "de")))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        rules = self.rules
        return srsly.msgpack_dumps({"lang": rules.lang, "sources": rules.sources})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = SimpleFrozenList()) -> "RuleComponent":
        from quellenlage.rules import RuleSet
        msg = srsly.msgpack_loads(data)
        self.use_rules(RuleSet.from_sources(f"<{self.name} bytes>", msg["lang"], dict(msg["sources"])))
        return self


def _require(doc: Doc, name: str, keys: Iterable[str], adds: str) -> None:
    missing = [k for k in keys if k not in doc.spans]
    if missing:
        raise MissingAnnotation(
            f"[{name}] needs doc.spans[{', '.join(map(repr, missing))}], which is not set: add {adds} "
            f"before '{name}' in the pipeline")


def _require_sentences(doc: Doc, name: str) -> None:
    if not has_sentences(doc):
        raise MissingAnnotation(
            f"[{name}] needs sentence boundaries: add 'quellenlage_sentences' (or a parser, senter or "
            f"sentencizer) before '{name}' in the pipeline")


CONFIG = {"rules_dir": None}


class Sentences(RuleComponent):
    def build(self, rules):
        from quellenlage.segment import SegmentationRules
        return SegmentationRules.from_config(rules.get("segmentation"))

    def process(self, doc, rules):
        import numpy
        from spacy.attrs import IDX, LENGTH, SENT_START

        from quellenlage.segment import sentence_starts
        if not len(doc):
            return doc
        text = text_of(doc)
        spans = doc.to_array([IDX, LENGTH])  # no Token objects: one array read
        tokens = [(i, text[i:i + n]) for i, n in spans.tolist()]
        starts = sentence_starts(text, tokens, rules)
        # Leave what a parser or another component already decided (0: undecided). One array
        # write for all tokens: setting Token.is_sent_start one by one rescans the Doc each time.
        current = doc.to_array([SENT_START])
        new = numpy.array([1 if s else -1 for s in starts], dtype="int64").astype(current.dtype)  # -1 wraps as spaCy stores it
        keep = current != 0
        keep[0] = False
        new[keep] = current[keep]
        new[0] = 1
        doc.from_array([SENT_START], new)
        DocIndex.forget(doc)  # its sentence starts changed
        return doc


class Boilerplate(RuleComponent):
    def build(self, rules):
        from quellenlage.boilerplate import BoilerplateRules
        return BoilerplateRules.from_config(rules.get("boilerplate"))

    def process(self, doc, rules):
        from quellenlage.boilerplate import find_boilerplate
        regions = find_boilerplate(text_of(doc), rules, doc._.body_start)
        # Exact character regions (lines need not align with tokens) plus a span group.
        doc.user_data["quellenlage_boilerplate"] = [list(r) for r in regions]
        spans = [doc.char_span(s, e, label="BOILERPLATE", alignment_mode="expand") for s, e in regions]
        doc.spans["boilerplate"] = [s for s in spans if s is not None]
        return doc


class Figures(RuleComponent):
    def build(self, rules):
        from quellenlage.figures import FigureRules, Scanner
        return Scanner(FigureRules.from_ruleset(rules))

    def process(self, doc, scanner):
        doc.spans["figures"] = result_spans(doc, scanner.scan(text_of(doc), skip_regions(doc)), "figure")
        return doc


class Dates(RuleComponent):
    def build(self, rules):
        from quellenlage.dates import DateRules, DateScanner
        from quellenlage.entities import EntityRules
        from quellenlage.frame_rules import FrameRules
        return DateScanner(DateRules.from_ruleset(rules)), EntityRules.from_ruleset(rules), FrameRules.from_ruleset(rules)

    @staticmethod
    def fiscal_calendar(doc: Doc, entities, frames):
        """The fiscal calendar of the company the article is most about (the gazetteer's, else
        the one the article states): yearless fiscal quarters are read with it."""
        from quellenlage.document_periods import stated_fiscal
        from quellenlage.entity_names import main_organisation
        org = main_organisation(doc_entities(doc) if "entities" in doc.spans else [])
        cal = entities.fiscal(org) if org is not None else None
        # (only the main organisation's calendar counts; else the one the article states)
        return cal if cal is not None else stated_fiscal(text_of(doc), frames, doc._.published)

    def process(self, doc, engine):
        scanner, entities, frames = engine
        figures = [(s, s._.figure) for s in doc.spans["figures"]] if "figures" in doc.spans else []
        taken = [(f["start"], f["end"]) for _, f in figures if f["label"] != "DURATION"]
        fiscal = self.fiscal_calendar(doc, entities, frames)
        # the calendar the DATE rows' fiscal values are read with (their date_start, date_end)
        doc.user_data[FISCAL_KEY] = [fiscal.start_month] if fiscal else None  # msgpack-able; labels are canonical
        shifted = sorted(e.start for e in doc_entities(doc) if e.type == "ORG" and (
            cal := entities.fiscal(e.name)) is not None and cal.start_month != 1) if "entities" in doc.spans else []
        found = scanner.scan(text_of(doc), doc._.published, skip_regions(doc) + taken,
                             fiscal.start_month if fiscal else None, shifted,
                             named_start=fiscal is not None and fiscal.from_text(2000) != 2000)
        from quellenlage.date_context import dates_over_durations
        found, figures = dates_over_durations(text_of(doc), found, figures, scanner.r)
        dates = result_spans(doc, found, "figure")
        figures += [(s, s._.figure) for s in dates]
        figures.sort(key=lambda sf: (sf[1]["start"], sf[1]["end"]))
        doc.spans["figures"] = [s for s, _ in figures]  # the figures table holds dates too
        doc.spans["dates"] = dates
        return doc


class Entities(RuleComponent):
    def build(self, rules):
        from quellenlage.entities import EntityRules
        from quellenlage.lexicon_nouns import common_nouns
        entity_rules = EntityRules.from_ruleset(rules)
        if entity_rules.cfg.get("deal_objects"):
            common_nouns()  # (once a process, with the rules: not in the first document that buys something)
        return entity_rules

    def process(self, doc, rules):
        from quellenlage.entities import Entity, find_entities
        # A statistical backbone's PER/ORG entities join the rule-found ones.
        extra = [Entity(e.start_char, e.end_char, e.text, BACKBONE_TYPES[e.label_], source="backbone")
                 for e in doc.ents if e.label_ in BACKBONE_TYPES]
        found = find_entities(text_of(doc), rules, skip_regions(doc), extra)
        doc.spans["entities"] = attached_spans(doc, ((e.start, e.end, e.type, e) for e in found), "entity")
        return doc


class Quotes(RuleComponent):
    def build(self, rules):
        from quellenlage.quote_rules import QuoteRules
        from quellenlage.quotes import QuoteFinder
        return QuoteFinder(QuoteRules.from_ruleset(rules))

    def process(self, doc, finder):
        _require_sentences(doc, self.name)
        index = DocIndex.of(doc)
        # Without an entities component the finder looks for speakers itself.
        entities = doc_entities(doc) if "entities" in doc.spans else None
        quotes = finder.find(text_of(doc), index.sentences(), skip_regions(doc), entities)
        doc.spans["quotes"] = result_spans(doc, quotes, "quote", label=lambda q: q.kind.upper(), index=index)
        return doc


class Claims(RuleComponent):
    def build(self, rules):
        from quellenlage.claim_rules import ClaimRules
        from quellenlage.claims import ClaimFinder
        return ClaimFinder(ClaimRules.from_ruleset(rules))

    def process(self, doc, finder):
        from quellenlage.claim_rules import DocView
        _require_sentences(doc, self.name)
        _require(doc, self.name, ("figures", "entities"),
                 "'quellenlage_figures', 'quellenlage_entities' (and 'quellenlage_dates' for dated claims)")
        index = DocIndex.of(doc)
        # (a period named against an earlier one, "im Vorjahresquartal", is read by the claim step's own
        # period rules, not as a date of its own)
        figures = [s._.figure for s in doc.spans.get("figures", []) if s._.figure and s._.figure.get("rule") != "date_compared"]
        view = DocView(text_of(doc), sentence_bounds(doc, index), figures, doc_entities(doc), skip_regions(doc),
                       doc._.published)
        claims = finder.claims(view)
        doc.spans["claims"] = attached_spans(
            doc, ((c["figure"]["start"], c["figure"]["end"], c["property"], c) for c in claims), "claim", index)
        return doc


FIGURE_ATTRS = ["span._.figure", *(f"span._.{f}" for f in FIGURE_FIELDS)]


@Language.factory("quellenlage_sentences", default_config=CONFIG, assigns=["token.is_sent_start", "doc.sents"])
def make_sentences(nlp: Language, name: str, rules_dir: Optional[str]) -> Sentences:
    """Sentence boundaries from the segmentation rules (keeps what a parser already set)."""
    return Sentences(nlp, name, rules_dir)


@Language.factory("quellenlage_boilerplate", default_config=CONFIG, assigns=["doc.spans"])
def make_boilerplate(nlp: Language, name: str, rules_dir: Optional[str]) -> Boilerplate:
    """doc.spans["boilerplate"]: ads, bylines, teasers; the other components skip them."""
    return Boilerplate(nlp, name, rules_dir)


@Language.factory("quellenlage_figures", default_config=CONFIG, assigns=["doc.spans", *FIGURE_ATTRS])
def make_figures(nlp: Language, name: str, rules_dir: Optional[str]) -> Figures:
    """doc.spans["figures"]: counts, money, percentages, …; values in Span._.figure/value/unit/currency."""
    return Figures(nlp, name, rules_dir)


@Language.factory("quellenlage_dates", default_config=CONFIG, assigns=["doc.spans", *FIGURE_ATTRS])
def make_dates(nlp: Language, name: str, rules_dir: Optional[str]) -> Dates:
    """doc.spans["dates"] (and added to doc.spans["figures"]); Span._.date_value. Reads
    doc.spans["figures"]/["entities"] when there (after quellenlage_figures it leaves figures alone)."""
    return Dates(nlp, name, rules_dir)


@Language.factory("quellenlage_entities", default_config=CONFIG, assigns=["doc.spans", "span._.entity"])
def make_entities(nlp: Language, name: str, rules_dir: Optional[str]) -> Entities:
    """doc.spans["entities"]: organisations, people, models, chips; Span._.entity."""
    return Entities(nlp, name, rules_dir)


@Language.factory("quellenlage_quotes", default_config=CONFIG, requires=["token.is_sent_start"],
                  assigns=["doc.spans", "span._.quote", "span._.speaker", "span._.cue"])
def make_quotes(nlp: Language, name: str, rules_dir: Optional[str]) -> Quotes:
    """doc.spans["quotes"]: Span._.quote, Span._.speaker. Needs sentence boundaries."""
    return Quotes(nlp, name, rules_dir)


@Language.factory("quellenlage_claims", default_config=CONFIG,
                  requires=["token.is_sent_start", "doc.spans", "span._.figure", "span._.entity"],
                  assigns=["doc.spans", "span._.claim", "span._.subject", "span._.property", "span._.period"])
def make_claims(nlp: Language, name: str, rules_dir: Optional[str]) -> Claims:
    """doc.spans["claims"]: figures with subject, property and frame. Needs sentences,
    quellenlage_figures and quellenlage_entities before it."""
    return Claims(nlp, name, rules_dir)
