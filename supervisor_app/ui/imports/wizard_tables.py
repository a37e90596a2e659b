"""The wizard's read-only tables: a file's first rows and a list of row errors."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from supervisor_app.ui.common.copy_table import CopyableTableView


def read_only_table(parent: QWidget | None = None) -> tuple[CopyableTableView, QStandardItemModel]:
    model = QStandardItemModel(parent)
    view = CopyableTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view, model


def fill(
    model: QStandardItemModel, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    """Replace the contents: a new file or a new dry run is a new query, so a reset is right."""
    model.clear()
    model.setHorizontalHeaderLabels(list(header))
    for row in rows:
        items = []
        for value in row:
            item = QStandardItem()
            # Numbers sort as numbers (row 10 after row 9), text as text.
            item.setData(value if isinstance(value, int) else str(value), 0)
            item.setEditable(False)
            items.append(item)
        model.appendRow(items)
