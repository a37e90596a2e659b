"""Writing one planned shift change through the ORM, with its audit row.

Edits go through the unit of work, never bulk ``update()``, so the
``version_id_col`` of shifts and activities moves with every change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from supervisor_app.domain.schedule_diff import ShiftChange
from supervisor_app.domain.schedule_types import PlannedShift
from supervisor_app.services import audit
from supervisor_app.store.models import Shift, ShiftActivity

ENTITY = "shift"


def shift_dump(shift: PlannedShift | None, shift_id: int | None = None) -> dict[str, Any] | None:
    """A shift as the audit trail keeps it (plain JSON)."""
    if shift is None:
        return None
    return {
        "id": shift.id if shift_id is None else shift_id,
        "agent_id": shift.agent_id,
        "starts_at": shift.starts_at,
        "ends_at": shift.ends_at,
        "status": shift.status,
        "activities": [
            {"kind": a.kind, "starts_at": a.starts_at, "ends_at": a.ends_at}
            for a in sorted(shift.activities, key=lambda a: (a.starts_at, a.ends_at))
        ],
    }


def _write_activities(row: Shift, wanted: PlannedShift) -> None:
    by_id = {a.id: a for a in row.activities}
    keep: list[ShiftActivity] = []
    for act in wanted.activities:
        existing = by_id.get(act.id) if act.id is not None else None
        if existing is None:
            keep.append(ShiftActivity(kind=act.kind, starts_at=act.starts_at, ends_at=act.ends_at))
            continue
        if (existing.kind, existing.starts_at, existing.ends_at) != (
            act.kind,
            act.starts_at,
            act.ends_at,
        ):
            existing.kind, existing.starts_at, existing.ends_at = (
                act.kind,
                act.starts_at,
                act.ends_at,
            )
        keep.append(existing)
    if [id(a) for a in keep] != [id(a) for a in row.activities]:
        row.activities = keep


def _new_row(shift: PlannedShift) -> Shift:
    return Shift(
        agent_id=shift.agent_id,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        status=shift.status,
        activities=[
            ShiftActivity(kind=a.kind, starts_at=a.starts_at, ends_at=a.ends_at)
            for a in shift.activities
        ],
    )


def write_change(session: Session, change: ShiftChange) -> Shift | None:
    """Put ``change`` into the session as the database stands now (versions were checked
    by the caller, under the agents' lock). Returns the row written, None for a delete;
    nothing is flushed, so a whole save goes to the database in one flush."""
    before, after = change.before, change.after
    row = session.get(Shift, before.id) if before is not None and before.id is not None else None
    if after is None:
        if row is not None:
            session.delete(row)
        return None
    if row is None:
        row = _new_row(after)
        session.add(row)
        return row
    if (row.agent_id, row.starts_at, row.ends_at) != (
        after.agent_id,
        after.starts_at,
        after.ends_at,
    ):
        row.agent_id, row.starts_at, row.ends_at = after.agent_id, after.starts_at, after.ends_at
    row.status = after.status
    _write_activities(row, after)
    return row


def audit_change(
    session: Session,
    change: ShiftChange,
    row: Shift | None,
    actor: str,
    *,
    overwrite_reason: str | None = None,
) -> None:
    """The audit row of a written (and flushed) change. ``overwrite_reason`` marks a change
    the planner chose to force over a colleague's: its action is ``shift.overwrite``."""
    before, after = change.before, change.after
    action = f"{ENTITY}.{'overwrite' if overwrite_reason is not None else change.action}"
    shift_id = row.id if row is not None else (before.id if before else None)
    audit.record(
        session,
        actor=actor,
        action=action,
        entity=ENTITY,
        entity_id=shift_id,
        before=shift_dump(before),
        after=shift_dump(after, shift_id),
        reason=overwrite_reason,
    )
