"""The agent's training record: courses, completed, expires, and what is due or expired.

"Record completion…" and "Schedule session…" save on a worker (audited by the
services) and then reload the whole profile: a session shows in the next days,
a completion in this record.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from supervisor_app.domain.permissions import Action, may
from supervisor_app.services.audit import current_actor
from supervisor_app.services.database import Database
from supervisor_app.services.people import (
    Course,
    TrainingLine,
    TrainingStatus,
    agent_training,
    list_courses,
    record_completion,
)
from supervisor_app.services.schedules import BookedSession, schedule_training
from supervisor_app.ui.common.failures import first_line
from supervisor_app.ui.common.text_rows import text_table
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.people.section import ProfileContext, ProfileSection
from supervisor_app.ui.people.training_forms import CompletionForm, SessionForm

STATUS_TEXT = {
    TrainingStatus.NEVER: QT_TRANSLATE_NOOP("TrainingSection", "never completed"),
    TrainingStatus.EXPIRED: QT_TRANSLATE_NOOP("TrainingSection", "expired"),
    TrainingStatus.DUE: QT_TRANSLATE_NOOP("TrainingSection", "expires within 30 days"),
    TrainingStatus.VALID: QT_TRANSLATE_NOOP("TrainingSection", "valid"),
}
STATUS_FILL = {
    TrainingStatus.NEVER: QColor("#fbe3e1"),
    TrainingStatus.EXPIRED: QColor("#fbe3e1"),
    TrainingStatus.DUE: QColor("#fdf0d5"),
}


def _day(value: date | None, never: str) -> str:
    return never if value is None else f"{value:%d %b %Y}"


class TrainingSection(ProfileSection):
    title: ClassVar[str] = QT_TRANSLATE_NOOP("ProfileSection", "Training")

    def __init__(self, context: ProfileContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lines: list[TrainingLine] = []
        self.courses: list[Course] = []
        self.table = text_table(
            "profileTraining",
            [
                self.tr("Course"),
                self.tr("Required for"),
                self.tr("Completed"),
                self.tr("Expires"),
                self.tr("Status"),
            ],
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No training recorded"))
        self.empty.setObjectName("trainingEmpty")
        set_tone(self.empty, "muted")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.record_button = QPushButton(self.tr("Record completion…"))
        self.record_button.setObjectName("recordCompletion")
        self.record_button.clicked.connect(self.ask_completion)
        self.session_button = QPushButton(self.tr("Schedule session…"))
        self.session_button.setObjectName("scheduleSession")
        self.session_button.clicked.connect(self.ask_session)
        self.message = QLabel()
        self.message.setObjectName("trainingMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.session_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        layout.addLayout(buttons)
        self.form: CompletionForm | SessionForm | None = None
        # the database refuses the rest anyway; the profile does not offer it
        self.record_button.setVisible(may(context.role, Action.RECORD_TRAINING))
        self.session_button.setVisible(may(context.role, Action.SAVE_SCHEDULE))

    @staticmethod
    def fetch(db: Database, agent_id: int, today: date) -> Any:
        return agent_training(db, agent_id, today), list_courses(db)

    def show_data(self, data: Any) -> None:
        self.lines, self.courses = data
        self.record_button.setEnabled(bool(self.courses))
        if not self.lines:
            self.stack.setCurrentWidget(self.empty)
            self.stack.setFixedHeight(self.empty.sizeHint().height() + 8)
            return
        self.stack.setCurrentWidget(self.table)
        self.table.setRowCount(len(self.lines))
        never = self.tr("never")
        for row, line in enumerate(self.lines):
            completed = _day(line.completed_on, "—")
            expires = "—" if line.completed_on is None else _day(line.expires_on, never)
            status = QCoreApplication.translate("TrainingSection", STATUS_TEXT[line.status])
            cells = (line.course, ", ".join(line.required_for) or "—", completed, expires, status)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                fill = STATUS_FILL.get(line.status)
                if fill is not None:
                    item.setBackground(QBrush(fill))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        rows = sum(self.table.rowHeight(r) for r in range(min(len(self.lines), 8)))
        self.stack.setFixedHeight(
            self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth() + 2
        )

    # -- record a completion ----------------------------------------------------------
    def ask_completion(self) -> None:
        chosen = self.table.currentRow()
        course = self.lines[chosen].course_id if 0 <= chosen < len(self.lines) else None
        form = CompletionForm(
            self.context.agent_name, self.courses, self.context.today, course, self
        )
        form.accepted.connect(lambda: self.save_completion(*form.chosen()))
        self.form = form
        form.open()

    def save_completion(self, course_id: int, day: date) -> None:
        db, agent_id = self.context.db, self.context.agent_id

        def op(_report: Any) -> date | None:
            return record_completion(db, agent_id, course_id, day, current_actor())

        self._run(
            op,
            lambda until: self.tr("Recorded; it holds until {0}.").format(
                _day(until, self.tr("it never expires"))
            ),
        )

    # -- schedule a session -----------------------------------------------------------
    def ask_session(self) -> None:
        form = SessionForm(self.context.agent_name, self.context.today, self)
        form.accepted.connect(lambda: self.save_session(*form.chosen()))
        self.form = form
        form.open()

    def save_session(self, day: date, start: Any, minutes: int) -> None:
        db, agent_id = self.context.db, self.context.agent_id

        def op(_report: Any) -> BookedSession:
            return schedule_training(db, agent_id, day, start, minutes, current_actor())

        def said(booked: BookedSession) -> str:
            text = self.tr(
                "Training on {day:%a %d %b} at {start:%H:%M} is on the schedule."
            ).format(day=day, start=start)
            if booked.violations:
                text += " " + self.tr("Schedule check that week: {0}").format(
                    "; ".join(v.message for v in booked.violations[:3])
                )
            return text

        self._run(op, said)

    def _run(self, op: Any, said: Any) -> None:
        self.record_button.setEnabled(False)
        self.session_button.setEnabled(False)
        set_tone(self.message, "muted")
        self.message.setText(self.tr("Saving…"))

        def done(result: Any) -> None:
            if not isValid(self):
                return
            self.message.setText(said(result))
            self.session_button.setEnabled(True)
            self.context.reload()

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            set_tone(self.message, "error")
            self.message.setText(self.tr("Not saved: {0}").format(first_line(exc)))
            self.record_button.setEnabled(bool(self.courses))
            self.session_button.setEnabled(True)

        self.context.workers.run(op, on_success=done, on_failure=failed)
