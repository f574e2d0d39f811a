"""Hostile inputs, generated: every kind of bad, odd or huge input a run may meet (issue 11).

`build(folder)` writes them and returns what each must give: the allowed statuses of its
`documents` row(s) and, for some, a check of the row. Nothing here is read from disk.
"""
from __future__ import annotations

import codecs
import json
import os
import random
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

GERMAN = ("Microsoft hat für das Training rund 15.000 Grafikprozessoren eingesetzt, sagte ein Sprecher "
          "am Dienstag. Das Unternehmen investiert 2,5 Milliarden Euro in neue Rechenzentren in Österreich. "
          "Der Umsatz stieg im dritten Quartal um 12 Prozent auf 65,6 Milliarden US-Dollar.\n")
OK, SKIPPED, ERROR = {"ok"}, {"skipped"}, {"error"}
OK_OR_SKIPPED = {"ok", "skipped"}


@dataclass
class Case:
    doc_id: str
    statuses: set[str]
    check: Callable[[dict], bool] | None = None  # on the documents row
    why: str = ""
    text: str | None = None  # the text it must decode to (offsets are checked against it)


@dataclass
class Hostile:
    folder: Path
    cases: list[Case] = field(default_factory=list)

    def file(self, name: str, data: bytes, statuses, check=None, why="", text=None, doc_id=None) -> None:
        (self.folder / name).write_bytes(data)
        self.cases.append(Case(doc_id or name.rsplit(".", 1)[0], statuses, check, why, text))

    def jsonl(self, name: str, lines: list[str], expect: list[tuple[str, set, Callable | None]]) -> None:
        (self.folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.cases += [Case(doc_id, st, check, f"{name}: {doc_id}") for doc_id, st, check in expect]


def _published(value):
    return lambda row: row["published"] == value


def _warned(word):
    return lambda row: row["published"] is None and row["warning"] is not None and word in row["warning"]


def _error_says(word):
    return lambda row: row["error"] is not None and word in row["error"]


def build(folder: Path, max_bytes: int) -> Hostile:
    h = Hostile(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    text = GERMAN * 3
    # --- not text
    h.file("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40, ERROR, _error_says("binary"))
    h.file("zeros.txt", b"\x00" * 4000, ERROR, _error_says("binary"))
    h.file("random.txt", bytes(rng.randrange(256) for _ in range(6000)), ERROR | SKIPPED)
    h.file("nul-inside.txt", text.encode() + b"\x00\x00\x00" + text.encode(), ERROR)
    # --- every encoding
    for name, codec, bom in (("utf16le-bom", "utf-16-le", codecs.BOM_UTF16_LE), ("utf16be-bom", "utf-16-be", codecs.BOM_UTF16_BE),
                             ("utf16le", "utf-16-le", b""), ("utf16be", "utf-16-be", b""),
                             ("utf32le-bom", "utf-32-le", codecs.BOM_UTF32_LE), ("utf32be-bom", "utf-32-be", codecs.BOM_UTF32_BE),
                             ("utf32le", "utf-32-le", b""), ("utf32be", "utf-32-be", b""),
                             ("utf8-bom", "utf-8", codecs.BOM_UTF8), ("cp1252", "cp1252", b""), ("latin1", "latin-1", b"")):
        h.file(f"{name}.txt", bom + text.encode(codec), OK, lambda row: row["n_chars"] == len(text), text=text)
    # --- line endings
    h.file("cr-only.txt", b"title: Alte Zeilenenden\r\r" + text.replace("\n", "\r").encode(), OK,
           lambda row: row["title"] == "Alte Zeilenenden", text="title: Alte Zeilenenden\n\n" + text)
    h.file("crlf.txt", text.replace("\n", "\r\n").encode(), OK, text=text.replace("\n", "\r\n"))
    h.file("mixed-endings.txt", (GERMAN + "\r" + GERMAN.replace("\n", "\r\n") + GERMAN).encode(), OK)
    # --- size and shape
    h.file("one-mb-line.txt", (GERMAN.strip() + " ") .encode() * (1_000_000 // len(GERMAN.encode())), OK)
    h.file("quote-marks.txt", ("„" * 10_000).encode(), OK_OR_SKIPPED)
    h.file("nested-quotes.txt", ("„‚«‹" * 2_500 + GERMAN + "“‘»›" * 2_500).encode(), OK_OR_SKIPPED)
    h.file("tiny-lines.txt", "Umsatz\n".encode() * 100_000, OK_OR_SKIPPED)
    h.file("integers.txt", " ".join(str(rng.randrange(10**6)) for _ in range(10_000)).encode(), OK_OR_SKIPPED)
    h.file("parentheses.txt", ("(" * 30_000 + GERMAN + ")" * 30_000).encode(), OK_OR_SKIPPED)
    h.file("long-word.txt", ("Rechenzentrum" * 40_000).encode(), OK_OR_SKIPPED)
    h.file("dense-words.txt", ("heute gestern Ostern Mai 2025 " * 8_000).encode(), OK_OR_SKIPPED)
    h.file("dense-money.txt", ("5€ 3 Euro 20 " * 4_000).encode(), OK_OR_SKIPPED)
    # (first contact, session 50: a 60,000-digit number took minutes and overflowed to inf; 100 KB of dates
    # without spaces took minutes (each number read the run to its end for its noun); a column of
    # numbers recursed once per number; a list of "SE" companies was taken for Spanish)
    h.file("digit-run.txt", (GERMAN + "7" * 60_000 + " Euro. " + GERMAN).encode(), OK, lambda row: row["language"] == "de")
    h.file("date-run.txt", (GERMAN + "".join(f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 29)) * 30 + "\n" + GERMAN).encode(), OK)
    h.file("number-column.txt", (GERMAN + "3,5, " * 20_000 + "und 4,5 Prozent.\n" + GERMAN).encode(), OK)
    h.file("legal-forms.txt", (("Im Dax stehen " + ", ".join(f"{n} SE" for n in ("Airbus", "Allianz", "BASF", "E.ON", "Porsche", "SAP",
                                                                                "Vonovia", "Zalando", "Fresenius", "Hannover Rück"))
                               + " und Siemens Energy AG.\n") * 3 + GERMAN).encode(), OK, lambda row: row["language"] == "de")
    h.file("too-large.txt", GERMAN.encode() * (max_bytes // len(GERMAN.encode()) + 10), SKIPPED, _error_says("too large"))
    h.file("empty.txt", b"", SKIPPED, _error_says("empty"))
    h.file("blank.txt", b" \n\t\r\n  ", SKIPPED)
    # --- odd characters
    h.file("controls.txt", "".join(ch + chr(rng.choice([1, 2, 7, 27, 127])) if i % 40 == 0 else ch
                                   for i, ch in enumerate(text)).encode(), OK | ERROR)
    h.file("bidi.txt", ("\u202eMicrosoft\u202c zahlt \u2066rund 15.000\u2069 Euro. \u200f" + text).encode(), OK)
    h.file("zero-width.txt", text.replace("15.000", "15\u200b000").replace(" ", " \u200d", 5).encode(), OK)
    h.file("astral.txt", ("🚀 𝔐𝔦𝔠𝔯𝔬𝔰𝔬𝔣𝔱 😀 " + text + " 👩‍💻").encode(), OK)
    h.file("markup.txt", ("<script>alert('x')</script><b>fett</b> " + text).encode(), OK)
    # --- header dates
    for name, value, check in (("date-feb31", "2025-02-31", _warned("invalid date")), ("date-9999", "9999-12-31", _warned("implausible")),
                               ("date-99999", "99999-01-01", _warned("implausible")), ("date-slash", "2025/01/05", _published("2025-01-05")),
                               ("date-german", "05.01.2025", _published("2025-01-05")), ("date-word", "gestern", _warned("unrecognised")),
                               ("date-iso-time", "2025-03-04T10:00:00+01:00", _published("2025-03-04"))):
        h.file(f"{name}.txt", f"title: Test\ndate: {value}\n\n{text}".encode(), OK, check)
    h.file("long-header.txt", ("url: https://x.de/" + "a" * 20_000 + "\n\n" + text).encode(), OK)
    # --- JSONL of every kind
    good = json.dumps({"id": "j-good", "text": text, "published": "2025-03-01"}, ensure_ascii=False)
    h.jsonl("records.jsonl", [
        good,
        "{not json",
        "[1, 2, 3]",
        json.dumps({"id": "j-notext"}),
        json.dumps({"id": "j-numtext", "text": 42}),
        '{"id": "j-surrogate", "text": "Lone \\ud800 surrogate. ' + GERMAN.strip() + '"}',
        json.dumps({"id": "../../escape", "text": text}),
        json.dumps({"id": "j-baddate", "text": text, "published": "2025-13-40"}),
        json.dumps({"id": "j-huge", "text": "x" * (max_bytes + 10)}),
        good,  # the same id again
        "",
        json.dumps({"id": "j-nested", "text": text, "meta": {"title": ["not", "a", "string"]}}, ensure_ascii=False),
    ], [("j-good", OK, _published("2025-03-01")), ("records:2", ERROR, _error_says("invalid JSON")),
        ("records:3", ERROR, _error_says("not an object")), ("j-notext", ERROR, _error_says("text")),
        ("j-numtext", ERROR, _error_says("text")), ("j-surrogate", OK, None), ("../../escape", OK, None),
        ("j-baddate", OK, _warned("invalid date")), ("j-huge", SKIPPED, _error_says("too large")),
        ("j-good~2", OK, None), ("j-nested", OK, None)])
    (folder / "nothing.jsonl").write_bytes(b"")
    h.cases.append(Case("nothing", SKIPPED, _error_says("empty JSONL"), "empty JSONL"))
    h.file("blank-lines.jsonl", b"\n\n   \n", SKIPPED, doc_id="blank-lines")
    h.file("utf16.jsonl", codecs.BOM_UTF16_LE + (json.dumps({"id": "j-utf16", "text": text}, ensure_ascii=False) + "\n").encode("utf-16-le"),
           OK, doc_id="j-utf16")
    h.file("legacy.jsonl", (json.dumps({"id": "j-cp1252", "text": text}, ensure_ascii=False) + "\n").encode("cp1252"),
           OK, doc_id="j-cp1252")
    # --- not files
    h.file("report.pdf", b"%PDF-1.4\n", SKIPPED, _error_says("unsupported"))
    bad_name = os.fsdecode(b"bad-\xff-name.txt")
    (folder / bad_name).write_bytes(text.encode())
    h.cases.append(Case("bad-\ufffd-name", OK, lambda row: "\ufffd" in row["path"], "non-UTF-8 file name"))
    os.mkfifo(folder / "fifo.txt")
    h.cases.append(Case("fifo", SKIPPED, _error_says("FIFO"), "a FIFO is never opened"))
    try:
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            socket.socket(socket.AF_UNIX).bind("sock.txt")
        finally:
            os.chdir(cwd)
        h.cases.append(Case("sock", SKIPPED, _error_says("socket")))
    except OSError:
        pass
    os.symlink("nowhere.txt", folder / "dangling.txt")
    h.cases.append(Case("dangling", ERROR, _error_says("dangling")))
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    h.cases += [Case("loop-a", ERROR, _error_says("loop")), Case("loop-b", ERROR, _error_says("loop"))]
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_bytes(text.encode())
    os.symlink("..", folder / "sub" / "up")
    h.cases += [Case("sub/inner", OK), Case("sub/up", SKIPPED, _error_says("already read"))]
    return h
