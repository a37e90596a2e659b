"""Survey comments, newest first, filtered by score, queue, agent and words.

What a supervisor reads after a bad CSAT week: the customers' own words,
with the contact's queue and agent beside them. Words match anywhere in the
comment, case-insensitively, and all of them must appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from supervisor_app.services.analytics.options import SitePart, site_parts
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import range_bounds
from supervisor_app.store.models import Agent, Contact, Queue, SurveyResponse

LIMIT = 1_000


@dataclass(frozen=True, slots=True)
class CommentFilter:
    min_csat: int = 1
    max_csat: int = 5
    queue_id: int | None = None
    agent_id: int | None = None
    words: str = ""  # space-separated; every word must appear


@dataclass(frozen=True, slots=True)
class Comment:
    contact_id: int
    external_id: str
    arrived: datetime  # in the site's zone
    queue: str
    agent: str | None
    csat: int | None
    nps: int | None
    comment: str


@dataclass(frozen=True, slots=True)
class CommentPage:
    rows: tuple[Comment, ...]
    truncated: bool  # more than the limit matched: the newest are listed


def survey_comments(
    db: Database,
    first: date,
    last: date,
    where: CommentFilter = CommentFilter(),
    *,
    site_id: int | None = None,
    limit: int = LIMIT,
) -> CommentPage:
    """Comments on contacts at ``site_id`` (None: all sites) that arrived from local
    ``first`` to ``last``, newest first.

    A score filter narrower than 1–5 keeps only answers with a CSAT score in it."""
    rows: list[Comment] = []
    with db.sessions() as session:
        for part in site_parts(session, site_id):
            rows += _site_comments(session, part, first, last, where, limit)
    rows.sort(key=lambda c: (c.arrived, c.contact_id), reverse=True)
    return CommentPage(tuple(rows[:limit]), len(rows) > limit)


def _site_comments(
    session: Session, part: SitePart, first: date, last: date, where: CommentFilter, limit: int
) -> list[Comment]:
    answerer = aliased(Agent)
    zone = part.zone
    start, end = range_bounds(first, last, zone)
    query = (
        select(
            Contact.id,
            Contact.external_id,
            Contact.arrived_at,
            Queue.name.label("queue"),
            answerer.name.label("agent"),
            SurveyResponse.csat,
            SurveyResponse.nps,
            SurveyResponse.comment,
        )
        .join(SurveyResponse, SurveyResponse.contact_id == Contact.id)
        .join(Queue, Queue.id == Contact.queue_id)
        .outerjoin(answerer, answerer.id == Contact.agent_id)
        .where(Contact.arrived_at >= start, Contact.arrived_at < end, *part.on(Contact.queue_id))
        .where(SurveyResponse.comment.is_not(None), SurveyResponse.comment != "")
        .order_by(Contact.arrived_at.desc(), Contact.id.desc())
        .limit(limit + 1)
    )
    if (where.min_csat, where.max_csat) != (1, 5):
        query = query.where(SurveyResponse.csat.between(where.min_csat, where.max_csat))
    if where.queue_id is not None:
        query = query.where(Contact.queue_id == where.queue_id)
    if where.agent_id is not None:
        query = query.where(Contact.agent_id == where.agent_id)
    for word in where.words.split():
        pattern = "%" + _escape(word.casefold()) + "%"
        query = query.where(func.lower(SurveyResponse.comment).like(pattern, escape="\\"))
    return [
        Comment(
            r.id,
            r.external_id,
            r.arrived_at.astimezone(zone),
            r.queue,
            r.agent,
            r.csat,
            r.nps,
            r.comment,
        )
        for r in session.execute(query)
    ]


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
