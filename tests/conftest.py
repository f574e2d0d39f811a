from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quellenlage.cli import main
from quellenlage.pipeline import build
from quellenlage.rules import RuleSet

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "corpus" / "articles"
GOLD = ROOT / "corpus" / "gold"


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return RuleSet.load(ROOT / "rules")


@pytest.fixture(scope="session")
def nlp(rules):
    return build("rules", rules)


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory, rules):
    """One extraction over the sample corpus, shared by the table tests."""
    from quellenlage.extract import run
    out = tmp_path_factory.mktemp("corpus-run")
    result = run([str(ARTICLES)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    return out, result
