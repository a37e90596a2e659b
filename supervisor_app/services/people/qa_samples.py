"""Contacts worth an evaluation: a thin, even sample of the answered contacts of a period.

Quality teams listen to a few contacts per agent, not all of them; this gives
each answered contact's handle time and survey answer, so a caller (the demo
seed) can pick some per agent. ``every`` keeps one contact in that many (by id),
so a month of a large centre stays a few thousand rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from supervisor_app.services.database import Database
from supervisor_app.store.models import Contact, SurveyResponse


@dataclass(frozen=True, slots=True)
class ReviewCandidate:
    contact_id: int
    external_id: str
    agent_id: int
    queue_id: int
    ended_at: datetime
    handle_seconds: float  # talk and wrap-up
    csat: int | None  # the survey's 1–5 answer, if the customer gave one


def review_candidates(
    db: Database, start: datetime, end: datetime, every: int = 1
) -> list[ReviewCandidate]:
    """Answered, ended contacts that arrived in [start, end), one in ``every`` by id."""
    query = (
        select(
            Contact.id,
            Contact.external_id,
            Contact.agent_id,
            Contact.queue_id,
            Contact.answered_at,
            Contact.ended_at,
            Contact.wrap_ended_at,
            SurveyResponse.csat,
        )
        .outerjoin(SurveyResponse, SurveyResponse.contact_id == Contact.id)
        .where(
            Contact.arrived_at >= start,
            Contact.arrived_at < end,
            Contact.agent_id.is_not(None),
            Contact.answered_at.is_not(None),
            Contact.ended_at.is_not(None),
        )
        .order_by(Contact.id)
    )
    if every > 1:
        query = query.where(Contact.id % every == 0)
    with db.sessions() as session:
        rows = session.execute(query).all()
    return [
        ReviewCandidate(
            cid,
            ext,
            agent,
            queue,
            ended,
            ((wrap or ended) - answered).total_seconds(),
            csat,
        )
        for cid, ext, agent, queue, answered, ended, wrap, csat in rows
    ]
