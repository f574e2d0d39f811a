"""Pairing quotation marks („…“, „…", »…«, «…», ‚…‘, “…”, "…"), nested and across
paragraphs; marks that cannot be paired are dropped instead of running to the end of the
text. Pure: characters in, `Quotation` bounds out (the marks come from rules/<lang>/quotes.yaml)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from quellenlage.textutil import Regions


PARA_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*[|#])")


@dataclass
class Quotation:
    start: int          # first character inside the marks
    end: int            # last character inside the marks + 1
    open_at: int        # the opening mark
    close_at: int       # the closing mark
    depth: int = 0


MAX_DEPTH = 8   # a closer looks this far down the stack of open quotes
MAX_NEST = 4    # a quote inside more open quotes than this is noise, not a quote


def _is_opener_position(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{:–—/-„»«‚") and not after.isspace()


def _is_closer_position(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def find_quotations(text: str, marks: dict[str, list[str]], regions: Iterable[tuple[int, int]] = ()) -> list[Quotation]:
    """Pairs of quotation marks, innermost included, in text order."""
    blocked = Regions(regions)
    closer_chars = {c for cs in marks.values() for c in cs}
    mark_chars = set(marks) | closer_chars
    stack: list[tuple[str, int]] = []   # (opener, position)
    found: list[Quotation] = []
    # Only marks and line breaks do anything below: skip straight from one to the next.
    next_stop = re.compile("[" + "".join(re.escape(c) for c in sorted(mark_chars | {"\n"})) + "]").search
    i = 0
    n = len(text)
    while i < n:
        stop = next_stop(text, i)
        if stop is None:
            break
        i = stop.start()
        ch = text[i]
        if ch == "\n" and stack:
            m = PARA_BREAK.match(text, i)
            if m:
                # A paragraph ends. A quote goes on only if the next paragraph opens again
                # with the same mark (German style for multi-paragraph quotes).
                nxt = m.end()
                while nxt < n and text[nxt] in " \t":
                    nxt += 1
                if len(stack) == 1 and nxt < n and text[nxt] == stack[0][0] and _closes_later(text, nxt, marks[stack[0][0]]):
                    i = nxt + 1
                    continue
                stack.clear()
        if ch not in mark_chars or blocked.covers(i):
            i += 1
            continue
        if ch in ("’", "'") and i > 0 and text[i - 1].isalpha() and i + 1 < n and text[i + 1].isalpha():
            i += 1  # apostrophe inside a word: AI's, don't
            continue
        closed = False
        # A closer closes one of the innermost open quotes (a quote nested deeper than
        # MAX_DEPTH marks is noise): constant work per mark, however many are open.
        top = len(stack) - 1
        for depth in range(top, max(-1, top - MAX_DEPTH), -1) if ch in closer_chars else ():
            opener, pos = stack[depth]
            if ch in marks[opener] and _is_closer_position(text, i) and i > pos + 1:
                if depth < MAX_NEST:
                    found.append(Quotation(pos + 1, i, pos, i, depth))
                del stack[depth:]
                closed = True
                break
        if closed:
            i += 1
            continue
        if ch in marks and _is_opener_position(text, i):
            if ch in ("‚", "'", "’") and not stack:
                i += 1  # single marks only inside a quote
                continue
            stack.append((ch, i))
        i += 1
    found.sort(key=lambda q: (q.start, -q.end))
    return found


def _closes_later(text: str, pos: int, closers: list[str]) -> bool:
    end = PARA_BREAK.search(text, pos)
    stop = end.start() if end else len(text)
    return any(c in text[pos + 1:stop] for c in closers)
