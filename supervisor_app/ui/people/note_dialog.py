"""Add note… and Edit…: a coaching note's topic, text, agreed actions, follow-up day, and
what it is about (a contact by its id, or a period). No database here: the section
saves what ``values()`` returns on a worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from supervisor_app.ui.people.form_parts import optional_date, pydate, qdate, save_cancel

if TYPE_CHECKING:
    from supervisor_app.services.people import CoachingLine


@dataclass(frozen=True, slots=True)
class NoteValues:
    topic: str
    text: str
    actions: str
    follow_up_on: date | None
    contact_ref: str | None  # a new note only
    period: tuple[date, date] | None  # a new note only


class NoteDialog(QDialog):
    """A new note (``note`` None) or an edit of ``note``; what it is about is fixed once noted."""

    def __init__(
        self,
        agent_name: str,
        today: date,
        note: CoachingLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coachingNoteDialog")
        self.setWindowTitle(
            self.tr("Coaching note: {agent}").format(agent=agent_name)
            if note is None
            else self.tr("Edit coaching note: {agent}").format(agent=agent_name)
        )
        self.topic = QLineEdit(note.topic if note else "")
        self.topic.setMaxLength(120)
        self.text = QPlainTextEdit(note.text if note else "")
        self.actions = QPlainTextEdit(note.actions if note else "")
        self.actions.setPlaceholderText(self.tr("What the agent and you agreed to do"))
        self.follow_up, self.follow_up_on, follow = optional_date(
            self.tr("Follow up on"),
            note.follow_up_on if note and note.follow_up_on else today + timedelta(days=7),
            bool(note and note.follow_up_on),
        )

        form = QFormLayout()
        form.addRow(self.tr("Topic"), self.topic)
        form.addRow(self.tr("What was said"), self.text)
        form.addRow(self.tr("Agreed actions"), self.actions)
        form.addRow(self.tr("Follow-up"), follow)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("the contact's id, if the note is about one"))
        self.period = QCheckBox(self.tr("About the days"))
        self.period_start = QDateEdit(qdate(today - timedelta(days=7)))
        self.period_end = QDateEdit(qdate(today))
        for edit in (self.period_start, self.period_end):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            self.period.toggled.connect(edit.setEnabled)
        self.period.toggled.connect(lambda on: self.contact.setEnabled(not on))
        period = QHBoxLayout()
        period.addWidget(self.period)
        period.addWidget(self.period_start, 1)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.period_end, 1)
        if note is None:
            form.addRow(self.tr("About a contact"), self.contact)
            form.addRow(self.tr("About a period"), period)
        else:
            for widget in (self.contact, self.period, self.period_start, self.period_end):
                widget.hide()
        self.error = save_cancel(self, form, self._accept)
        self.error.setObjectName("noteError")
        self.resize(520, 460)

    def values(self) -> NoteValues:
        period = None
        if self.period.isChecked():
            period = (pydate(self.period_start.date()), pydate(self.period_end.date()))
        return NoteValues(
            topic=self.topic.text().strip(),
            text=self.text.toPlainText().strip(),
            actions=self.actions.toPlainText().strip(),
            follow_up_on=pydate(self.follow_up_on.date()) if self.follow_up.isChecked() else None,
            contact_ref=(self.contact.text().strip() or None) if not period else None,
            period=period,
        )

    def _accept(self) -> None:
        """Empty topic or text is said here, before anything goes to the database."""
        values = self.values()
        if not values.topic or not values.text:
            self.error.setText(self.tr("A topic and what was said are needed."))
            return
        if values.period and values.period[0] > values.period[1]:
            self.error.setText(self.tr("The period's first day is after its last."))
            return
        self.accept()
