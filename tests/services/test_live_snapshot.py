"""The live snapshot on a hand-made floor, on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from supervisor_app.domain.enums import ActivityKind, AgentState, Channel, Outcome, ShiftStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live_snapshot import take_snapshot
from supervisor_app.store.models import (
    Agent,
    AgentSkill,
    AgentStateSpan,
    Contact,
    Queue,
    Shift,
    ShiftActivity,
    Site,
    Team,
)

# 14:00 UTC on 25 November is 14:00 in London (GMT).
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def ago(minutes: float) -> datetime:
    return NOW - timedelta(minutes=minutes)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def build_floor(db: Database) -> None:
    with db.sessions() as s:
        site = Site(name="North", timezone="Europe/London")
        team = Team(site=site, name="Voice A")
        sales = Queue(site=site, name="Sales", channel=Channel.VOICE, waiting_red=2)
        billing = Queue(site=site, name="Billing", channel=Channel.VOICE)
        ann = Agent(employee_code="A1", name="Ann", team=team)
        bob = Agent(employee_code="B2", name="Bob", team=team)
        cat = Agent(employee_code="C3", name="Cat", team=team)
        s.add_all([site, team, sales, billing, ann, bob, cat])
        s.flush()
        s.add_all(
            [
                AgentSkill(agent_id=ann.id, queue_id=sales.id),
                AgentSkill(agent_id=bob.id, queue_id=sales.id),
                AgentSkill(agent_id=bob.id, queue_id=billing.id),
                AgentSkill(agent_id=cat.id, queue_id=billing.id),
                # Ann: talking to a Sales caller for 3 minutes.
                AgentStateSpan(agent_id=ann.id, state=AgentState.ON_CONTACT, started_at=ago(3)),
                # Bob: still on break 15 minutes after his break ended (13:45).
                AgentStateSpan(agent_id=bob.id, state=AgentState.BREAK, started_at=ago(30)),
                # Cat: logged off.
                AgentStateSpan(agent_id=cat.id, state=AgentState.OFFLINE, started_at=ago(600)),
            ]
        )
        shift = Shift(
            agent_id=bob.id,
            starts_at=ago(300),
            ends_at=NOW + timedelta(hours=3),
            status=ShiftStatus.PUBLISHED,
        )
        shift.activities.append(
            ShiftActivity(kind=ActivityKind.BREAK, starts_at=ago(30), ends_at=ago(15))
        )
        s.add(shift)
        s.add_all(
            [
                Contact(queue_id=sales.id, source="t", external_id="talk", agent_id=ann.id,
                        arrived_at=ago(4), answered_at=ago(3)),
                Contact(queue_id=sales.id, source="t", external_id="w1", arrived_at=ago(2)),
                Contact(queue_id=sales.id, source="t", external_id="w2", arrived_at=ago(0.5)),
                # Yesterday's abandon: not in today's counters.
                Contact(queue_id=sales.id, source="t", external_id="old", arrived_at=ago(24 * 60),
                        ended_at=ago(24 * 60 - 1), outcome=Outcome.ABANDONED),
            ]
        )  # fmt: skip
        s.commit()


def test_queues_and_agents_by_hand(db: Database) -> None:
    build_floor(db)
    snap = take_snapshot(db, now=NOW)
    queues = {q.name: q for q in snap.queues}
    sales, billing = queues["Sales"], queues["Billing"]
    assert (sales.waiting, sales.longest_wait_seconds(NOW)) == (2, 120.0)
    # Ann and Bob are skilled for Sales and logged in; only Ann is on a Sales contact.
    assert (sales.staffed, sales.available, sales.on_contact) == (2, 0, 1)
    assert sales.today.offered == 3  # the talking one and two waiting; yesterday's left out
    assert (billing.waiting, billing.staffed, billing.today.offered) == (0, 1, 0)
    assert sales.thresholds.waiting_red == 2

    agents = {a.name: a for a in snap.agents}
    assert agents["Ann"].contact_queue == "Sales" and agents["Ann"].state is AgentState.ON_CONTACT
    bob = agents["Bob"]
    assert bob.on_shift and bob.scheduled is None  # the break is over: productive time
    assert not bob.adherence.in_adherence
    assert bob.adherence.minutes_out == pytest.approx(15.0)
    assert agents["Cat"].adherence.in_adherence  # off shift and offline


def test_no_site_is_a_clear_message(db: Database) -> None:
    with pytest.raises(UserError, match="no site"):
        take_snapshot(db, now=NOW)
