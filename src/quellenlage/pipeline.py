"""Building the spaCy pipeline: a statistical German model if asked for and installed,
else the rule backbone (blank German + lookup lemmas), plus the project's components."""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from quellenlage import __version__, components  # noqa: F401  (registers the factories)
from quellenlage.rules import RuleSet
from quellenlage.tokenizer import GuardedTokenizer
from quellenlage.segment import SegmentationRules, sentence_starts

AUTO_MODELS = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")
RULE_BACKBONE = "quellenlage-rules"
COMPONENTS = ("quellenlage_boilerplate", "quellenlage_figures", "quellenlage_entities", "quellenlage_dates",
              "quellenlage_quotes", "quellenlage_claims")


class ModelError(Exception):
    """The requested model cannot be loaded."""


# Document context set before the pipeline runs; components read it.
for _name, _default in (("published", None), ("body_start", 0), ("doc_id", None), ("meta_regions", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@lru_cache(maxsize=8)
def load_rules(rules_dir: str, lang: str = "de") -> RuleSet:
    return RuleSet.load(rules_dir, lang)


@Language.factory("quellenlage_sentences", default_config={"rules_dir": ""})
def make_sentences(nlp: Language, name: str, rules_dir: str):
    ruleset = load_rules(rules_dir) if rules_dir else RuleSet.load()
    rules = SegmentationRules.from_config(ruleset.get("segmentation"))

    def set_sentences(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        text = components.text_of(doc)
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
        return doc

    return set_sentences


def installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_model(model: str) -> str | None:
    """`auto` -> the first installed de_core_news_* or None (rule backbone)."""
    if model == "auto":
        return next((m for m in AUTO_MODELS if installed(m)), None)
    if model in ("rules", "blank", RULE_BACKBONE):
        return None
    return model


def describe(model: str) -> str | None:
    """The backbone name `build(model)` records, without building it (None: only building
    can tell, e.g. a pipeline folder)."""
    name = resolve_model(model)
    if name is None:
        return f"{RULE_BACKBONE} {__version__} (spaCy {spacy.__version__}, blank:de)"
    return None


def _rule_backbone() -> Language:
    nlp = spacy.blank("de")
    return nlp


def build(model: str = "auto", rules: RuleSet | None = None) -> Language:
    """The pipeline for `--model auto|NAME|PATH`; raises ModelError with what to do."""
    rules = rules or RuleSet.load()
    name = resolve_model(model)
    if name is None:
        nlp = _rule_backbone()
        nlp.meta["name"], nlp.meta["version"] = "rules", __version__
        backbone = describe("rules")
    else:
        try:
            nlp = spacy.load(name)
        except (OSError, IOError) as exc:
            where = "path" if Path(name).exists() or "/" in name else "package"
            raise ModelError(f"cannot load model {name!r} ({where}): install it "
                             f"(e.g. pip install {name}) or use --model auto") from exc
        backbone = f"{nlp.meta.get('lang', 'de')}_{nlp.meta.get('name', 'model')} {nlp.meta.get('version', '?')}"
        if Path(name).exists():
            backbone += f" ({Path(name).name})"
    first_stat = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
    where = {"before": first_stat} if first_stat else {}
    cfg = {"rules_dir": str(rules.root)}
    nlp.add_pipe("quellenlage_sentences", config=cfg, **where)
    for component in COMPONENTS:
        nlp.add_pipe(component, config=cfg)
    nlp.meta["quellenlage_backbone"] = backbone
    nlp.max_length = max(nlp.max_length, 10_000_000)
    if not isinstance(nlp.tokenizer, GuardedTokenizer):
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
    return nlp


def backbone_name(nlp: Language) -> str:
    return nlp.meta.get("quellenlage_backbone", nlp.meta.get("name", "?"))
