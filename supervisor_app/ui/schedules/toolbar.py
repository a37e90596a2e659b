"""The Schedules tab's toolbar: week, zoom, filters, and the commands (save, publish, …)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from supervisor_app.ui.schedules.grid.rows import RowFilter
from supervisor_app.ui.schedules.legend import KEYS

ALL = "All"
DAYS = tuple(
    QT_TRANSLATE_NOOP("ScheduleToolbar", d)
    for d in ("Week", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
)


class ScheduleToolbar(QToolBar):
    filter_changed = Signal(object)  # RowFilter
    week_picked = Signal(object)  # a date in the wanted week
    view_picked = Signal(int)  # -1 week, 0..6 a day

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Schedules", parent)
        self.setObjectName("scheduleToolbar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.prev_week = self._action("◀", "Previous week (Alt+PgUp)", "Alt+PgUp")
        self.week_edit = QDateEdit()
        self.week_edit.setObjectName("scheduleWeek")
        self.week_edit.setCalendarPopup(True)
        self.week_edit.setDisplayFormat("'Week of' ddd d MMM yyyy")
        self.week_edit.setToolTip(self.tr("Any day of the week to plan"))
        self.week_edit.dateChanged.connect(lambda d: self.week_picked.emit(d.toPython()))
        self.addWidget(self.week_edit)
        self.next_week = self._action("▶", "Next week (Alt+PgDown)", "Alt+PgDown")
        self.addSeparator()
        self.view = QComboBox()
        self.view.setObjectName("scheduleView")
        self.view.addItems([self.tr(d) for d in DAYS])
        self.view.setToolTip(self.tr("Show the whole week or one day"))
        self.view.activated.connect(lambda i: self.view_picked.emit(i - 1))
        self.addWidget(self.view)
        self.zoom_in = self._action("+", "Zoom in (Ctrl+=, Ctrl+wheel)", "Ctrl+=")
        self.zoom_out = self._action("−", "Zoom out (Ctrl+-)", "Ctrl+-")
        self.addSeparator()
        self.team = self._combo("scheduleTeam", "Team")
        self.skill = self._combo("scheduleSkill", "Skill (queue)")
        self.search = QLineEdit()
        self.search.setObjectName("scheduleSearch")
        self.search.setPlaceholderText(self.tr("Find agent…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(180)
        self.search.textChanged.connect(self._emit_filter)
        self.addWidget(self.search)
        self.addSeparator()
        self.save = self._action("Save", "Save the draft (Ctrl+S)", "Ctrl+S")
        self.generate = self._action(
            "Generate…", "Fill the week with shifts that meet the requirement (a draft to review)"
        )
        self.publish = self._action("Publish…", "Publish the week to the live view and reports")
        self.time_off = self._action("Time off…", "Request, approve or refuse time off")
        self.templates = self._action("Templates…", "Shift patterns to create shifts from")
        self.template = QComboBox()
        self.template.setObjectName("scheduleTemplate")
        self.template.setToolTip(
            self.tr("Template for double-click and Enter (none: an 8-hour shift)")
        )
        self.template.addItem(self.tr("No template"), None)
        self.addWidget(self.template)
        self.audit = self._action("History…", "Who changed this week or an agent, and when")
        self.addSeparator()
        self.status = QLabel()
        self.status.setObjectName("scheduleStatus")
        self.addWidget(self.status)
        help_button = QToolButton()
        help_button.setText("?")
        help_button.setObjectName("scheduleHelp")
        help_button.setToolTip(QCoreApplication.translate("legend", KEYS))
        self.help = help_button
        self.addWidget(help_button)

    def _action(self, text: str, tip: str, keys: str | None = None) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _combo(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setToolTip(tip)
        combo.addItem(f"{tip.split(' ')[0]}: {ALL}", None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(self._emit_filter)
        self.addWidget(combo)
        return combo

    def set_choices(self, teams: list[str], skills: list[str]) -> None:
        for combo, values in ((self.team, teams), (self.skill, skills)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for v in values:
                combo.addItem(v, v)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
            combo.blockSignals(False)
        self._emit_filter()

    def row_filter(self) -> RowFilter:
        return RowFilter(self.team.currentData(), self.skill.currentData(), self.search.text())

    def _emit_filter(self, *_args: object) -> None:
        self.filter_changed.emit(self.row_filter())

    def show_week(self, monday: object) -> None:
        self.week_edit.blockSignals(True)
        self.week_edit.setDate(QDate(monday))  # type: ignore[call-overload]
        self.week_edit.blockSignals(False)
