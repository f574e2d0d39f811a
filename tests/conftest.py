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
    from quellenlage.run import run
    out = tmp_path_factory.mktemp("corpus-run")
    result = run([str(ARTICLES)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
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
def report_run(tmp_path_factory, rules):
    """The sample corpus plus an article full of markup, extracted, with its report."""
    import shutil

    from quellenlage.run import run
    from quellenlage.report import write_report
    base = tmp_path_factory.mktemp("report-run")
    articles = base / "articles"
    shutil.copytree(ARTICLES, articles)
    (articles / "zz-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = base / "out"
    run([str(articles)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    return out, write_report(out)
