"""Read-only text tables: one made with the settings the profile's sections and Setup's
lists share, and one row filled, its figures aligned right.

The profile's sections, the calibration view and the Analytics drill-down fill their
``QTableWidget``s a row at a time from already formatted text; ``put_row`` is that
loop, once. A caller that marks a cell (a colour, a tooltip) does so on the items it
gets back.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def text_table(name: str, headers: Sequence[str], *, select_rows: bool = True) -> QTableWidget:
    """An empty read-only table with these column titles and compact rows (22 px), no row
    numbers; a click selects the whole row unless ``select_rows`` is False."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if select_rows:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    return table


def put_row(
    table: QTableWidget, row: int, cells: Sequence[str], right: Container[int] = ()
) -> list[QTableWidgetItem]:
    """``cells`` as the items of ``row``; the columns in ``right`` (figures) align right."""
    items = []
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        if column in right:
            item.setTextAlignment(RIGHT)
        table.setItem(row, column, item)
        items.append(item)
    return items
