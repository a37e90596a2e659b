"""Time-off requests: entered, approved or refused, each audited.

An approved request blocks shifts: saving a shift into it is refused
(``schedule_conflicts.rule_conflicts``), and approving one over an existing
shift is refused too, naming the shift, so the two can never coexist. Approval
takes the agent's lock (``schedule_lock``) for the same reason a save does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from supervisor_app.domain.enums import TimeOffStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_types import TimeOffBand
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.schedules.lock import lock_agents
from supervisor_app.services.schedules.week import time_off_value
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Agent, Shift, TimeOff

ENTITY = "time_off"
_TABLES = ("time_off", "audit_log")


class TimeOffConflict(UserError):
    """The request changed since it was loaded (someone approved or refused it first)."""


def _dump(row: TimeOff) -> dict[str, Any]:
    return {
        "agent_id": row.agent_id,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "status": row.status,
        "reason": row.reason,
    }


def request_time_off(
    db: Database,
    agent_id: int,
    starts_at: datetime,
    ends_at: datetime,
    user: str,
    reason: str | None = None,
) -> TimeOffBand:
    """Enter a request (status ``requested``)."""
    if ends_at <= starts_at:
        raise UserError("time off must end after it starts")
    with db.sessions() as session:
        if session.get(Agent, agent_id) is None:
            raise UserError(f"no agent with id {agent_id}")
        row = TimeOff(
            agent_id=agent_id,
            starts_at=starts_at,
            ends_at=ends_at,
            status=TimeOffStatus.REQUESTED,
            reason=(reason or "").strip()[:200] or None,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor=user,
            action="time_off.request",
            entity=ENTITY,
            entity_id=row.id,
            after=_dump(row),
        )
        announce(session.connection(), _TABLES)
        session.commit()
        return time_off_value(row)


def _decide(
    db: Database,
    time_off_id: int,
    expected_version: int,
    user: str,
    status: TimeOffStatus,
    note: str | None,
    check: Callable[[Session, TimeOff], None],
) -> TimeOffBand:
    with db.sessions() as session:
        agent_id = session.scalar(select(TimeOff.agent_id).where(TimeOff.id == time_off_id))
        if agent_id is None:
            raise UserError(f"no time-off request with id {time_off_id}")
        lock_agents(session, [agent_id])
        row = session.get(TimeOff, time_off_id, populate_existing=True)
        if row is None or row.version != expected_version:
            raise TimeOffConflict(
                f"time-off request {time_off_id} was changed or removed by someone else; reload it"
            )
        check(session, row)
        before = _dump(row)
        row.status = status
        try:
            session.flush()
        except StaleDataError as exc:
            raise TimeOffConflict(f"time-off request {time_off_id} changed meanwhile") from exc
        audit.record(
            session,
            actor=user,
            action=f"time_off.{status.value}",
            entity=ENTITY,
            entity_id=row.id,
            before=before,
            after=_dump(row),
            reason=note,
        )
        announce(session.connection(), _TABLES)
        session.commit()
        return time_off_value(row)


def _no_shifts_inside(session: Session, row: TimeOff) -> None:
    clash = session.scalars(
        select(Shift)
        .where(
            Shift.agent_id == row.agent_id,
            Shift.starts_at < row.ends_at,
            Shift.ends_at > row.starts_at,
        )
        .order_by(Shift.starts_at)
    ).all()
    if clash:
        spans = ", ".join(f"{s.starts_at:%Y-%m-%d %H:%M}–{s.ends_at:%H:%M} UTC" for s in clash)
        raise UserError(
            f"can't approve time off {row.id}: the agent has shift(s) in it ({spans}); "
            "move or delete them first"
        )


def approve_time_off(
    db: Database, time_off_id: int, expected_version: int, user: str, note: str | None = None
) -> TimeOffBand:
    """Approve a request; refused while a shift of the agent lies in it."""
    return _decide(
        db, time_off_id, expected_version, user, TimeOffStatus.APPROVED, note, _no_shifts_inside
    )


def refuse_time_off(
    db: Database, time_off_id: int, expected_version: int, user: str, note: str | None = None
) -> TimeOffBand:
    """Refuse a request (an approved one can be refused later, freeing the time)."""
    return _decide(
        db, time_off_id, expected_version, user, TimeOffStatus.REFUSED, note, lambda s, r: None
    )
