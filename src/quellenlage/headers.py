"""Article metadata at the top of a text: `key: value` header lines or an inline ` date 2025-03`,
and publication dates given as metadata, checked before they are believed.

A date that is not a calendar date (`2025-02-31`), has an implausible year (`9999-12-31`,
`99999-01-01`) or a shape we do not know is never truncated into another date: `published`
stays null and the article carries a warning that says why.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Protocol

HEADER_KEYS = {"url", "title", "outlet", "date", "published"}
YEARS = (1800, 2200)  # publication years outside this are typing errors, not news

_HEADER_LINE = re.compile(r"[ \t]*([A-Za-z]+)[ \t]*:[ \t]*(.*?)[ \t]*\r?")
_INLINE_DATE = re.compile(r"\s*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")
_TIME = r"(?:[T ][0-9:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?"
_SHAPES = (  # (pattern, group order year/month/day)
    (re.compile(r"(\d{4,})-(\d{1,2})-(\d{1,2})" + _TIME), (1, 2, 3)),
    (re.compile(r"(\d{4,})/(\d{1,2})/(\d{1,2})"), (1, 2, 3)),
    (re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})"), (3, 2, 1)),
    (re.compile(r"(\d{4,})-(\d{1,2})"), (1, 2, None)),
    (re.compile(r"(\d{4,})"), (1, None, None)),
)


class HasMetadata(Protocol):
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    published_source: str | None
    body_start: int
    warning: str | None


def check_date(value: object) -> tuple[str | None, str | None]:
    """A metadata date -> (ISO partial date, None) or (None, why it was not taken)."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return None, None
    for pattern, (y, m, d) in _SHAPES:
        match = pattern.fullmatch(text)
        if not match:
            continue
        year = int(match.group(y))
        month = int(match.group(m)) if m else 1
        day = int(match.group(d)) if d else 1
        if not YEARS[0] <= year <= YEARS[1]:
            return None, f"implausible year in date '{text}' (expected {YEARS[0]}–{YEARS[1]})"
        try:
            dt.date(year, month, day)
        except (ValueError, OverflowError) as exc:
            return None, f"invalid date '{text}': {exc}"
        parts = [f"{year:04d}"] + ([f"{month:02d}"] if m else []) + ([f"{day:02d}"] if d else [])
        return "-".join(parts), None
    return None, f"unrecognised date '{text[:40]}' (expected YYYY-MM-DD, YYYY-MM, YYYY, YYYY/MM/DD or DD.MM.YYYY)"


def iso_partial(value: str | None) -> str | None:
    """'2025-03-04T10:00' -> '2025-03-04'; '2025-13' -> None; keeps YYYY, YYYY-MM, YYYY-MM-DD."""
    return check_date(value)[0]


def set_published(article: HasMetadata, value: object, source: str) -> bool:
    """Take a metadata date when it is valid; otherwise leave `published` and warn."""
    iso, why = check_date(value)
    if iso:
        article.published, article.published_source = iso, source
        return True
    if why:
        note = f"{source} date not used: {why}"
        article.warning = f"{article.warning}; {note}" if article.warning else note
    return False


def parse_header(text: str, article: HasMetadata) -> None:
    """Fill metadata from `key: value` lines at the top, or the inline ` date YYYY-MM`."""
    pos = 0
    seen_any = False
    fields: dict[str, str] = {}
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        if line_end - pos > 8192:  # no header line is this long (and none is scanned twice)
            break
        m = _HEADER_LINE.fullmatch(text, pos, line_end)
        if m and m.group(1).lower() in HEADER_KEYS:
            fields.setdefault(m.group(1).lower(), m.group(2))
            seen_any = True
            pos = line_end + 1
            continue
        if seen_any and not text[pos:line_end].strip():
            pos = line_end + 1
        break
    if seen_any:
        article.body_start = min(pos, len(text))
        article.title = fields.get("title") or None
        article.outlet = fields.get("outlet") or None
        article.url = fields.get("url") or None
        stated = fields.get("published") or fields.get("date")
        if stated:
            set_published(article, stated, "header")
        return
    m = _INLINE_DATE.match(text)
    if m:
        article.body_start = m.end()
        set_published(article, m.group(1), "inline")
