"""Simulate… from the coverage panel: the week's schedule (the draft on screen, or as saved)
run against its forecast in the simulator, with progress and Cancel.

The runs happen on a worker (``services.planning.simulate_week``); the dialog shows,
per queue and day, the service level over all runs with the runs' 5th–95th
percentile band, ASA and abandon rate, beside the Erlang figure for the same
schedule. This is where breaks and lunches placed at the wrong time show: Erlang
spreads them evenly, the simulator does not.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.ui.common.workers import Op, OperationCancelled, Report, Workers
from supervisor_app.ui.schedules.planning.sorted_table import cell, percent_cell, sorted_table

if TYPE_CHECKING:
    from supervisor_app.domain.schedule_types import ScheduleWeek
    from supervisor_app.services.database import Database
    from supervisor_app.services.planning import IntervalSimulation

RUNS = 20


class SimulationDialog(QDialog):
    """Runs the simulation when shown; Cancel stops it after the run under way."""

    def __init__(
        self,
        workers: Workers,
        db: Database,
        week_start: date,
        *,
        site_id: int | None,
        draft: ScheduleWeek | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("simulationDialog")
        which = self.tr("the unsaved draft") if draft is not None else self.tr("the saved week")
        self.setWindowTitle(self.tr("Simulate the week of {week:%d %b %Y}").format(week=week_start))
        self.rows: list[IntervalSimulation] | None = None
        self.error: str | None = None
        self._stop = threading.Event()
        self.intro = QLabel(
            self.tr(
                "{which} against the week's forecast, {runs} times, in the simulator: "
                "the service level over all runs, with the band 90 % of runs fall in, "
                "beside the Erlang figure."
            ).format(which=which[0].upper() + which[1:], runs=RUNS)
        )
        self.intro.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        headers = (
            self.tr("Queue"),
            self.tr("Day"),
            self.tr("Forecast"),
            self.tr("Erlang SL"),
            self.tr("Simulated SL"),
            self.tr("90 % of runs"),
            self.tr("ASA"),
            self.tr("Abandoned"),
        )
        self.table, self.model = sorted_table(headers, self)
        self.table.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 520)
        workers.run(
            _simulation(db, week_start, site_id, draft, self._stop),
            on_success=self._show,
            on_failure=self._failed,
            on_progress=lambda f: self.progress.setValue(round(100 * f)),
        )

    def _cancel(self) -> None:
        self._stop.set()
        self.reject()

    def _show(self, rows: list[IntervalSimulation]) -> None:
        self.rows = [r for r in rows if r.forecast > 0]
        self.progress.hide()
        for r in self.rows:
            day = r.start
            self.model.appendRow(
                [
                    cell(r.queue, r.queue),
                    cell(f"{day:%a %d %b}", day.toordinal(), str(day)),
                    cell(f"{r.forecast:,.0f}", r.forecast, round(r.forecast, 1)),
                    percent_cell(r.erlang_service_level),
                    percent_cell(r.service_level),
                    _band(r.service_level_low, r.service_level_high),
                    _seconds(r.asa_seconds),
                    percent_cell(r.abandon_rate),
                ]
            )
        self.table.resizeColumnsToContents()
        self.table.show()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, OperationCancelled):
            return
        self.error = str(exc)
        self.progress.hide()
        self.intro.setText(self.tr("The simulation stopped: {why}").format(why=exc))
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)


def _band(low: float | None, high: float | None) -> QStandardItem:
    if low is None or high is None:
        return cell("—", -1.0, "")
    return cell(f"{100 * low:.0f}–{100 * high:.0f} %", low, f"{low:.4f}–{high:.4f}")


def _seconds(value: float | None) -> QStandardItem:
    if value is None:
        return cell("—", -1.0, "")
    return cell(f"{value:,.0f} s", value, round(value, 1))


def _simulation(
    db: Database,
    week_start: date,
    site_id: int | None,
    draft: ScheduleWeek | None,
    stop: threading.Event,
) -> Op[list[IntervalSimulation]]:
    """The week (or the draft) simulated ``RUNS`` times on a worker, until ``stop`` is set."""

    def op(report: Report) -> list[IntervalSimulation]:
        from supervisor_app.services.planning import simulate_week

        def progress(fraction: float) -> None:
            if stop.is_set():
                raise OperationCancelled("cancelled")
            report(fraction)

        return simulate_week(
            db,
            week_start,
            site_id=site_id,
            runs=RUNS,
            by_day=True,
            schedule=draft,
            progress=progress,
        )

    return op
