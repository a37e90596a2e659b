"""Reading a workbook back with python-calamine, a reader independent of openpyxl; and the
demo range the report tests share."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

# The range the module-scoped demo (``conftest.demo_db``) covers.
FIRST, LAST = date(2026, 11, 15), date(2026, 11, 18)
UNTIL = datetime(2026, 11, 19, 12, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def sheets(path: Path) -> dict[str, list[list[Any]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {
        name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wb.sheet_names
    }


def records(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """Body rows as dicts by heading (empty cells are None); the header is row 1."""
    header = rows[0]
    return [
        {h: (None if v == "" else v) for h, v in zip(header, row, strict=False)}
        for row in rows[1:]
        if any(v != "" for v in row)
    ]
