"""The small tables of the planning panels: sorted by each cell's raw value, Ctrl+C to a
spreadsheet, rebuilt whole on every load (each load is a new question, not a refresh)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from supervisor_app.ui.common.copy_table import COPY_ROLE, CopyableTableView
from supervisor_app.ui.common.theme import set_tone

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def sorted_table(
    headers: Sequence[str], parent: QObject
) -> tuple[CopyableTableView, QStandardItemModel]:
    """A sortable, copyable table view over a model with these column titles."""
    model = QStandardItemModel(0, len(headers), parent)
    model.setHorizontalHeaderLabels(list(headers))
    model.setSortRole(SORT_ROLE)
    table = CopyableTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table, model


def cell(text: str, sort: object, copy: object = None, bold: bool = False) -> QStandardItem:
    """A read-only cell sorted by ``sort`` (a number sits to the right); Ctrl+C takes
    ``copy`` where given, else the text."""
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(sort, SORT_ROLE)
    if copy is not None:
        item.setData(str(copy), COPY_ROLE)
    if not isinstance(sort, str):
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


def percent_cell(value: float | None) -> QStandardItem:
    """A fraction shown as a percentage (one decimal), sorted and copied as the fraction;
    a dash, sorted first, where there is none."""
    if value is None:
        return cell("—", -1.0, "")
    return cell(f"{100 * value:.1f} %", value, round(value, 4))


def note_label(text: str) -> QLabel:
    """The muted, wrapping sentence under a panel's controls that says what the table shows."""
    note = QLabel(text)
    note.setWordWrap(True)
    set_tone(note, "muted")
    return note


def lay_out_table_panel(
    panel: QWidget, title: QWidget, controls: Sequence[QWidget], status: QWidget, note: QLabel,
    table: QWidget,
) -> None:  # fmt: skip
    """Title and controls on one line (the refresh status at its end), the note, the table."""
    top = QHBoxLayout()
    top.addWidget(title)
    for control in controls:
        top.addWidget(control)
    top.addStretch(1)
    top.addWidget(status)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addLayout(top)
    layout.addWidget(note)
    layout.addWidget(table, 1)
