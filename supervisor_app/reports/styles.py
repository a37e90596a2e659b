"""How every workbook looks: one palette, one set of fonts and number formats.

Number formats are real Excel formats, so a director can sum, chart and
re-format the figures: rates are fractions shown as %, durations are days
shown as ``[h]:mm:ss`` (Excel time), dates and times are Excel dates.
"""

from __future__ import annotations

from enum import StrEnum

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side


class CellKind(StrEnum):
    """What a column holds; decides its number format, alignment and width."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    COUNT = "count"
    PERCENT = "percent"
    POINTS = "points"
    DURATION = "duration"  # seconds in the data, Excel time (days) in the cell
    HOURS = "hours"
    MONEY = "money"
    DATE = "date"
    DATETIME = "datetime"
    TIME = "time"
    MINUTE = "minute"  # a local date and time to the minute (interval starts)
    NUMBER = "number"
    ID = "id"  # a record number: no thousands separator


NUMBER_FORMATS: dict[CellKind, str] = {
    CellKind.TEXT: "@",
    CellKind.LONG_TEXT: "@",
    CellKind.COUNT: "#,##0",
    CellKind.PERCENT: "0.0%",
    CellKind.POINTS: "+0.0;-0.0;0.0",
    CellKind.DURATION: "[h]:mm:ss",
    CellKind.HOURS: "#,##0.00",
    CellKind.MONEY: "#,##0.00",
    CellKind.DATE: "yyyy-mm-dd",
    CellKind.DATETIME: "yyyy-mm-dd hh:mm:ss",
    CellKind.TIME: "hh:mm",
    CellKind.MINUTE: "yyyy-mm-dd hh:mm",
    CellKind.NUMBER: "#,##0.0",
    CellKind.ID: "0",
}

# Widths (characters) a value of the kind needs at most, before the heading is considered.
KIND_WIDTHS: dict[CellKind, int] = {
    CellKind.COUNT: 9,
    CellKind.PERCENT: 8,
    CellKind.POINTS: 7,
    CellKind.DURATION: 9,
    CellKind.HOURS: 9,
    CellKind.MONEY: 12,
    CellKind.DATE: 11,
    CellKind.DATETIME: 19,
    CellKind.TIME: 6,
    CellKind.MINUTE: 16,
    CellKind.NUMBER: 9,
    CellKind.ID: 8,
}
MAX_WIDTH = {CellKind.TEXT: 40, CellKind.LONG_TEXT: 80}


def label(value: str | None) -> str | None:
    """A stored code as people read it: "timed_out" → "Timed out"."""
    return None if value is None else value.replace("_", " ").capitalize()


NAVY = "1F3864"
LIGHT = "D9E1F2"
PALE = "F2F2F2"
RED_FILL = "F8CBAD"
RED_TEXT = "9C0006"
GREEN_FILL = "C6EFCE"
FONT_NAME = "Calibri"

TITLE_FONT = Font(name=FONT_NAME, size=18, bold=True, color=NAVY)
SUBTITLE_FONT = Font(name=FONT_NAME, size=11, italic=True, color="595959")
LABEL_FONT = Font(name=FONT_NAME, size=11, bold=True, color=NAVY)
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=NAVY)
TOTAL_FONT = Font(name=FONT_NAME, size=11, bold=True)
TOTAL_FILL = PatternFill("solid", fgColor=LIGHT)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
TOTAL_BORDER = Border(top=Side(style="thin", color=NAVY))
