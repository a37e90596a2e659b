"""What a Setup page is built from: its columns, how a value reads in a cell, and the
banner that says another workstation changed the record meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from supervisor_app.domain.setup_fields import value_text
from supervisor_app.services.setup import SetupConflict

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
