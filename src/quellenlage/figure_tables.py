"""Figures in tables: a cell's unit from its column's header or its row's first cell
("| Beschäftigte | 6.000 |"), a key-figure box's bare numbers from the row's bracketed unit or
the table's corner ("Umsatz   9751" under "in Mio. €"). A part of the figure scanner
(figures.Scanner), kept apart: pure, no spaCy."""
from __future__ import annotations

import re
from typing import Iterable

from quellenlage.counting import CONTEXT_RULES
from quellenlage.figure import Figure
from quellenlage.layout import TableCell, cell_at, whole_label
from quellenlage.normalize.numbers import POINT_CENTS
from quellenlage.textutil import line_start

TABLE_ROW_UNIT = re.compile(r"\(([^()]{1,15})\)\s*$")  # "Backlog (Mrd. €)"
# A table's caption: "(Angaben in Prozent, …)", "Zahlen in Mio. Euro"
TABLE_LIKE = re.compile(r"\S {2,}\S.* {2,}\S|\|")  # a row of a table: cells apart by runs of spaces or bars
CAPTION_ROWS = 40


class TableFigures:
    """What the scanner does with table cells (needs `self.r`, `self.units`, `self.qualifier`)."""

    def _apply_table_header(self, text: str, fig: Figure, tables: dict[int, TableCell]) -> None:
        cell = cell_at(tables, fig.start)
        if cell is None or not (cell.header or cell.row):
            return
        if fig.label == "COUNT" and TABLE_ROW_UNIT.search(cell.row or "") and fig.value is not None \
                and text[cell.start:cell.end].strip() == text[fig.start:fig.end]:
            measure = self._table_measure(cell)  # "Halbleiter (Mrd. USD)   8,23": the bracket, not the word
            if measure is not None:
                label, factor, currency = measure
                fig.label, fig.value, fig.currency, fig.unit, fig.item, fig.rule = \
                    label, round(fig.value * factor, 6), currency, None, None, "table_measure"
                return
        if fig.label == "COUNT" and fig.unit is None and fig.rule in CONTEXT_RULES and fig.value is not None \
                and text[cell.start:cell.end].strip() == text[fig.start:fig.end] and "(" not in (cell.row or ""):
            # "davon USA   558" under "Kennzahl (Mio. USD)": the table's measure, not a count of "davon"
            measure = self._table_measure(cell) or self._caption_measure(text, cell)
            if measure is not None and measure[0] == "MONEY":
                label, factor, currency = measure
                fig.label, fig.value, fig.currency, fig.rule = label, round(fig.value * factor, 6), currency, "table_measure"
                return
        header_unit = self.units.header_unit(cell.header or "") or self.units.header_unit(whole_label(cell.row) or "")
        if fig.label == "COUNT" and header_unit and (fig.unit is None or fig.rule in CONTEXT_RULES):
            fig.unit = header_unit  # in a table the header names the unit, not the words before the cell
        if fig.label == "COUNT" and fig.unit is None and fig.value is not None and fig.value >= 1000:
            # "Apple | 54,5 Mio. | 18 %" under "Q3 2024" in an article whose head names one kind of
            # goods ("Smartphone-Markt"): those goods, shipped (rules: product_units)
            fig.unit = self.units.head_unit(text)
        if fig.label == "COUNT" and fig.unit is None and self._header_is_money(cell.header or ""):
            cre, ctable = self.r.currency_after
            cur = next((ctable[c] for c in ctable if c in (cell.header or "")), None)
            if cur:
                fig.label, fig.currency, fig.rule = "MONEY", cur, "table_money"

    def _table_bare_numbers(self, text, atoms, tables, free) -> Iterable[tuple[Figure, TableCell]]:
        """A number alone in a table cell takes its unit from the column header."""
        for a in atoms:
            if a.kind == "one" or not free(a.start, a.end):
                continue
            cell = cell_at(tables, a.start)
            if cell is None or text[cell.start:cell.end].strip() != text[a.start:a.end]:
                continue
            value = a.value
            if a.kind == "needs_scale":  # "Dividende (€)   8.10": a Swiss price in a money row
                measure = self._table_measure(cell)
                value = float(text[a.start:a.end]) if measure and measure[0] == "MONEY" and measure[1] == 1.0 \
                    and POINT_CENTS.fullmatch(text, a.start, a.end) else None
            if value is None:
                continue
            # A row's bracketed unit names what its numbers are ("Halbleiter (Mrd. USD)   8,23": money,
            # not chips); else the column header names the unit, or the row's first cell ("| Beschäftigte | 6.000 |").
            bracketed = TABLE_ROW_UNIT.search(cell.row or "") and self._table_measure(cell)
            unit = None if bracketed else (self.units.header_unit(cell.header or "")
                                           or self.units.header_unit(whole_label(cell.row) or ""))
            scale = self._row_scale(cell)  # "Switch-Konsolen (Mio. Einheiten)   10,08": counts in millions
            if unit is None and scale == 1.0:
                # (a row that names its own measure in brackets keeps it: "Codeforces (Elo)")
                measure = self._table_measure(cell) or (None if "(" in (cell.row or "")
                                                        else self._caption_measure(text, cell))
                if measure is not None:  # "Umsatz   9751" under "in Mio. €", "Backlog (Mrd. €)   55,0"
                    label, factor, currency = measure
                    fig = Figure(a.start, a.end, label, value=round(value * factor, 6), currency=currency, rule="table_measure")
                    self.qualifier.qualify(text, fig, a.plus)
                    yield fig, cell
                continue
            fig = Figure(a.start, a.end, "COUNT", value=round(a.value * scale, 6), unit=unit, rule="table_cell")
            self.qualifier.qualify(text, fig, a.plus)
            yield fig, cell

    def _row_scale(self, cell: TableCell) -> float:
        """The scale a row's bracket gives its counts: "(Mio. Einheiten)", "(in Tsd.)"; 1 else."""
        row = TABLE_ROW_UNIT.search(cell.row or "")
        if row is None or "%" in row.group(1) or self.r.currency_after[0].search(row.group(1)):
            return 1.0
        scale = self.r.scale_re.search(row.group(1))
        if scale is None:
            return 1.0
        form = scale.group("scale")
        return float(self.r.numbers.scales.get(form) or self.r.numbers.english_scales.get(form.lower()) or 1.0)

    def _table_measure(self, cell: TableCell, corner_only: bool = False) -> tuple[str, float, str | None] | None:
        """(label, factor, currency) that a row's bracketed unit ("Backlog (Mrd. €)",
        "Marge (%)") or else the table's corner ("in Mio. €") gives its bare numbers."""
        row = None if corner_only else TABLE_ROW_UNIT.search(cell.row or "")
        # a part row's bracket that names no measure ("davon Spiele (G&NS)") leaves the corner's;
        # any other row's bracket is its own measure ("Codeforces (Elo)")
        part = row is not None and whole_label(cell.row) != (cell.row or "").strip()
        for where in ([row.group(1)] if row else []) + ([cell.corner] if cell.corner and (part or not row) else []):
            if "%" in where or re.search(r"(?<!\w)Prozent(?!\w)", where):
                return "PERCENT", 1.0, None
            cur = self.r.currency_after[0].search(where)
            if cur is None:
                continue
            scale = self.r.scale_re.search(where)
            factor = 1.0
            if scale is not None:
                form = scale.group("scale")
                factor = self.r.numbers.scales.get(form) or self.r.numbers.english_scales.get(form.lower()) or 1.0
            return "MONEY", float(factor), self.r.currency_after[1][cur.group("cur")]
        return None

    def _caption_measure(self, text: str, cell: TableCell) -> tuple[str, float, str | None] | None:
        """What the line the table stands under says its numbers are: "(Angaben in Prozent)",
        "Zahlen in Mio. Euro" (the table's rows walked back, at most `CAPTION_ROWS`)."""
        pos = line_start(text, cell.start)
        for _ in range(CAPTION_ROWS):
            if pos <= 0:
                return None
            prev = line_start(text, pos - 1)
            if prev < 0:
                return None
            line = text[prev:pos - 1]
            if line.strip() and not TABLE_LIKE.search(line):
                m = self.r.table_caption.search(line)
                if m is None:
                    return None
                return self._table_measure(TableCell(cell.start, cell.end, cell.header, cell.row, m.group("u")),
                                           corner_only=True)
            pos = prev
        return None

    def _header_is_money(self, header: str) -> bool:
        return any(w.lower() in self.r.header_money for w in re.findall(r"[\w-]+", header))
