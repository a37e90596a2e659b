"""A week of schedules as plain values: what the editor draws, the rules check and a save writes.

The grid, the labour rules and the schedule service all speak these types, so
the rules can be tested without a database and the grid without either.
Times are UTC-aware; the grid converts to the site's local time to draw.
``id``/``version`` are ``None`` for something not saved yet; a saved row
carries the version it was loaded at, which is what optimistic locking compares.
``key`` names a shift or an activity inside the editor whether saved or not
(``shift-<id>`` / ``activity-<id>`` once loaded, ``new-…`` before its first save),
so edits, undo commands and violations can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING
from uuid import uuid4

from supervisor_app.domain.enums import ActivityKind, ShiftStatus, TimeOffStatus

if TYPE_CHECKING:
    from supervisor_app.domain.training import TrainingHold


def new_key() -> str:
    """A key for a shift or activity that has no database id yet."""
    return f"new-{uuid4().hex[:12]}"


def shift_key_for(shift_id: int) -> str:
    return f"shift-{shift_id}"


def activity_key_for(activity_id: int) -> str:
    return f"activity-{activity_id}"


@dataclass(frozen=True)
class PlannedActivity:
    kind: ActivityKind
    starts_at: datetime
    ends_at: datetime
    id: int | None = None
    version: int | None = None
    key: str = field(default_factory=new_key)


@dataclass(frozen=True)
class PlannedShift:
    agent_id: int
    starts_at: datetime
    ends_at: datetime
    activities: tuple[PlannedActivity, ...] = ()
    status: ShiftStatus = ShiftStatus.DRAFT
    id: int | None = None
    version: int | None = None
    key: str = field(default_factory=new_key)


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
    """One local week (Monday ``week_start`` to the next Monday) of one site.

    ``context_shifts`` are the same agents' shifts of the days just before and
    after the week, read-only: the rules need them (rest after Sunday's late
    shift, an overlap across the week's edge); edits and saves ignore them.
    """

    week_start: date
    timezone: str
    interval_minutes: int
    agents: tuple[RosterAgent, ...]
    shifts: tuple[PlannedShift, ...]
    time_off: tuple[TimeOffBand, ...]
    context_shifts: tuple[PlannedShift, ...] = ()
    site_id: int | None = None  # the site the week was read from (saves go back to it)
    # Training the agents' queues require, and when each agent holds it (domain.training).
    training: tuple[TrainingHold, ...] = ()


@dataclass(frozen=True)
class TemplateActivity:
    """An activity of a shift template, placed relative to the shift's start."""

    kind: ActivityKind
    offset_minutes: int
    duration_minutes: int


@dataclass(frozen=True)
class ShiftTemplate:
    """A saved shift pattern: a local start time, a length and its activities."""

    name: str
    start_minute: int  # minutes after local midnight
    duration_minutes: int
    activities: tuple[TemplateActivity, ...] = ()
    id: int | None = None
    version: int | None = None
