"""CLI (SPEC §3): commands, exit codes, one-line messages that say what to fix."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ARTICLES, ROOT


def test_extract_prints_a_summary_and_exits_zero(cli, tmp_path, sample_articles):
    res = cli("extract", sample_articles, "--out", tmp_path / "o", "--model", "rules")
    assert res.exit_code == 0, res.output
    assert "documents (" in res.output and "ok" in res.output
    assert (tmp_path / "o" / "run.json").is_file()


def test_bad_inputs_do_not_fail_the_run(cli, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_bytes(b"\x00\xff" * 50)
    res = cli("extract", tmp_path / "in", "--out", tmp_path / "o")
    assert res.exit_code == 0
    assert "error" in res.output and "x.txt" in res.output


def test_missing_rules_folder_exits_nonzero_with_one_line(cli, tmp_path):
    res = cli("extract", ARTICLES, "--out", tmp_path / "o", "--rules", tmp_path / "nope")
    assert res.exit_code == 1
    assert "rules folder" in res.output and "--rules" in res.output


def test_unknown_model_exits_nonzero_and_says_what_to_do(cli, tmp_path):
    res = cli("extract", ARTICLES, "--out", tmp_path / "o", "--model", "de_core_news_xx")
    assert res.exit_code == 1
    assert "de_core_news_xx" in res.output and "--model auto" in res.output


def test_unwritable_output_exits_nonzero(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    res = cli("extract", ARTICLES, "--out", blocker / "sub")
    assert res.exit_code == 1 and "output folder" in res.output


def test_bad_arguments_are_usage_errors(cli, tmp_path):
    assert cli("extract", tmp_path / "missing").exit_code == 2
    assert cli("extract", ARTICLES, "--workers", "0").exit_code == 2
    assert cli("extract", ARTICLES, "--scheduler", "tcp://x:1").exit_code == 2


def test_evaluate_json_has_the_spec_shape(cli):
    res = cli("evaluate", "--gold", ROOT / "corpus" / "gold" / "blind56.jsonl", "--json", "--model", "rules")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data) == {"labels", "overall", "relations"}
    for m in list(data["labels"].values()) + [data["overall"]]:
        assert {"tp", "fp", "fn", "precision", "recall", "f1", "full_f1"} <= set(m)
    assert data["overall"]["tp"] + data["overall"]["fn"] > 0
    rel = data["relations"]
    assert {"conflicts_expected", "conflicts_found", "flagged", "flagged_true", "precision", "recall", "f1"} <= set(rel)
    assert rel["conflicts_expected"] > 0 and rel["flagged_true"] <= rel["flagged"]
    assert rel["precision"] == (rel["flagged_true"] / rel["flagged"] if rel["flagged"] else 1.0)


def test_conflicts_and_report_read_the_last_run(cli, tmp_path, sample_articles):
    assert cli("conflicts", "--out", tmp_path / "none").exit_code == 1
    cli("extract", sample_articles, "--out", tmp_path / "o", "--model", "rules")
    res = cli("conflicts", "--out", tmp_path / "o")
    assert res.exit_code == 0 and "disputed facts" in res.output
    facts = json.loads(cli("conflicts", "--out", tmp_path / "o", "--json").output)
    assert facts and all(f["status"] == "disputed" and len(f["values"]) >= 2 for f in facts)
    for f in facts:
        for v in f["values"]:
            assert v["sources"] and all(c["evidence"] and c["text"] for c in v["claims"])
    some = facts[0]
    narrowed = json.loads(cli("conflicts", "--out", tmp_path / "o", "--json", "--subject", some["subject"],
                              "--property", some["property"]).output)
    assert narrowed and {(f["subject"], f["property"]) for f in narrowed} == {(some["subject"], some["property"])}
    assert json.loads(cli("conflicts", "--out", tmp_path / "o", "--json", "--property", "no_such").output) == []
    everything = json.loads(cli("conflicts", "--out", tmp_path / "o", "--json", "--all").output)
    assert len(everything) > len(facts) and {f["status"] for f in everything} == {"agreed", "disputed"}
    res = cli("report", "--out", tmp_path / "o")
    assert res.exit_code == 0
    page = (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    assert 'id="disputes"' in page and 'id="documents"' in page and (tmp_path / "o" / "report" / "articles").is_dir()


def test_runs_as_module():
    res = subprocess.run([sys.executable, "-m", "quellenlage", "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and "quellenlage" in res.stdout
