"""Planners' forecast commands from the coverage panel: generate, scale a day, edit an interval.

Each runs its service call on a worker (``Workers``); the panel reloads on
success, and a refusal (a ``UserError``: no forecast that day, a bad number) or
a failure is reported through ``failed`` in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QInputDialog,
    QSpinBox,
    QWidget,
)

from supervisor_app.domain.forecast import DEFAULT_WEEKS, MAX_WEEKS
from supervisor_app.ui.common.workers import Workers

if TYPE_CHECKING:
    from supervisor_app.services.database import Database


class GenerateDialog(QDialog):
    """Weeks of history and growth for a forecast generation."""

    def __init__(self, week_start: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Generate the forecast for the week of {week_start:%d %b %Y}").format(
                week_start=week_start
            )
        )
        self.weeks = QSpinBox()
        self.weeks.setRange(1, MAX_WEEKS)
        self.weeks.setValue(DEFAULT_WEEKS)
        self.weeks.setSuffix(self.tr(" weeks"))
        self.weeks.setToolTip(
            self.tr("Recent weeks weigh more: with 6, the weights are 6, 5, 4, 3, 2, 1")
        )
        self.growth = QDoubleSpinBox()
        self.growth.setRange(-50.0, 200.0)
        self.growth.setDecimals(1)
        self.growth.setSuffix(" %")
        self.growth.setToolTip(
            self.tr("Added to every interval's volume (+5 % multiplies by 1.05)")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("History"), self.weeks)
        form.addRow(self.tr("Growth"), self.growth)
        form.addRow(buttons)


class ForecastActions(QObject):
    done = Signal(str)  # what was done, in words
    failed = Signal(object)  # the exception: a UserError to show, or a bug

    def __init__(
        self,
        workers: Workers,
        database: Callable[[], Database | None],
        parent: QWidget,
        *,
        site: Callable[[], int | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._workers = workers
        self._database = database
        self._site = site
        self._parent = parent
        self.dialog: QDialog | None = None

    # -- asking ------------------------------------------------------------------------
    def ask_generate(self, week_start: date) -> GenerateDialog:
        dialog = GenerateDialog(week_start, self._parent)
        dialog.accepted.connect(
            lambda: self.generate(week_start, dialog.weeks.value(), 1 + dialog.growth.value() / 100)
        )
        self._open(dialog)
        return dialog

    def ask_scale(self, day: date, queue_id: int | None, queue_name: str) -> QInputDialog:
        dialog = QInputDialog(self._parent)
        dialog.setWindowTitle(self.tr("Scale a day's forecast"))
        dialog.setLabelText(
            self.tr("Change {queue_name} on {day:%a %d %b} by (%):").format(
                queue_name=queue_name, day=day
            )
        )
        dialog.setInputMode(QInputDialog.InputMode.DoubleInput)
        dialog.setDoubleRange(-99.0, 1000.0)
        dialog.setDoubleDecimals(1)
        dialog.setDoubleValue(10.0)
        dialog.doubleValueSelected.connect(lambda pct: self.scale_day(day, pct, queue_id))
        self._open(dialog)
        return dialog

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- doing -------------------------------------------------------------------------
    def generate(self, week_start: date, weeks: int, growth: float) -> None:
        site_id = self._site()

        def command(db: Database) -> str:
            from supervisor_app.services.planning import generate_forecast

            r = generate_forecast(db, week_start, weeks=weeks, growth=growth, site_id=site_id)
            skipped = (
                f"; {len(r.holidays_left_out)} holidays left out" if r.holidays_left_out else ""
            )
            return (
                f"Forecast generated: {r.total_volume:,.0f} contacts in {r.queues} queues{skipped}"
            )

        self._run(command)

    def scale_day(self, day: date, percent: float, queue_id: int | None) -> None:
        site_id = self._site()

        def command(db: Database) -> str:
            from supervisor_app.services.planning import scale_day

            queues = None if queue_id is None else [queue_id]
            n = scale_day(db, day, percent, queue_ids=queues, site_id=site_id)
            return f"{day:%a %d %b}: {n} intervals scaled by {percent:+g} %"

        self._run(command)

    def set_interval(
        self,
        queue_id: int,
        start: datetime,
        volume: float,
        aht: float,
        seen: tuple[float, float] | None = None,
    ) -> None:
        """Save one interval; ``seen`` (volume, AHT shown) makes it refuse a colleague's change."""
        site_id = self._site()

        def command(db: Database) -> str:
            from supervisor_app.services.planning import ForecastSeen, set_interval

            before = None if seen is None else ForecastSeen(*seen)
            set_interval(db, queue_id, start, volume, aht, seen=before, site_id=site_id)
            return "Forecast interval saved"

        self._run(command)

    def _run(self, command: Callable[[Database], str]) -> None:
        db = self._database()
        if db is None:
            return
        self._workers.run(
            lambda _report: command(db), on_success=self.done.emit, on_failure=self.failed.emit
        )
