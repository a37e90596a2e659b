"""The list of an agent's adherence exceptions, each with its own "Approve…" button.

Rebuilt whole when the day is reloaded: it holds a handful of rows and changes
only after an approval, so there is no selection or scroll position to keep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from supervisor_app.ui.common import timeline_palette as pal
from supervisor_app.ui.common.copy_table import enable_copy
from supervisor_app.ui.common.local_time import hm, minutes_text
from supervisor_app.ui.live.panels.timeline_text import approval_text, expected_text

if TYPE_CHECKING:
    from supervisor_app.services.live import ExceptionRow

COLUMNS = (
    QT_TRANSLATE_NOOP("ExceptionsTable", "Start"),
    QT_TRANSLATE_NOOP("ExceptionsTable", "End"),
    QT_TRANSLATE_NOOP("ExceptionsTable", "Minutes"),
    QT_TRANSLATE_NOOP("ExceptionsTable", "Expected"),
    QT_TRANSLATE_NOOP("ExceptionsTable", "Actual"),
    QT_TRANSLATE_NOOP("ExceptionsTable", "Approval"),
    "",
)
APPROVAL, BUTTON = 5, 6


class ExceptionsTable(QTableWidget):
    approve_requested = Signal(int)  # index into the exceptions shown
    highlighted = Signal(object)  # index of the selected exception, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("exceptionsTable")
        self.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(APPROVAL, QHeaderView.ResizeMode.Stretch)
        self.buttons: list[QPushButton | None] = []
        enable_copy(self)
        self.itemSelectionChanged.connect(self._selection_changed)

    def show_exceptions(self, rows: tuple[ExceptionRow, ...], zone: str) -> None:
        self.setRowCount(0)  # drops the old rows' buttons with them
        self.setRowCount(len(rows))
        self.buttons = []
        for i, e in enumerate(rows):
            approved = e.approved_by is not None
            cells = (
                hm(e.start, zone),
                hm(e.end, zone),
                minutes_text(e.start, e.end),
                expected_text(e.expected),
                pal.STATE_NAME[e.actual],
                approval_text(e),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if col == APPROVAL:
                    item.setForeground(QColor(pal.APPROVED if approved else pal.EXCEPTION))
                self.setItem(i, col, item)
            button = None if approved else QPushButton(self.tr("Approve…"))
            if button is not None:
                button.setToolTip(
                    self.tr("Accept this time as adherent, with a reason for the audit log")
                )
                button.clicked.connect(
                    lambda _checked=False, row=i: self.approve_requested.emit(row)
                )
                self.setCellWidget(i, BUTTON, button)
            self.buttons.append(button)

    def _selection_changed(self) -> None:
        rows = self.selectionModel().selectedRows()
        self.highlighted.emit(rows[0].row() if rows else None)
