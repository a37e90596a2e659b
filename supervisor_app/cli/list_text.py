"""A list of plain records as a table for people, or JSON or CSV for programs.

CSV cells that a spreadsheet would run as a formula are written as text
(``domain.safe_text.guard``); JSON and the table keep the text as it is.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from supervisor_app.domain.safe_text import guard
from supervisor_app.domain.setup_fields import value_text

LIST_FORMATS = ("table", "json", "csv")


def add_format(parser: argparse.ArgumentParser) -> None:
    """``--format table|json|csv``, said the same by every command that prints a list."""
    parser.add_argument(
        "--format",
        choices=LIST_FORMATS,
        default="table",
        help="table for people, json or csv for programs (default table)",
    )


def render_rows(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: str) -> str:
    """``rows`` (each with every name in ``columns``) in ``fmt``, ending with a newline."""
    if fmt == "json":
        return json.dumps([dict(r) for r in rows], indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([guard(_cell(r.get(c))) for c in columns] for r in rows)
        return out.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(LIST_FORMATS)}")
    if not rows:
        return "(none)\n"
    cells = [[_cell(r.get(c)).replace("\n", " ⏎ ") for c in columns] for r in rows]
    widths = [max(len(v) for v in col) for col in zip(columns, *cells, strict=True)]
    lines = [
        "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()
        for values in [list(columns), *cells]
    ]
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value_text(value)
