"""Native Excel charts (they stay live in Excel, and print sharp) over a table's columns.

A table sheet has its header on row 1 and ``rows`` body rows below; a chart
names the category column and the value columns (1-based).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.worksheet.pagebreak import Break

WIDTH_CM, HEIGHT_CM = 26.0, 11.0
SECOND_CHART_ROW = 24  # charts go at A1 and A24, below the first one
TARGET_COLOURS = ("C00000", "7F6000", "FF66CC")
PALETTE = ("1F3864", "2E75B6", "C55A11", "548235", "7030A0", "BF8F00", "808080", "00B0F0")


def chart_sheet(wb: Any, title: str = "Charts") -> Any:
    """A sheet for charts only: no gridlines, printed landscape on one page width."""
    ws = wb.create_sheet(title)
    ws.sheet_view.showGridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.row_breaks.append(Break(id=SECOND_CHART_ROW - 1))  # one chart per printed page
    return ws


def _common(chart: Any, title: str, y_title: str, y_format: str) -> None:
    chart.title = title
    chart.y_axis.title = y_title
    chart.y_axis.numFmt = y_format
    chart.y_axis.majorGridlines = chart.y_axis.majorGridlines  # keep the default gridlines
    chart.width, chart.height = WIDTH_CM, HEIGHT_CM
    chart.legend.position = "b"
    # openpyxl 3.1 hides axes unless told otherwise (delete=True by default).
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _add_series(
    chart: Any, ws: Any, category_column: int, value_columns: Sequence[int], rows: int
) -> None:
    """One series per value column, titled by its header in row 1, over the category column."""
    for column in value_columns:
        chart.add_data(
            Reference(ws, min_col=column, min_row=1, max_row=rows + 1), titles_from_data=True
        )
    chart.set_categories(Reference(ws, min_col=category_column, min_row=2, max_row=rows + 1))


def line_chart(
    ws: Any,
    title: str,
    category_column: int,
    value_columns: Sequence[int],
    rows: int,
    *,
    y_title: str,
    y_format: str = "0%",
    dashed: Sequence[int] = (),
) -> LineChart:
    """Lines of ``value_columns`` over the categories; ``dashed`` columns are drawn dashed."""
    chart = LineChart()
    _common(chart, title, y_title, y_format)
    _add_series(chart, ws, category_column, value_columns, rows)
    for i, (series, column) in enumerate(zip(chart.series, value_columns, strict=True)):
        series.smooth = False
        series.marker.symbol = "none"
        series.graphicalProperties.line.solidFill = PALETTE[i % len(PALETTE)]
        series.graphicalProperties.line.width = 22_000 if column in dashed else 19_000
        if column in dashed:
            colour = TARGET_COLOURS[dashed.index(column) % len(TARGET_COLOURS)]
            series.graphicalProperties.line.solidFill = colour
            series.graphicalProperties.line.dashStyle = "dash"
    chart.y_axis.scaling.min = 0
    return chart


def column_chart(
    ws: Any,
    title: str,
    category_column: int,
    value_columns: Sequence[int],
    rows: int,
    *,
    y_title: str,
) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    _common(chart, title, y_title, "#,##0")
    _add_series(chart, ws, category_column, value_columns, rows)
    for i, series in enumerate(chart.series):
        series.graphicalProperties.solidFill = PALETTE[(i + 1) % len(PALETTE)]
        series.graphicalProperties.line.noFill = True
    chart.gapWidth = 60
    return chart
