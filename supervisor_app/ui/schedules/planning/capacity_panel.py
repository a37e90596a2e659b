"""Capacity and budget: FTE required for a month or quarter against the roster, and a
scheduled week's labour cost against the budget the planner sets here.

Loads through ``Workers`` (``services.planning``); saving a budget is a command
on a worker too, followed by a reload. The table is sortable and copies with Ctrl+C.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.ui.common.refresh_status import RefreshStatus
from supervisor_app.ui.common.refresher import Refresher
from supervisor_app.ui.common.site_refreshed import SiteRefreshed
from supervisor_app.ui.common.workers import Op, Report, Workers
from supervisor_app.ui.schedules.planning.coverage_controls import monday_of, pydate
from supervisor_app.ui.schedules.planning.sorted_table import cell, sorted_table

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.planning import CapacityPlan, LabourCost


@dataclass(frozen=True, slots=True)
class CapacityData:
    plan: CapacityPlan
    cost: LabourCost


class CapacityPanel(SiteRefreshed, QWidget):
    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capacityPanel")
        self._workers = workers
        self.data: CapacityData | None = None
        self.site_id: int | None = None  # the window's site
        self.notice = ""  # why the last budget save was refused, shown with the next figures
        self.refresher = Refresher(workers, self._make_op, self._on_data, self._on_error, self)
        self.status = RefreshStatus("Capacity and budget", self)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Month"), "month")
        self.kind.addItem(self.tr("Quarter"), "quarter")
        self.anchor = QDateEdit(QDate.currentDate())
        self.anchor.setCalendarPopup(True)
        self.anchor.setDisplayFormat("MMMM yyyy")
        self.week = QDateEdit(QDate.currentDate())
        self.week.setCalendarPopup(True)
        self.week.setDisplayFormat("'Week of' ddd d MMM yyyy")
        for w in (self.anchor, self.week):
            w.dateChanged.connect(self.refresher.invalidate)
        self.kind.currentIndexChanged.connect(self.refresher.invalidate)
        self.fte = QLabel(self.tr("Loading…"))
        self.fte.setWordWrap(True)
        self.table, self.model = sorted_table(
            (self.tr("Queue"), self.tr("Required hours"), self.tr("Required FTE")), self
        )
        self.cost = QLabel()
        self.cost.setWordWrap(True)
        self.budget = QDoubleSpinBox()
        self.budget.setRange(0, 1e9)
        self.budget.setDecimals(2)
        self.budget.setGroupSeparatorShown(True)
        self.budget.setToolTip(
            self.tr("The week's labour budget, in the same currency as hourly costs")
        )
        self.save = QPushButton(self.tr("Save budget"))
        self.save.clicked.connect(self.save_budget)

        top = QHBoxLayout()
        top.addWidget(self.status.title)
        top.addWidget(self.kind)
        top.addWidget(self.anchor)
        top.addStretch(1)
        top.addWidget(self.status.note)
        cost_box = QGroupBox(self.tr("Labour cost of a scheduled week"))
        grid = QGridLayout(cost_box)
        grid.addWidget(self.week, 0, 0)
        grid.addWidget(QLabel(self.tr("Budget")), 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.budget, 0, 2)
        grid.addWidget(self.save, 0, 3)
        grid.addWidget(self.cost, 1, 0, 1, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.fte)
        layout.addWidget(self.table, 1)
        layout.addWidget(cost_box)

    def period(self) -> tuple[date, date]:
        from supervisor_app.domain.periods import period_of

        return period_of(self.kind.currentData(), pydate(self.anchor.date()))

    def week_start(self) -> date:
        return monday_of(pydate(self.week.date()))

    def set_dates(self, anchor: date, week: date) -> None:
        self.anchor.setDate(QDate(anchor.year, anchor.month, anchor.day))
        self.week.setDate(QDate(week.year, week.month, week.day))

    def save_budget(self) -> None:
        db = self.refresher.db
        if db is None:
            return
        week, amount, site_id = self.week_start(), self.budget.value(), self.site_id
        if self.data is None or self.data.cost.week_start != week:
            self.cost.setText(self.tr("The week's figures are still loading; save once they show."))
            return
        seen = self.data.cost.budget_version  # the budget this save replaces (None: none)
        self.save.setEnabled(False)
        self.cost.setText(self.tr("Saving the budget…"))

        def op(_report: Report) -> None:
            from supervisor_app.services.planning import set_weekly_budget

            set_weekly_budget(db, week, amount, expected_version=seen, site_id=site_id)

        def done(_: None) -> None:
            self.save.setEnabled(True)
            self.refresher.invalidate()

        def failed(exc: BaseException) -> None:
            self.save.setEnabled(True)
            self.cost.setText(self.status.failed(exc))
            from supervisor_app.services.planning import BudgetConflict

            if isinstance(exc, BudgetConflict):  # show the budget that is there now
                self.notice = f"{exc} (you entered {amount:,.2f})"
                self.refresher.invalidate()

        self._workers.run(op, on_success=done, on_failure=failed)

    def _make_op(self, db: Database) -> Op[CapacityData]:
        (first, last), week, site = self.period(), self.week_start(), self.site_id

        def op(_report: Report) -> CapacityData:
            from supervisor_app.services.planning import capacity_plan, week_labour_cost

            return CapacityData(
                capacity_plan(db, first, last, site_id=site),
                week_labour_cost(db, week, site_id=site),
            )

        return op

    def _on_data(self, data: CapacityData) -> None:
        self.data = data
        self.status.succeeded()
        p, c = data.plan, data.cost
        gap = (
            f"hiring need <b>{p.hiring_fte:.1f} FTE</b>"
            if p.hiring_fte > 0
            else f"<b>{p.roster_fte - p.required_fte:.1f} FTE</b> to spare"
        )
        cover = (
            ""
            if p.days_with_forecast == p.days
            else f"<br><span style='color:#8b1d13'>Forecast covers {p.days_with_forecast} of "
            f"{p.days} days: the days without one count as needing nobody.</span>"
        )
        self.fte.setText(
            self.tr(
                "{first:%d %b} – {last:%d %b %Y}: required <b>{required_fte:.1f} FTE</b> "
                "({required_hours:,.0f} h at {fte_weekly_hours:g} h a week) · on the "
                "roster <b>{roster_fte:.1f} FTE</b> ({roster_agents} agents) · {gap}{cover}"
            ).format(
                first=p.first,
                last=p.last,
                required_fte=p.required_fte,
                required_hours=p.required_hours,
                fte_weekly_hours=p.fte_weekly_hours,
                roster_fte=p.roster_fte,
                roster_agents=p.roster_agents,
                gap=gap,
                cover=cover,
            )
        )
        self.model.setRowCount(0)
        for q in p.queues:
            self.model.appendRow(
                [cell(q.queue, q.queue), cell(f"{q.required_hours:,.1f}", q.required_hours),
                 cell(f"{q.required_fte:.2f}", q.required_fte)]
            )  # fmt: skip
        self.table.resizeColumnsToContents()
        if c.budget is not None:
            self.budget.setValue(c.budget)
        budget = "no budget set" if c.budget is None else f"budget {c.budget:,.2f}"
        if c.over_budget is not None:
            verdict = "over" if c.over_budget > 0 else "under"
            budget += f" · <b>{abs(c.over_budget):,.2f} {verdict} budget</b>"
        notice, self.notice = self.notice, ""
        if notice:  # a refused save: say so above the figures it was refused for
            budget += f"<br><span style='color:#8b1d13'>{html.escape(notice)}</span>"
        self.cost.setText(
            self.tr(
                "{paid_hours:,.1f} paid hours ({agents} agents) cost <b>{cost:,.2f}</b> · {budget}"
            ).format(paid_hours=c.paid_hours, agents=c.agents, cost=c.cost, budget=budget)
        )

    def _on_error(self, exc: BaseException) -> None:
        text = self.status.failed(exc)
        if self.data is None:
            self.fte.setText(text)
