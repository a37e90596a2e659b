"""The first sheet of an XLSX, read streaming by openpyxl once ``xlsx_guard`` passed it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from supervisor_app.ingest.files.table import (
    Cell,
    DetectedFormat,
    Table,
    UnreadableFile,
    clean_header,
)
from supervisor_app.ingest.files.xlsx_guard import check_xlsx


def open_xlsx(path: Path) -> Table:
    check_xlsx(path)
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise UnreadableFile(f"{path}: not a readable Excel workbook ({exc})") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = list(next(rows))
    except StopIteration:
        book.close()
        raise UnreadableFile(f"{path}: sheet {sheet.title!r} is empty") from None
    total = sheet.max_row - 1 if sheet.max_row else None
    return Table(
        path,
        DetectedFormat("xlsx", sheet=sheet.title),
        clean_header(header),
        _cells(rows, book),
        total_rows=total,
    )


def _cells(rows: Iterator[tuple[object, ...]], book: object) -> Iterator[list[Cell]]:
    try:
        for row in rows:
            yield [c.strip() if isinstance(c, str) else c for c in row]  # type: ignore[misc]
    finally:
        book.close()  # type: ignore[attr-defined]
