"""``seed_demo`` on both engines: deterministic, all-or-nothing, refuses to mix with history."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from supervisor_app.domain.errors import UserError
from supervisor_app.ingest.simulator import SeedSummary, seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.store.models import AgentStateSpan, Contact, Forecast, Shift, SurveyResponse

UNTIL = datetime(2026, 3, 4, 13, 0, tzinfo=UTC)
SMALL = {"days": 2, "agents": 12, "queues": 3, "seed": 5, "until": UNTIL}


def _dump(db: Database) -> dict[str, list[tuple]]:
    """Every simulated row, read through the ORM so both engines give the same Python values."""
    columns = {
        "contacts": [getattr(Contact, c.key) for c in Contact.__table__.c],
        "spans": [getattr(AgentStateSpan, c.key) for c in AgentStateSpan.__table__.c],
        "surveys": [getattr(SurveyResponse, c.key) for c in SurveyResponse.__table__.c],
        "shifts": [Shift.id, Shift.agent_id, Shift.starts_at, Shift.ends_at],
        "forecasts": [Forecast.queue_id, Forecast.interval_start, Forecast.volume],
    }
    with db.sessions() as session:
        return {
            name: [tuple(row) for row in session.execute(select(*cols).order_by(cols[0]))]
            for name, cols in columns.items()
        }


def _schema(db: Database) -> tuple[set, set]:
    """Index and foreign-key names: the seed drops some while loading and must put them back."""
    with db.engine.connect() as conn:
        insp = inspect(conn)
        tables = insp.get_table_names()
        indexes = {(t, i["name"]) for t in tables for i in insp.get_indexes(t)}
        keys = {(t, k["name"]) for t in tables for k in insp.get_foreign_keys(t)}
    return indexes, keys


def test_same_seed_gives_the_same_rows_on_either_engine(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    reference = open_database(f"sqlite:///{tmp_path / 'reference.db'}")
    try:
        schema = _schema(db)
        summary = seed_demo(db, **SMALL)
        seed_demo(reference, **SMALL)
        rows = _dump(db)
        assert rows == _dump(reference)
        assert summary.contacts == len(rows["contacts"]) > 0
        assert summary.state_spans == len(rows["spans"])
        assert _schema(db) == schema, "indexes and foreign keys are back after the load"
    finally:
        db.close()
        reference.close()


def test_other_seed_other_history(tmp_path: Path) -> None:
    a = open_database(f"sqlite:///{tmp_path / 'a.db'}")
    b = open_database(f"sqlite:///{tmp_path / 'b.db'}")
    try:
        seed_demo(a, **SMALL)
        seed_demo(b, **(SMALL | {"seed": 6}))
        assert _dump(a)["contacts"] != _dump(b)["contacts"]
    finally:
        a.close()
        b.close()


def test_refuses_a_database_with_contacts_and_changes_nothing(db_url: str) -> None:
    db = open_database(db_url)
    try:
        seed_demo(db, **SMALL)
        before = _dump(db)
        with pytest.raises(UserError, match="already holds contacts"):
            seed_demo(db, **SMALL)
        assert _dump(db) == before
    finally:
        db.close()


def test_later_inserts_get_fresh_ids(db_url: str) -> None:
    db = open_database(db_url)
    try:
        seed_demo(db, **SMALL)
        with db.sessions() as session:
            highest = session.scalar(select(Contact.id).order_by(Contact.id.desc()).limit(1))
            queue_id = session.scalar(select(Contact.queue_id).limit(1))
            contact = Contact(queue_id=queue_id, source="test", external_id="x", arrived_at=UNTIL)
            session.add(contact)
            session.commit()
            assert highest is not None and contact.id > highest
    finally:
        db.close()


def test_reports_progress_up_to_one(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    seen: list[float] = []
    try:
        summary = seed_demo(db, **(SMALL | {"days": 3}), progress=seen.append)
    finally:
        db.close()
    assert isinstance(summary, SeedSummary) and summary.days == 3
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 3


@pytest.mark.parametrize(
    ("field", "value"),
    [("days", 0), ("days", 367), ("agents", 0), ("agents", 5001), ("queues", 0), ("queues", 51)],
)
def test_rejects_sizes_out_of_range(sqlite_url: str, field: str, value: int) -> None:
    db = open_database(sqlite_url)
    try:
        with pytest.raises(UserError, match=field):
            seed_demo(db, **(SMALL | {field: value}))
    finally:
        db.close()
