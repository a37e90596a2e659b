"""Generate…: the week generated on a worker, with progress and Cancel, then one undo step.

The planner first chooses which shifts stay (``GenerateOptionsDialog``); then the
op loads the coverage panel's forecast and runs ``services.schedules.generate_draft``
on a pool thread (the GUI thread never waits on the database or the solver); a
``QProgressDialog`` shows the time used of the limit, and Cancel sets the event
the solver polls, so it stops with the best week found so far. The result
replaces the grid's week as one undoable edit, unsaved; the summary goes to the
tab's status line and, in full with each queue's expected service level, to a
``GenerateSummaryDialog``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from supervisor_app.domain.autoschedule import Keep
from supervisor_app.ui.common.workers import Report, Workers
from supervisor_app.ui.schedules.generate_options import GenerateOptionsDialog
from supervisor_app.ui.schedules.generate_summary import GenerateSummaryDialog
from supervisor_app.ui.schedules.week.draft import ScheduleDraft

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.schedules import GeneratedDraft

TIME_LIMIT = 30.0  # seconds of search; the dialog's bar fills over this time


def generate_op(
    db: Database, week_start: date, site_id: int | None, cancel: threading.Event, keep: Keep
) -> Callable[[Report], GeneratedDraft]:
    """What runs on the worker: the forecast and targets, then the generated draft."""

    def op(_report: Report) -> GeneratedDraft:
        from supervisor_app.services.planning import coverage_inputs
        from supervisor_app.services.schedules import generate_draft

        demands = coverage_inputs(db, week_start, site_id=site_id).demands
        return generate_draft(
            db,
            week_start,
            demands,
            site_id=site_id,
            keep=keep,
            time_limit=TIME_LIMIT,
            cancel=cancel,
        )

    return op


def summary_text(generated: GeneratedDraft) -> str:
    """The figures a planner checks, before → after."""
    s = generated.summary
    text = QCoreApplication.translate(
        "GenerateFlow",
        "Generated{stopped}: under-staffed {under_before:,.0f} → {under_after:,.0f}, "
        "over-staffed {over_before:,.0f} → {over_after:,.0f} agent-intervals, labour cost "
        "{cost_before:,.0f} → {cost:,.0f}, {breaks} rule break(s){levels}",
    )
    levels = "".join(
        f", {queue} {level:.0%}" for queue, level in s.expected_service_level if level is not None
    )
    if levels:
        levels = QCoreApplication.translate("GenerateFlow", "; expected service level") + levels
    stopped = QCoreApplication.translate("GenerateFlow", " (stopped early)") if s.cancelled else ""
    return text.format(
        stopped=stopped,
        under_before=s.under_staffed_before,
        under_after=s.under_staffed_after,
        over_before=s.over_staffed_before,
        over_after=s.over_staffed_after,
        cost_before=s.cost_before,
        cost=s.cost,
        breaks=s.rule_breaks,
        levels=levels,
    )


class GenerateFlow(QObject):
    """One generation at a time for the tab; ``done`` carries the summary text."""

    done = Signal(str)

    def __init__(
        self,
        workers: Workers,
        draft: ScheduleDraft,
        parent: QWidget,
        where: Callable[[], tuple[Database | None, date, int | None]],
    ) -> None:
        super().__init__(parent)
        self.workers, self.draft, self.parent_widget, self.where = workers, draft, parent, where
        self.cancel: threading.Event | None = None
        self.dialog: QProgressDialog | None = None
        self.summary: GenerateSummaryDialog | None = None  # the last generation's
        self.options: GenerateOptionsDialog | None = None  # open while the planner chooses
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self._started = 0.0

    @property
    def busy(self) -> bool:
        return self.cancel is not None

    def start(self) -> None:
        db = self.where()[0]
        if db is None or self.draft.week is None or self.busy or self.options is not None:
            return
        if self.draft.dirty:
            QMessageBox.information(
                self.parent_widget,
                self.tr("Generate"),
                self.tr(
                    "Save or undo your changes first: the week is generated from the saved one."
                ),
            )
            return
        options = GenerateOptionsDialog(self.draft.week, self.parent_widget)
        options.accepted.connect(lambda: self._run(options.keep()))
        options.rejected.connect(self._forget_options)
        options.finished.connect(options.deleteLater)
        self.options = options
        options.open()

    def _forget_options(self) -> None:
        self.options = None

    def _run(self, keep: Keep) -> None:
        """Generate with ``keep``, the choice just made in the options dialog."""
        self.options = None
        db, week_start, site_id = self.where()
        if db is None or self.draft.week is None or self.busy:
            return
        self.cancel = threading.Event()
        dialog = QProgressDialog(
            self.tr("Generating the week…"), self.tr("Cancel"), 0, 100, self.parent_widget
        )
        dialog.setObjectName("generateProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel.set)
        dialog.show()
        self.dialog = dialog
        self._started = time.monotonic()
        self._timer.start()
        self.workers.run(
            generate_op(db, week_start, site_id, self.cancel, keep),
            on_success=self._generated,
            on_failure=self._failed,
        )

    def _tick(self) -> None:
        if self.dialog is not None:
            used = (time.monotonic() - self._started) / TIME_LIMIT
            self.dialog.setValue(min(99, int(used * 100)))

    def _finish(self) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog, self.cancel = None, None

    def _generated(self, generated: GeneratedDraft) -> None:
        self._finish()
        if self.draft.week is not None and self.draft.week.week_start == generated.draft.week_start:
            self.draft.edit(self.tr("Generate week"), (generated.draft, ()))
        self.done.emit(summary_text(generated))
        if self.summary is not None:
            self.summary.close()
        self.summary = GenerateSummaryDialog(generated.summary, self.parent_widget)
        self.summary.show()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.done.emit(self.tr("Generate failed: {why}").format(why=exc))
