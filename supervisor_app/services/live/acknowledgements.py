"""Alert acknowledgements shared by every console: who saw which alert, when, and a note.

Each console works its alerts out from its own snapshots; acknowledging one
stores (subject, metric) with who, when and an optional note, and announces
it, so the other consoles refresh and show it acknowledged within the live
latency. A console started later reads the recent ones, so an acknowledgement
survives a restart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.services.live.stamp import database_stamp
from supervisor_app.store.changes import announce
from supervisor_app.store.models import AlertAcknowledgement

NOTE_MAX = 500
SUBJECT_MAX = 120
MEMORY = timedelta(hours=12)  # how far back a console looks: a long shift


@dataclass(frozen=True, slots=True)
class AlertKey:
    """An alert as every console names it: its subject and metric, and when it was raised."""

    subject: str
    metric: str
    raised_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    subject: str
    metric: str
    acknowledged_at: datetime
    acknowledged_by: str
    note: str | None


def acknowledge_alerts(
    db: Database, alerts: Sequence[AlertKey], actor: str, note: str | None = None
) -> list[Acknowledgement]:
    """Store that ``actor`` has seen ``alerts``; one transaction, announced to every console."""
    text = (note or "").strip() or None
    if text is not None and len(text) > NOTE_MAX:
        raise UserError(f"note: at most {NOTE_MAX} characters, got {len(text)}")
    if not alerts:
        return []
    with db.sessions() as session:
        # On a shared PostgreSQL the database records the login and its clock (0019):
        # send exactly those (the same transaction's now()), so the rows returned are
        # the rows stored without reading each one back.
        who, now = database_stamp(session, AlertAcknowledgement.__tablename__, actor[:120])
        rows = [
            AlertAcknowledgement(
                subject=a.subject[:SUBJECT_MAX],
                metric=a.metric[:40],
                raised_at=a.raised_at,
                acknowledged_at=now,
                acknowledged_by=who,
                note=text,
            )
            for a in alerts
        ]
        session.add_all(rows)
        session.flush()
        announce(session.connection(), ["alert_acknowledgements"])
        session.commit()
        return [_plain(r) for r in rows]


def recent_acknowledgements(db: Database, now: datetime | None = None) -> list[Acknowledgement]:
    """Acknowledgements of the last ``MEMORY`` (12 hours), oldest first."""
    since = (now or datetime.now(UTC)) - MEMORY
    query = (
        select(AlertAcknowledgement)
        .where(AlertAcknowledgement.acknowledged_at >= since)
        .order_by(AlertAcknowledgement.acknowledged_at, AlertAcknowledgement.id)
    )
    with db.sessions() as session:
        return [_plain(r) for r in session.scalars(query)]


def _plain(row: AlertAcknowledgement) -> Acknowledgement:
    return Acknowledgement(
        row.subject, row.metric, row.acknowledged_at, row.acknowledged_by, row.note
    )
