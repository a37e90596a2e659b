"""Small read-only tables for the tab's dialogs: sortable, Ctrl+C copies rows with headers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from supervisor_app.ui.common.copy_table import enable_copy


def make_table(name: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    enable_copy(table)
    return table


SORT_KEY = Qt.ItemDataRole.UserRole + 1


class _Item(QTableWidgetItem):
    """Sorts by its sort key when it has one (a time shown as "Tue 01 Dec" sorts as a time)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_KEY), other.data(SORT_KEY)
        if mine is not None and theirs is not None:
            return bool(mine < theirs)
        return super().__lt__(other)


def fill(table: QTableWidget, rows: Sequence[tuple[Sequence[object], object]]) -> None:
    """``rows``: (cell values, payload kept on the first cell for the caller). A value may
    be a (text, sort key) pair. Rows keep the given order until a header is clicked."""
    table.setSortingEnabled(False)
    if table.rowCount() == 0:
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setRowCount(len(rows))
    for r, (values, payload) in enumerate(rows):
        for c, value in enumerate(values):
            text, key = value if isinstance(value, tuple) else (value, None)
            item = _Item("" if text is None else str(text))
            if key is not None:
                item.setData(SORT_KEY, key)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, payload)
            table.setItem(r, c, item)
    table.setSortingEnabled(True)
    table.resizeColumnsToContents()


def selected_payload(table: QTableWidget) -> object | None:
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)
