"""The Qt model of the Analytics KPI table: one ``KpiReport`` row per table row.

Its columns are a row's group labels, then the KPI catalogue's figures in
catalogue order (``domain.kpi_catalogue``), the two extra service-level
variants among them: hidden until the user asks for all three, and computed
from the row's sums by ``domain.kpi.service_level``, as the report's own SL is.

A new query replaces the report (a model reset is right here: it is a new
question, not a refresh). Cells are rendered once per report; ``SORT_ROLE``
holds the raw number so sorting is numeric, and time groups sort in report
order whatever their labels say across a clock change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from supervisor_app.domain import kpi
from supervisor_app.domain.kpi_catalogue import FIGURES, KEY_TITLES, Figure
from supervisor_app.domain.periods import GroupKey
from supervisor_app.services.kpi import KpiReport, KpiRow
from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.common.kpi_text import NO_DATA, copy_text, display, explained
from supervisor_app.ui.common.titled_columns import TitledColumnsModel

R = Qt.ItemDataRole
SORT_ROLE = int(R.UserRole) + 1
Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def figure_value(row: KpiRow, column: Figure) -> float | None:
    if column.variant is not None:
        return kpi.service_level(row.sums.contacts, column.variant)
    value = getattr(row.figures, column.field)
    return None if value is None else float(value)


def key_text(name: str, value: Any) -> str:
    if value is None:
        return "(no team)" if name == "team" else NO_DATA
    if name == "interval_start":
        return str(value)[:16].replace("T", " ")  # local "2026-11-02 09:00"
    return str(value)


class KpiTableModel(TitledColumnsModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.report: KpiReport | None = None
        self.rows: tuple[KpiRow, ...] = ()
        self.key_names: tuple[str, ...] = ()
        self._cells: list[list[tuple[str, str, Any]]] = []  # display, copy, sort

    @property
    def key_count(self) -> int:
        return len(self.key_names)

    def set_report(self, report: KpiReport | None, rows: tuple[KpiRow, ...] = ()) -> None:
        """Show ``rows`` of ``report`` (the rows the filters keep)."""
        self.beginResetModel()
        self.report, self.rows = report, rows
        first = rows[0].key if rows else ()
        self.key_names = tuple(k for k, _ in first if not k.endswith("_id"))
        self._cells = [self._render(i, row) for i, row in enumerate(rows)]
        self.endResetModel()

    def _render(self, order: int, row: KpiRow) -> list[tuple[str, str, Any]]:
        labels = dict(row.key)
        time_group = self.report is not None and self.report.by.is_time
        cells = []
        for name in self.key_names:
            text = key_text(name, labels.get(name))
            cells.append((text, text, order if time_group else text.casefold()))
        for column in FIGURES:
            value = figure_value(row, column)
            sort = float("-inf") if value is None else value
            cells.append((display(column.kind, value), copy_text(column.kind, value), sort))
        return cells

    def column_of(self, column: int) -> Figure | None:
        """The figure in table column ``column``; None for a group label column."""
        return None if column < self.key_count else FIGURES[column - self.key_count]

    def figure_column(self, name: str) -> int:
        return self.key_count + [f.field for f in FIGURES].index(name)

    def row_key(self, row: int) -> GroupKey:
        return self.rows[row].key

    # -- the item model ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.key_count + len(FIGURES)

    def data(self, index: Index, role: int = int(R.DisplayRole)) -> Any:
        if not index.isValid():
            return None
        text, copy, sort = self._cells[index.row()][index.column()]
        if role == int(R.DisplayRole):
            return text
        if role == COPY_ROLE:
            return copy
        if role == SORT_ROLE:
            return sort
        if role == int(R.TextAlignmentRole):
            return int(LEFT if index.column() < self.key_count else RIGHT)
        if role == int(R.ToolTipRole) and index.column() >= self.key_count:
            return "Double-click for the contacts behind this figure"
        return None

    def column_header(self, section: int, role: int) -> Any:
        column = self.column_of(section)
        if role == int(R.DisplayRole):
            if column is None:
                return self.tr(KEY_TITLES.get(self.key_names[section], self.key_names[section]))
            return self.tr(column.short)
        if role == int(R.ToolTipRole) and column is not None:
            return explained(column)
        return None
