"""A file as a header and rows of cells, whatever its format, plus what was detected.

Cells are ``str`` from a CSV and the spreadsheet's own types from an XLSX
(``str``, ``int``, ``float``, ``datetime``, ``time``, ``None``); the value
parsers in ``values.py`` accept either, so a mapping works on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from supervisor_app.domain.errors import UserError

Cell = str | int | float | datetime | date | time | None
# A spreadsheet user counts the header as row 1; so do our error messages.
FIRST_DATA_ROW = 2


class UnreadableFile(UserError):
    """The file can't be read as a table (missing, empty, hostile or not CSV/XLSX)."""


@dataclass(frozen=True)
class DetectedFormat:
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None

    def describe(self) -> str:
        if self.kind == "xlsx":
            return f"Excel workbook, sheet {self.sheet!r}"
        shown = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}
        delimiter = shown.get(self.delimiter or "", repr(self.delimiter))
        return f"CSV, {self.encoding}, {delimiter}-separated"


@dataclass
class Table:
    """``rows()`` may be called once; each row is padded or cut to the header's width."""

    path: Path
    format: DetectedFormat
    header: list[str]
    _rows: Iterator[list[Cell]]
    total_rows: int | None = None  # known up front for CSV (drives progress)

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        width = len(self.header)
        for number, row in enumerate(self._rows, start=FIRST_DATA_ROW):
            if len(row) < width:
                row = row + [None] * (width - len(row))
            elif len(row) > width:
                row = row[:width]
            if all(c is None or c == "" for c in row):
                continue  # blank lines: ignored, but they keep their row number
            yield number, row


def open_table(path: Path | str) -> Table:
    """Open a CSV (any usual encoding and delimiter) or an XLSX (after the safety checks)."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"{path}: no such file")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        from supervisor_app.ingest.files.xlsx_reader import open_xlsx

        return open_xlsx(path)
    from supervisor_app.ingest.files.csv_reader import open_csv

    return open_csv(path)


def clean_header(cells: list[Cell]) -> list[str]:
    """Header names stripped; a blank name becomes ``column N`` so it can still be mapped."""
    names = []
    for i, cell in enumerate(cells, start=1):
        name = "" if cell is None else str(cell).strip().lstrip("\ufeff")
        names.append(name or f"column {i}")
    return names
