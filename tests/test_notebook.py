"""examples/explore.ipynb runs top to bottom against the sample corpus's output (a failing
cell fails the test), and is kept without saved outputs."""
from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from quellenlage.run import run

from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "explore.ipynb"


def test_the_notebook_is_saved_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_the_notebook_runs_on_the_sample_corpus(tmp_path, rules, monkeypatch, sample_articles):
    out = tmp_path / "outputs"
    run([str(sample_articles)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    monkeypatch.setenv("QUELLENLAGE_OUT", str(out))
    monkeypatch.delenv("QUELLENLAGE_SUBJECT", raising=False)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=300, startup_timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "disputed facts" in text and "■" in text
    images = [o for o in outputs if o.output_type == "display_data" and "image/png" in o.get("data", {})]
    assert len(images) == 2
