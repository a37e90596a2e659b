"""One row of a read-only text table: the cells as items, figures aligned right.

The profile's sections, the calibration view and the Analytics drill-down fill their
``QTableWidget``s a row at a time from already formatted text; this is that loop, once.
A caller that marks a cell (a colour, a tooltip) does so on the items it gets back.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


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
