"""Survey comments of a range, for the Satisfaction report (its CSAT and NPS figures come
from ``report_service.service_table``, the ``kpi`` sums by queue and week)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.services.database import Database
from supervisor_app.services.kpi import range_bounds
from supervisor_app.services.sites import SitePart, site_parts
from supervisor_app.store.models import Agent, Contact, Queue, SurveyResponse


@dataclass(frozen=True, slots=True)
class SurveyComment:
    contact_id: int
    arrived: datetime  # site-local
    answered: datetime | None  # when the survey was answered, site-local
    queue: str
    agent: str | None
    csat: int | None
    nps: int | None
    comment: str


def survey_comments(
    db: Database,
    first: date,
    last: date,
    queue_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
) -> list[SurveyComment]:
    """Non-empty comments on contacts that arrived in the range at ``site_id`` (None: all
    sites, each in its own zone), oldest first."""
    out: list[SurveyComment] = []
    with db.sessions() as session:
        for part in site_parts(session, site_id):
            out += _site_comments(session, part, first, last, queue_ids)
    out.sort(key=lambda c: (c.arrived, c.contact_id))
    return out


def _site_comments(
    session: Session, part: SitePart, first: date, last: date, queue_ids: Collection[int] | None
) -> list[SurveyComment]:
    zone = part.zone
    start, end = range_bounds(first, last, zone)
    query = (
        select(
            Contact.id,
            Contact.arrived_at,
            SurveyResponse.answered_at,
            Queue.name,
            Agent.name,
            SurveyResponse.csat,
            SurveyResponse.nps,
            SurveyResponse.comment,
        )
        .join(SurveyResponse, SurveyResponse.contact_id == Contact.id)
        .join(Queue, Queue.id == Contact.queue_id)
        .outerjoin(Agent, Agent.id == Contact.agent_id)
        .where(
            Contact.arrived_at >= start,
            Contact.arrived_at < end,
            SurveyResponse.comment.is_not(None),
            SurveyResponse.comment != "",
            *part.on(Contact.queue_id),
        )
        .order_by(Contact.arrived_at, Contact.id)
    )
    if queue_ids is not None:
        query = query.where(Contact.queue_id.in_(sorted(queue_ids)))
    return [
        SurveyComment(
            cid,
            arrived.astimezone(zone),
            None if answered is None else answered.astimezone(zone),
            queue,
            agent,
            csat,
            nps,
            comment,
        )
        for cid, arrived, answered, queue, agent, csat, nps, comment in session.execute(query)
        if comment.strip()
    ]
