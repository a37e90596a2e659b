"""The schema's behaviour on both engines: UTC timestamps, constraints, optimistic locking."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from supervisor_app.domain.enums import AgentState, Channel, Severity
from supervisor_app.services.database import Database, open_database, upgrade_database
from supervisor_app.store.models import (
    Agent,
    AgentStateSpan,
    Contact,
    Escalation,
    Queue,
    Site,
    SurveyResponse,
)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    upgrade_database(db_url)  # empty here (tests/store/conftest.py); migrated as by its owner
    database = open_database(db_url)
    yield database
    database.close()


def _site_queue_agent(session: Session) -> tuple[Site, Queue, Agent]:
    site = Site(name="North", timezone="Europe/London", interval_minutes=15)
    queue = Queue(site=site, name="Sales", channel=Channel.VOICE)
    agent = Agent(employee_code="A001", name="Ada Agent", site=site)
    session.add_all([site, queue, agent])
    session.flush()
    return site, queue, agent


def test_timestamps_come_back_as_the_same_utc_instant(db: Database) -> None:
    # 10:00 at UTC+02:00 is 08:00 UTC; an aware value must round-trip to that instant.
    arrived = datetime(2026, 3, 29, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    with db.sessions() as session:
        _, queue, _ = _site_queue_agent(session)
        session.add(Contact(queue=queue, source="t", external_id="1", arrived_at=arrived))
        session.commit()
    with db.sessions() as session:
        stored = session.scalars(select(Contact.arrived_at)).one()
    assert stored == datetime(2026, 3, 29, 8, 0, 0, 123456, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(0)


def test_naive_timestamps_are_refused(db: Database) -> None:
    with db.sessions() as session:
        _, queue, _ = _site_queue_agent(session)
        session.add(
            Contact(queue=queue, source="t", external_id="1", arrived_at=datetime(2026, 1, 1))
        )
        with pytest.raises(Exception, match="naive datetime"):
            session.flush()


def test_source_and_external_id_are_unique_together(db: Database) -> None:
    now = datetime.now(UTC)
    with db.sessions() as session:
        _, queue, _ = _site_queue_agent(session)
        session.add(Contact(queue=queue, source="asterisk", external_id="42", arrived_at=now))
        session.add(Contact(queue=queue, source="csv", external_id="42", arrived_at=now))
        session.flush()
        session.add(Contact(queue=queue, source="asterisk", external_id="42", arrived_at=now))
        with pytest.raises(IntegrityError):
            session.flush()


def test_an_agent_has_at_most_one_current_state(db: Database) -> None:
    now = datetime.now(UTC)
    with db.sessions() as session:
        _, _, agent = _site_queue_agent(session)
        session.add(AgentStateSpan(agent_id=agent.id, state=AgentState.AVAILABLE, started_at=now))
        session.add(
            AgentStateSpan(
                agent_id=agent.id,
                state=AgentState.BREAK,
                started_at=now - timedelta(hours=1),
                ended_at=now,
            )
        )
        session.flush()
        session.add(AgentStateSpan(agent_id=agent.id, state=AgentState.LUNCH, started_at=now))
        with pytest.raises(IntegrityError):
            session.flush()


def test_check_constraints_reject_impossible_values(db: Database) -> None:
    with db.sessions() as session:
        _, queue, _ = _site_queue_agent(session)
        contact = Contact(queue=queue, source="t", external_id="1", arrived_at=datetime.now(UTC))
        session.add(contact)
        session.flush()
        session.add(SurveyResponse(contact_id=contact.id, csat=6))
        with pytest.raises(IntegrityError):
            session.flush()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with db.sessions() as session:
        session.add(
            Contact(queue_id=999, source="t", external_id="1", arrived_at=datetime.now(UTC))
        )
        with pytest.raises(IntegrityError):
            session.flush()


def test_second_editor_of_an_escalation_is_refused(db: Database) -> None:
    with db.sessions() as session:
        session.add(Escalation(reason="Refund refused", severity=Severity.HIGH))
        session.commit()
    first, second = db.sessions(), db.sessions()
    with first, second:
        mine = first.scalars(select(Escalation)).one()
        theirs = second.scalars(select(Escalation)).one()
        mine.owner = "supervisor-a"
        first.commit()
        theirs.owner = "supervisor-b"
        with pytest.raises(StaleDataError):
            second.commit()
    with db.sessions() as session:
        kept = session.scalars(select(Escalation)).one()
        assert (kept.owner, kept.version) == ("supervisor-a", 2)
