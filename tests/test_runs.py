"""Runs over folders: incremental runs equal full runs, workers and engines give the same
tables, the output folder is written safely (issue 10, issue 11)."""
from __future__ import annotations

import json
import os
import shutil

import pyarrow.parquet as pq
import pytest

from quellenlage.run import run
from quellenlage.store import OutputStore, StoreError
from quellenlage.tables import TABLES, read_table

from conftest import ARTICLES

SOME = sorted(ARTICLES.glob("b3c-*.txt"))  # six articles on two events: claims, facts, conflicts


def _copy(tmp_path, files, name="in"):
    folder = tmp_path / name
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    return folder


def _tables(out):
    return {name: read_table(out, name) for name in TABLES}


def _same(a, b):
    for name in TABLES:
        assert a[name].equals(b[name]), name


def test_incremental_run_equals_a_full_run(tmp_path, rules):
    src = _copy(tmp_path, SOME)
    out = tmp_path / "out"
    first = run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    assert first.reused == 0 and first.counts["conflicts"] > 0
    unchanged = _tables(out)
    # unchanged: everything reused (the cross-document tables kept as they were), same tables
    again = run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    assert again.reused == len(SOME) and again.counts == first.counts
    _same(_tables(out), unchanged)
    # one article changed, one deleted, one added
    changed = src / SOME[0].name
    changed.write_text(changed.read_text(encoding="utf-8").replace("Milliarden", "Millionen", 1), encoding="utf-8")
    (src / SOME[1].name).unlink()
    shutil.copy(ARTICLES / "b3a-nvq2-dpa.txt", src / "b3a-nvq2-dpa.txt")
    inc = run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    assert inc.reused == len(SOME) - 2
    full_out = tmp_path / "full"
    run([str(src)], full_out, model="rules", rules_dir=str(rules.root), log=lambda s: None, full=True)
    _same(_tables(out), _tables(full_out))
    docs = set(read_table(out, "documents").column("doc_id").to_pylist())
    assert SOME[1].stem not in docs and "b3a-nvq2-dpa" in docs
    assert not _tables(out)["figures"].equals(unchanged["figures"])


def test_changed_rules_redo_everything(tmp_path, rules):
    src = _copy(tmp_path, SOME[:2])
    out = tmp_path / "out"
    run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    other = tmp_path / "rules"
    shutil.copytree(rules.root, other)
    (other / "de" / "units.yaml").write_text((other / "de" / "units.yaml").read_text(encoding="utf-8") + "\n# edited\n",
                                             encoding="utf-8")
    again = run([str(src)], out, model="rules", rules_dir=str(other), log=lambda s: None)
    assert again.reused == 0


def test_two_workers_give_the_same_tables(tmp_path, rules):
    src = _copy(tmp_path, SOME)
    run([str(src)], tmp_path / "one", model="rules", rules_dir=str(rules.root), log=lambda s: None)
    run([str(src)], tmp_path / "two", model="rules", rules_dir=str(rules.root), workers=2, log=lambda s: None)
    _same(_tables(tmp_path / "one"), _tables(tmp_path / "two"))


def test_dask_local_cluster_of_two_workers_gives_the_same_tables(tmp_path, rules):
    pytest.importorskip("distributed")
    src = _copy(tmp_path, SOME[:4])
    run([str(src)], tmp_path / "local", model="rules", rules_dir=str(rules.root), log=lambda s: None)
    run([str(src)], tmp_path / "dask", model="rules", rules_dir=str(rules.root), engine="dask", workers=2,
        log=lambda s: None)
    _same(_tables(tmp_path / "local"), _tables(tmp_path / "dask"))


def test_foreign_files_in_the_output_survive(tmp_path, rules):
    src = _copy(tmp_path, SOME[:1])
    out = tmp_path / "out"
    (out / "documents").mkdir(parents=True)
    (out / "documents" / "mine.txt").write_text("my notes", encoding="utf-8")
    (out / "notes.md").write_text("keep", encoding="utf-8")
    run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None, full=True)
    assert (out / "documents" / "mine.txt").read_text(encoding="utf-8") == "my notes"
    assert (out / "notes.md").read_text(encoding="utf-8") == "keep"
    assert read_table(out, "documents").num_rows == 1


def test_an_output_folder_inside_the_input_is_not_read(tmp_path, rules):
    src = _copy(tmp_path, SOME[:1])
    result = run([str(src)], src / "out", model="rules", rules_dir=str(rules.root), log=lambda s: None)
    again = run([str(src)], src / "out", model="rules", rules_dir=str(rules.root), log=lambda s: None)
    assert result.counts["documents"] == again.counts["documents"] == 1


def test_a_second_run_is_refused_while_one_runs_and_a_dead_lock_is_taken_over(tmp_path, rules):
    out = tmp_path / "out"
    store = OutputStore(out)
    store.lock()
    with pytest.raises(StoreError, match="another run"):
        OutputStore(out).lock()
    store.unlock()
    (out / ".quellenlage" / "lock").write_text(f"{os.uname().nodename}:999999999", encoding="utf-8")
    OutputStore(out).lock()


def test_a_run_killed_while_moving_tables_is_finished_by_the_next(tmp_path, rules):
    src = _copy(tmp_path, SOME[:2])
    out = tmp_path / "out"
    run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    before = _tables(out)
    # a run that staged new tables and wrote its journal, then died before moving them
    store = OutputStore(out)
    store.begin()
    for name in TABLES:
        store.write_part(name, 0, [])
    (store.staging / "run.json.next").write_text(json.dumps({"killed": True}), encoding="utf-8")
    store.journal.write_text(json.dumps({"tables": list(TABLES), "files": ["run.json"]}), encoding="utf-8")
    # the next start finishes that move: every table is the killed run's, with its run.json
    OutputStore(out).begin()
    assert json.loads((out / "run.json").read_text(encoding="utf-8")) == {"killed": True}
    assert all(read_table(out, name).num_rows == 0 for name in TABLES)
    assert before["documents"].num_rows == 2


def test_streaming_cross_document_step_equals_the_in_memory_one(tmp_path, rules):
    # The run groups claims in Arrow and completes them part by part (segments of about two
    # documents here, so claims of one fact lie in different parts); evaluation uses the
    # in-memory step on Python rows. Both must give the same facts, conflicts and claims.
    # Claims are also sorted into several buckets by comparison key (spilled to files), so
    # each bucket holds some of the facts.
    memory = _streamed_equals_memory(tmp_path, rules, SOME)
    assert memory["conflicts"] and memory["facts"]


def test_a_scale_echo_is_found_by_both_cross_document_steps(tmp_path, rules):
    # A ticker's "12,7 Mio. $" backlog, read as an unnamed part of its document, against the
    # "12,7 Milliarden Dollar" of three outlets (scale_echo.py), in Arrow buckets as in memory.
    memory = _streamed_equals_memory(tmp_path, rules, sorted(ARTICLES.glob("b28a-paloalto-*.txt")))
    echoes = [r for r in memory["conflicts"] if "12,7 Mio. $" in (r["text_a"], r["text_b"])]
    assert len(echoes) == 3 and all(r["property"] == "backlog" for r in echoes)


def test_one_name_per_subject_in_both_cross_document_steps(tmp_path, rules):
    # "Lam" (dpa, Reuters) and "Lam Research" (a finance portal) are one company in the tables of
    # a run as in evaluation (facts.subject_forms).
    memory = _streamed_equals_memory(tmp_path, rules, sorted(ARTICLES.glob("b70a-lam-*.txt")))
    subjects = {c["subject"] for c in memory["claims"]}
    assert "Lam Research" in subjects and "Lam" not in subjects


def _streamed_equals_memory(tmp_path, rules, files) -> dict:
    import quellenlage.claim_buckets as buckets_module
    import quellenlage.run as run_module
    from quellenlage.crosscheck import crosscheck
    from quellenlage.extract import extract_articles, prepare
    from quellenlage.pipeline import build
    from quellenlage.readers import discover, read_sources
    src = _copy(tmp_path, files)
    old = run_module.SEGMENT, buckets_module.BUCKET_ROWS
    run_module.SEGMENT, buckets_module.BUCKET_ROWS = 2, 20
    try:
        run([str(src)], tmp_path / "out", model="rules", rules_dir=str(rules.root), log=lambda s: None)
    finally:
        run_module.SEGMENT, buckets_module.BUCKET_ROWS = old
    streamed = _tables(tmp_path / "out")
    assert len(list((tmp_path / "out" / "documents").glob("part-*.parquet"))) >= min(3, len(files) // 2)
    memory = crosscheck(extract_articles(build("rules", rules), prepare(read_sources(discover([src])), rules)), rules)
    for name, key in (("facts", "fact_id"), ("conflicts", "conflict_id")):
        got = sorted(streamed[name].to_pylist(), key=lambda r: r[key])
        want = sorted(memory[name], key=lambda r: r[key])
        assert [r[key] for r in got] == [r[key] for r in want]
        for g, w in zip(got, want):
            assert {k: g[k] for k in g} == {k: w.get(k) for k in g}, name
    fields = ("claim_id", "subject", "status", "n_agree", "n_conflict", "fact_id", "source", "suspected_cause")
    got = sorted((tuple(r[f] for f in fields) for r in streamed["claims"].to_pylist()))
    want = sorted((tuple(c.get(f) for f in fields) for c in memory["claims"]))
    assert got == want
    return memory


def _no_processing(monkeypatch):
    """Fail the test if a document goes through the pipeline or a pipeline is built."""
    import quellenlage.engine as engine_module
    import quellenlage.run as run_module

    def refuse(*args, **kwargs):
        raise AssertionError("a document was processed again")
    monkeypatch.setattr(engine_module, "process", refuse)
    monkeypatch.setattr(run_module, "build", refuse)


def test_an_unchanged_rerun_keeps_every_part_and_processes_nothing(tmp_path, rules, monkeypatch):
    import quellenlage.run as run_module
    monkeypatch.setattr(run_module, "SEGMENT", 2)  # several parts per table
    src = _copy(tmp_path, SOME)
    (src / "empty.txt").write_text("", encoding="utf-8")  # a bad input: its row is made again, without a pipeline
    out = tmp_path / "out"
    first = run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    before = _tables(out)
    inodes = {p: p.stat().st_ino for t in TABLES for p in (out / t).glob("part-*.parquet")}
    _no_processing(monkeypatch)
    again = run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    assert again.reused == len(SOME) and again.counts == first.counts and again.status == first.status
    _same(_tables(out), before)
    # the parts of segments of only unchanged documents are the very same files
    kept = {p: p.stat().st_ino for t in TABLES for p in (out / t).glob("part-*.parquet")}
    same = [p for p in kept if inodes.get(p) == kept[p]]
    assert len(same) >= len(SOME) // 2 * 3 + 3  # documents, figures, quotes per segment; claims, facts, conflicts
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["reused_documents"] == len(SOME)


def test_an_unchanged_rerun_does_not_import_spacy(tmp_path, rules):
    import subprocess
    import sys
    src = _copy(tmp_path, SOME[:2])
    out = tmp_path / "out"
    run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    code = ("import sys; from quellenlage.run import run; "
            f"r = run([{str(src)!r}], {str(out)!r}, model='rules', rules_dir={str(rules.root)!r}, log=lambda s: None); "
            "assert r.reused == 2, r.reused; assert 'spacy' not in sys.modules, 'spacy imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_rerun_with_one_changed_document_keeps_the_other_parts(tmp_path, rules, monkeypatch):
    import quellenlage.run as run_module
    monkeypatch.setattr(run_module, "SEGMENT", 2)
    src = _copy(tmp_path, SOME)
    out = tmp_path / "out"
    run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    first = {p: p.stat().st_ino for p in (out / "figures").glob("part-*.parquet")}
    changed = src / SOME[-1].name  # in the last segment
    others = [p.name for p in sorted((out / "documents").glob("part-*.parquet"))
              if changed.stem not in pq.read_table(p, columns=["doc_id"]).column("doc_id").to_pylist()]
    assert len(others) == len(first) - 1 >= 2
    changed.write_text(changed.read_text(encoding="utf-8").replace("Milliarden", "Millionen", 1), encoding="utf-8")
    inc = run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    assert inc.reused == len(SOME) - 1
    now = {p: p.stat().st_ino for p in (out / "figures").glob("part-*.parquet")}
    assert [p.name for p in sorted(now) if first.get(p) == now[p]] == others
    run([str(src)], tmp_path / "full", model="rules", rules_dir=str(rules.root), log=lambda s: None, full=True)
    _same(_tables(out), _tables(tmp_path / "full"))


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


NEWS = [  # "im laufenden Jahr" is resolved against the publication date
    {"id": "meta", "outlet": "Alpha", "title": "Umsatzplan", "url": "https://alpha.example/1",
     "published": "2024-03-01",
     "text": "Die Firma Beispiel AG will im laufenden Jahr ihren Umsatz um 12 Prozent auf 3,4 Milliarden Euro "
             "steigern. Das teilte der Konzern am Montag mit. Im vergangenen Jahr lag der Umsatz bei 3 Milliarden "
             "Euro."},
    {"id": "dateline", "text": "Berlin, 4. März 2025 – Die Firma Beispiel AG hat im laufenden Jahr 500 Mitarbeiter "
                               "eingestellt, wie das Unternehmen mitteilte. Der Umsatz stieg auf 3,4 Milliarden Euro."},
]


def test_a_changed_publication_date_with_the_same_text_is_extracted_again(tmp_path, rules):
    src = tmp_path / "in"
    src.mkdir()
    _write_jsonl(src / "news.jsonl", NEWS)
    out = tmp_path / "out"
    run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    # unchanged (a dateline sets `published` from the text): everything reused
    assert run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None).reused == 2
    claims = read_table(out, "claims").to_pylist()
    assert {c["period"] for c in claims if c["doc_id"] == "meta" and c["property"] == "revenue"} == {"2023", "2024"}
    assert {c["date_value"] for c in claims if c["doc_id"] == "meta" and c["property"] == "announcement_date"} == {"2024-02-26"}
    # the metadata is corrected, the text stays as it was
    fixed = [dict(NEWS[0], published="2025-03-01", outlet="Beta", title="Umsatzplan 2025"), NEWS[1]]
    _write_jsonl(src / "news.jsonl", fixed)
    inc = run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    assert inc.reused == 1
    run([str(src)], tmp_path / "full", model="rules", rules_dir=str(rules.root), log=lambda s: None, full=True)
    _same(_tables(out), _tables(tmp_path / "full"))
    doc = [d for d in read_table(out, "documents").to_pylist() if d["doc_id"] == "meta"][0]
    assert (doc["published"], doc["outlet"], doc["title"]) == ("2025-03-01", "Beta", "Umsatzplan 2025")
    claims = read_table(out, "claims").to_pylist()
    assert {c["period"] for c in claims if c["doc_id"] == "meta" and c["property"] == "revenue"} == {"2024", "2025"}
    assert {c["date_value"] for c in claims if c["doc_id"] == "meta" and c["property"] == "announcement_date"} == {"2025-02-24"}
    assert {c["source"] for c in claims if c["doc_id"] == "meta"} == {"Beta"}
    # a manifest of an older version (doc_id -> text hash): everything is done again, once
    manifest = out / ".quellenlage" / "manifest.json"
    state = json.loads(manifest.read_text(encoding="utf-8"))
    docs = {d["doc_id"]: d["text_sha256"] for d in read_table(out, "documents").to_pylist()}
    state.pop("inputs", None)
    manifest.write_text(json.dumps(dict(state, documents=docs)), encoding="utf-8")
    assert run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None).reused == 0
    _same(_tables(out), _tables(tmp_path / "full"))
    assert run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None).reused == 2


def _article(i: int) -> str:
    return (f"Die Firma Muster{i} AG hat im Jahr 2024 einen Umsatz von {i + 1},5 Milliarden Euro erzielt. "
            f"Das Unternehmen beschäftigt nach eigenen Angaben {100 + i} Mitarbeiter in Deutschland.\n")


def _inodes(out, tables=("documents", "figures", "quotes")):
    return {t: {p.stat().st_ino: p.name for p in (out / t).glob("part-*.parquet")} for t in tables}


def test_deleting_early_documents_keeps_the_later_parts(tmp_path, rules, monkeypatch):
    # Segments end where the documents' ids say, not by position: deleting a document changes
    # only the segment around it, and a part of the last run is kept (linked) for the segment
    # with its digest, whatever its number is now.
    import quellenlage.run as run_module
    monkeypatch.setattr(run_module, "SEGMENT", 4)
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"doc-{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    out = tmp_path / "out"
    run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    assert len(_inodes(out)["documents"]) >= 6
    # one early document; then every document of the first segment (the later parts are renumbered)
    for step in ("one", "segment"):
        before = _inodes(out)
        first = sorted((out / "documents").glob("part-*.parquet"))[0]
        removed = ["doc-001"] if step == "one" else pq.read_table(first, columns=["doc_id"]).column("doc_id").to_pylist()
        for d in removed:
            (src / f"{d}.txt").unlink()
        inc = run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
        after = _inodes(out)
        n = read_table(out, "documents").num_rows
        assert inc.reused == n and n == 40 - (1 if step == "one" else 1 + len(removed))
        for t in after:
            kept = after[t].keys() & before[t].keys()  # the very same files
            assert len(after[t]) - len(kept) <= 2, (t, step)  # rewritten: only the segment(s) around it
            assert len(kept) >= len(after[t]) - 2 >= 4, (t, step)
            if step == "segment":
                assert all(after[t][i] != before[t][i] for i in kept), t  # each one part number lower
        full = tmp_path / f"full-{step}"
        run([str(src)], full, model="rules", rules_dir=str(rules.root), log=lambda s: None, full=True)
        _same(_tables(out), _tables(full))


def test_workers_and_the_extract_command_convert_rows_without_importing_pandas():
    import subprocess
    import sys
    code = ("import sys, pyarrow as pa\n"
            "from quellenlage.tables import arrow_without_pandas, to_arrow\n"
            "arrow_without_pandas()\n"
            "t = to_arrow('figures', [{'doc_id': 'd', 'start': 0, 'end': 3, 'label': 'MONEY', 'text': '3 €'}])\n"
            "assert t.num_rows == 1 and t.column('label').to_pylist() == ['MONEY']\n"
            "pa.array(['x'])\n"
            "print('pandas' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_count_passed_by_now_is_an_update_in_both_cross_document_steps(tmp_path, rules):
    # "Mehr als 21 Millionen … inzwischen" days after "20 Millionen" (facts.passed_mark): the claim
    # step marks `by_now` (rules: properties.yaml by_now), so the streamed step, which reads no
    # evidence, sees it as the in-memory one does.
    memory = _streamed_equals_memory(tmp_path, rules, sorted(ARTICLES.glob("b44b-bluesky-*.txt")))
    marked = [c for c in memory["claims"] if c["by_now"]]
    assert marked and all(c["property"] == "users" for c in marked)


def test_a_companys_share_of_two_markets_is_no_dispute_in_both_cross_document_steps(tmp_path, rules):
    # Apple's PC shipments and share in Q4 2023 (Gartner) against its smartphone ones (IDC): the
    # claim step marks each claim's market (rules: properties.yaml market_goods_properties), so
    # neither cross-document step compares the two markets; within one market sources still meet.
    files = sorted(ARTICLES.glob("b125b-pcmarkt-*.txt")) + sorted(ARTICLES.glob("b104b-idc-*.txt"))
    memory = _streamed_equals_memory(tmp_path, rules, files)
    market = {c["doc_id"][:5]: set() for c in memory["claims"]}
    for c in memory["claims"]:
        if c["subject"] == "Apple" and c["property"] in ("market_share", "rank", "deliveries"):
            market[c["doc_id"][:5]].add(c["market"])
    assert market["b125b"] == {"PC-Markt"} and market["b104b"] == {"Smartphone-Markt"}
    crossed = [r for r in memory["conflicts"] if r["doc_a"][:5] != r["doc_b"][:5]]
    assert crossed == []
    assert any(r["doc_a"][:5] == r["doc_b"][:5] == "b125b" for r in memory["conflicts"])


def test_fines_of_two_authorities_are_no_dispute_in_both_cross_document_steps(tmp_path, rules):
    # In one week of September 2025 the CNIL fined Google 325 million euros and the EU Commission
    # 2.95 billion: the claim step marks each fine's authority (rules: properties.yaml
    # issuer_properties), so neither cross-document step compares the two; within one authority's
    # fine the sources still meet (Der Standard's 2,59 against 2,95 Mrd.).
    files = sorted(ARTICLES.glob("b73b-shein-*.txt")) + sorted(ARTICLES.glob("b128c-adtech-*.txt"))
    memory = _streamed_equals_memory(tmp_path, rules, files)
    issuer = {c["doc_id"][:5]: set() for c in memory["claims"]}
    for c in memory["claims"]:
        if c["subject"] == "Alphabet" and c["property"] == "fine":
            issuer[c["doc_id"][:5]].add(c["issuer"])
    assert issuer["b73b-"] == {"CNIL"} and issuer["b128c"] == {"Europäische Kommission"}
    crossed = [r for r in memory["conflicts"] if r["doc_a"][:5] != r["doc_b"][:5]]
    assert crossed == []
    assert any({r["text_a"], r["text_b"]} == {"2,59 Mrd. Euro", "2,95 Milliarden Euro"} for r in memory["conflicts"])
