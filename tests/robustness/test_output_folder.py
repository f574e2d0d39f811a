"""The output folder survives `kill -9` at any moment and refuses a second run while one
runs; the next run completes (issue 11). Real processes, real signals."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quellenlage.tables import TABLES, read_table

ROOT = Path(__file__).resolve().parents[2]
# A fixed sample of the corpus (copied several times): long enough a run to be killed at each
# moment, and its cost does not grow with the gold corpus.
ARTICLES = sorted((ROOT / "corpus" / "articles").glob("*.txt"))[:150]


def _corpus(tmp_path, copies):
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(copies):
        for f in ARTICLES:
            shutil.copy(f, folder / f"{k:03d}-{f.name}")
    return folder


def _start(folder, out, *extra):
    return subprocess.Popen([sys.executable, "-m", "quellenlage", "extract", str(folder), "--out", str(out),
                             "--model", "rules", *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _extract(folder, out, *extra):
    proc = _start(folder, out, *extra)
    stdout, stderr = proc.communicate(timeout=600)
    return proc.returncode, stdout + stderr


def _snapshot(out):
    run_json = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {name: read_table(out, name) for name in TABLES}, run_json


def _consistent(out):
    """Every table is one run's, and run.json counts exactly its rows."""
    tables, run_json = _snapshot(out)
    for name in TABLES:
        assert tables[name].num_rows == run_json["counts"][name], name
    return tables, run_json


def _wait_for(predicate, seconds=120):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.005)
    return False


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    """A finished run over the sample (input and output folders), made once for the module: each
    test works on its own copy."""
    base = tmp_path_factory.mktemp("finished")
    folder = _corpus(base, 3)
    code, log = _extract(folder, base / "out")
    assert code == 0, log
    return folder, base / "out"


@pytest.mark.parametrize("moment", ["reading", "writing parts", "cross-document step"])
def test_kill_9_at_any_moment_leaves_the_last_tables_and_the_next_run_completes(tmp_path, finished_run, moment):
    folder, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(finished_run[0], folder)
    shutil.copytree(finished_run[1], out)
    before, before_run = _consistent(out)
    (folder / "extra.txt").write_text("Nvidia meldete 57 Milliarden Dollar Umsatz.", encoding="utf-8")
    staging = out / ".quellenlage" / "staging"
    proc = _start(folder, out, "--full")
    if moment == "reading":
        assert _wait_for(staging.exists)
    elif moment == "writing parts":
        assert _wait_for(lambda: any(staging.glob("documents/part-*.parquet")))
    else:
        # the cross-document step is short: kill as it writes claims, or the run has committed
        assert _wait_for(lambda: any(staging.glob("claims/*.parquet")) or any(staging.glob("facts/*.parquet"))
                         or proc.poll() is not None)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after, after_run = _consistent(out)
    if after_run == before_run:  # killed before the commit: the last run stands, whole
        for name in TABLES:
            assert after[name].equals(before[name]), name
    code, log = _extract(folder, out)
    assert code == 0, log
    tables, _ = _consistent(out)
    assert tables["documents"].num_rows == before["documents"].num_rows + 1


def test_a_second_run_is_refused_while_one_runs(tmp_path):
    folder = _corpus(tmp_path, 2)
    out = tmp_path / "out"
    first = _start(folder, out)
    assert _wait_for((out / ".quellenlage" / "lock").exists)
    code, log = _extract(folder, out)
    assert code != 0 and "another run" in log
    stdout, stderr = first.communicate(timeout=600)
    assert first.returncode == 0, stderr
    _consistent(out)
