"""Output tables (SPEC §5): schemas, dataset folders, run.json, offsets, determinism."""
from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq

from quellenlage.run import run
from quellenlage.readers import discover, read_sources
from quellenlage.tables import SCHEMAS, TABLES, read_table



def test_a_run_writes_typed_dataset_folders_and_run_json(corpus_run):
    import pyarrow as pa
    out, result = corpus_run
    assert set(TABLES) == {"documents", "figures", "quotes", "claims", "facts", "conflicts"}
    for name in TABLES:
        files = sorted((out / name).glob("*.parquet"))
        assert files, name
        assert pq.read_schema(files[0]).remove_metadata() == SCHEMAS[name], name
        df = pd.read_parquet(out / name)
        # pandas shows dates and nested lists as objects; every other column has a plain type.
        nested = {f.name for f in SCHEMAS[name] if pa.types.is_date(f.type) or pa.types.is_list(f.type)}
        assert all(str(t) != "object" for col, t in df.dtypes.items() if col not in nested), name
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["rules_sha256"] == result.rules.sha256
    assert info["counts"]["documents"] == len(result.tables["documents"])
    assert set(info["timings"]) >= {"total_s", "extract_s"}


def test_documents_has_one_row_per_input(corpus_run, sample_articles):
    out, _ = corpus_run
    docs = pd.read_parquet(out / "documents")
    inputs = {s.doc_id for s in discover([sample_articles])}
    assert set(docs["doc_id"]) == inputs and len(docs) == len(inputs)
    assert docs["doc_id"].is_unique
    assert (docs["status"] == "ok").all()
    assert docs["n_tokens"].gt(50).all()
    assert docs["pipeline"].str.startswith("quellenlage-rules").all()
    assert docs["n_chars"].dtype == "int64"


def test_every_offset_gives_back_its_span(corpus_run, sample_articles):
    out, _ = corpus_run
    texts = {a.doc_id: a.text for a in read_sources(discover([sample_articles]))}
    for name, prefix in (("figures", ""), ("quotes", "")):
        for r in read_table(out, name).to_pylist():
            t = texts[r["doc_id"]]
            assert t[r["start"]:r["end"]] == r["text"], r
            assert r["sentence_start"] <= r["start"] <= r["end"] <= r["sentence_end"], r
    for r in read_table(out, "conflicts").to_pylist():
        assert texts[r["doc_a"]][r["start_a"]:r["end_a"]] == r["text_a"]
        assert texts[r["doc_b"]][r["start_b"]:r["end_b"]] == r["text_b"]


def test_two_runs_give_identical_tables(tmp_path, rules, sample_articles):
    a = run([str(sample_articles)], tmp_path / "a", model="rules", rules_dir=str(rules.root))
    b = run([str(sample_articles)], tmp_path / "b", model="rules", rules_dir=str(rules.root))
    for name in TABLES:
        assert read_table(tmp_path / "a", name).equals(read_table(tmp_path / "b", name)), name
    assert a.tables["documents"] == b.tables["documents"]


def test_bad_inputs_are_listed_and_the_run_goes_on(tmp_path, rules):
    src = tmp_path / "in"
    src.mkdir()
    (src / "gut.txt").write_text("Microsoft hat für das Training seines Modells rund 15.000 Grafikprozessoren "
                                 "eingesetzt, wie das Unternehmen am Montag mitteilte.", encoding="utf-8")
    (src / "leer.txt").write_text("", encoding="utf-8")
    (src / "bild.txt").write_bytes(b"\x00\x01\x02" * 100)
    (src / "englisch.txt").write_text("Microsoft has trained its model on about 15,000 GPUs, and the company "
                                      "said that it is the first of its own models.", encoding="utf-8")
    (src / "kaputt.jsonl").write_text('{"id": "j1", "text": "Ein kurzer Text."}\n{oops\n', encoding="utf-8")
    result = run([str(src)], tmp_path / "out", model="rules", rules_dir=str(rules.root))
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("doc_id")
    assert docs.loc["gut", "status"] == "ok"
    assert docs.loc["leer", "status"] == "skipped"
    assert docs.loc["bild", "status"] == "error"
    assert docs.loc["englisch", "status"] == "skipped" and "German" in docs.loc["englisch", "error"]
    assert docs.loc["kaputt:2", "status"] == "error"
    assert docs.loc["j1", "status"] == "ok"
    assert result.status_counts() == {"ok": 2, "skipped": 2, "error": 2}


def test_duckdb_reads_the_dataset(corpus_run):
    import duckdb
    out, result = corpus_run
    n = duckdb.sql(f"select count(*) from read_parquet('{out}/documents/*.parquet')").fetchone()[0]
    assert n == len(result.tables["documents"])


def test_dask_engine_gives_the_same_tables(tmp_path, rules, sample_articles):
    run([str(sample_articles)], tmp_path / "local", model="rules", rules_dir=str(rules.root))
    run([str(sample_articles)], tmp_path / "dask", model="rules", rules_dir=str(rules.root), engine="dask", workers=1)
    for name in TABLES:
        assert read_table(tmp_path / "dask", name).equals(read_table(tmp_path / "local", name)), name
