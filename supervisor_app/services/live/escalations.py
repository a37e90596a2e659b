"""Escalations: the open list, and taking, annotating and resolving one.

Several supervisors watch the same list, so every command carries the version
the supervisor saw. A row that moved on since (someone took it, added a note,
resolved it) is never overwritten: the command raises ``EscalationConflict``
naming who changed it and when, with the row as it is now. The version is
checked twice: once on load, for a clear message, and by the ORM's
``version_id_col`` in the ``UPDATE`` itself, which also catches a colleague
who commits between the two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from supervisor_app.domain.enums import EscalationStatus, Severity
from supervisor_app.domain.errors import UserError
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.live.stamp import database_stamp
from supervisor_app.store.changes import announce
from supervisor_app.store.models import AuditEntry, Escalation, Queue, Site

ENTITY = "escalation"
_SEVERITY_ORDER = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)
_EDITABLE = ("status", "owner", "notes", "resolution", "taken_at", "resolved_at", "version")
_PAST_TENSE = {"take": "taken", "note": "changed (a note was added)", "resolve": "resolved"}


@dataclass(frozen=True, slots=True)
class EscalationRow:
    id: int
    version: int
    customer_ref: str | None
    queue_name: str | None
    reason: str
    severity: Severity
    status: EscalationStatus
    owner: str | None
    notes: str | None
    created_at: datetime
    taken_at: datetime | None
    resolved_at: datetime | None
    resolution: str | None
    raised_by: str | None = None  # None: raised by the simulator

    def age_seconds(self, now: datetime) -> float:
        return max((now - self.created_at).total_seconds(), 0.0)


class EscalationConflict(UserError):
    """Someone else changed the escalation first; ``current`` is how it stands now."""

    def __init__(self, message: str, current: EscalationRow) -> None:
        super().__init__(message)
        self.current = current


def open_escalations(db: Database, site_id: int | None = None) -> list[EscalationRow]:
    """Open and taken escalations of the site's queues (and those of no queue, which every
    site sees), most severe first, then oldest first; None: every site's."""
    rank = case({s.value: k for k, s in enumerate(_SEVERITY_ORDER)}, value=Escalation.severity)
    query = (
        select(Escalation, Queue.name)
        .outerjoin(Queue, Queue.id == Escalation.queue_id)
        .where(Escalation.status.in_([EscalationStatus.OPEN, EscalationStatus.TAKEN]))
        .order_by(rank, Escalation.created_at, Escalation.id)
    )
    if site_id is not None:
        query = query.where(or_(Escalation.queue_id.is_(None), Queue.site_id == site_id))
    with db.sessions() as session:
        return [row_of(esc, queue) for esc, queue in session.execute(query)]


def take_escalation(
    db: Database, escalation_id: int, expected_version: int, actor: str
) -> EscalationRow:
    """Make ``actor`` the owner; taking one a colleague holds is a conflict."""

    def change(loaded: _Loaded, now: datetime) -> bool:
        esc = loaded.esc
        if esc.status is EscalationStatus.RESOLVED:
            raise UserError(f"Escalation {esc.id} is already resolved")
        if esc.status is EscalationStatus.TAKEN:
            if esc.owner != loaded.actor:
                raise loaded.conflict(held=True)
            return False  # already ours: nothing to write
        esc.status, esc.owner, esc.taken_at = EscalationStatus.TAKEN, loaded.actor, now
        return True

    return _apply(db, escalation_id, expected_version, actor, "take", change)


def add_escalation_note(
    db: Database, escalation_id: int, expected_version: int, actor: str, note: str
) -> EscalationRow:
    """Append ``[time actor] note`` (site-local time) to the escalation's notes."""
    text = note.strip()
    if not text:
        raise UserError("a note needs some text")

    def change(loaded: _Loaded, now: datetime) -> bool:
        esc = loaded.esc
        line = f"[{now.astimezone(loaded.zone):%Y-%m-%d %H:%M} {loaded.actor}] {text}"
        esc.notes = f"{esc.notes}\n{line}" if esc.notes else line
        return True

    return _apply(db, escalation_id, expected_version, actor, "note", change)


def resolve_escalation(
    db: Database, escalation_id: int, expected_version: int, actor: str, resolution: str
) -> EscalationRow:
    """Close the escalation; an unowned one becomes ``actor``'s as it is resolved."""
    text = resolution.strip()
    if not text:
        raise UserError("say how the escalation was resolved")

    def change(loaded: _Loaded, now: datetime) -> bool:
        esc = loaded.esc
        if esc.status is EscalationStatus.RESOLVED:
            raise UserError(f"Escalation {esc.id} is already resolved")
        esc.owner = esc.owner or loaded.actor
        esc.taken_at = esc.taken_at or now
        esc.status, esc.resolution, esc.resolved_at = EscalationStatus.RESOLVED, text, now
        return True

    return _apply(db, escalation_id, expected_version, actor, "resolve", change)


@dataclass(slots=True)
class _Loaded:
    """An escalation inside a unit of work, with what its messages need."""

    session: Session
    esc: Escalation
    queue: str | None
    zone: ZoneInfo
    actor: str = ""  # who the database records for this change (``database_stamp``)

    def conflict(self, *, held: bool = False) -> EscalationConflict:
        return _conflict(self, held=held)

    def row(self) -> EscalationRow:
        return row_of(self.esc, self.queue)


# Changes the loaded escalation in place; False when there is nothing to write.
Change = Callable[[_Loaded, datetime], bool]


def _apply(
    db: Database, escalation_id: int, expected_version: int, actor: str, action: str, change: Change
) -> EscalationRow:
    """Load, check the version, change, audit and announce in one transaction.

    ``change`` sees who and when the database records (``database_stamp``): on a
    shared PostgreSQL the login and the server's clock, not ``actor``."""
    with db.sessions() as session:
        loaded = _load(session, escalation_id)
        esc = loaded.esc
        if esc.version != expected_version:
            raise loaded.conflict()
        before = _fields(esc)
        loaded.actor, now = database_stamp(session, Escalation.__tablename__, actor)
        if not change(loaded, now):
            return loaded.row()
        try:
            session.flush()  # UPDATE … WHERE version = expected: the race check
        except StaleDataError:
            session.rollback()
            raise _load(session, escalation_id).conflict() from None
        session.refresh(esc)  # the people and times the database stamped
        after = _fields(esc)
        changed = [k for k in _EDITABLE if before[k] != after[k]]
        audit.record(
            session,
            actor=loaded.actor,
            action=action,
            entity=ENTITY,
            entity_id=esc.id,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
        announce(session.connection(), ["escalations"])
        session.commit()
        return loaded.row()


def _load(session: Session, escalation_id: int) -> _Loaded:
    found = session.execute(
        select(Escalation, Queue.name)
        .outerjoin(Queue, Queue.id == Escalation.queue_id)
        .where(Escalation.id == escalation_id)
    ).first()
    if found is None:
        raise UserError(f"Escalation {escalation_id} no longer exists; reload the list")
    esc, queue = found
    return _Loaded(session, esc, queue, _site_zone(session, esc.queue_id))


def _conflict(loaded: _Loaded, *, held: bool = False) -> EscalationConflict:
    """The conflict, worded from who holds it (``held``), else the latest audit row."""
    esc = loaded.esc
    last = loaded.session.execute(
        select(AuditEntry.action, AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.entity == ENTITY, AuditEntry.entity_id == str(esc.id))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    ).first()
    taken = esc.status is EscalationStatus.TAKEN
    if taken and (held or last is None or last.action == "take"):
        verb, who, when = "taken", esc.owner, esc.taken_at
    elif last is not None:
        verb, who, when = _PAST_TENSE.get(last.action, "changed"), last.actor, last.at
    elif esc.status is EscalationStatus.RESOLVED:
        verb, who, when = "resolved", esc.owner, esc.resolved_at
    else:
        verb, who, when = "changed", None, None
    message = f"Escalation {esc.id} was {verb}"
    if who:
        message += f" by {who}"
    if when is not None:
        message += f" at {_clock(when, loaded.zone)}"
    return EscalationConflict(f"{message}; reload to see it", loaded.row())


def _site_zone(session: Session, queue_id: int | None) -> ZoneInfo:
    """The zone of the queue's site. An escalation without a queue belongs to no site: it
    reads in the only site's zone, or in UTC where several sites make any one a guess."""
    if queue_id is not None:
        query = select(Site.timezone).join(Queue, Queue.site_id == Site.id)
        name = session.scalar(query.where(Queue.id == queue_id))
    else:
        zones = session.scalars(select(Site.timezone).limit(2)).all()
        name = zones[0] if len(zones) == 1 else None
    return ZoneInfo(name) if name else ZoneInfo("UTC")


def _clock(instant: datetime, zone: ZoneInfo) -> str:
    """``14:03`` for today (site time), ``2026-11-24 14:03`` for an earlier day."""
    local = instant.astimezone(zone)
    today = datetime.now(UTC).astimezone(zone).date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"


def _fields(esc: Escalation) -> dict[str, Any]:
    return {k: getattr(esc, k) for k in _EDITABLE}


def row_of(esc: Escalation, queue: str | None) -> EscalationRow:
    return EscalationRow(
        id=esc.id,
        version=esc.version,
        customer_ref=esc.customer_ref,
        queue_name=queue,
        reason=esc.reason,
        severity=esc.severity,
        status=esc.status,
        owner=esc.owner,
        notes=esc.notes,
        created_at=esc.created_at,
        taken_at=esc.taken_at,
        resolved_at=esc.resolved_at,
        resolution=esc.resolution,
        raised_by=esc.raised_by,
    )
