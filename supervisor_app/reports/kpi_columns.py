"""KPI figures as workbook columns: the catalogue's long title, and its kind as a cell kind.

Shared by the service, scorecard and satisfaction sheets so a figure has one
heading and one number format in every workbook, and the same name as in the
console (``domain.kpi_catalogue``). Seconds become Excel durations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from supervisor_app.domain.kpi_catalogue import BY_FIELD, Kind
from supervisor_app.reports.styles import CellKind
from supervisor_app.reports.table import Column
from supervisor_app.services.kpi import KpiFigures

CELL_KINDS: dict[Kind, CellKind] = {
    Kind.COUNT: CellKind.COUNT,
    Kind.PERCENT: CellKind.PERCENT,
    Kind.SECONDS: CellKind.DURATION,
    Kind.POINTS: CellKind.POINTS,
}

SERVICE_FIGURES: tuple[str, ...] = (
    "offered",
    "answered",
    "abandoned",
    "short_abandoned",
    "answered_within_threshold",
    "service_level",
    "asa_seconds",
    "aht_seconds",
    "abandon_rate",
)


def cell_kind(field: str) -> CellKind:
    return CELL_KINDS[BY_FIELD[field].kind]


def figure_column(field: str) -> Column:
    """The figure's column: the catalogue's long title, its kind as a cell kind."""
    return Column(BY_FIELD[field].title, cell_kind(field))


def figure_columns(fields: Iterable[str]) -> list[Column]:
    return [figure_column(f) for f in fields]


def figure_values(f: KpiFigures, fields: Iterable[str]) -> list[Any]:
    return [getattr(f, name) for name in fields]
