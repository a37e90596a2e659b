"""Coverage of a planning week: a chart of one day and a table of every interval and queue.

The schedule editor embeds this panel: ``set_database(db)`` then ``refresh()``
load the saved week on a worker (``Workers`` through a ``Refresher``);
``show_draft(week)`` recomputes from an unsaved draft on the GUI thread with the
forecast already loaded (``domain.coverage.CoverageCalculator``, no database): the
required agents are kept per loaded forecast and only the agents an edit touched
are recounted (~5 ms for 500 agents), and the table changes only the rows whose
figures moved (``coverage_patch``) rather than being rebuilt. Planners edit forecast
and AHT cells in place, scale a day or generate the week's forecast; those run on
workers, then reload.
pyqtgraph is imported in ``__init__``, not when this module is imported.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np
from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.coverage import (
    CoverageCalculator,
    CoverageWeek,
    QueueCoverage,
)
from supervisor_app.domain.schedule_types import ScheduleWeek
from supervisor_app.ui.common.copy_table import CopyableTableView
from supervisor_app.ui.common.error_display import CrashDialog, is_user_error
from supervisor_app.ui.common.refresh_status import RefreshStatus
from supervisor_app.ui.common.refresher import Refresher
from supervisor_app.ui.common.site_refreshed import SiteRefreshed
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Op, Workers
from supervisor_app.ui.schedules.planning.coverage_controls import CoverageControls
from supervisor_app.ui.schedules.planning.coverage_load import Loaded, load_op
from supervisor_app.ui.schedules.planning.coverage_model import SORT_ROLE, CoverageModel, RowMaker
from supervisor_app.ui.schedules.planning.coverage_patch import changed_cells, summary_of
from supervisor_app.ui.schedules.planning.forecast_actions import ForecastActions

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.ui.common.header_state import ViewStateStore


class CoveragePanel(SiteRefreshed, QWidget):
    """Week and queue pickers, a day chart of required against scheduled, and the table."""

    shown = Signal()  # new figures are on screen (loaded or recomputed from a draft)

    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from supervisor_app.ui.schedules.planning.coverage_chart import CoverageChart

        self.setObjectName("coveragePanel")
        self.loaded: Loaded | None = None
        self.current: CoverageWeek | None = None
        self.draft_shown = False
        self._draft: ScheduleWeek | None = None
        self._made: tuple[Loaded, CoverageCalculator] | None = None
        self._rows: tuple[RowMaker, int | None, bool] | None = None  # what the table shows
        self._fit_columns = True
        self.site_id: int | None = None  # the window's site
        self.refresher = Refresher(workers, self._make_op, self._on_data, self._on_error, self)
        self.actions = ForecastActions(
            workers, lambda: self.refresher.db, self, site=lambda: self.site_id
        )
        self.actions.done.connect(self._action_done)
        self.actions.failed.connect(self._action_failed)
        self.status = RefreshStatus("Coverage", self)
        self.controls = CoverageControls()
        self.controls.week_changed.connect(self._week_changed)
        self.controls.view_changed.connect(self._redraw)
        self.controls.day_changed.connect(self._redraw_chart)
        self.controls.generate.clicked.connect(lambda: self.actions.ask_generate(self.week_start()))
        self.controls.scale.clicked.connect(self._ask_scale)
        self.controls.simulate.clicked.connect(self.simulate)
        self._workers = workers
        self.summary = QLabel(self.tr("Loading…"))
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.chart = CoverageChart()
        self.model = CoverageModel()
        self.model.edited.connect(self.actions.set_interval)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = CopyableTableView()
        self.table.setObjectName("coverageTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setToolTip(self.tr("Double-click a forecast or AHT cell to change it"))

        bar = QHBoxLayout()
        bar.addWidget(self.status.title)
        bar.addWidget(self.controls, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        # The chart first: the table below it repeats the chart's figures, row by row.
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([300, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.status.note)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

    # -- API the Schedules tab calls ----------------------------------------------------
    def week_start(self) -> date:
        return self.controls.week_start()

    def set_week(self, week_start: date) -> None:
        self.controls.set_week(week_start)

    def step_week(self, weeks: int) -> None:
        self.controls.step_week(weeks)

    @property
    def day_combo(self) -> QComboBox:
        """The chart's day: the Schedules tab sets it when the grid shows one day."""
        return self.controls.day_combo

    def show_draft(self, week: ScheduleWeek | None) -> None:
        """Coverage of an unsaved draft (None: back to the saved schedule); no database call
        when the draft's week is the one loaded."""
        self._draft = week
        if week is None:
            if self.loaded is not None:
                self._show(self.loaded.coverage, False)
            return
        if self.loaded is None or self.loaded.week.week_start != week.week_start:
            if self.week_start() != week.week_start:
                self.set_week(week.week_start)
            else:
                self.refresher.invalidate()
            return
        self._show(self._calculator(self.loaded)(week), True)

    def save_state(self, store: ViewStateStore) -> None:
        """Remember column order, widths and sort, and the chart/table split."""
        store.save_header("coverage/table", self.table.horizontalHeader())
        store.save_splitter("coverage/splitter", self.splitter)

    def restore_state(self, store: ViewStateStore) -> None:
        """Apply what ``save_state`` kept; restored widths are then left as the user set them."""
        if store.restore_header("coverage/table", self.table.horizontalHeader()):
            self._fit_columns = False
        store.restore_splitter("coverage/splitter", self.splitter)

    # -- loading -------------------------------------------------------------------------
    def _week_changed(self) -> None:
        self.summary.setText(self.tr("Loading…"))
        self.refresher.invalidate()

    def _make_op(self, db: Database) -> Op[Loaded]:
        return load_op(db, self.week_start(), self.site_id)

    def _on_data(self, loaded: Loaded) -> None:
        self.loaded = loaded
        draft = self._draft
        if draft is not None and draft.week_start == loaded.week.week_start:
            self._show(self._calculator(loaded)(draft), True)
        else:
            self._show(loaded.coverage, False)
        self.status.succeeded()

    def _calculator(self, loaded: Loaded) -> CoverageCalculator:
        """The loaded forecast's calculator: drafts after the first recompute what edits touched."""
        if loaded.calculator is not None:
            return loaded.calculator
        if self._made is None or self._made[0] is not loaded:
            self._made = (loaded, CoverageCalculator(loaded.inputs.demands, loaded.inputs.holidays))
        return self._made[1]

    def _on_error(self, exc: BaseException) -> None:
        text = self.status.failed(exc)
        if self.current is None:
            self.summary.setText(text)

    # -- forecast commands ---------------------------------------------------------------
    def simulate(self) -> QDialog | None:
        """Open the simulation of the week on screen (the unsaved draft if there is one)."""
        from supervisor_app.ui.schedules.planning.simulation_dialog import SimulationDialog

        db = self.refresher.db
        if db is None:
            return None
        draft = self._draft if self.draft_shown else None
        dialog = SimulationDialog(
            self._workers, db, self.week_start(), site_id=self.site_id, draft=draft, parent=self
        )
        dialog.open()
        return dialog

    def _ask_scale(self) -> None:
        queue_id = self.controls.queue_id()
        name = "all queues" if queue_id is None else self.controls.queue_combo.currentText()
        self.actions.ask_scale(self.controls.chart_day(self.week_start()), queue_id, name)

    def _action_done(self, text: str) -> None:
        self._say(text, error=False)
        self.refresher.invalidate()

    def _action_failed(self, exc: BaseException) -> None:
        self._say(str(exc), error=True)
        if not is_user_error(exc):
            CrashDialog.report(exc, self)
        self.refresher.invalidate()  # the table shows what the database holds again

    def _say(self, text: str, error: bool) -> None:
        set_tone(self.message, "error" if error else "ok")
        self.message.setText(text)
        self.message.show()

    # -- drawing -------------------------------------------------------------------------
    def _show(self, week: CoverageWeek, draft: bool) -> None:
        previous = self.current
        new_week = previous is None or previous.week_start != week.week_start
        self.current, self.draft_shown = week, draft
        if new_week or [q.queue_id for q in week.queues] != [q.queue_id for q in previous.queues]:
            self.controls.fill(week, new_week)
        if not self._patch_table(week):
            self._fill_table(week)
        self._redraw_chart()
        self._summarise(week)
        if new_week and self._fit_columns:
            self.table.resizeColumnsToContents()
        self.shown.emit()

    def _picked(self, week: CoverageWeek) -> list[QueueCoverage]:
        queue_id = self.controls.queue_id()
        return [q for q in week.queues if queue_id is None or q.queue_id == queue_id]

    def _redraw(self) -> None:
        week = self.current
        if week is None:
            return
        self._fill_table(week)
        self._redraw_chart()
        self._summarise(week)

    def _fill_table(self, week: CoverageWeek) -> None:
        queue_id, hide_empty = self.controls.queue_id(), self.controls.hide_empty.isChecked()
        maker = RowMaker(week)
        keys = maker.keys(queue_id, hide_empty)
        self.model.set_rows([maker.row(q, i) for i, q in keys], keys)
        self._rows = (maker, queue_id, hide_empty)

    def _patch_table(self, week: CoverageWeek) -> bool:
        """Only the rows a draft edit changed, in place (a rebuild costs ~50 ms at 4,000 rows)."""
        if self._rows is None:
            return False
        maker, queue_id, hide_empty = self._rows
        view = (self.controls.queue_id(), self.controls.hide_empty.isChecked())
        cells = changed_cells(maker.week, week) if view == (queue_id, hide_empty) else None
        if cells is None:
            return False
        picked = {q for q, c in enumerate(week.queues) if queue_id in (None, c.queue_id)}
        maker = maker.of(week)
        if not self.model.patch(maker, [c for c in cells if c[1] in picked], hide_empty):
            return False
        self._rows = (maker, queue_id, hide_empty)
        return True

    def _summarise(self, week: CoverageWeek) -> None:
        text, forecast = summary_of(week, self._picked(week), self.draft_shown)
        self.summary.setText(text)
        self.controls.scale.setEnabled(forecast)

    def _redraw_chart(self) -> None:
        week = self.current
        if week is None:
            return
        day = self.controls.chart_day(week.week_start)
        zone = ZoneInfo(week.timezone)
        idx = [i for i, s in enumerate(week.starts) if s.astimezone(zone).date() == day]
        picked = self._picked(week)
        required = np.array([sum(q.required[i] for q in picked) for i in idx], dtype=float)
        scheduled = np.array([sum(q.scheduled[i] for q in picked) for i in idx], dtype=float)
        starts = np.array([week.starts[i].timestamp() for i in idx])
        self.chart.show_day(
            starts, week.interval_minutes * 60.0, required, scheduled, week.timezone
        )
