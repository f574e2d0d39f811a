"""The layout of an article's text: table cells with their column headers, and headings.

Pure: the text in, offsets out."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quellenlage.textutil import line_start, per_text


@dataclass
class TableCell:
    start: int
    end: int
    header: str | None
    row: str | None = None
    corner: str | None = None  # the table's first header cell ("in Mio. €"): what the figures are in


class Tables(dict):
    """Table rows (their cells) keyed by line start, with a look-up by position: the rows'
    ranges do not overlap, so a bisection finds the one a position is in."""

    def row_at(self, pos: int) -> list[TableCell] | None:
        """The cells of the row whose range (its first cell's start - 1 to its last cell's
        end) holds pos."""
        index = self.__dict__.get("_index")
        if index is None:
            rows = sorted((cells for cells in self.values() if cells), key=lambda cells: cells[0].start)
            index = self.__dict__["_index"] = ([cells[0].start - 1 for cells in rows], rows)
        starts, rows = index
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and pos < rows[k][-1].end:
            return rows[k]
        return None


def _column_headers(heads: list[tuple[int, int, str]], cols: list[tuple[int, int]]) -> list[str | None]:
    """The header over each of a row's cells. By position where the header line has as many
    cells as the row (or lies flush left); else by column: the header cell that overlaps the
    row cell, or the nearest one (a header line with an empty corner, "      2024   2023", heads
    the columns it stands over, not the row's first cell)."""
    if not heads:
        return [None] * len(cols)
    if len(heads) == len(cols) or not cols or heads[0][0] <= cols[0][0] < heads[0][1]:
        return [heads[k][2] if k < len(heads) else None for k in range(len(cols))]
    out: list[str | None] = []
    for k, (a, b) in enumerate(cols):
        if k == 0:
            out.append(None)  # the row names: under the empty corner
            continue
        best = min(heads, key=lambda h: (0 if h[0] < b and a < h[1] else 1, abs((h[0] + h[1]) - (a + b))))
        out.append(best[2])
    return out


def plain_table_cells(text: str) -> dict[int, list[TableCell]]:
    """Tables whose columns are aligned with spaces (as scraped pages often have them): two or
    more consecutive lines with cells separated by runs of three or more spaces."""
    cells: dict[int, list[TableCell]] = {}
    block: list[tuple[int, str]] = []
    pos = 0

    def flush() -> None:
        if len(block) >= 2:
            heads = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+(?: {1,2}\S+)*", block[0][1])]
            rows = block[1:]
            if heads and heads[0][2].endswith(":"):
                heads, rows = [], block  # "Betreiber:   ESMC …" / "Investition:   > 10 Mrd. Euro": keys and values, no header
            parent = None
            for start, line in rows:
                spans = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+(?: {1,2}\S+)*", line)]
                row = text[spans[0][0]:spans[0][1]] if spans else None
                row, parent = _part_of(row, parent)
                header = _column_headers(heads, [(a - start, b - start) for a, b in spans])
                cells[start] = [TableCell(a, b, header[k], row if k else None, header[0] if k else None)
                                for k, (a, b) in enumerate(spans)]
        block.clear()

    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if len(re.findall(r"\S {3,}(?=\S)", body)) >= 1 and not body.lstrip().startswith("|") and not INNER_PIPE.search(body):
            block.append((pos, body))
        else:
            flush()
        pos += len(line)
    flush()
    return cells


# A key-figure box written as "Key: value (value)" lines: "Umsatz: 1.511,3 (1.479,4)"
KV_NUMBER = r"[-+–]?\d[\d.,']*(?:[ \t]*%)?"
KV_ROW = re.compile(r"[ \t]*(?:[-•*–][ \t]+)?(?P<key>[^\W\d][^:\n|]{0,48}?):[ \t]+"
                    r"(?P<vals>" + KV_NUMBER + r"(?:[ \t]+\(" + KV_NUMBER + r"\))?)[ \t]*")
KV_CELL = re.compile(KV_NUMBER)
KV_CAPTION = re.compile(r"\((?P<u>(?:Angaben\s+|Zahlen\s+)?in\s[^()]{1,60})\)\s*$|^\s*(?P<l>(?:Angaben\s+|Zahlen\s+)?in\s[^()]{1,40})$")
BRACKETS_BEFORE = re.compile(r"(?i)in\s+Klammern:?\s+(?P<what>Vorjahr\w*|Vorjahresquartal\w*|Vorjahreszeitraum\w*)")


def key_value_cells(text: str) -> dict[int, list[TableCell]]:
    """Key-figure boxes of two or more "Key: number (number)" lines under a caption that says
    what the numbers are in ("Bechtle im dritten Quartal (in Mio. Euro, in Klammern Vorjahr)"):
    each number a cell whose row is the key and whose corner is the caption; a bracketed number
    is headed by what the caption says the brackets hold ("Vorjahr")."""
    cells: dict[int, list[TableCell]] = {}
    lines, pos = [], 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and KV_ROW.fullmatch(lines[j][1]):
            j += 1
        if j - k >= 2:
            caption = next((body for _, body in reversed(lines[max(0, k - 2):k]) if body.strip()), "")
            m = KV_CAPTION.search(caption)
            corner = (m.group("u") or m.group("l")).strip() if m else None
            before = BRACKETS_BEFORE.search(caption)
            for start, body in lines[k:j]:
                row = KV_ROW.fullmatch(body)
                vals = [(start + c.start(), start + c.end()) for c in KV_CELL.finditer(body, row.start("vals"))]
                key = row.group("key").strip()
                cells[start] = [TableCell(start + row.start("key"), start + row.end("key"), None)] + [
                    TableCell(a, b, before.group("what") if n and before else None, key, corner)
                    for n, (a, b) in enumerate(vals)]
            k = j
        else:
            k = j + 1 if j == k else j
    return cells


@per_text
def table_cells(text: str) -> Tables:
    """Cells of Markdown and space-aligned tables, keyed by line start; each knows its
    column's header and its row's first cell. (Once per text: figures and claims read it.)"""
    cells = Tables({**key_value_cells(text), **plain_table_cells(text)})
    header: list[str] | None = None
    parent: str | None = None
    pos = 0
    lines = text.splitlines(keepends=True)
    inner = _inner_pipe_rows(lines)
    for n, line in enumerate(lines):
        stripped = line.strip()
        if (stripped.startswith("|") and stripped.count("|") >= 2) or n in inner:
            bounds = [pos + i for i, ch in enumerate(line) if ch == "|"]
            if n in inner:  # "Kennzahl | 2024/25 | 2023/24": the line's ends bound the outer cells
                bounds = [pos - 1] + bounds + [pos + len(line.rstrip("\r\n"))]
            spans = list(zip(bounds, bounds[1:]))
            if re.fullmatch(r"\|[\s:|-]+\|?", stripped):
                pass  # the |---|---| separator
            elif header is None:
                header = [text[s + 1:e].strip() for s, e in spans]
            else:
                row = text[spans[0][0] + 1:spans[0][1]].strip() if spans else None
                row, parent = _part_of(row, parent)
                cells[pos] = [TableCell(s + 1, e, header[k] if k < len(header) else None, row if k else None,
                                        header[0] if k and header else None)
                              for k, (s, e) in enumerate(spans)]
        else:
            header, parent = None, None
        pos += len(line)
    return cells


INNER_PIPE = re.compile(r"\S[ \t]+\|[ \t]+\S")  # "Umsatz (Mrd. Yen)   | 1.164,9 | 1.671,9"


def _inner_pipe_rows(lines: list[str]) -> set[int]:
    """Lines of a table whose cells are separated by bars but that has no outer bars: two or
    more consecutive lines with the same number of inner bars (a single such line is a dateline)."""
    rows: set[int] = set()
    run: list[int] = []
    for n, line in enumerate(lines + [""]):
        body = line.strip()
        bars = body.count("|") if body and not body.startswith("|") and INNER_PIPE.search(body) else 0
        if bars and run and lines[run[-1]].strip().count("|") == bars:
            run.append(n)
            continue
        if len(run) >= 2:
            rows.update(run)
        run = [n] if bars else []
    return rows


PART_ROW = re.compile(r"(?i)[-–•]?\s*(?:davon|darunter|dav\.)\s")


def _part_of(row: str | None, parent: str | None) -> tuple[str | None, str | None]:
    """(the row's label, the label parts of it are under): a row "davon USA" under "Umsatz" is
    labelled "Umsatz davon USA" (a part of the revenue); any other row is a parent itself."""
    if row and PART_ROW.match(row):
        return (f"{parent} {row}" if parent else row), parent
    return row, row


def whole_label(row: str | None) -> str | None:
    """The label of the whole a part row belongs to: "Umsatz" of "Umsatz davon USA" (its
    numbers are of the whole's kind: revenue, not a count of what "USA" names)."""
    if not row:
        return row
    m = re.search(r"(?i)(?:^|\s)(?:[-–•]\s*)?(?:davon|darunter|dav\.)\s", row)
    return row[:m.start()].strip() if m else row


def cell_at(tables: Tables, pos: int) -> TableCell | None:
    cells = tables.row_at(pos)
    if cells is not None:
        for c in cells:
            if c.start <= pos < c.end:
                return c
    return None




HEADING_MAX_WORDS = 12


def headings(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Lines that are headings: short, without a closing full stop, not a table row, with a
    line of text after them ("Ausblick", "Rechenzentren treiben das Wachstum")."""
    out = []
    pos = 0
    lines = text.splitlines(keepends=True)
    for k, line in enumerate(lines):
        body = line.strip()
        if (pos >= start and body and len(body) <= 100 and len(body.split()) <= HEADING_MAX_WORDS
                and not body.startswith("|") and body[-1] not in ".!?:;,\"“”»«)" and k + 1 < len(lines)):
            s = pos + line.index(body[0])
            out.append((s, s + len(body)))
        pos += len(line)
    return out


# a bulleted row, or a short label and its value ("Data Center: 3,589 Mrd. US-Dollar (+69 %)")
LIST_ROW = re.compile(r"[ \t]*(?:[-•*–][ \t]+\S|(?:[A-ZÄÖÜ]|[a-z](?=[A-Z]))[\w&/()+ .,-]{0,40}:[ \t]+[^\n]{0,60}\d[^\n]{0,40}$)", re.MULTILINE)
LIST_REACH = 40  # rows a list heading may stand above


def _last_sentence(line: str) -> str:
    """The last sentence of a line ("Vorbestellungen sind möglich. Die Preise:" -> "Die Preise:")."""
    cut = max(line.rfind(". ", 0, -1), line.rfind("! ", 0, -1), line.rfind("? ", 0, -1))
    return line[cut + 2:] if cut >= 0 else line


def list_heading(text: str, pos: int) -> tuple[int, int] | None:
    """The line a list stands under, for a position in one of its rows ("Segmente (Umsatz,
    Veränderung ggü. Vorquartal)" over "- Mobile (MBU): 1,35 Mrd. USD, -19 %"): the first line
    above the row's block of rows that is no row itself, if it is short and ends no sentence; of a
    line ending in a colon, or of one over a blank line, its last sentence.
    Bounded: at most `LIST_REACH` rows are walked."""
    start = line_start(text, pos)
    if start < 0 or not LIST_ROW.match(text, start):
        return None
    blank_seen = False
    for _ in range(LIST_REACH):
        if start == 0:
            return None
        prev = line_start(text, start - 1)
        if prev < 0:
            return None
        line = text[prev:start - 1]
        if not LIST_ROW.match(line):
            body = line.strip()
            if not body and not blank_seen and prev > 0:
                blank_seen = True  # (one blank line between a heading and its rows)
                start = prev
                continue
            if body.endswith(":"):
                body = _last_sentence(body)  # "… am 31. Januar. Die Preise in Deutschland:": the sentence the list follows
            if body and body[-1] == "." and blank_seen and len(body) <= 200:
                # "Nvidia hat für alle vier Grafikkarten Euro-Preise genannt." over a blank line: it says what the rows are
                body = _last_sentence(body)
                s = prev + line.index(body)
                return s, s + len(body)
            if not body or len(body) > 120 or body[-1] in ".!?":
                return None
            s = prev + line.index(body)
            return s, s + len(body)
        start = prev
    return None
