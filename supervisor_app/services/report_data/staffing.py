"""Coverage of the weeks that hold a range and the range's capacity plan, for the Staffing
report: ``coverage.coverage_week`` and ``capacity.capacity_plan``, what the planner sees."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from supervisor_app.domain.coverage import CoverageWeek
from supervisor_app.services.database import Database
from supervisor_app.services.planning import CapacityPlan, capacity_plan, coverage_week
from supervisor_app.services.report_data.schedule import week_starts


@dataclass(frozen=True, slots=True)
class StaffingData:
    weeks: tuple[CoverageWeek, ...]
    capacity: CapacityPlan


def staffing_data(
    db: Database,
    first: date,
    last: date,
    queue_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
) -> StaffingData:
    """Coverage and capacity of ``site_id`` (None: the only site): planning is per site."""
    chosen = None if queue_ids is None else sorted(queue_ids)
    weeks = tuple(
        coverage_week(db, monday, chosen, site_id=site_id) for monday in week_starts(first, last)
    )
    return StaffingData(weeks, capacity_plan(db, first, last, site_id=site_id))
