"""Restricted records: warnings, improvement plans and other documentation about an
agent, and the day the agent acknowledged each.

Who may see them is the database's business on PostgreSQL: grants (admins and
supervisors only) and row-level security (admins and the supervisors of the
agent's team, migration 0017). A refusal comes back as ``Refused`` ("restricted"),
a row another supervisor may not see simply isn't there. On SQLite, single-user,
everything is visible.

The audit trail is readable by every role, so a record's audit row names its kind
and dates, never its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from supervisor_app.domain.errors import Refused, UsageError, UserError
from supervisor_app.domain.people_records import TEXT_MAX, RecordKind, checked_text
from supervisor_app.services.audit import record
from supervisor_app.services.database import Database
from supervisor_app.services.failures import INSUFFICIENT_PRIVILEGE
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Agent, RestrictedRecord

_TABLES = ("restricted_records", "audit_log")
RESTRICTED = "restricted: only admins and the supervisors of the agent's team see these records"


@dataclass(frozen=True, slots=True)
class RecordLine:
    record_id: int
    agent_id: int
    agent_name: str
    kind: RecordKind
    text: str
    issued_on: date
    review_on: date | None
    acknowledged_on: date | None
    recorded_by: str
    recorded_at: datetime
    version: int


def _refusals(run: Any) -> Any:
    """A grant or row-level security refusal as ``Refused(RESTRICTED)``, one plain line."""
    try:
        return run()
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            raise Refused(RESTRICTED) from None
        raise


def list_records(db: Database, agent_id: int | None = None) -> list[RecordLine]:
    """The records this login may see (one agent's, or every one), newest first."""
    query = (
        select(RestrictedRecord, Agent.name)
        .join(Agent, Agent.id == RestrictedRecord.agent_id)
        .order_by(RestrictedRecord.issued_on.desc(), RestrictedRecord.id.desc())
    )
    if agent_id is not None:
        query = query.where(RestrictedRecord.agent_id == agent_id)

    def run() -> list[RecordLine]:
        with db.sessions() as session:
            return [_line(r, name) for r, name in session.execute(query).all()]

    result: list[RecordLine] = _refusals(run)
    return result


def add_record(
    db: Database,
    agent_id: int,
    kind: RecordKind,
    text: str,
    issued_on: date,
    actor: str,
    review_on: date | None = None,
) -> int:
    """A new record about the agent; returns its id."""
    text = checked_text("text", text, TEXT_MAX)
    if review_on is not None and review_on < issued_on:
        raise UsageError(f"review date {review_on} refused: before the issue date {issued_on}")

    def run() -> int:
        with db.sessions.begin() as session:
            if session.get(Agent, agent_id) is None:
                raise UserError(f"no agent with id {agent_id}")
            row = RestrictedRecord(
                agent_id=agent_id,
                kind=kind,
                text=text,
                issued_on=issued_on,
                review_on=review_on,
                recorded_by=actor,
            )
            session.add(row)
            session.flush()
            record(
                session,
                actor=actor,
                action="record.add",
                entity="restricted_record",
                entity_id=row.id,
                after={
                    "agent_id": agent_id,
                    "kind": kind,
                    "issued_on": issued_on,
                    "review_on": review_on,
                },
            )
            announce(session.connection(), _TABLES)
            return row.id

    result: int = _refusals(run)
    return result


def acknowledge_record(
    db: Database, record_id: int, on: date, actor: str, seen_version: int | None = None
) -> None:
    """The agent acknowledged the record on ``on``. A record this login may not see is
    "no record" (row-level security hides it); one changed meanwhile is refused."""

    def run() -> None:
        with db.sessions.begin() as session:
            row = session.get(RestrictedRecord, record_id)
            if row is None:
                raise UserError(f"no restricted record with id {record_id} that you may see")
            if seen_version is not None and row.version != seen_version:
                raise UserError(
                    f"restricted record {record_id} was changed meanwhile. Nothing was saved; "
                    "reload to see the new values."
                )
            if on < row.issued_on:
                raise UsageError(f"acknowledgement date {on} refused: before the issue date")
            before = row.acknowledged_on
            row.acknowledged_on = on
            session.flush()
            record(
                session,
                actor=actor,
                action="record.acknowledge",
                entity="restricted_record",
                entity_id=record_id,
                before={"acknowledged_on": before},
                after={"acknowledged_on": on},
            )
            announce(session.connection(), _TABLES)

    try:
        _refusals(run)
    except StaleDataError:
        raise UserError(f"restricted record {record_id} was changed meanwhile") from None


def _line(row: RestrictedRecord, agent: str) -> RecordLine:
    return RecordLine(
        record_id=row.id,
        agent_id=row.agent_id,
        agent_name=agent,
        kind=row.kind,
        text=row.text,
        issued_on=row.issued_on,
        review_on=row.review_on,
        acknowledged_on=row.acknowledged_on,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        version=row.version,
    )
