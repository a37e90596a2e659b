"""Coaching notes: add, edit and mark a follow-up done, each with its audit row.

A note is about an agent, optionally about one contact or one period. Edits and
"follow-up done" name the version the user saw (optimistic locking, as the setup
records do): a note changed meanwhile is refused, never overwritten. On
PostgreSQL the author and the time are the database's (``session_user`` and
``now()``, migration 0017); on SQLite, the OS user the audit trail names. What a
note reads like to others (the log, due follow-ups, the review pack) is in
``coaching_read.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from supervisor_app.domain.errors import UsageError, UserError
from supervisor_app.domain.people_records import (
    TEXT_MAX,
    TOPIC_MAX,
    checked_period,
    checked_text,
)
from supervisor_app.services.audit import record
from supervisor_app.services.database import Database
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Agent, CoachingNote, Contact

_TABLES = ("coaching_notes", "audit_log")


@dataclass(frozen=True, slots=True)
class CoachingLine:
    """One coaching note as the log, the review pack and the alerts show it.

    ``noted_at`` is UTC; ``contact_ref`` the contact's external id when the note is
    about one; ``version`` is what an edit names (optimistic locking).
    """

    note_id: int
    agent_id: int
    agent_name: str
    noted_at: datetime
    author: str
    topic: str
    text: str
    actions: str
    follow_up_on: date | None
    followed_up_on: date | None
    contact_ref: str | None
    period_start: date | None
    period_end: date | None
    version: int = 1


class NoteConflict(UserError):
    """The note changed since the user read it; nothing was saved."""

    def __init__(self, note_id: int) -> None:
        super().__init__(
            f"coaching note {note_id} was changed meanwhile. Nothing was saved; "
            "reload to see the new values."
        )


def find_agent(db: Database, code: str) -> tuple[int, str]:
    """The agent with employee code ``code`` (case-insensitive): id and name; none is bad input."""
    with db.sessions() as session:
        row = session.execute(
            select(Agent.id, Agent.name).where(
                func.lower(Agent.employee_code) == code.strip().lower()
            )
        ).first()
    if row is None:
        raise UsageError(f"--agent {code!r} refused: no agent with that employee code")
    return int(row[0]), str(row[1])


def find_contact(db: Database, external_id: str) -> int:
    """The contact whose external id is ``external_id``; none or several is bad input."""
    with db.sessions() as session:
        ids = session.scalars(
            select(Contact.id).where(Contact.external_id == external_id.strip()).limit(2)
        ).all()
    if not ids:
        raise UsageError(f"--contact {external_id!r} refused: no contact with that id")
    if len(ids) > 1:
        raise UsageError(f"--contact {external_id!r} refused: several sources use that id")
    return int(ids[0])


def add_note(
    db: Database,
    agent_id: int,
    *,
    topic: str,
    text: str,
    actor: str,
    actions: str = "",
    follow_up_on: date | None = None,
    contact_id: int | None = None,
    period: tuple[date, date] | None = None,
    noted_at: datetime | None = None,
) -> int:
    """A new note about the agent; returns its id. About a contact or a period, not both.

    ``noted_at`` (default now) is for the demo seed: on PostgreSQL the database keeps
    it only for the schema owner and stamps its own clock for everyone else."""
    values = _checked(topic, text, actions)
    start, end = period if period is not None else (None, None)
    checked_period(start, end)
    if contact_id is not None and period is not None:
        raise UsageError("a note is about a contact or a period, not both")
    with db.sessions.begin() as session:
        if session.get(Agent, agent_id) is None:
            raise UserError(f"no agent with id {agent_id}")
        note = CoachingNote(
            agent_id=agent_id,
            author=actor,
            noted_at=noted_at or datetime.now(UTC),
            **values,
            follow_up_on=follow_up_on,
            contact_id=contact_id,
            period_start=start,
            period_end=end,
        )
        session.add(note)
        session.flush()
        session.refresh(note)  # the author and time the database stamped
        record(
            session,
            actor=actor,
            action="coaching.add",
            entity="coaching_note",
            entity_id=note.id,
            after=_audited(note),
        )
        announce(session.connection(), _TABLES)
        return note.id


def edit_note(
    db: Database,
    note_id: int,
    seen_version: int,
    *,
    actor: str,
    topic: str,
    text: str,
    actions: str,
    follow_up_on: date | None,
) -> None:
    """Change what the note says and its follow-up day, if nobody changed it meanwhile."""
    values = _checked(topic, text, actions) | {"follow_up_on": follow_up_on}
    _change(db, note_id, seen_version, actor, "coaching.edit", values)


def mark_follow_up_done(
    db: Database, note_id: int, seen_version: int | None, on: date, actor: str
) -> None:
    """The follow-up was done on ``on``; its alert goes. ``seen_version`` None: the current
    one (the command line, which shows nothing before it acts)."""
    _change(db, note_id, seen_version, actor, "coaching.follow_up_done", {"followed_up_on": on})


def _change(
    db: Database,
    note_id: int,
    seen_version: int | None,
    actor: str,
    action: str,
    values: dict[str, Any],
) -> None:
    try:
        with db.sessions.begin() as session:
            note = _note(session, note_id)
            if seen_version is not None and note.version != seen_version:
                raise NoteConflict(note_id)
            if action == "coaching.follow_up_done":
                if note.follow_up_on is None:
                    raise UserError(f"coaching note {note_id} has no follow-up")
                if note.followed_up_on is not None:
                    raise UserError(
                        f"coaching note {note_id}'s follow-up was done on {note.followed_up_on}"
                    )
            before = _audited(note)
            for name, value in values.items():
                setattr(note, name, value)
            session.flush()
            record(
                session,
                actor=actor,
                action=action,
                entity="coaching_note",
                entity_id=note_id,
                before={k: v for k, v in before.items() if k in values},
                after={k: v for k, v in _audited(note).items() if k in values},
            )
            announce(session.connection(), _TABLES)
    except StaleDataError:
        raise NoteConflict(note_id) from None


def _note(session: Session, note_id: int) -> CoachingNote:
    note = session.get(CoachingNote, note_id)
    if note is None:
        raise UserError(f"no coaching note with id {note_id}")
    return note


def _checked(topic: str, text: str, actions: str) -> dict[str, str]:
    return {
        "topic": checked_text("topic", topic, TOPIC_MAX),
        "text": checked_text("text", text, TEXT_MAX),
        "actions": checked_text("actions", actions, TEXT_MAX, required=False),
    }


def _audited(note: CoachingNote) -> dict[str, Any]:
    return {
        "agent_id": note.agent_id,
        "topic": note.topic,
        "text": note.text,
        "actions": note.actions,
        "follow_up_on": note.follow_up_on,
        "followed_up_on": note.followed_up_on,
        "contact_id": note.contact_id,
        "period_start": note.period_start,
        "period_end": note.period_end,
    }
