"""A week of schedules as plain values: what the editor draws, the rules check and a save writes.

The grid, the labour rules and the schedule service all speak these types, so
the rules can be tested without a database and the grid without either.
Times are UTC-aware; the grid converts to the site's local time to draw.
``id``/``version`` are ``None`` for something not saved yet; a saved row
carries the version it was loaded at, which is what optimistic locking compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from supervisor_app.domain.enums import ActivityKind, ShiftStatus, TimeOffStatus


@dataclass(frozen=True)
class PlannedActivity:
    kind: ActivityKind
    starts_at: datetime
    ends_at: datetime
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class PlannedShift:
    agent_id: int
    starts_at: datetime
    ends_at: datetime
    activities: tuple[PlannedActivity, ...] = ()
    status: ShiftStatus = ShiftStatus.DRAFT
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class TimeOffBand:
    agent_id: int
    starts_at: datetime
    ends_at: datetime
    status: TimeOffStatus = TimeOffStatus.REQUESTED
    reason: str | None = None
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class RosterAgent:
    agent_id: int
    name: str
    team: str | None
    skills: tuple[str, ...]  # queue names
    contracted_weekly_hours: float
    hourly_cost: float


@dataclass(frozen=True)
class ScheduleWeek:
    """One local week (Monday ``week_start`` to the next Monday) of one site."""

    week_start: date
    timezone: str
    interval_minutes: int
    agents: tuple[RosterAgent, ...]
    shifts: tuple[PlannedShift, ...]
    time_off: tuple[TimeOffBand, ...]
