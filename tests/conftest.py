from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

# The user cache (checked rules, common nouns; cache.py) of the tests' processes, and of the runs
# they start: one of their own, not the user's.
os.environ.setdefault("QUELLENLAGE_CACHE", str(Path(tempfile.gettempdir()) / "quellenlage-test-cache"))

import pytest
from click.testing import CliRunner

from quellenlage.cli import main
from quellenlage.pipeline import build
from quellenlage.rules import RuleSet

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "corpus" / "articles"
GOLD = ROOT / "corpus" / "gold"
# The first events of the corpus (the seed-era articles and blind sets 1-19, about a quarter of
# it): the table, CLI, report and engine tests need many events from many outlets, not every
# gold article (the quality tests score all of those in-process), and the corpus grows each round.
SAMPLE = re.compile(r"(?!b\d)|b(?:[1-9]|1\d)[a-z]-")


def sample_paths() -> list[Path]:
    return [p for p in sorted(ARTICLES.glob("*.txt")) if SAMPLE.match(p.name)]


@pytest.fixture(scope="session")
def sample_articles(tmp_path_factory) -> Path:
    """A folder with the sample articles (copies; the names are the doc_ids)."""
    folder = tmp_path_factory.mktemp("sample") / "articles"
    folder.mkdir()
    for p in sample_paths():
        shutil.copy(p, folder / p.name)
    return folder


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
def corpus_run(tmp_path_factory, rules, sample_articles):
    """One extraction over the sample corpus, shared by the table tests."""
    from quellenlage.run import run
    out = tmp_path_factory.mktemp("corpus-run")
    result = run([str(sample_articles)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    return out, result


HOSTILE = """title: <script>alert(1)</script> Nvidia verdoppelt den Umsatz
outlet: <img src=x onerror=alert(2)> Testblatt
date: 2025-09-01

Nvidia hat im zweiten Quartal einen Umsatz von 46,7 Milliarden Dollar erzielt <script>alert(1)</script>, wie das Unternehmen am Mittwoch mitteilte.
Der Konzern beschäftigt nach eigenen Angaben mehr als 30.000 Mitarbeiter <img src=x onerror=alert(document.domain)> in aller Welt.
„Wir sind mit dem Quartal <b>sehr</b> zufrieden“, sagte Finanzchefin Colette Kress am Mittwoch in Santa Clara.
Die Aktie stieg nach der Mitteilung um 5 Prozent.
"""


@pytest.fixture(scope="session")
def report_run(tmp_path_factory, rules, sample_articles):
    """The sample corpus plus an article full of markup, extracted, with its report."""
    from quellenlage.run import run
    from quellenlage.report import write_report
    base = tmp_path_factory.mktemp("report-run")
    articles = base / "articles"
    shutil.copytree(sample_articles, articles)
    (articles / "zz-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = base / "out"
    run([str(articles)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    return out, write_report(out)
