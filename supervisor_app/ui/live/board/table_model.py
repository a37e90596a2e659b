"""The thin Qt adapter over ``KeyedRows``: its announcements become model signals.

``data()`` is a list lookup into pre-rendered ``Cells`` (it runs for every
painted cell); colours and fonts are made once. A refresh is inserts, removals,
one ``dataChanged`` per run of changed rows and, if the order moved, one layout
change that carries selection and scroll position along. Never a model reset.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from supervisor_app.domain.alerts import Level
from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.common.titled_columns import TitledColumnsModel
from supervisor_app.ui.live.board.cells import Cells, Column
from supervisor_app.ui.live.board.keyed_rows import KeyedRows

R = Qt.ItemDataRole
DISPLAY, TOOLTIP, ALIGN = int(R.DisplayRole), int(R.ToolTipRole), int(R.TextAlignmentRole)
FONT, FOREGROUND, BACKGROUND = int(R.FontRole), int(R.ForegroundRole), int(R.BackgroundRole)
DECORATION = int(R.DecorationRole)
SORT_ROLE = int(R.UserRole) + 1  # the cached sort key of a cell

# Light fills with dark text: readable, and printed marker + tooltip say the same thing.
LEVEL_COLOURS: dict[Level, tuple[str, str]] = {
    Level.AMBER: ("#fff1c7", "#6b4300"),
    Level.RED: ("#fbdcd8", "#9a1408"),
}
MUTED = "#7b8794"

Index = QModelIndex | QPersistentModelIndex


class KeyedTableModel(TitledColumnsModel):
    """Columns from ``Column`` specs; rows from a ``KeyedRows`` it listens to."""

    def __init__(self, columns: Sequence[Column], *, sortable: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows = KeyedRows(self)
        self.sortable = sortable
        self.wrap_titles = False  # "Longest wait" on two lines: narrower columns
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self._align = [right if c.numeric else left for c in self.columns]
        self._bold = QFont()
        self._bold.setBold(True)
        self._fill = {level: QBrush(QColor(bg)) for level, (bg, _fg) in LEVEL_COLOURS.items()}
        self._ink = {level: QBrush(QColor(fg)) for level, (_bg, fg) in LEVEL_COLOURS.items()}
        self._muted = QBrush(QColor(MUTED))

    # -- the item model ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        row = index.row()
        if row < 0:  # the invalid index
            return None
        cells = self.rows.at(row)
        column = index.column()
        if role == DISPLAY:
            return cells.text[column]
        if role == ALIGN:
            return self._align[column]
        if role == COPY_ROLE:
            return cells.copy[column]
        if role == SORT_ROLE:
            return cells.sort[column]
        if role == BACKGROUND:
            return self._fill.get(cells.level(column))
        if role == FOREGROUND:
            level = cells.level(column)
            return self._ink[level] if level else (self._muted if cells.muted else None)
        if role == FONT:
            return self._bold if cells.bold else None
        if role == TOOLTIP:
            return cells.tip(column)
        if role == DECORATION:
            return self.decoration(cells, column)
        return None

    def decoration(self, _cells: Cells, _column: int) -> Any:
        """A subclass may draw an icon beside a cell (e.g. an agent state's dot)."""
        return None

    def column_header(self, section: int, role: int) -> Any:
        if not 0 <= section < len(self.columns):
            return None
        if role == DISPLAY:
            title = self.tr(self.columns[section].title)
            return title.replace(" ", "\n", 1) if self.wrap_titles else title
        if role == TOOLTIP:
            return self.tr(self.columns[section].tip)
        if role == ALIGN:
            return self._align[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.sortable and 0 <= column < len(self.columns):
            self.rows.sort(column, order == Qt.SortOrder.DescendingOrder)

    def key_at(self, row: int) -> int:
        return self.rows.at(row).key

    def cells_at(self, row: int) -> Cells:
        return self.rows.at(row)

    def emit_column(self, column: int, first: int, last: int, roles: Sequence[int]) -> None:
        """One dataChanged for a clock column's rows ``first..last`` (nothing else moves)."""
        if first <= last:
            self.dataChanged.emit(self.index(first, column), self.index(last, column), roles)

    # -- RowsListener: KeyedRows' announcements ----------------------------------------
    def rows_inserting(self, first: int, last: int) -> None:
        self.beginInsertRows(QModelIndex(), first, last)

    def rows_inserted(self) -> None:
        self.endInsertRows()

    def rows_removing(self, first: int, last: int) -> None:
        self.beginRemoveRows(QModelIndex(), first, last)

    def rows_removed(self) -> None:
        self.endRemoveRows()

    def rows_changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def rows_reordering(self) -> None:
        self.layoutAboutToBeChanged.emit()

    def rows_reordered(self, new_row_of: list[int]) -> None:
        before = self.persistentIndexList()
        after = [self.index(new_row_of[i.row()], i.column()) for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
