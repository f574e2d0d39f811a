"""No document stalls a run: the per-document budget, the worker watchdog, and a systemic
failure that stops the run instead of writing a table of error rows (issue 11)."""
from __future__ import annotations

import signal
import time

import pytest

import quellenlage.engine as engine
import quellenlage.extract as extract
from quellenlage.budget import DocTimeout, time_budget
from quellenlage.run import SystemicFailure, run
from quellenlage.tables import read_table

TEXT = "Microsoft hat rund 15.000 Grafikprozessoren eingesetzt, sagte ein Sprecher am Dienstag.\n"


def _inputs(tmp_path, n=4, slow=None):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i}.txt").write_text(TEXT * (i + 1), encoding="utf-8")
    if slow:
        (folder / "slow.txt").write_text(slow + " " + TEXT, encoding="utf-8")
    return folder


def _statuses(out):
    return {r["doc_id"]: (r["status"], r["error"]) for r in read_table(out, "documents").to_pylist()}


def _slow_make_doc(word, seconds, block_signals=False):
    original = extract.make_doc

    def make_doc(nlp, article):
        if word in article.text:
            if block_signals:  # stuck where no signal reaches: only killing the worker helps
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(seconds)
        return original(nlp, article)
    return make_doc


def test_a_budget_interrupts_work_and_gives_back_the_outer_one():
    with pytest.raises(DocTimeout, match="timed out after 0.2 s"):
        with time_budget(0.2):
            time.sleep(3)
    with time_budget(5):
        with time_budget(0.1):
            time.sleep(0.01)
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 4 < left <= 5  # the outer budget still runs after the inner one ended
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_a_document_past_its_budget_is_an_error_row_and_the_run_goes_on(tmp_path, rules, monkeypatch):
    # (the slow document would take 120 s: a run well under that did not wait for it, however
    # busy the machine, whose first document warms the rules)
    monkeypatch.setattr(extract, "make_doc", _slow_make_doc("LANGSAM", 120))
    out = tmp_path / "out"
    started = time.monotonic()
    run([str(_inputs(tmp_path, slow="LANGSAM"))], out, model="rules", rules_dir=str(rules.root),
        progress=False, doc_timeout=2.0)
    assert time.monotonic() - started < 60
    status = _statuses(out)
    assert status["slow"] == ("error", "timed out after 2 s")
    assert all(status[f"a{i}"] == ("ok", None) for i in range(4))
    assert read_table(out, "figures").num_rows >= 4


def test_a_stuck_worker_is_replaced(tmp_path, rules, monkeypatch):
    # Worker processes are forked: they inherit the patched make_doc, which blocks the timer.
    monkeypatch.setattr(extract, "make_doc", _slow_make_doc("HAENGT", 60, block_signals=True))
    monkeypatch.setattr(engine, "GRACE", 1.0)
    out = tmp_path / "out"
    started = time.monotonic()
    run([str(_inputs(tmp_path, slow="HAENGT"))], out, model="rules", rules_dir=str(rules.root),
        progress=False, workers=2, doc_timeout=2.0, full=True)
    assert time.monotonic() - started < 50
    status = _statuses(out)
    assert status["slow"][0] == "error" and "worker replaced" in status["slow"][1]
    assert all(status[f"a{i}"] == ("ok", None) for i in range(4))


def test_the_same_failure_on_many_documents_stops_the_run_and_keeps_the_last_output(tmp_path, rules, monkeypatch):
    folder = _inputs(tmp_path, n=12)
    out = tmp_path / "out"
    run([str(folder)], out, model="rules", rules_dir=str(rules.root), progress=False)
    before = read_table(out, "figures")
    (folder / "new.txt").write_text(TEXT, encoding="utf-8")

    def broken(nlp, article):
        raise KeyError("currencies")  # what a broken rule file does to every document
    monkeypatch.setattr(extract, "make_doc", broken)
    with pytest.raises(SystemicFailure, match="KeyError"):
        run([str(folder)], out, model="rules", rules_dir=str(rules.root), progress=False, full=True)
    assert read_table(out, "figures").equals(before)
    assert read_table(out, "documents").num_rows == 12


def test_one_failing_document_among_good_ones_is_only_its_own_error(tmp_path, rules, monkeypatch):
    original = extract.make_doc

    def fails_once(nlp, article):
        if article.doc_id == "a1":
            raise ValueError("kaputt")
        return original(nlp, article)
    monkeypatch.setattr(extract, "make_doc", fails_once)
    out = tmp_path / "out"
    run([str(_inputs(tmp_path, n=12))], out, model="rules", rules_dir=str(rules.root), progress=False)
    status = _statuses(out)
    assert status["a1"] == ("error", "pipeline failed: ValueError: kaputt")
    assert sum(s == "ok" for s, _ in status.values()) == 11
