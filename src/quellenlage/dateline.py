"""The publication date of an article without metadata: a full date at the start of one of
its first lines ("Berlin, 21. Januar 2025 –", "Veröffentlicht am 21.01.2025")."""
from __future__ import annotations

import re

from quellenlage.dates import DateRules, DateScanner
from quellenlage.figure import Figure

DATELINE_LEAD = re.compile(
    r"(?:[A-ZÄÖÜ][\w.\-/ ]{1,40}?,[ \t]*|(?:Veröffentlicht|Erschienen|Publiziert)(?:[ \t]+am)?:?[ \t]*|"
    r"(?:Stand|Datum|Aktualisiert(?:[ \t]+am)?):?[ \t]*|(?:Mo|Di|Mi|Do|Fr|Sa|So)\.?,?[ \t]*|"
    r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag),?[ \t]*)?$")


def find_dateline(text: str, rules: DateRules, start: int = 0, lines: int = 6) -> Figure | None:
    """A full date at the start of one of the first non-empty lines ("Berlin, 21. Januar 2025 –",
    "Veröffentlicht am 21.01.2025", a byline's "9. Mai 2025, 09:12" under headline and teaser): the
    publication date of an article without metadata."""
    scanner = DateScanner(rules)
    pos = start
    seen = 0
    while seen < lines:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if line.strip():
            seen += 1
            for fig in scanner.scan(line):
                if fig.date_value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", fig.date_value) \
                        and DATELINE_LEAD.fullmatch(line[:fig.start]):
                    fig.start += pos
                    fig.end += pos
                    return fig
        pos = end + 1
        if pos >= len(text):
            break
    return None
