"""The coverage panel's toolbar: week (snapped to Monday), queue, chart day, and the forecast
actions. Plain widgets and signals; the panel decides what a change means. The groups wrap
to a second line in a narrow window (``FlowLayout``); Alt+Left/Right step the week while
the focus is in the panel, not anywhere in the window."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from supervisor_app.domain.coverage import CoverageWeek
from supervisor_app.ui.common.choices import refill
from supervisor_app.ui.common.layouts import held
from supervisor_app.ui.schedules.planning.flow_layout import FlowLayout


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class CoverageControls(QWidget):
    week_changed = Signal()  # a different Monday
    view_changed = Signal()  # queue or "hide empty" changed
    day_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week_edit = QDateEdit(qdate(monday_of(date.today())))
        self.week_edit.setCalendarPopup(True)
        self.week_edit.setDisplayFormat("'Week of' ddd d MMM yyyy")
        self.week_edit.dateChanged.connect(self._week_edited)
        self.prev_week, self.next_week = QToolButton(), QToolButton()
        self.prev_week.setArrowType(Qt.ArrowType.LeftArrow)
        self.next_week.setArrowType(Qt.ArrowType.RightArrow)
        self.prev_week.setToolTip(self.tr("Previous week (Alt+Left)"))
        self.next_week.setToolTip(self.tr("Next week (Alt+Right)"))
        self.prev_week.clicked.connect(lambda: self.step_week(-1))
        self.next_week.clicked.connect(lambda: self.step_week(1))
        for keys, weeks in (("Alt+Left", -1), ("Alt+Right", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not window-wide
            shortcut.activated.connect(lambda weeks=weeks: self.step_week(weeks))
        self.queue_combo = QComboBox()
        self.queue_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.queue_combo.currentIndexChanged.connect(self.view_changed)
        self.day_combo = QComboBox()
        self.day_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.day_combo.setToolTip(self.tr("The day the chart shows"))
        self.day_combo.currentIndexChanged.connect(self.day_changed)
        self.hide_empty = QCheckBox(self.tr("Hide empty intervals"))
        self.hide_empty.setChecked(True)
        self.hide_empty.toggled.connect(self.view_changed)
        self.generate = QPushButton(self.tr("Generate forecast…"))
        self.generate.setToolTip(self.tr("Forecast this week from the last weeks' contacts"))
        self.scale = QPushButton(self.tr("Scale day…"))
        self.scale.setToolTip(self.tr("Raise or lower the chart day's forecast by a percentage"))
        self.simulate = QPushButton(self.tr("Simulate…"))
        self.simulate.setToolTip(
            self.tr(
                "Run this week's schedule against its forecast in the simulator: breaks and "
                "multi-skilled agents as they really fall, with a 90 % band"
            )
        )
        layout = FlowLayout(self)
        for group in (
            (self.prev_week, self.week_edit, self.next_week),
            (QLabel(self.tr("Queue")), self.queue_combo),
            (QLabel(self.tr("Chart")), self.day_combo),
            (self.hide_empty,),
            (self.generate, self.scale, self.simulate),
        ):
            layout.addWidget(held(QHBoxLayout, *group))

    def week_start(self) -> date:
        return monday_of(pydate(self.week_edit.date()))

    def set_week(self, week_start: date) -> None:
        self.week_edit.setDate(qdate(monday_of(week_start)))

    def step_week(self, weeks: int) -> None:
        self.set_week(self.week_start() + timedelta(days=7 * weeks))

    def queue_id(self) -> int | None:
        return self.queue_combo.currentData()

    def chart_day(self, week_start: date) -> date:
        return week_start + timedelta(days=max(self.day_combo.currentIndex(), 0))

    def fill(self, week: CoverageWeek, new_week: bool) -> None:
        """Queues and days of ``week``, keeping the user's choices where they still exist."""
        refill(self.queue_combo, "All queues", ((q.name, q.queue_id) for q in week.queues))
        if new_week or self.day_combo.count() != 7:
            day = self.day_combo.currentIndex()
            self.day_combo.blockSignals(True)
            self.day_combo.clear()
            holidays = dict(week.holidays)
            for d in range(7):
                when = week.week_start + timedelta(days=d)
                name = holidays.get(when)
                self.day_combo.addItem(f"{when:%a %d %b}" + (f" ★ {name}" if name else ""))
            self.day_combo.setCurrentIndex(max(day, 0))
            self.day_combo.blockSignals(False)

    def _week_edited(self) -> None:
        monday = self.week_start()
        if pydate(self.week_edit.date()) != monday:
            self.week_edit.setDate(qdate(monday))  # a day picked mid-week snaps to its Monday
            return
        self.week_changed.emit()
