"""The profile's coaching log: the agent's notes, newest first, with Add note…, Edit… and
Follow-up done (a due follow-up is also an alert on the Live tab until it is done)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from supervisor_app.domain.people_records import follow_up_due
from supervisor_app.domain.permissions import Action, may
from supervisor_app.ui.people.log_table import action_row, fit_rows, log_table
from supervisor_app.ui.people.note_dialog import NoteDialog
from supervisor_app.ui.people.section import ProfileContext, ProfileSection
from supervisor_app.ui.people.section_actions import save_then_reload

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.people import CoachingLine

COLUMNS = (
    QT_TRANSLATE_NOOP("CoachingSection", "Noted"),
    QT_TRANSLATE_NOOP("CoachingSection", "By"),
    QT_TRANSLATE_NOOP("CoachingSection", "Topic"),
    QT_TRANSLATE_NOOP("CoachingSection", "Follow-up"),
    QT_TRANSLATE_NOOP("CoachingSection", "Done"),
    QT_TRANSLATE_NOOP("CoachingSection", "About"),
)


class CoachingSection(ProfileSection):
    title: ClassVar[str] = QT_TRANSLATE_NOOP("CoachingSection", "Coaching")

    def __init__(self, context: ProfileContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("coachingSection")
        self.notes: list[CoachingLine] = []
        self.may_edit = may(context.role, Action.EDIT_COACHING)
        self.table = log_table("coachingTable", [self.tr(c) for c in COLUMNS])
        self.table.itemSelectionChanged.connect(self._selected)
        if self.may_edit:
            self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.detail = QLabel()
        self.detail.setObjectName("coachingDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton(self.tr("Add note…"))
        self.add_button.clicked.connect(self.add_note)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.done_button = QPushButton(self.tr("Follow-up done"))
        self.done_button.setToolTip(self.tr("The follow-up was done today: its alert goes"))
        self.done_button.clicked.connect(self.mark_done)
        self.status = QLabel()
        self.status.setObjectName("coachingStatus")
        buttons = action_row(
            self.status,
            [
                (self.add_button, may(context.role, Action.ADD_COACHING)),
                (self.edit_button, self.may_edit),
                (self.done_button, self.may_edit),
            ],
        )
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.detail)
        self._selected()

    @staticmethod
    def fetch(db: Database, agent_id: int, today: date) -> Any:
        from supervisor_app.services.people import list_notes

        return list_notes(db, agent_id)

    def show_data(self, data: Any) -> None:
        keep = self.selected_note()
        self.notes = list(data)
        today = self.context.today
        self.table.setRowCount(len(self.notes))
        for row, note in enumerate(self.notes):
            due = follow_up_due(note.follow_up_on, note.followed_up_on, today)
            cells = (
                f"{note.noted_at.astimezone():%Y-%m-%d %H:%M}",
                note.author.split("@")[0],
                note.topic,
                note.follow_up_on.isoformat() if note.follow_up_on else "",
                note.followed_up_on.isoformat() if note.followed_up_on else "",
                _about(note),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if due and column == 3:
                    item.setToolTip(self.tr("Due: it shows in the Live tab's alerts"))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        fit_rows(self.table)
        if not self.notes:
            self.detail.setText(self.tr("No coaching notes yet."))
        ids = [n.note_id for n in self.notes]
        if keep is not None and keep.note_id in ids:
            self.table.selectRow(ids.index(keep.note_id))
        elif self.notes:
            self.table.selectRow(0)
        self._selected()

    def selected_note(self) -> CoachingLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.notes[rows[0].row()] if rows and rows[0].row() < len(self.notes) else None

    def _selected(self) -> None:
        note = self.selected_note()
        self.edit_button.setEnabled(note is not None)
        self.done_button.setEnabled(
            note is not None and note.follow_up_on is not None and note.followed_up_on is None
        )
        if note is not None:
            actions = note.actions or self.tr("(none)")
            self.detail.setText(
                self.tr("{text}\n\nAgreed actions: {actions}").format(
                    text=note.text, actions=actions
                )
            )

    def add_note(self) -> None:
        dialog = NoteDialog(self.context.agent_name, self.context.today, parent=self)
        if dialog.exec() != NoteDialog.DialogCode.Accepted:
            return
        values, agent_id = dialog.values(), self.context.agent_id

        def write(db: Database) -> None:
            from supervisor_app.services.audit import current_actor
            from supervisor_app.services.people import add_note, find_contact

            contact = find_contact(db, values.contact_ref) if values.contact_ref else None
            add_note(
                db,
                agent_id,
                topic=values.topic,
                text=values.text,
                actions=values.actions,
                actor=current_actor(),
                follow_up_on=values.follow_up_on,
                contact_id=contact,
                period=values.period,
            )

        save_then_reload(self.context, self.status, write)

    def edit_selected(self) -> None:
        note = self.selected_note()
        if note is None:
            return
        dialog = NoteDialog(self.context.agent_name, self.context.today, note, parent=self)
        if dialog.exec() != NoteDialog.DialogCode.Accepted:
            return
        values = dialog.values()

        def write(db: Database) -> None:
            from supervisor_app.services.audit import current_actor
            from supervisor_app.services.people import edit_note

            edit_note(
                db,
                note.note_id,
                note.version,
                actor=current_actor(),
                topic=values.topic,
                text=values.text,
                actions=values.actions,
                follow_up_on=values.follow_up_on,
            )

        save_then_reload(self.context, self.status, write)

    def mark_done(self) -> None:
        note, today = self.selected_note(), self.context.today
        if note is None:
            return

        def write(db: Database) -> None:
            from supervisor_app.services.audit import current_actor
            from supervisor_app.services.people import mark_follow_up_done

            mark_follow_up_done(db, note.note_id, note.version, today, current_actor())

        save_then_reload(self.context, self.status, write)


def _about(note: CoachingLine) -> str:
    if note.contact_ref:
        return note.contact_ref
    if note.period_start and note.period_end:
        return f"{note.period_start:%Y-%m-%d} – {note.period_end:%Y-%m-%d}"
    return ""
