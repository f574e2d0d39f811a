"""The review report (report.html and one page per article): files, links, escaping, spans."""
from __future__ import annotations

import re
import shutil

import pyarrow.parquet as pq

from quellenlage.report import page_name, segments, write_report
from quellenlage.tables import read_table


def test_one_page_per_document_and_links_resolve(report_run):
    out, index = report_run
    docs = read_table(out, "documents").to_pylist()
    pages = sorted(p.name for p in (out / "report" / "articles").glob("*.html"))
    assert pages == sorted(page_name(d["doc_id"]) for d in docs)
    page = index.read_text(encoding="utf-8")
    links = set(re.findall(r'href="(report/articles/[^"#]+)', page))
    assert links and all((out / link).is_file() for link in links)
    disputed = [f for f in read_table(out, "facts").to_pylist() if f["status"] == "disputed"]
    assert page.count("data-fact-id=") == len(disputed) > 0
    # nothing is loaded from anywhere
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_documents_carry_the_text_the_offsets_index(report_run):
    out, _ = report_run
    docs = {d["doc_id"]: d for d in read_table(out, "documents").to_pylist()}
    for f in read_table(out, "figures").to_pylist()[:500]:
        assert docs[f["doc_id"]]["text"][f["start"]:f["end"]] == f["text"]


def test_markup_in_articles_is_text(report_run):
    out, index = report_run
    page = (out / "report" / "articles" / page_name("zz-hostile")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=" in page
    for html in (page, index.read_text(encoding="utf-8")):
        assert "<script>alert" not in html and "<img" not in html and "<b>sehr" not in html
        assert html.count("<script") == 1   # the page's own script, allowed by its hash


def test_segments_give_back_the_text_and_nest_spans():
    text = "Er sagte: „Wir haben 15.000 GPUs gekauft“, so Suleyman."
    q0, q1 = text.index("Wir"), text.index("“")
    f0 = text.index("15.000")
    spans = [{"start": q0, "end": q1, "label": "QUOTE", "title": "Zitat", "anchor": "q", "kind": "quote"},
             {"start": f0, "end": f0 + 6, "label": "COUNT", "title": "15000 gpu", "anchor": "f", "kind": "figure"}]
    segs = segments(text, 0, spans)
    assert "".join(s["text"] for s in segs) == text
    fig = next(s for s in segs if s["text"] == "15.000")
    assert fig["classes"] == "l-QUOTE l-COUNT" and fig["anchors"] == ["f"] and fig["tags"] == ["COUNT"]
    assert sum(len(s["tags"]) for s in segs) == 2
    # a piece of the text (a sentence at offset 10) keeps the spans' offsets
    part = segments(text[q0:], q0, spans)
    assert "".join(s["text"] for s in part) == text[q0:]


def test_without_text_the_article_shows_its_sentences(report_run, tmp_path):
    out, _ = report_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    folder = copy / "documents"
    for f in folder.glob("*.parquet"):
        t = pq.read_table(f)
        pq.write_table(t.drop(["text"]), f)   # a run of the old layout
    write_report(copy)
    claims = [c for c in read_table(copy, "claims").to_pylist() if c["doc_id"] == "zz-hostile"]
    page = (copy / "report" / "articles" / page_name("zz-hostile")).read_text(encoding="utf-8")
    assert claims and 'class="piece"' in page and "nicht vor" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
