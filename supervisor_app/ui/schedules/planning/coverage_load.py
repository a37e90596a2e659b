"""What the coverage panel loads on a worker: the week's forecast, its saved schedule, and the
calculator that later recomputes drafts of it (primed with the saved week)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from supervisor_app.domain.coverage import CoverageCalculator, CoverageWeek
from supervisor_app.domain.schedule_types import ScheduleWeek
from supervisor_app.ui.common.workers import Op, Report

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.planning import CoverageInputs


@dataclass(frozen=True, slots=True)
class Loaded:
    inputs: CoverageInputs
    week: ScheduleWeek
    coverage: CoverageWeek
    calculator: CoverageCalculator | None = None  # primed with ``week`` on the worker


def load_op(db: Database, week_start: date, site_id: int | None = None) -> Op[Loaded]:
    """The worker's op; services imported inside, so SQLAlchemy loads off the GUI thread."""

    def op(_report: Report) -> Loaded:
        from supervisor_app.services.planning import coverage_inputs
        from supervisor_app.services.schedules import load_week

        inputs = coverage_inputs(db, week_start, site_id=site_id)
        week = load_week(db, week_start, site_id=site_id)
        calculator = CoverageCalculator(inputs.demands, inputs.holidays)
        return Loaded(inputs, week, calculator(week), calculator)

    return op
