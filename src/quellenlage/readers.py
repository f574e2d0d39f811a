"""Reading articles: files and folders, headers, JSONL, encodings.

Offsets are sacred: `Article.text` is the file decoded (BOM removed) and nothing else.
Header lines and the inline ` date 2025-03` stay in the text; `body_start` says where
extraction may begin.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import charset_normalizer

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}
HEADER_KEYS = {"url", "title", "outlet", "date", "published"}
MAX_BYTES = 5_000_000

_HEADER_LINE = re.compile(r"[ \t]*([A-Za-z]+)[ \t]*:[ \t]*(.*?)[ \t]*\r?$")
_INLINE_DATE = re.compile(r"\s*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")
_WESTERN_EXTRA = set("äöüÄÖÜßéèêëáàâíìîïóòôúùûçñÉÈÀÇ„“”‚‘’–—…€°§«»·×±²³µ¼½¾©®™•\xa0")
_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


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
    language: str = ""

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


@dataclass
class Source:
    """One input file and the doc_id it gets."""

    path: Path
    doc_id: str
    kind: str  # text | jsonl | unsupported


def iso_partial(value: str | None) -> str | None:
    """'2025-03-04T10:00' -> '2025-03-04'; '2025-3' -> None; keeps YYYY, YYYY-MM, YYYY-MM-DD."""
    if not value:
        return None
    m = _ISO_PARTIAL.match(value.strip())
    if not m:
        return None
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return None
    if day and not 1 <= int(day) <= 31:
        return None
    return "-".join(p for p in (year, month, day) if p)


def discover(paths: list[str | Path], exclude: list[str | Path] = ()) -> list[Source]:
    """Input files under the given paths, each with its doc_id, in a stable order; nothing
    under `exclude` (an output folder inside the input is never read back as input)."""
    sources: list[Source] = []
    skip = [Path(p).resolve() for p in exclude]
    for given in paths:
        given = Path(given)
        if given.is_dir():
            files = sorted(p for p in given.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(given).parts)
                           and not any(p.resolve().is_relative_to(x) for x in skip))
            base = given
        else:
            files = [given]
            base = given.parent
        for f in files:
            rel = f.relative_to(base).with_suffix("").as_posix()
            suffix = f.suffix.lower()
            kind = "text" if suffix in TEXT_SUFFIXES else "jsonl" if suffix in JSONL_SUFFIXES else "unsupported"
            sources.append(Source(f, rel, kind))
    # Two inputs with the same doc_id (a.txt and a.md): the later ones keep their suffix.
    seen: set[str] = set()
    for s in sources:
        if s.doc_id in seen:
            s.doc_id = s.doc_id + s.path.suffix
        seen.add(s.doc_id)
    return sources


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). UTF-8 first, BOM removed; else detected."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Legacy German text is nearly always Windows-1252 or Latin-1; statistical detection
    # is unreliable on short texts (it reads Latin-1 umlauts as Chinese), so take the
    # Western code page first when everything it yields is Western European text.
    for western in ("cp1252", "latin_1"):
        try:
            text = raw.decode(western)
        except UnicodeDecodeError:
            continue
        if all(ch in _WESTERN_EXTRA or ch.isascii() for ch in text):
            return text, western
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise UnicodeDecodeError("unknown", raw[:1], 0, 1, "no encoding fits")
    return str(best), best.encoding


def looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 0 and controls / len(head) > 0.05


def parse_header(text: str, article: Article) -> None:
    """Fill metadata from `key: value` lines at the top, or the inline ` date YYYY-MM`."""
    pos = 0
    seen_any = False
    fields: dict[str, str] = {}
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end]
        m = _HEADER_LINE.fullmatch(line)
        if m and m.group(1).lower() in HEADER_KEYS:
            fields.setdefault(m.group(1).lower(), m.group(2))
            seen_any = True
            pos = line_end + 1
            continue
        if seen_any and not line.strip():
            pos = line_end + 1
        break
    if seen_any:
        article.body_start = min(pos, len(text))
        article.title = fields.get("title") or None
        article.outlet = fields.get("outlet") or None
        article.url = fields.get("url") or None
        published = iso_partial(fields.get("published") or fields.get("date"))
        if published:
            article.published, article.published_source = published, "header"
        return
    m = _INLINE_DATE.match(text)
    if m:
        article.published = iso_partial(m.group(1))
        article.published_source = "inline"
        article.body_start = m.end()


def _check_text(article: Article, max_chars: int) -> None:
    if not article.text.strip():
        article.status, article.error = "skipped", "empty document"
    elif len(article.text) > max_chars:
        article.status = "skipped"
        article.error = f"too large: {len(article.text)} characters (limit {max_chars})"


def read_text_file(source: Source, max_bytes: int = MAX_BYTES) -> Article:
    article = Article(doc_id=source.doc_id, path=source.path.as_posix())
    try:
        raw = source.path.read_bytes()
    except OSError as exc:
        article.status, article.error = "error", f"cannot read file: {exc.strerror or exc}"
        return article
    if len(raw) > max_bytes:
        article.status, article.error = "skipped", f"too large: {len(raw)} bytes (limit {max_bytes})"
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
        article.doc_id = str(record["id"])
    text = record.get("text")
    if not isinstance(text, str):
        article.status, article.error = "error", "JSONL record has no 'text' string"
        return article
    article.text = text[1:] if text.startswith("\ufeff") else text
    parse_header(article.text, article)
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    for key in ("title", "outlet", "url"):
        value = record.get(key, meta.get(key))
        if value:
            setattr(article, key, str(value))
    published = iso_partial(str(record.get("published") or meta.get("published") or ""))
    if published:
        article.published, article.published_source = published, "metadata"
    _check_text(article, max_chars)
    return article


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, line, encoding) of a JSONL file, read line by line (a large file is never
    held whole). Lines split at "\\n" only, as JSON Lines says: a raw U+2028 inside a JSON
    string is no line break. UTF-8 as the format demands; a line that is not is decoded on its
    own (legacy code pages); a UTF-16 file (with its BOM) is decoded whole."""
    with open(path, "rb") as fh:
        head = fh.read(4)
        fh.seek(0)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            text, encoding = decode(fh.read())
            for lineno, line in enumerate(text.split("\n"), start=1):
                yield lineno, line, encoding
            return
        for lineno, raw in enumerate(fh, start=1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield lineno, raw.decode("utf-8"), "utf-8"
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
            yield Article(doc_id=f"{source.doc_id}:{n + 1}" if n else source.doc_id, path=source.path.as_posix(),
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
            yield Article(doc_id=fallback_id, path=source.path.as_posix(), encoding=encoding,
                          status="error", error=f"line {lineno}: invalid JSON ({exc.msg})")
            continue
        yield article_from_record(record, fallback_id, source.path.as_posix(), encoding, max_bytes)
    if n == 0:
        yield Article(doc_id=source.doc_id, path=source.path.as_posix(), encoding=encoding,
                      status="skipped", error="empty JSONL file")


def read_sources(sources: list[Source], max_bytes: int = MAX_BYTES) -> Iterator[Article]:
    for source in sources:
        if source.kind == "text":
            yield read_text_file(source, max_bytes)
        elif source.kind == "jsonl":
            yield from read_jsonl_file(source, max_bytes)
        else:
            yield Article(doc_id=source.doc_id, path=source.path.as_posix(), status="skipped",
                          error=f"unsupported file type '{source.path.suffix or source.path.name}'"
                                " (expected .txt, .md or .jsonl)")
