"""Heat map page: offered or service level by weekday × local interval, for the range."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.periods import Grouping
from supervisor_app.services.analytics import AnalyticsOptions, Heatmap, heatmap
from supervisor_app.services.database import Database
from supervisor_app.ui.analytics.empty_stack import EmptyStack
from supervisor_app.ui.analytics.heatmap_model import HeatmapModel, Measure
from supervisor_app.ui.analytics.range_bar import Selection
from supervisor_app.ui.common.copy_table import CopyableTableView
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Op

TOP = QAbstractItemView.ScrollHint.PositionAtTop


class HeatmapPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure = QComboBox(objectName="analyticsHeatmapMeasure")
        for measure in Measure:
            self.measure.addItem(measure.value, measure)
        self.note = QLabel()
        set_tone(self.note, "muted")
        self.model = HeatmapModel(self)
        self.table = CopyableTableView()
        self.table.setObjectName("analyticsHeatmap")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.stack = EmptyStack(self.table)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(QLabel(self.tr("Show")))
        bar.addWidget(self.measure)
        bar.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.measure.currentIndexChanged.connect(self._redraw)
        self.result: Heatmap | None = None
        self.target = 0.8

    def controls(self, by: Grouping) -> tuple[bool, bool, bool]:
        return False, True, False

    def query(self, db: Database, selection: Selection, options: AnalyticsOptions) -> Op[Heatmap]:
        first, last = selection.first, selection.last
        queues = None if selection.queue_id is None else [selection.queue_id]
        # the target in force on the range's last day: the cells are weekdays across
        # the range, and their figures already judge each contact by its own day
        self.target = options.service_level_target(frozenset(queues or ()), last) or 0.8
        site = options.site_id
        return lambda _report: heatmap(db, first, last, queues, site_id=site)

    def show_result(self, result: Any) -> None:
        self.result = result
        self._redraw()

    def show_message(self, text: str) -> None:
        self.stack.show_message(text)

    def save_layout(self) -> None:
        """The grid sizes itself to the page."""

    def _redraw(self) -> None:
        if self.result is None:
            return
        measure = self.measure.currentData()
        self.model.set_heatmap(self.result, measure, self.target)
        if not self.model.rowCount():
            self.stack.show_message("No contacts in this range.")
            return
        if measure is Measure.OFFERED:
            self.note.setText(
                self.tr("Mean contacts offered per day of that weekday, by local interval")
            )
        else:
            self.note.setText(
                self.tr(
                    "Service level by local interval; green at or above the {target:.0%} target"
                ).format(target=self.target)
            )
        self.stack.show_view()
        self.table.scrollTo(self.model.index(self.model.first_busy_row(), 0), TOP)
