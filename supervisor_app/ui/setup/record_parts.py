"""What a Setup page is built from: its columns, how a value reads in a cell, the table
that shows them, and the banner that says another workstation changed the record
meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from supervisor_app.domain.setup_fields import value_text
from supervisor_app.services.setup import SetupConflict
from supervisor_app.ui.common.copy_table import CopyableTableView

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
CONFLICT_STYLE = (
    "QFrame#conflict { background: #fdecea; border: 1px solid #e0a39c; border-radius: 4px; }"
)


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]


def shown(value: Any) -> str:
    return value_text(value, none="—")


class RecordTable(CopyableTableView):
    """A page's table: one line per record, and a last column that fills the spare width
    but never shrinks below its text.

    Qt's stretched last section takes only what is left: on the agents page, whose
    columns are wider than the table, the skills were squeezed to a sliver and wrapped
    into an unreadable two-line stub. Here the table scrolls instead.
    """

    WIDEST = 480  # px: a long list of skills is cut short (Ctrl+C copies it whole)

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(False)
        self._last_needs = 0

    def fit_columns(self) -> None:
        """Each column as wide as its contents (within ``WIDEST``), then the last filled."""
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        self.resizeColumnsToContents()
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column), self.WIDEST))
        self._last_needs = header.sectionSize(header.count() - 1) if header.count() else 0
        self._fill_last()

    def _fill_last(self) -> None:
        header = self.horizontalHeader()
        last = header.count() - 1
        if last < 0:
            return
        others = header.length() - header.sectionSize(last)
        header.resizeSection(last, max(self._last_needs, self.viewport().width() - others))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fill_last()


class ConflictBanner(QFrame):
    """What another workstation changed, and Reload."""

    reload_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("conflict")
        self.setStyleSheet(CONFLICT_STYLE)
        layout = QHBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload = QPushButton(self.tr("Reload"))
        self.reload.setToolTip(
            self.tr("Show the values saved meanwhile; your unsaved edits are dropped")
        )
        self.reload.clicked.connect(self.reload_requested)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.reload, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_conflict(self, conflict: SetupConflict) -> None:
        lines = [f"<b>{conflict.what} was changed at another workstation</b>"]
        who = " · ".join(
            x
            for x in (conflict.by, f"{conflict.at:%Y-%m-%d %H:%M} UTC" if conflict.at else None)
            if x
        )
        if who:
            lines.append(who)
        lines += [f"{c.label}: {shown(c.seen)} → {shown(c.now)}" for c in conflict.changes]
        lines.append("Nothing was saved. Reload to see the new values, then redo your change.")
        self.message.setText("<br>".join(lines))
        self.show()
