"""Escalations raised in a range of local dates, with who owned them and how long they took."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.services.database import Database
from supervisor_app.services.kpi import range_bounds
from supervisor_app.services.sites import SitePart, site_parts
from supervisor_app.store.models import Escalation, Queue


@dataclass(frozen=True, slots=True)
class EscalationLine:
    id: int
    created: datetime  # site-local, like every time here
    severity: str
    status: str
    queue: str | None
    customer: str | None
    reason: str
    owner: str | None
    taken: datetime | None
    resolved: datetime | None
    resolution: str | None
    notes: str | None
    age_seconds: float  # to resolution, or to ``now`` while still open
    take_seconds: float | None
    resolution_seconds: float | None


def escalation_lines(
    db: Database,
    first: date,
    last: date,
    now: datetime,
    queue_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
) -> list[EscalationLine]:
    """Escalations created on local ``first``..``last`` at ``site_id`` (None: all sites, each
    in its own zone), oldest first."""
    out: list[EscalationLine] = []
    with db.sessions() as session:
        for part in site_parts(session, site_id):
            out += _site_lines(session, part, first, last, now, queue_ids)
    out.sort(key=lambda e: (e.created, e.id))
    return out


def _site_lines(
    session: Session,
    part: SitePart,
    first: date,
    last: date,
    now: datetime,
    queue_ids: Collection[int] | None,
) -> list[EscalationLine]:
    zone = part.zone
    start, end = range_bounds(first, last, zone)
    query = (
        select(Escalation, Queue.name)
        .outerjoin(Queue, Queue.id == Escalation.queue_id)
        .where(Escalation.created_at >= start, Escalation.created_at < end)
        .where(*part.on(Escalation.queue_id))
        .order_by(Escalation.created_at, Escalation.id)
    )
    if queue_ids is not None:
        query = query.where(Escalation.queue_id.in_(sorted(queue_ids)))
    out = []
    for e, queue in session.execute(query):
        done = e.resolved_at
        out.append(
            EscalationLine(
                id=e.id,
                created=e.created_at.astimezone(zone),
                severity=e.severity.value,
                status=e.status.value,
                queue=queue,
                customer=e.customer_ref,
                reason=e.reason,
                owner=e.owner,
                taken=None if e.taken_at is None else e.taken_at.astimezone(zone),
                resolved=None if done is None else done.astimezone(zone),
                resolution=e.resolution,
                notes=e.notes,
                age_seconds=max(((done or now) - e.created_at).total_seconds(), 0.0),
                take_seconds=None
                if e.taken_at is None
                else (e.taken_at - e.created_at).total_seconds(),
                resolution_seconds=None if done is None else (done - e.created_at).total_seconds(),
            )
        )
    return out
