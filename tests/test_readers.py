"""Readers (SPEC §4): headers, inline dates, encodings, JSONL, odd files, doc_ids."""
from __future__ import annotations

import json

from quellenlage.readers import discover, iso_partial, read_sources


def read_dir(path):
    return {a.doc_id: a for a in read_sources(discover([path]))}


def test_header_lines_fill_metadata_and_stay_in_text(tmp_path):
    text = "title: Neue Modelle\noutlet: heise online\nurl: https://x.de/a\npublished: 2025-08-29\n\nMicrosoft stellt vor.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    a = read_dir(tmp_path)["a"]
    assert a.text == text  # nothing cut out: offsets index the text as read
    assert (a.title, a.outlet, a.url, a.published) == ("Neue Modelle", "heise online", "https://x.de/a", "2025-08-29")
    assert a.published_source == "header"
    assert a.text[a.body_start:].startswith("Microsoft")


def test_date_key_and_partial_dates():
    assert iso_partial("2025-03") == "2025-03"
    assert iso_partial("2025-03-04T10:00:00Z") == "2025-03-04"
    assert iso_partial("2025-13") is None
    assert iso_partial("gestern") is None


def test_inline_date_form(tmp_path):
    text = " date 2025-03 „OpenAI is a consumer product company.“ Mit dieser Aussage …"
    (tmp_path / "b.md").write_text(text, encoding="utf-8")
    a = read_dir(tmp_path)["b"]
    assert a.published == "2025-03" and a.published_source == "inline"
    assert a.text[a.body_start:].startswith("„OpenAI")


def test_colon_in_first_line_is_not_a_header(tmp_path):
    text = "Fazit: Microsoft baut eigene Modelle.\n\nMehr dazu im Text."
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    a = read_dir(tmp_path)["c"]
    assert a.body_start == 0 and a.title is None


def test_encodings_are_detected_and_recorded(tmp_path):
    text = "Microsoft hat für das Training rund 15.000 Grafikprozessoren eingesetzt, größer als gedacht – Österreich."
    (tmp_path / "utf8.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "latin1.txt").write_bytes(text.replace("–", "-").encode("latin-1"))
    docs = read_dir(tmp_path)
    assert docs["utf8"].text == text and docs["utf8"].encoding == "utf-8"
    assert docs["bom"].text == text and docs["bom"].encoding == "utf-8-sig"
    assert docs["cp1252"].text == text and docs["cp1252"].encoding.replace("_", "").lower() in {"cp1252", "windows1252"}
    assert docs["latin1"].text == text.replace("–", "-")
    assert all(d.ok for d in docs.values())


def test_odd_files_get_a_status_and_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    docs = read_dir(tmp_path)
    assert ".hidden" not in docs
    assert docs["empty"].status == "skipped" and "empty" in docs["empty"].error
    assert docs["blank"].status == "skipped"
    assert docs["binary"].status == "error" and "binary" in docs["binary"].error
    assert docs["image"].status == "skipped" and "unsupported" in docs["image"].error


def test_too_large_file_is_skipped(tmp_path):
    (tmp_path / "big.txt").write_text("Wort " * 100, encoding="utf-8")
    docs = {a.doc_id: a for a in read_sources(discover([tmp_path]), max_bytes=100)}
    assert docs["big"].status == "skipped" and "too large" in docs["big"].error


def test_doc_ids_are_relative_paths_without_extension(tmp_path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "y" / "art.txt").write_text("Text", encoding="utf-8")
    (tmp_path / "x" / "art.md").write_text("Text", encoding="utf-8")
    (tmp_path / "x" / "art.txt").write_text("Text", encoding="utf-8")
    ids = [s.doc_id for s in discover([tmp_path])]
    assert ids == ["x/art", "x/art.txt", "x/y/art"]
    assert [s.doc_id for s in discover([tmp_path / "x" / "y" / "art.txt"])] == ["y/art"[2:]]


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "Der Text.", "outlet": "golem", "published": "2025-01-28"}),
        "{not json",
        json.dumps({"text": "Ohne ID."}),
        json.dumps({"id": "a3", "title": "kein Text"}),
        "",
        json.dumps({"id": "a4", "text": "Mit Meta.", "meta": {"published": "2025-03"}}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs = read_dir(tmp_path)
    assert docs["a1"].outlet == "golem" and docs["a1"].published == "2025-01-28" and docs["a1"].ok
    assert docs["batch:2"].status == "error" and "invalid JSON" in docs["batch:2"].error
    assert docs["batch:3"].ok and docs["batch:3"].text == "Ohne ID."
    assert docs["a3"].status == "error" and "text" in docs["a3"].error
    assert docs["a4"].published == "2025-03"
    assert len(docs) == 5


def test_jsonl_is_read_line_by_line_at_newlines_only(tmp_path):
    # A raw U+2028 inside a JSON string is no line break; a line in a legacy code page is
    # decoded on its own; a BOM before the first record and CRLF line ends are fine.
    first = '{"id": "b1", "text": "Erster Satz.\u2028Zweiter Satz mit 5 Prozent."}'
    legacy = json.dumps({"id": "b2", "text": "Umsatz: 3 Mio. €, Größe"}, ensure_ascii=False).encode("cp1252")
    raw = b"\xef\xbb\xbf" + first.encode("utf-8") + b"\r\n" + legacy + b"\n"
    (tmp_path / "mixed.jsonl").write_bytes(raw)
    docs = read_dir(tmp_path)
    assert docs["b1"].ok and docs["b1"].text == "Erster Satz.\u2028Zweiter Satz mit 5 Prozent."
    assert docs["b2"].ok and docs["b2"].text == "Umsatz: 3 Mio. €, Größe"
    assert len(docs) == 2


def test_utf16_jsonl(tmp_path):
    text = json.dumps({"id": "c1", "text": "Größe: 12 Prozent"}, ensure_ascii=False) + "\n"
    (tmp_path / "w.jsonl").write_bytes(text.encode("utf-16"))
    docs = read_dir(tmp_path)
    assert docs["c1"].text == "Größe: 12 Prozent"
