"""The coverage chart under the grid, fed by every draft, and the planning panels beside it.

The chart belongs to the staffing work; the editor only hands it each new draft
(``show_draft``) after the grid has repainted, coalescing rapid edits, or asks it
to reload the saved week when nothing is unsaved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules.week.draft import ScheduleDraft


def make_coverage(workers: Workers) -> Any:
    """The coverage panel under the grid (pyqtgraph loads with it, after the first paint)."""
    from supervisor_app.ui.schedules.planning.coverage_panel import CoveragePanel

    return CoveragePanel(workers)


def make_planning_panels(workers: Workers) -> list[tuple[QWidget, str]]:
    """The capacity-and-budget, forecast-accuracy and plan-accuracy panels, tabbed beside
    coverage."""
    from supervisor_app.ui.schedules.planning.accuracy_panel import AccuracyPanel
    from supervisor_app.ui.schedules.planning.capacity_panel import CapacityPanel
    from supervisor_app.ui.schedules.planning.plan_accuracy_panel import PlanAccuracyPanel

    return [
        (
            CapacityPanel(workers),
            QCoreApplication.translate("coverage_slot", "Capacity and budget"),
        ),
        (AccuracyPanel(workers), QCoreApplication.translate("coverage_slot", "Forecast accuracy")),
        (PlanAccuracyPanel(workers), QCoreApplication.translate("coverage_slot", "Plan accuracy")),
    ]


def scrollable(panel: QWidget) -> QScrollArea:
    """The panel in a scroll area, so a short window can still scroll its chart and table."""
    holder = QScrollArea()
    holder.setObjectName("coverageHolder")
    holder.setWidgetResizable(True)
    holder.setFrameShape(QFrame.Shape.NoFrame)
    holder.setWidget(panel)
    return holder


class CoverageFeed(QObject):
    def __init__(self, panel: Any | None, draft: ScheduleDraft, parent: QObject) -> None:
        super().__init__(parent)
        self.panel = panel
        self.draft = draft
        self._covered: object = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.feed)
        draft.changed.connect(self._changed)

    def set_database(self, db: object) -> None:
        if self.panel is not None:
            self.panel.set_database(db)

    def set_site(self, site_id: int | None) -> None:
        if self.panel is not None:
            self.panel.set_site(site_id)

    def _changed(self) -> None:
        if self.panel is not None and self.draft.week is not self._covered:
            self._timer.start()  # after the grid repaints; rapid edits coalesce

    def feed(self) -> None:
        week = self.draft.week
        if self.panel is None or week is None or week is self._covered:
            return
        self._covered = week  # a new selection alone changes no coverage
        if self.draft.dirty:
            self.panel.show_draft(week)
        else:  # as saved: the panel says so, and loads it itself
            self.panel.set_week(week.week_start)
            self.panel.refresh()

    def show_day(self, day: int) -> None:
        combo = getattr(self.panel, "day_combo", None)
        if combo is not None and 0 <= day < combo.count():
            combo.setCurrentIndex(day)

    def stop(self) -> None:
        self._timer.stop()
        refresher = getattr(self.panel, "refresher", None)
        if refresher is not None and hasattr(refresher, "stop"):
            refresher.stop()
