"""Forecast accuracy of past weeks: WAPE of volume and handle time per week and queue.

Loads ``services.planning.forecast_accuracy`` on a worker for the
weeks up to the last complete one (or up to ``set_last_week``), in a sortable
table that copies with Ctrl+C. Lower is better: 0.15 means the forecast missed
by 15 % of the contacts that came.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from supervisor_app.ui.common.workers import Op, Report, Workers
from supervisor_app.ui.schedules.planning.past_weeks_panel import PastWeeksPanel
from supervisor_app.ui.schedules.planning.sorted_table import cell, percent_cell

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.planning import WeekAccuracy

HEADERS = (
    QT_TRANSLATE_NOOP("AccuracyPanel", "Week"),
    QT_TRANSLATE_NOOP("AccuracyPanel", "Queue"),
    QT_TRANSLATE_NOOP("AccuracyPanel", "Forecast"),
    QT_TRANSLATE_NOOP("AccuracyPanel", "Offered"),
    QT_TRANSLATE_NOOP("AccuracyPanel", "Volume WAPE"),
    QT_TRANSLATE_NOOP("AccuracyPanel", "AHT WAPE"),
)


class AccuracyPanel(PastWeeksPanel):
    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(
            workers, parent, name="accuracyPanel", title="Forecast accuracy", weeks=(52, 8)
        )
        self.rows: list[WeekAccuracy] | None = None
        self._lay_out(tuple(self.tr(h) for h in HEADERS), [self.weeks])

    def _make_op(self, db: Database) -> Op[list[WeekAccuracy]]:
        last, site_id = self._last_week, self.site_id
        first = last - timedelta(days=7 * (self.weeks.value() - 1))

        def op(_report: Report) -> list[WeekAccuracy]:
            from supervisor_app.services.planning import forecast_accuracy

            return forecast_accuracy(db, first, last, site_id=site_id)

        return op

    def _on_data(self, rows: list[WeekAccuracy]) -> None:
        self.rows = rows
        self.status.succeeded()
        self.model.setRowCount(0)
        for a in rows:
            self.model.appendRow(
                [
                    cell(f"{a.week_start:%d %b %Y}", a.week_start.toordinal(), a.week_start),
                    cell(a.queue, a.queue, a.queue, bold=a.queue_id is None),
                    cell(
                        f"{a.forecast_volume:,.0f}", a.forecast_volume, round(a.forecast_volume, 1)
                    ),
                    cell(f"{a.actual_offered:,}", a.actual_offered, a.actual_offered),
                    percent_cell(a.volume_wape),
                    percent_cell(a.aht_wape),
                ]
            )
        self.table.resizeColumnsToContents()
        totals = [a for a in rows if a.queue_id is None and a.volume_wape is not None]
        if totals:
            mean = sum(a.volume_wape or 0 for a in totals) / len(totals)
            self.note.setText(
                self.tr(
                    "Weighted absolute percentage error, interval by interval: the share "
                    "of the contacts the forecast missed. All queues over {0} week{1}: "
                    "{2:.1f} % on average."
                ).format(len(totals), "s" if len(totals) > 1 else "", 100 * mean)
            )
        else:
            self.note.setText(self.tr("No contacts in these weeks to compare the forecast with."))
