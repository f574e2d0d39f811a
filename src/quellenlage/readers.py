"""Reading articles: text files and JSONL records into `Article`s.

Offsets are sacred: `Article.text` is the input decoded (BOM removed; a lone CR read as LF
and a lone surrogate as U+FFFD, both length-preserving: decoding.py) and nothing else.
Header lines and the inline ` date 2025-03` stay in the text; `body_start` says where
extraction may begin (headers.py). Finding the files is discovery.py.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from quellenlage.decoding import bom_encoding, decode, looks_binary, printable_name, repair, sniff_wide
from quellenlage.discovery import JSONL_SUFFIXES, TEXT_SUFFIXES, Source, discover  # noqa: F401 - the readers' API
from quellenlage.headers import check_date, iso_partial, parse_header, set_published  # noqa: F401

MAX_BYTES = 5_000_000


@dataclass
class Article:
    doc_id: str
    path: str
    text: str = ""
    encoding: str = ""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: str | None = None
    body_start: int = 0
    meta_regions: list = field(default_factory=list)  # metadata inside the body (a dateline)
    status: str = "ok"
    error: str | None = None
    warning: str | None = None   # the article was read, but something in it was not taken
    language: str = ""
    input_sha256: str = ""       # what its rows depend on, as read (`input_digest`; set by prepare_stream)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def sha256(self) -> str:
        """The text's hash (computed once per text: a re-run asks for it for every document)."""
        cached = self.__dict__.get("_sha")
        if cached is None or cached[0] is not self.text:
            cached = self.__dict__["_sha"] = (self.text, hashlib.sha256(self.text.encode("utf-8")).hexdigest())
        return cached[1]


# What of an article, besides its text, reaches its rows or claims: the documents row, the
# outlet and date on every figure and quote, the dates resolved against `published`
# ("im laufenden Jahr"), where extraction begins and what it skips.
INPUT_FIELDS = ("encoding", "title", "outlet", "url", "published", "published_source", "body_start",
                "meta_regions", "warning")


def input_digest(article: Article) -> str:
    """The hash of everything a document's rows depend on besides the setup (rules, pipeline):
    its text and the metadata in `INPUT_FIELDS`, as the reader gave them. An incremental run
    reuses a document's rows only when this is as it was; it is taken before the language and
    dateline steps, which derive only from it (an unchanged document gives the same digest)."""
    fields = [article.sha256] + [getattr(article, f) for f in INPUT_FIELDS]
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"), default=list)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _check_text(article: Article, max_chars: int) -> None:
    if not article.text.strip():
        article.status, article.error = "skipped", "empty document"
    elif len(article.text) > max_chars:
        article.status = "skipped"
        article.error = f"too large: {len(article.text)} characters (limit {max_chars})"


def _open_regular(path: Path):
    """A regular file opened for reading; never blocks on a FIFO put there since discovery."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(0, "not a regular file")
    return os.fdopen(fd, "rb")


def _read_regular(path: Path, limit: int) -> bytes:
    with _open_regular(path) as fh:
        return fh.read(limit + 1)


def read_text_file(source: Source, max_bytes: int = MAX_BYTES) -> Article:
    article = Article(doc_id=source.doc_id, path=source.shown)
    try:
        raw = _read_regular(source.path, max_bytes)
    except OSError as exc:
        article.status, article.error = "error", f"cannot read file: {exc.strerror or exc}"
        return article
    if len(raw) > max_bytes:
        size = source.path.stat().st_size
        article.status = "skipped"
        article.error = f"too large: {size} bytes (limit {max_bytes}; raise it with --max-bytes)"
        return article
    if looks_binary(raw):
        article.status, article.error = "error", "binary file, not text"
        return article
    try:
        article.text, article.encoding = decode(raw)
    except (UnicodeDecodeError, LookupError):
        article.status, article.error = "error", "cannot decode: no text encoding fits"
        return article
    parse_header(article.text, article)
    _check_text(article, max_bytes)
    return article


def article_from_record(record: object, doc_id: str, path: str, encoding: str = "utf-8",
                        max_chars: int = MAX_BYTES) -> Article:
    """A JSONL record (or a gold line) -> Article. Fields: id, text, url, title, outlet, published."""
    article = Article(doc_id=doc_id, path=path, encoding=encoding)
    if not isinstance(record, dict):
        article.status, article.error = "error", "JSONL line is not an object"
        return article
    if record.get("id") not in (None, ""):
        article.doc_id = repair(str(record["id"]))
    text = record.get("text")
    if not isinstance(text, str):
        article.status, article.error = "error", "JSONL record has no 'text' string"
        return article
    article.text = repair(text[1:] if text.startswith("\ufeff") else text)
    parse_header(article.text, article)
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    for key in ("title", "outlet", "url"):
        value = record.get(key, meta.get(key))
        if value:
            setattr(article, key, repair(str(value)))
    stated = record.get("published") or meta.get("published")
    if stated:
        set_published(article, stated, "metadata")
    _check_text(article, max_chars)
    return article
def _jsonl_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, line, encoding) of a JSONL file, read line by line (a large file is never
    held whole). Lines split at "\\n" only, as JSON Lines says: a raw U+2028 inside a JSON
    string is no line break. UTF-8 as the format demands; a line that is not is decoded on its
    own (legacy code pages); a UTF-16 file (with its BOM) is decoded whole."""
    with _open_regular(path) as fh:
        head = fh.read(4096)
        fh.seek(0)
        marked = bom_encoding(head[:4])
        if (marked and marked[0] != "utf-8") or sniff_wide(head):
            text, encoding = decode(fh.read())
            for lineno, line in enumerate(text.split("\n"), start=1):
                yield lineno, line, encoding
            return
        for lineno, raw in enumerate(fh, start=1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield lineno, repair(raw.decode("utf-8")), "utf-8"
            except UnicodeDecodeError:
                text, encoding = decode(raw)
                yield lineno, text, encoding


def read_jsonl_file(source: Source, max_bytes: int = MAX_BYTES) -> Iterator[Article]:
    n = 0
    encoding = "utf-8"
    lines = _jsonl_lines(source.path)
    while True:
        try:
            item = next(lines, None)
        except (OSError, UnicodeDecodeError, LookupError) as exc:
            yield Article(doc_id=f"{source.doc_id}:{n + 1}" if n else source.doc_id, path=source.shown,
                          status="error", error=f"cannot read JSONL file: {exc}")
            return
        if item is None:
            break
        lineno, line, encoding = item
        if not line.strip():
            continue
        n += 1
        fallback_id = f"{source.doc_id}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Article(doc_id=fallback_id, path=source.shown, encoding=encoding,
                          status="error", error=f"line {lineno}: invalid JSON ({exc.msg})")
            continue
        yield article_from_record(record, fallback_id, source.shown, encoding, max_bytes)
    if n == 0:
        yield Article(doc_id=source.doc_id, path=source.shown, encoding=encoding,
                      status="skipped", error="empty JSONL file")


def read_sources(sources: list[Source], max_bytes: int = MAX_BYTES) -> Iterator[Article]:
    for source in sources:
        if source.kind == "text":
            yield read_text_file(source, max_bytes)
        elif source.kind == "jsonl":
            yield from read_jsonl_file(source, max_bytes)
        elif source.kind == "problem":
            yield Article(doc_id=source.doc_id, path=source.shown, status=source.status, error=source.reason)
        else:
            yield Article(doc_id=source.doc_id, path=source.shown, status="skipped",
                          error=f"unsupported file type '{printable_name(source.path.suffix or source.path.name)}'"
                                " (expected .txt, .md or .jsonl)")
