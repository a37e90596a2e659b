"""What is planned and approved, read for adherence: published shifts and approvals.

The live board, an agent's day and the adherence KPI all compare states with
the published schedule as back-to-back segments (activities and the productive
time between them), and honour a supervisor's approvals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import BindParameter, ColumnElement

from supervisor_app.domain.adherence import ScheduledSpan
from supervisor_app.domain.enums import ActivityKind, ShiftStatus
from supervisor_app.store.models import AdherenceApproval, Shift, ShiftActivity

# No shift lasts longer: a lower bound on ``starts_at`` lets the index find
# the shifts in progress without reading the whole planned history.
MAX_SHIFT = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Approval:
    start: datetime
    end: datetime
    approved_by: str
    reason: str

    def covers(self, start: datetime, end: datetime) -> bool:
        return self.start <= start and end <= self.end


def approvals_between(
    session: Session, start: datetime, end: datetime, *, agent_id: int | None = None
) -> dict[int, list[Approval]]:
    """Approvals overlapping [start, end], per agent."""
    query = select(
        AdherenceApproval.agent_id,
        AdherenceApproval.starts_at,
        AdherenceApproval.ends_at,
        AdherenceApproval.approved_by,
        AdherenceApproval.reason,
    ).where(AdherenceApproval.starts_at <= end, AdherenceApproval.ends_at >= start)
    if agent_id is not None:
        query = query.where(AdherenceApproval.agent_id == agent_id)
    out: dict[int, list[Approval]] = {}
    for agent, *fields in session.execute(query.order_by(AdherenceApproval.starts_at)):
        out.setdefault(agent, []).append(Approval(*fields))
    return out


def flatten(
    start: datetime, end: datetime, activities: list[tuple[ActivityKind, datetime, datetime]]
) -> list[ScheduledSpan]:
    """A shift as back-to-back segments: its activities, and productive time between them."""
    out: list[ScheduledSpan] = []
    t = start
    for kind, a, b in sorted(activities, key=lambda x: x[1]):
        a, b = max(a, t), min(b, end)
        if b <= a:
            continue  # outside the shift, or inside one already laid out
        if a > t:
            out.append(ScheduledSpan(t, a, None))
        out.append(ScheduledSpan(a, b, kind))
        t = b
    if t < end:
        out.append(ScheduledSpan(t, end, None))
    return out


def shifts_in_progress(
    start: datetime | BindParameter[datetime],
    end: datetime | BindParameter[datetime],
    earliest: datetime | BindParameter[datetime] | None = None,
) -> list[ColumnElement[bool]]:
    """Conditions for published shifts overlapping [start, end), the ``starts_at`` index usable
    (no shift starts before ``earliest``: ``start - MAX_SHIFT``, a parameter of its own
    where ``start`` is one, as in a statement built once)."""
    if earliest is None:
        if not isinstance(start, datetime):
            raise TypeError("shifts_in_progress: a parameter start needs its earliest beside it")
        earliest = start - MAX_SHIFT
    return [
        Shift.status == ShiftStatus.PUBLISHED,
        Shift.starts_at < end,
        Shift.starts_at > earliest,
        Shift.ends_at > start,
    ]


def published_schedules(
    session: Session, start: datetime, end: datetime, *, agent_id: int | None = None
) -> dict[int, list[ScheduledSpan]]:
    """Published shifts overlapping [start, end), flattened, per agent."""
    where = shifts_in_progress(start, end)
    if agent_id is not None:
        where.append(Shift.agent_id == agent_id)
    activities: dict[int, list[tuple[ActivityKind, datetime, datetime]]] = {}
    for shift_id, kind, a, b in session.execute(
        select(
            ShiftActivity.shift_id,
            ShiftActivity.kind,
            ShiftActivity.starts_at,
            ShiftActivity.ends_at,
        )
        .join(Shift, Shift.id == ShiftActivity.shift_id)
        .where(*where)
    ):
        activities.setdefault(shift_id, []).append((kind, a, b))
    out: dict[int, list[ScheduledSpan]] = {}
    for shift_id, agent, a, b in session.execute(
        select(Shift.id, Shift.agent_id, Shift.starts_at, Shift.ends_at)
        .where(*where)
        .order_by(Shift.starts_at)
    ):
        out.setdefault(agent, []).extend(flatten(a, b, activities.get(shift_id, [])))
    return out
