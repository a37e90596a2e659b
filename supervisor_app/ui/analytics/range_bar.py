"""The bar above every Analytics view: range (presets or custom), grouping, filters, busy.

A preset fills both dates; touching a date makes the range "Custom". Every
change is announced once through ``changed`` so the tab re-queries (and the
query in flight is dropped). Dates are the site's local dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from supervisor_app.domain.periods import Grouping
from supervisor_app.services.analytics import AnalyticsOptions
from supervisor_app.ui.analytics.presets import Preset, preset_range
from supervisor_app.ui.common.choices import refill

GROUPINGS: tuple[tuple[Grouping, str], ...] = (
    (Grouping.QUEUE, "Queue"),
    (Grouping.TEAM, "Team"),
    (Grouping.AGENT, "Agent"),
    (Grouping.INTERVAL, "Interval"),
    (Grouping.DAY, "Day"),
    (Grouping.WEEK, "Week"),
    (Grouping.MONTH, "Month"),
    (Grouping.ALL, "All"),
)


@dataclass(frozen=True, slots=True)
class Selection:
    first: date
    last: date
    by: Grouping
    queue_id: int | None = None
    team_id: int | None = None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RangeBar(QWidget):
    changed = Signal()
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.preset = QComboBox(objectName="analyticsPreset")
        for p in Preset:  # the preset rides along as item data; its name is shown translated
            self.preset.addItem(QCoreApplication.translate("Preset", p.value), p.value)
        self.preset.setCurrentIndex(self.preset.findData(Preset.THIS_WEEK.value))
        self.first = self._date_edit("analyticsFrom")
        self.last = self._date_edit("analyticsTo")
        self.grouping = QComboBox(objectName="analyticsGrouping")
        for by, title in GROUPINGS:
            self.grouping.addItem(title, by.value)
        self.queue = QComboBox(objectName="analyticsQueue")
        self.team = QComboBox(objectName="analyticsTeam")
        self.queue.setToolTip(
            self.tr(
                "Only this queue's contacts, in every grouping (no occupancy or adherence:"
                " agents' time isn't split by queue)"
            )
        )
        self.team.setToolTip(
            self.tr("Only contacts answered by this team's agents, and those agents' time")
        )
        self.busy = QProgressBar(objectName="analyticsBusy")
        self.busy.setRange(0, 0)  # indeterminate: a query is running
        self.busy.setMaximumWidth(90)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel(objectName="analyticsStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # The bar must fit a narrow window: long names shrink (with a tooltip) before it grows.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for combo in (self.preset, self.grouping, self.queue, self.team):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        refresh = QToolButton(text="Refresh", objectName="analyticsRefresh")
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.setToolTip(self.tr("Run the query again (F5)"))
        refresh.clicked.connect(self.refresh_requested)

        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.setSpacing(4)
        self._add(row, ("Range", self.preset), ("from", self.first), ("to", self.last))
        row.addWidget(refresh)
        row.addWidget(self.busy)
        row.addWidget(self.status, 1)
        # Grouping and filters sit beside the page tabs (the tab places ``filters``), so the
        # range row stays short enough for a narrow window.
        self.filters = QWidget(objectName="analyticsFilters")
        right = QHBoxLayout(self.filters)
        right.setContentsMargins(0, 0, 6, 0)
        right.setSpacing(4)
        self._add(right, ("By", self.grouping), ("Queue", self.queue), ("Team", self.team))

        self.set_options(None)
        self._apply_preset()
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.first.dateChanged.connect(self._date_changed)
        self.last.dateChanged.connect(self._date_changed)
        for combo in (self.grouping, self.queue, self.team):
            combo.currentIndexChanged.connect(self._other_changed)

    @staticmethod
    def _add(row: QHBoxLayout, *pairs: tuple[str, QWidget]) -> None:
        for label, widget in pairs:
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # -- what the user picked --------------------------------------------------------------
    def selection(self) -> Selection:
        return Selection(
            first=_date(self.first.date()),
            last=_date(self.last.date()),
            by=Grouping(self.grouping.currentData()),
            queue_id=self.queue.currentData(),
            team_id=self.team.currentData(),
        )

    def set_options(self, options: AnalyticsOptions | None) -> None:
        """Fill the filters and take the site's today for the presets (no ``changed``)."""
        self.blockSignals(True)
        for combo, everything, items in (
            (self.queue, "All queues", options.queues if options else ()),
            (self.team, "All teams", options.teams if options else ()),
        ):
            refill(combo, everything, ((item.name, item.id) for item in items))
        if options is not None:
            self.today = options.today
            self._apply_preset()
        self.blockSignals(False)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    # -- reacting ---------------------------------------------------------------------------
    def _apply_preset(self) -> None:
        preset = Preset(self.preset.currentData())
        if preset is Preset.CUSTOM:
            return
        first, last = preset_range(preset, self.today)
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _preset_changed(self) -> None:
        self._apply_preset()
        self.changed.emit()

    def _date_changed(self) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(Preset.CUSTOM.value))
        self.preset.blockSignals(False)
        self.changed.emit()

    def _other_changed(self) -> None:
        self.changed.emit()
