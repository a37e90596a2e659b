"""Alert acknowledgements in the database, on both engines: stored, read back, announced."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live import AlertKey, acknowledge_alerts, recent_acknowledgements
from supervisor_app.store.models import AlertAcknowledgement


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def test_stored_with_who_when_and_note_and_read_back(db: Database) -> None:
    raised = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    before = datetime.now(UTC)
    stored = acknowledge_alerts(
        db,
        [AlertKey("Voice", "service_level", raised), AlertKey("Ann Lee", "adherence")],
        "ana@ws-2",
        "  on it  ",
    )
    assert [(a.subject, a.metric, a.acknowledged_by, a.note) for a in stored] == [
        ("Voice", "service_level", "ana@ws-2", "on it"),
        ("Ann Lee", "adherence", "ana@ws-2", "on it"),
    ]
    read = recent_acknowledgements(db)
    assert read == stored
    assert before <= read[0].acknowledged_at <= datetime.now(UTC)


def test_older_than_twelve_hours_are_forgotten(db: Database) -> None:
    acknowledge_alerts(db, [AlertKey("Voice", "waiting")], "ana@ws-2")
    with db.sessions.begin() as s:
        s.execute(
            update(AlertAcknowledgement).values(
                acknowledged_at=datetime.now(UTC) - timedelta(hours=12, minutes=1)
            )
        )
    assert recent_acknowledgements(db) == []


def test_a_long_note_is_refused_and_nothing_stored(db: Database) -> None:
    with pytest.raises(UserError, match="note: at most 500"):
        acknowledge_alerts(db, [AlertKey("Voice", "waiting")], "ana@ws-2", "x" * 501)
    assert recent_acknowledgements(db) == []
