"""The agent's next seven days: each shift in the site's local time with its activities."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.enums import ActivityKind, ShiftStatus
from supervisor_app.domain.labels import ACTIVITY_LABELS
from supervisor_app.services.database import Database
from supervisor_app.services.people import UpcomingShift, agent_profile, upcoming_shifts
from supervisor_app.ui.common.local_time import span
from supervisor_app.ui.common.text_rows import text_table
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.people.section import ProfileContext, ProfileSection

DAYS = 7
TRAINING_FILL = QColor("#e4ecf7")


class ScheduleSection(ProfileSection):
    title: ClassVar[str] = QT_TRANSLATE_NOOP("ProfileSection", "Schedule, next 7 days")

    def __init__(self, context: ProfileContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.table = text_table(
            "profileSchedule",
            [self.tr("Day"), self.tr("Shift"), self.tr("Status"), self.tr("Activities")],
        )
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("Nothing scheduled in the next 7 days"))
        self.empty.setObjectName("scheduleEmpty")
        set_tone(self.empty, "muted")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.shifts: list[UpcomingShift] = []

    @staticmethod
    def fetch(db: Database, agent_id: int, today: date) -> Any:
        return agent_profile(db, agent_id).timezone, upcoming_shifts(db, agent_id, today, DAYS)

    def show_data(self, data: Any) -> None:
        zone, self.shifts = data
        if not self.shifts:
            self.stack.setCurrentWidget(self.empty)
            self.stack.setFixedHeight(self.empty.sizeHint().height() + 8)
            return
        self.stack.setCurrentWidget(self.table)
        self.table.setRowCount(len(self.shifts))
        for row, shift in enumerate(self.shifts):
            acts = "; ".join(
                QCoreApplication.translate("Labels", ACTIVITY_LABELS[a.kind])
                + " "
                + span(a.starts_at, a.ends_at, zone)
                for a in shift.activities
            )
            status = (
                self.tr("published") if shift.status is ShiftStatus.PUBLISHED else self.tr("draft")
            )
            cells = (
                f"{shift.day:%a %d %b}",
                span(shift.starts_at, shift.ends_at, zone),
                status,
                acts,
            )
            training = any(a.kind is ActivityKind.TRAINING for a in shift.activities)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if training:
                    item.setBackground(QBrush(TRAINING_FILL))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        rows = sum(self.table.rowHeight(r) for r in range(len(self.shifts)))
        self.stack.setFixedHeight(
            self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth() + 2
        )
