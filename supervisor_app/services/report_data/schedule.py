"""The published weeks of a range and their budgets, for the Schedule report.

Shifts and roster come from ``schedule_week.load_week`` (what the editor
loads), keeping published shifts only; budgets from ``capacity.week_labour_cost``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, timedelta

from supervisor_app.domain.enums import ShiftStatus
from supervisor_app.domain.schedule_types import ScheduleWeek
from supervisor_app.services.database import Database
from supervisor_app.services.planning import week_labour_cost
from supervisor_app.services.schedules import load_week


@dataclass(frozen=True, slots=True)
class PublishedWeek:
    week: ScheduleWeek  # published shifts only
    budget: float | None  # the planner's labour budget for the week; None: none set


def week_starts(first: date, last: date) -> list[date]:
    """Mondays of the weeks that touch ``first``..``last``."""
    monday = first - timedelta(days=first.weekday())
    out = []
    while monday <= last:
        out.append(monday)
        monday += timedelta(days=7)
    return out


def published_weeks(
    db: Database,
    first: date,
    last: date,
    team_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
) -> list[PublishedWeek]:
    """The published shifts of ``site_id`` (None: the only site) week by week."""
    out = []
    for monday in week_starts(first, last):
        week = load_week(db, monday, team_ids, site_id=site_id)
        shifts = tuple(s for s in week.shifts if s.status is ShiftStatus.PUBLISHED)
        budget = week_labour_cost(db, monday, site_id=site_id).budget
        out.append(PublishedWeek(replace(week, shifts=shifts), budget))
    return out
