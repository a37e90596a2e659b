"""Forecast accuracy of past weeks: WAPE of volume and handle time per week and queue.

Loads ``services.planning.forecast_accuracy`` on a worker for the
weeks up to the last complete one (or up to ``set_last_week``), in a sortable
table that copies with Ctrl+C. Lower is better: 0.15 means the forecast missed
by 15 % of the contacts that came.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QSpinBox, QWidget

from supervisor_app.ui.common.refresh_status import RefreshStatus
from supervisor_app.ui.common.refresher import Refresher
from supervisor_app.ui.common.site_refreshed import SiteRefreshed
from supervisor_app.ui.common.workers import Op, Report, Workers
from supervisor_app.ui.schedules.planning.coverage_controls import monday_of
from supervisor_app.ui.schedules.planning.sorted_table import (
    cell,
    lay_out_table_panel,
    note_label,
    percent_cell,
    sorted_table,
)

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


class AccuracyPanel(SiteRefreshed, QWidget):
    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accuracyPanel")
        self.rows: list[WeekAccuracy] | None = None
        self._last_week = monday_of(date.today()) - timedelta(days=7)
        self.site_id: int | None = None  # the window's site
        self.refresher = Refresher(workers, self._make_op, self._on_data, self._on_error, self)
        self.status = RefreshStatus("Forecast accuracy", self)
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 52)
        self.weeks.setValue(8)
        self.weeks.setPrefix(self.tr("last "))
        self.weeks.setSuffix(self.tr(" weeks"))
        self.weeks.valueChanged.connect(self.refresher.invalidate)
        self.table, self.model = sorted_table(tuple(self.tr(h) for h in HEADERS), self)
        self.note = note_label(self.tr("Loading…"))
        lay_out_table_panel(
            self, self.status.title, [self.weeks], self.status.note, self.note, self.table
        )

    def set_last_week(self, week_start: date) -> None:
        self._last_week = monday_of(week_start)
        self.refresher.invalidate()

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

    def _on_error(self, exc: BaseException) -> None:
        text = self.status.failed(exc)
        if self.rows is None:
            self.note.setText(text)
