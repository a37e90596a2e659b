"""Coaching notes read back: an agent's log, the notes of a range (the review pack),
and the follow-ups due on a day (the Live tab's alerts).

A follow-up is due from its day on until someone marks it done
(``domain.people_records.follow_up_due``). On PostgreSQL a supervisor is shown the
follow-ups of the teams they supervise (``team_supervisors``); an admin, the owner
and a SQLite file's single user see every one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select

from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.services.people.coaching import CoachingLine
from supervisor_app.services.people.team_supervisors import supervised_team_ids
from supervisor_app.store.models import Agent, CoachingNote, Contact, Site


@dataclass(frozen=True, slots=True)
class FollowUpDue:
    """A follow-up due today or overdue and not done: an alert naming agent and topic."""

    note_id: int
    agent_id: int
    agent_name: str
    topic: str
    follow_up_on: date
    overdue: bool
    version: int


def _lines() -> Select[Any]:
    return (
        select(CoachingNote, Agent.name, Contact.external_id)
        .join(Agent, Agent.id == CoachingNote.agent_id)
        .outerjoin(Contact, Contact.id == CoachingNote.contact_id)
    )


def _line(note: CoachingNote, agent: str, contact_ref: str | None) -> CoachingLine:
    return CoachingLine(
        note_id=note.id,
        agent_id=note.agent_id,
        agent_name=agent,
        noted_at=note.noted_at,
        author=note.author,
        topic=note.topic,
        text=note.text,
        actions=note.actions,
        follow_up_on=note.follow_up_on,
        followed_up_on=note.followed_up_on,
        contact_ref=contact_ref,
        period_start=note.period_start,
        period_end=note.period_end,
        version=note.version,
    )


def list_notes(
    db: Database, agent_id: int | None = None, *, due_on: date | None = None
) -> list[CoachingLine]:
    """Notes newest first (one agent's, or every one); ``due_on``: only those whose
    follow-up is due by that day and not done."""
    query = _lines().order_by(CoachingNote.noted_at.desc(), CoachingNote.id.desc())
    if agent_id is not None:
        query = query.where(CoachingNote.agent_id == agent_id)
    if due_on is not None:
        query = query.where(
            CoachingNote.follow_up_on <= due_on, CoachingNote.followed_up_on.is_(None)
        )
    with db.sessions() as session:
        return [_line(*row) for row in session.execute(query).all()]


def get_note(db: Database, note_id: int) -> CoachingLine:
    """One note, as the alert that names it opens it."""
    with db.sessions() as session:
        row = session.execute(_lines().where(CoachingNote.id == note_id)).first()
    if row is None:
        raise UserError(f"no coaching note with id {note_id}")
    return _line(*row)


def contacts_answered_by(db: Database, agent_id: int, before: datetime, limit: int) -> list[str]:
    """External ids of the agent's latest contacts answered before ``before`` (the demo
    seed links a few notes to one)."""
    query = (
        select(Contact.external_id)
        .where(Contact.agent_id == agent_id, Contact.answered_at < before)
        .order_by(Contact.answered_at.desc())
        .limit(limit)
    )
    with db.sessions() as session:
        return list(session.scalars(query))


def coaching_in(
    db: Database, *, agent_ids: Sequence[int] | None, start: date, end: date
) -> list[CoachingLine]:
    """The notes taken from ``start`` to ``end`` (the agent's site's local days, both
    included), of ``agent_ids`` (None: every agent), oldest first."""
    # A day's local bounds lie within a day of UTC's; the exact cut is made per site below.
    lo = datetime.combine(start - timedelta(days=1), time(), tzinfo=ZoneInfo("UTC"))
    hi = datetime.combine(end + timedelta(days=2), time(), tzinfo=ZoneInfo("UTC"))
    query = (
        _lines()
        .add_columns(Site.timezone)
        .join(Site, Site.id == Agent.site_id)
        .where(CoachingNote.noted_at >= lo, CoachingNote.noted_at < hi)
        .order_by(CoachingNote.noted_at, CoachingNote.id)
    )
    if agent_ids is not None:
        query = query.where(CoachingNote.agent_id.in_(list(agent_ids)))
    with db.sessions() as session:
        rows = session.execute(query).all()
    out = []
    for note, agent, ref, zone in rows:
        if start <= note.noted_at.astimezone(ZoneInfo(zone)).date() <= end:
            out.append(_line(note, agent, ref))
    return out


def due_follow_ups(db: Database, today: date, site_id: int | None = None) -> list[FollowUpDue]:
    """Follow-ups due by ``today`` (the site's local day) and not done, oldest first,
    for the teams this session's person supervises (every team: see the module)."""
    query = (
        select(
            CoachingNote.id,
            Agent.id,
            Agent.name,
            CoachingNote.topic,
            CoachingNote.follow_up_on,
            CoachingNote.version,
        )
        .join(Agent, Agent.id == CoachingNote.agent_id)
        .where(CoachingNote.follow_up_on <= today, CoachingNote.followed_up_on.is_(None))
        .order_by(CoachingNote.follow_up_on, Agent.name, CoachingNote.id)
    )
    if site_id is not None:
        query = query.where(Agent.site_id == site_id)
    with db.sessions() as session:
        teams = supervised_team_ids(session)
        if teams is not None:
            query = query.where(Agent.team_id.in_(teams))
        rows = session.execute(query).all()
    return [
        FollowUpDue(note_id, agent_id, name, topic, on, on < today, version)
        for note_id, agent_id, name, topic, on, version in rows
    ]
