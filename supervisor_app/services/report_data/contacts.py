"""One row per contact, for the row-level sheets: local times and every duration.

Rows stream from a server-side cursor in batches, so a 200,000-contact month
is never held in memory; times come back in the site's zone (aware) and
durations in seconds, measured as ``contact_sums`` measures them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from supervisor_app.services.database import Database
from supervisor_app.services.kpi import range_bounds
from supervisor_app.services.sites import SitePart, site_parts
from supervisor_app.store.models import Agent, Contact, Queue, SurveyResponse

BATCH = 5000

CONTACT_FIELDS = (
    "id",
    "queue",
    "agent",
    "customer",
    "arrived",
    "answered",
    "ended",
    "wrap_ended",
    "outcome",
    "wait_seconds",
    "talk_seconds",
    "wrap_seconds",
    "handle_seconds",
    "escalated",
    "csat",
    "nps",
)


def _seconds(a: datetime | None, b: datetime | None) -> float | None:
    return None if a is None or b is None else (b - a).total_seconds()


def contact_count(
    db: Database,
    first: date,
    last: date,
    queue_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
) -> int:
    from sqlalchemy import func

    total = 0
    with db.sessions() as session:
        for part in site_parts(session, site_id):
            start, end = range_bounds(first, last, part.zone)
            query = select(func.count()).where(
                Contact.arrived_at >= start, Contact.arrived_at < end, *part.on(Contact.queue_id)
            )
            if queue_ids is not None:
                query = query.where(Contact.queue_id.in_(sorted(queue_ids)))
            total += session.scalar(query) or 0
    return total


def contact_rows(
    db: Database,
    first: date,
    last: date,
    queue_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
) -> Iterator[tuple[Any, ...]]:
    """Contacts arrived on local ``first``..``last``, by arrival, as ``CONTACT_FIELDS`` tuples;
    for all sites (None), site by site, each in its own zone."""
    with db.sessions() as session:
        parts = site_parts(session, site_id)
    for part in parts:
        yield from _site_rows(db, part, first, last, queue_ids)


def _site_rows(
    db: Database, part: SitePart, first: date, last: date, queue_ids: Collection[int] | None
) -> Iterator[tuple[Any, ...]]:
    with db.sessions() as session:
        zone = part.zone
        start, end = range_bounds(first, last, zone)
        query = (
            select(
                Contact.id,
                Queue.name,
                Agent.name,
                Contact.customer_ref,
                Contact.arrived_at,
                Contact.answered_at,
                Contact.ended_at,
                Contact.wrap_ended_at,
                Contact.outcome,
                Contact.escalated,
                SurveyResponse.csat,
                SurveyResponse.nps,
            )
            .join(Queue, Queue.id == Contact.queue_id)
            .outerjoin(Agent, Agent.id == Contact.agent_id)
            .outerjoin(SurveyResponse, SurveyResponse.contact_id == Contact.id)
            .where(
                Contact.arrived_at >= start, Contact.arrived_at < end, *part.on(Contact.queue_id)
            )
            .order_by(Contact.arrived_at, Contact.id)
            .execution_options(yield_per=BATCH)
        )
        if queue_ids is not None:
            query = query.where(Contact.queue_id.in_(sorted(queue_ids)))
        for row in session.execute(query):
            cid, queue, agent, customer, arrived, answered, ended, wrapped, outcome = row[:9]
            escalated, csat, nps = row[9:]
            wrap_end = wrapped or ended
            yield (
                cid,
                queue,
                agent,
                customer,
                arrived.astimezone(zone),
                None if answered is None else answered.astimezone(zone),
                None if ended is None else ended.astimezone(zone),
                None if wrapped is None else wrapped.astimezone(zone),
                None if outcome is None else outcome.value,
                _seconds(arrived, answered if answered is not None else ended),
                _seconds(answered, ended),
                _seconds(ended, wrapped) if answered is not None else None,
                _seconds(answered, wrap_end) if ended is not None else None,
                bool(escalated),
                csat,
                nps,
            )
