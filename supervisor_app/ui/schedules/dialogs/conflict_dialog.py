"""The dialog after a save that was refused in part: who changed what, and what to do about it.

Non-blocking (``open``): the choice arrives as a signal. Overwriting is never the
default button and asks for a reason, which goes in the audit trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from supervisor_app.services.schedules import Conflict

KIND = {
    "changed": "Changed by a colleague",
    "overlap": "Would overlap",
    "time_off": "In approved time off",
    "blocked": "Part of a refused edit",
}
RELOAD, OVERWRITE, KEEP = "reload", "overwrite", "keep"


class ConflictDialog(QDialog):
    chosen = Signal(str, str)  # RELOAD | OVERWRITE | KEEP, the overwrite reason

    def __init__(
        self, conflicts: tuple[Conflict, ...], saved: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleConflicts")
        self.setWindowTitle(self.tr("Some changes were not saved"))
        self.conflicts = conflicts
        days = len({(c.agent_id, c.day) for c in conflicts})
        head = QLabel(
            self.tr(
                "{saved} change(s) saved. {days} agent-day(s) were <b>not</b> saved: "
                "someone else changed them after you loaded the week, or the change breaks "
                "a hard rule.<br>Your edits there are still on screen, unsaved."
            ).format(saved=saved, days=days)
        )
        head.setWordWrap(True)
        self.table = QTableWidget(len(conflicts), 4)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Agent"), self.tr("Day"), self.tr("Why"), self.tr("Details")]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for r, c in enumerate(conflicts):
            for col, text in enumerate(
                (c.agent_name, f"{c.day:%a %d %b}", KIND.get(c.kind, c.kind), c.message)
            ):
                self.table.setItem(r, col, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.reason = QLineEdit()
        self.reason.setObjectName("overwriteReason")
        self.reason.setPlaceholderText(
            self.tr("Reason for overwriting their changes (required, audited)")
        )
        self.reason.textChanged.connect(self._sync)
        buttons = QDialogButtonBox()
        self.reload_button = QPushButton(self.tr("Reload their version of these days"))
        self.reload_button.setToolTip(self.tr("Your other unsaved edits are kept"))
        self.overwrite_button = QPushButton(self.tr("Overwrite with mine"))
        self.keep_button = QPushButton(self.tr("Keep editing"))
        for b, role in (
            (self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole),
            (self.overwrite_button, QDialogButtonBox.ButtonRole.DestructiveRole),
            (self.keep_button, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            b.setAutoDefault(False)
            buttons.addButton(b, role)
        self.reload_button.setDefault(True)
        self.reload_button.clicked.connect(lambda: self._choose(RELOAD))
        self.overwrite_button.clicked.connect(lambda: self._choose(OVERWRITE))
        self.keep_button.clicked.connect(lambda: self._choose(KEEP))
        changed = any(c.kind == "changed" for c in conflicts)
        self.overwrite_button.setVisible(changed)
        self.reason.setVisible(changed)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(760, 320)
        self._sync()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def _sync(self) -> None:
        self.overwrite_button.setEnabled(bool(self.reason.text().strip()))

    def _choose(self, choice: str) -> None:
        self.chosen.emit(choice, self.reason.text().strip())
        if choice == KEEP:
            self.reject()
        else:
            self.accept()

    def overwritable_cells(self) -> frozenset[tuple[int, object]]:
        return frozenset((c.agent_id, c.day) for c in self.conflicts if c.kind == "changed")
