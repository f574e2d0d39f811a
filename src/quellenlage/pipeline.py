"""Building the spaCy pipeline: a statistical German model if asked for and installed,
else the rule backbone (blank German + lookup lemmas), plus the project's components."""
from __future__ import annotations

import importlib.metadata
import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from quellenlage import __version__
from quellenlage.rules import RuleSet

if TYPE_CHECKING:  # spaCy is imported only when a pipeline is built (an unchanged re-run builds none)
    from spacy.language import Language

AUTO_MODELS = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")
RULE_BACKBONE = "quellenlage-rules"
COMPONENTS = ("quellenlage_boilerplate", "quellenlage_figures", "quellenlage_entities", "quellenlage_dates",
              "quellenlage_quotes", "quellenlage_claims")


class ModelError(Exception):
    """The requested model cannot be loaded."""


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
        return f"{RULE_BACKBONE} {__version__} (spaCy {spacy_version()}, blank:de)"
    return None


@lru_cache(maxsize=None)
def spacy_version() -> str:
    """spaCy's version without importing it (the same string as `spacy.__version__`)."""
    try:
        return importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:
        import spacy
        return spacy.__version__


def _rule_backbone() -> Language:
    import spacy
    nlp = spacy.blank("de")
    return nlp


def build(model: str = "auto", rules: RuleSet | None = None) -> Language:
    """The pipeline for `--model auto|NAME|PATH`; raises ModelError with what to do."""
    import spacy

    from quellenlage import components  # noqa: F401  (registers the factories without entry points too)
    from quellenlage.tokenizer import GuardedTokenizer
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
    # The rules go to the components directly, not through the config: the config stays
    # free of paths and a saved pipeline carries the rule files (components.RuleComponent).
    # A pipeline saved with the components (--model PATH) keeps them and gets this run's rules.
    for component in ("quellenlage_sentences", *COMPONENTS):
        if component in nlp.pipe_names:
            pipe = nlp.get_pipe(component)
        else:
            pipe = nlp.add_pipe(component, **(where if component == "quellenlage_sentences" else {}))
        pipe.use_rules(rules)
    nlp.meta["quellenlage_backbone"] = backbone
    nlp.max_length = max(nlp.max_length, 10_000_000)
    if not isinstance(nlp.tokenizer, GuardedTokenizer):
        _abbreviations_are_tokens(nlp.tokenizer, rules)
        _name_final_periods(nlp.tokenizer)
        _no_bracket_emoticons(nlp.tokenizer)
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
    return nlp


def _no_bracket_emoticons(tokenizer) -> None:
    """spaCy keeps emoticons such as "):" and "(:" as one token; in news they are a bracket and a
    colon ("Nothing Phone (2): Preise ab 649 Euro"), and a name ending in the bracket would take the
    colon with it."""
    rules = tokenizer.rules or {}
    kept = {k: v for k, v in rules.items() if not (set(k) & set("()") and not any(c.isalnum() for c in k))}
    if len(kept) != len(rules):
        tokenizer.rules = kept


def _abbreviations_are_tokens(tokenizer, rules: RuleSet) -> None:
    """The abbreviations of rules/<lang>/segmentation.yaml stay one token ("Bio.", "Mill.",
    "Vorj."), as spaCy keeps "Mio." and "Mrd.": the sentence rules read them whole."""
    from spacy.attrs import ORTH
    for abbr in (rules.get("segmentation") or {}).get("abbreviations") or []:
        if abbr.endswith(".") and " " not in abbr and len(abbr) > 1:
            tokenizer.add_special_case(abbr, [{ORTH: abbr}])


# A sentence's full stop after a name that ends in a digit ("mit GLM-4.5.", "DeepSeek-V3.",
# "Nvidias H100."): spaCy's German suffixes keep it on the token (as on the ordinal "4." of "am 4.
# März", which stays: no letter before its digits), so the sentence and the name ran on. So also
# after a capital that ends a word in lower case ("von SpaceX.": spaCy reads "X." as an initial).
NAME_FINAL_PERIOD = (r"(?:(?<=[A-Za-z]-\d)|(?<=[A-Za-z]\d)|(?<=[A-Za-z]\d\d)|(?<=[A-Za-z]\d\d\d)"
                     r"|(?<=[A-Za-z]-\d\.\d)|(?<=[A-Za-z]-\d\d\.\d)|(?<=[A-Za-z]\d\.\d)|(?<=[a-z]{2}[A-Z]))\.$")


def _name_final_periods(tokenizer) -> None:
    """One compiled pattern (spaCy saves it with the tokenizer): this suffix, then the model's own."""
    import re
    previous = getattr(tokenizer.suffix_search, "__self__", None)
    pattern = getattr(previous, "pattern", None)
    if pattern is None or NAME_FINAL_PERIOD in pattern:
        return
    tokenizer.suffix_search = re.compile(NAME_FINAL_PERIOD + "|" + pattern).search


def backbone_name(nlp: Language) -> str:
    return nlp.meta.get("quellenlage_backbone", nlp.meta.get("name", "?"))
