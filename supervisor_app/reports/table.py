"""One table per sheet, streamed: a header row, the body, bold totals, and the finish
(frozen header, autofilter, fitted widths, number formats, print setup).

Sheets are openpyxl write-only (streamed to disk row by row), so a 200,000-row
detail sheet costs the memory of one row. A write-only sheet takes its column
widths before its first row; ``write_table`` measures the rows it holds first,
``stream_table`` sizes columns by what their kind can hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from supervisor_app.domain.safe_text import clean_text, needs_guard
from supervisor_app.reports import styles
from supervisor_app.reports.styles import CellKind

DAY_SECONDS = 86_400.0


@dataclass(frozen=True, slots=True)
class Column:
    heading: str
    kind: CellKind = CellKind.TEXT
    width: float | None = None  # characters; None: fitted to the values


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet's content: ``rows`` of plain values in the columns' order, then ``totals``."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    totals: Sequence[Sequence[Any]] = ()
    freeze_columns: int = 0  # key columns that stay in view when scrolling right
    widths: dict[int, float] = field(default_factory=dict)


class CellMaker:
    """Turns plain values into styled cells, one reusable cell per column.

    A write-only sheet writes a row as soon as it is appended, so each column's
    styled cell can be refilled for the next row: the style is looked up once per
    column, not once per cell.
    """

    def __init__(self, ws: WriteOnlyWorksheet, columns: Sequence[Column], *, bold: bool = False):
        self._ws = ws
        self._kinds = [c.kind for c in columns]
        self._bold = bold
        self._cells = [self._styled(k, bold) for k in self._kinds]
        self._guarded = [self._styled(k, bold, guard=True) for k in self._kinds]

    def _styled(self, kind: CellKind, bold: bool, *, guard: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(self._ws)
        cell.number_format = styles.NUMBER_FORMATS[kind]
        if kind is CellKind.LONG_TEXT:
            cell.alignment = styles.WRAP
        if bold:
            cell.font, cell.fill, cell.border = (
                styles.TOTAL_FONT,
                styles.TOTAL_FILL,
                styles.TOTAL_BORDER,
            )
        if guard:
            cell.quotePrefix = True
        return cell

    def row(self, values: Sequence[Any]) -> list[Any]:
        out: list[Any] = []
        for i, value in enumerate(values):
            if value is None:
                if self._bold:  # a totals row is shaded across, empty cells too
                    cell = self._cells[i]
                    cell.value = None
                    out.append(cell)
                else:
                    out.append(None)
                continue
            kind = self._kinds[i]
            if isinstance(value, str):
                value = clean_text(value)
                if needs_guard(value):
                    cell = self._guarded[i]
                    cell.value = value
                    cell.data_type = "s"  # openpyxl would take "=…" for a formula
                    out.append(cell)
                    continue
            elif kind is CellKind.DURATION:
                value = value / DAY_SECONDS
            elif isinstance(value, datetime) and value.tzinfo is not None:
                value = value.replace(tzinfo=None)  # local wall time; Excel has no zones
            cell = self._cells[i]
            cell.value = value
            out.append(cell)
        return out


def text_cell(ws: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    """A one-off string cell (a title, a heading) guarded like the table cells."""
    text = clean_text(text)
    cell = WriteOnlyCell(ws, text)
    if needs_guard(text):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _shown_length(value: Any, kind: CellKind) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, datetime | date):
        return styles.KIND_WIDTHS.get(kind, 10)
    return min(len(f"{value:,.1f}") if isinstance(value, float) else len(f"{value:,}"), 16)


def fitted_widths(table: Table) -> list[float]:
    """Each column as wide as its heading (over two lines) or widest value, within limits."""
    widths = []
    for i, column in enumerate(table.columns):
        if column.width is not None:
            widths.append(column.width)
            continue
        kind = column.kind
        longest = max(
            (_shown_length(row[i], kind) for row in (*table.rows, *table.totals)), default=0
        )
        longest = max(longest, styles.KIND_WIDTHS.get(kind, 0))
        limit = styles.MAX_WIDTH.get(kind, 20)
        width = min(longest + 2, limit)
        while width < limit and heading_lines(column.heading, width) > 2:
            width += 1
        widths.append(width)
    return widths


def _wrapped_lines(value: Any, width: float) -> int:
    """Lines a wrapped text cell needs: spreadsheets don't refit a written row's height,
    so without it a long note overprints the row below."""
    if not isinstance(value, str):
        return 1
    return sum(heading_lines(line, width) for line in value.splitlines() or [""])


def heading_lines(text: str, width: float) -> int:
    """Lines a heading wraps to in a column ``width`` characters wide (word wrap)."""
    room = max(int(width) - 2, 1)
    lines, used = 1, 0
    for word in text.split():
        need = len(word) if used == 0 else used + 1 + len(word)
        if need <= room or used == 0:
            used = need
        else:
            lines, used = lines + 1, len(word)
    return lines


def _header(ws: WriteOnlyWorksheet, columns: Sequence[Column]) -> list[WriteOnlyCell]:
    cells = []
    for column in columns:
        cell = text_cell(ws, column.heading)
        cell.font, cell.fill, cell.alignment = (
            styles.HEADER_FONT,
            styles.HEADER_FILL,
            styles.HEADER_ALIGNMENT,
        )
        cells.append(cell)
    return cells


def start_sheet(
    wb: Workbook, title: str, columns: Sequence[Column], widths: Sequence[float], freeze: int = 0
) -> WriteOnlyWorksheet:
    """A sheet with its columns sized, its header written and its print setup done."""
    ws = wb.create_sheet(title[:31])
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"{get_column_letter(freeze + 1)}2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    # A4, or A3 for a sheet too wide to read at A4's width (the scorecards)
    ws.page_setup.paperSize = 8 if sum(widths) > 250 else 9
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "Page &P of &N"
    lines = max(
        (heading_lines(c.heading, w) for c, w in zip(columns, widths, strict=True)), default=1
    )
    ws.row_dimensions[1].height = 15 * max(lines, 2) + 2
    ws.append(_header(ws, columns))
    return ws


def finish_sheet(ws: WriteOnlyWorksheet, n_columns: int, body_rows: int) -> None:
    """Autofilter over the header and the body (totals stay out of sorting)."""
    last = get_column_letter(max(n_columns, 1))
    ws.auto_filter.ref = f"A1:{last}{body_rows + 1}"


def write_table(wb: Workbook, table: Table) -> WriteOnlyWorksheet:
    """The whole table on a new sheet; rows 2..len(rows)+1 hold the body."""
    widths = fitted_widths(table)
    ws = start_sheet(wb, table.title, table.columns, widths, table.freeze_columns)
    body = CellMaker(ws, table.columns)
    wrapped = [i for i, c in enumerate(table.columns) if c.kind is CellKind.LONG_TEXT]
    for n, row in enumerate(table.rows, start=2):
        lines = max((_wrapped_lines(row[i], widths[i]) for i in wrapped), default=1)
        if lines > 1:  # a write-only row takes its height before it is written
            ws.row_dimensions[n].height = 15 * lines
        ws.append(body.row(row))
    totals = CellMaker(ws, table.columns, bold=True)
    for row in table.totals:
        ws.append(totals.row(row))
    finish_sheet(ws, len(table.columns), len(table.rows))
    return ws


def stream_table(
    wb: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    *,
    every: int = 5000,
    tick: Callable[[int], None] | None = None,
) -> int:
    """Rows from an iterator (a database cursor) straight to a new sheet; returns the count.

    Widths come from the columns (their kind's width when not given), since the
    rows are seen only once. ``tick(n)`` is called every ``every`` rows.
    """
    widths = [
        c.width
        if c.width is not None
        else max(styles.KIND_WIDTHS.get(c.kind, 16), len(c.heading) // 2 + 1) + 2
        for c in columns
    ]
    ws = start_sheet(wb, title, columns, widths, freeze=1)
    body = CellMaker(ws, columns)
    append, make = ws.append, body.row
    n = 0
    for row in rows:
        append(make(row))
        n += 1
        if tick is not None and n % every == 0:
            tick(n)
    finish_sheet(ws, len(columns), n)
    return n
