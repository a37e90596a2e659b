"""The profile's restricted records: warnings, improvement plans and other documentation,
with the day the agent acknowledged each.

Who may see them is the database's decision (PostgreSQL grants and row-level
security): a refusal is shown plainly as "Restricted", never as the crash dialog,
and the buttons go; a supervisor of another team simply finds none.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from supervisor_app.domain.permissions import Action, may
from supervisor_app.ui.people.log_table import action_row, fit_rows, log_table
from supervisor_app.ui.people.record_dialog import KIND_LABELS, RecordDialog
from supervisor_app.ui.people.section import ProfileContext, ProfileSection
from supervisor_app.ui.people.section_actions import save_then_reload

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.people import RecordLine

RESTRICTED = "restricted"  # what fetch returns when the database refuses this login
COLUMNS = (
    QT_TRANSLATE_NOOP("RecordsSection", "Kind"),
    QT_TRANSLATE_NOOP("RecordsSection", "Issued"),
    QT_TRANSLATE_NOOP("RecordsSection", "Review"),
    QT_TRANSLATE_NOOP("RecordsSection", "Acknowledged"),
    QT_TRANSLATE_NOOP("RecordsSection", "Text"),
)


class RecordsSection(ProfileSection):
    title: ClassVar[str] = QT_TRANSLATE_NOOP("RecordsSection", "Restricted records")

    def __init__(self, context: ProfileContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("recordsSection")
        self.records: list[RecordLine] = []
        self.restricted = False
        self.may_add = may(context.role, Action.ADD_RECORD)
        self.may_acknowledge = may(context.role, Action.ACKNOWLEDGE_RECORD)
        self.table = log_table("recordsTable", [self.tr(c) for c in COLUMNS])
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._sync)
        self.notice = QLabel()
        self.notice.setObjectName("recordsNotice")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_button = QPushButton(self.tr("Add record…"))
        self.add_button.clicked.connect(self.add_record)
        self.ack_button = QPushButton(self.tr("Agent acknowledged"))
        self.ack_button.setToolTip(self.tr("The agent acknowledged the selected record today"))
        self.ack_button.clicked.connect(self.acknowledge)
        self.status = QLabel()
        buttons = action_row(
            self.status, [(self.add_button, self.may_add), (self.ack_button, self.may_acknowledge)]
        )
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(self.table)
        self._sync()

    @staticmethod
    def fetch(db: Database, agent_id: int, today: date) -> Any:
        """The records, or ``RESTRICTED`` when the database refuses this login."""
        from supervisor_app.domain.errors import Refused
        from supervisor_app.services.people import list_records

        try:
            return list_records(db, agent_id)
        except Refused:
            return RESTRICTED

    def show_data(self, data: Any) -> None:
        self.restricted = data == RESTRICTED
        self.records = [] if self.restricted else list(data)
        self.table.setRowCount(len(self.records))
        for row, rec in enumerate(self.records):
            cells = (
                self.tr(KIND_LABELS[rec.kind]),
                rec.issued_on.isoformat(),
                rec.review_on.isoformat() if rec.review_on else "",
                rec.acknowledged_on.isoformat() if rec.acknowledged_on else self.tr("not yet"),
                rec.text,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        fit_rows(self.table)
        if self.restricted:
            self.notice.setText(
                self.tr(
                    "Restricted: only admins and the supervisors of the agent's team "
                    "see these records."
                )
            )
        elif not self.records:
            self.notice.setText(self.tr("No restricted records you may see."))
        self.notice.setVisible(self.restricted or not self.records)
        self.table.setVisible(bool(self.records))
        self._sync()

    def selected_record(self) -> RecordLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows and rows[0].row() < len(self.records) else None

    def _sync(self) -> None:
        self.add_button.setVisible(self.may_add and not self.restricted)
        self.ack_button.setVisible(self.may_acknowledge and not self.restricted)
        rec = self.selected_record()
        self.ack_button.setEnabled(rec is not None and rec.acknowledged_on is None)

    def add_record(self) -> None:
        dialog = RecordDialog(self.context.agent_name, self.context.today, self)
        if dialog.exec() != RecordDialog.DialogCode.Accepted:
            return
        values, agent_id = dialog.values(), self.context.agent_id

        def write(db: Database) -> None:
            from supervisor_app.services.audit import current_actor
            from supervisor_app.services.people import add_record

            add_record(
                db,
                agent_id,
                values.kind,
                values.text,
                values.issued_on,
                current_actor(),
                review_on=values.review_on,
            )

        save_then_reload(self.context, self.status, write)

    def acknowledge(self) -> None:
        rec, today = self.selected_record(), self.context.today
        if rec is None:
            return

        def write(db: Database) -> None:
            from supervisor_app.services.audit import current_actor
            from supervisor_app.services.people import acknowledge_record

            acknowledge_record(db, rec.record_id, today, current_actor(), rec.version)

        save_then_reload(self.context, self.status, write)
