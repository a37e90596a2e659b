"""The two small forms of the training record: a completion, and a session to schedule.

Both are shared by the profile and Setup's Training page; neither touches the
database (the caller saves on a worker with what the form returns).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from supervisor_app.services.people import Course


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class CompletionForm(QDialog):
    """Which course the agent completed, and on which day (today unless changed)."""

    def __init__(
        self,
        agent: str,
        courses: Sequence[Course],
        today: date,
        course_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("completionForm")
        self.setWindowTitle(self.tr("Record a completion"))
        self.course = QComboBox()
        self.course.setObjectName("completionCourse")
        for course in courses:
            self.course.addItem(course.name, course.id)
        if course_id is not None:
            self.course.setCurrentIndex(max(0, self.course.findData(course_id)))
        self.day = _date_edit(today)
        self.day.setObjectName("completionDay")
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(courses))
        form = QFormLayout(self)
        form.addRow(self.tr("Agent"), QLabel(agent))
        form.addRow(self.tr("Course"), self.course)
        form.addRow(self.tr("Completed on"), self.day)
        form.addRow(buttons)

    def chosen(self) -> tuple[int, date]:
        return int(self.course.currentData()), _day(self.day)


class SessionForm(QDialog):
    """The day, start (the site's local time) and length of a training session."""

    def __init__(self, agent: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionForm")
        self.setWindowTitle(self.tr("Schedule a training session"))
        self.day = _date_edit(today + timedelta(days=1))
        self.day.setObjectName("sessionDay")
        self.day.setMinimumDate(QDate(today.year, today.month, today.day))
        self.start = QTimeEdit(QTime(10, 0))
        self.start.setObjectName("sessionStart")
        self.start.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox()
        self.minutes.setObjectName("sessionMinutes")
        self.minutes.setRange(15, 480)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(60)
        self.minutes.setSuffix(self.tr(" min"))
        note = QLabel(
            self.tr(
                "Inside a shift it becomes a Training activity of that shift; on a day "
                "without one, a draft shift holding the session is added."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Agent"), QLabel(agent))
        form.addRow(self.tr("Day"), self.day)
        form.addRow(self.tr("Starts (site time)"), self.start)
        form.addRow(self.tr("Length"), self.minutes)
        form.addRow(note)
        form.addRow(buttons)

    def chosen(self) -> tuple[date, time, int]:
        start = self.start.time()
        return _day(self.day), time(start.hour(), start.minute()), self.minutes.value()
