"""Plan accuracy: the service level each day's saved plan expected against the floor's.

Loads ``services.planning.plan_accuracy`` on a worker for the last complete weeks,
with the method chosen (the simulator's replay by default: it is the one that
predicts multi-skilled routing, abandonment and emails that wait). A planner
who sees the plan and the floor agree can trust the coverage figures; where
they part, the Gap column says by how much and which way.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QComboBox, QWidget

from supervisor_app.domain.plan_accuracy import PlanMethod
from supervisor_app.ui.common.workers import Op, Report, Workers
from supervisor_app.ui.schedules.planning.past_weeks_panel import PastWeeksPanel
from supervisor_app.ui.schedules.planning.sorted_table import cell, percent_cell

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.planning import DayAccuracy


class PlanAccuracyPanel(PastWeeksPanel):
    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(
            workers,
            parent,
            name="planAccuracyPanel",
            title=QCoreApplication.translate("PlanAccuracyPanel", "Plan accuracy"),
            weeks=(12, 2),
        )
        self.rows: list[DayAccuracy] | None = None
        self.method = QComboBox()
        for method, label in (
            (PlanMethod.SIMULATION, self.tr("Simulation (replay)")),
            (PlanMethod.ERLANG_A, self.tr("Erlang A, pooled (patience from history)")),
            (PlanMethod.ERLANG_C, self.tr("Erlang C (nobody abandons)")),
        ):
            self.method.addItem(label, method.value)
        self.method.currentIndexChanged.connect(self.refresher.invalidate)
        headers = (
            self.tr("Queue"),
            self.tr("Day"),
            self.tr("Forecast"),
            self.tr("Offered"),
            self.tr("Expected SL"),
            self.tr("Achieved SL"),
            self.tr("Gap (points)"),
        )
        self._lay_out(headers, [self.weeks, self.method])

    def _make_op(self, db: Database) -> Op[list[DayAccuracy]]:
        first = self._last_week - timedelta(days=7 * (self.weeks.value() - 1))
        last = self._last_week + timedelta(days=6)
        method, site_id = PlanMethod(self.method.currentData()), self.site_id

        def op(_report: Report) -> list[DayAccuracy]:
            from supervisor_app.services.planning import plan_accuracy

            return plan_accuracy(db, first, last, site_id=site_id, method=method)

        return op

    def _on_data(self, rows: list[DayAccuracy]) -> None:
        from supervisor_app.domain.plan_accuracy import prediction_error_points

        self.rows = rows
        self.status.succeeded()
        self.model.setRowCount(0)
        for r in rows:
            self.model.appendRow(
                [
                    cell(r.queue, r.queue),
                    cell(f"{r.day:%a %d %b}", r.day.toordinal(), r.day),
                    cell(f"{r.forecast_volume:,.0f}", r.forecast_volume, round(r.forecast_volume)),
                    cell(f"{r.offered:,}", r.offered, r.offered),
                    percent_cell(r.expected_service_level),
                    percent_cell(r.achieved_service_level),
                    _gap(r.expected_service_level, r.achieved_service_level),
                ]
            )
        self.table.resizeColumnsToContents()
        error = prediction_error_points(
            [(r.expected_service_level, r.achieved_service_level) for r in rows]
        )
        if error is None:
            self.note.setText(self.tr("No days with both a plan and contacts in these weeks."))
        else:
            days = sum(1 for r in rows if r.achieved_service_level is not None)
            text = self.tr(
                "Expected: the service level the saved forecast and schedule promised; "
                "achieved: the floor's. Over {days} queue-days they differ by {error:.1f} "
                "points on average."
            )
            self.note.setText(text.format(days=days, error=error))


def _gap(expected: float | None, achieved: float | None) -> QStandardItem:
    """Expected − achieved in points: negative when the plan was too pessimistic."""
    if expected is None or achieved is None:
        return cell("—", 0.0, "")
    points = 100 * (expected - achieved)
    return cell(f"{points:+.1f}", points, round(points, 1))
