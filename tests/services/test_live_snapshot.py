"""The live snapshot on a hand-made floor, on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from supervisor_app.domain.enums import ActivityKind, AgentState, Channel, Outcome, ShiftStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.services.contact_sums import sums_by_queue
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live import take_snapshot
from supervisor_app.store.models import (
    AdherenceApproval,
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


def test_approved_mismatch_counts_as_in_adherence(db: Database) -> None:
    build_floor(db)
    with db.sessions() as s:
        bob = s.scalars(select(Agent).where(Agent.name == "Bob")).one()
        # Approved from when his break ended (13:45) to now: the whole mismatch.
        s.add(
            AdherenceApproval(
                agent_id=bob.id,
                starts_at=ago(15),
                ends_at=NOW,
                reason="Fire drill",
                approved_by="ana@ws-2",
            )
        )
        s.commit()  # fmt: skip
    agents = {a.name: a for a in take_snapshot(db, now=NOW).agents}
    assert agents["Bob"].adherence.in_adherence and agents["Bob"].approved_by == "ana@ws-2"
    assert agents["Ann"].approved_by is None


def test_wrap_up_shows_the_contact_being_wrapped(db: Database) -> None:
    build_floor(db)
    with db.sessions() as s:
        cat = s.scalars(select(Agent).where(Agent.name == "Cat")).one()
        billing = s.scalars(select(Queue).where(Queue.name == "Billing")).one()
        span = s.scalars(select(AgentStateSpan).where(AgentStateSpan.agent_id == cat.id)).one()
        span.ended_at = ago(1)
        s.add_all([
            AgentStateSpan(agent_id=cat.id, state=AgentState.WRAP_UP, started_at=ago(1)),
            Contact(queue_id=billing.id, source="t", external_id="old-call", agent_id=cat.id,
                    arrived_at=ago(30), answered_at=ago(29), ended_at=ago(25),
                    wrap_ended_at=ago(24), outcome=Outcome.ANSWERED),
            Contact(queue_id=billing.id, source="t", external_id="wrapping", agent_id=cat.id,
                    arrived_at=ago(8), answered_at=ago(7), ended_at=ago(1),
                    outcome=Outcome.ANSWERED),
        ])  # fmt: skip
        s.commit()
    snap = take_snapshot(db, now=NOW)
    cat_row = {a.name: a for a in snap.agents}["Cat"]
    assert (cat_row.state, cat_row.contact_queue) == (AgentState.WRAP_UP, "Billing")
    billing_row = {q.name: q for q in snap.queues}["Billing"]
    assert (billing_row.wrap_up, billing_row.staffed) == (1, 2)


def test_today_stays_exact_across_refreshes(db: Database) -> None:
    """Today's running sums equal a fresh sum after every kind of change, refresh after refresh."""
    build_floor(db)
    with db.sessions() as s:
        sales = s.scalars(select(Queue).where(Queue.name == "Sales")).one().id

    def check(now: datetime) -> None:
        snap = take_snapshot(db, now=now)
        with db.sessions() as s:
            fresh = sums_by_queue(s, snap.day_start, now + timedelta(microseconds=1))
        got = {q.queue_id: q.today for q in snap.queues if q.today.offered}
        assert got == fresh

    def change(**values: object) -> None:
        with db.sessions() as s:
            contact = s.scalars(select(Contact).where(Contact.external_id == values.pop("ext")))
            row = contact.one()
            for name, value in values.items():
                setattr(row, name, value)
            s.commit()

    def arrive(ext: str, at: datetime) -> None:
        with db.sessions() as s:
            s.add(Contact(queue_id=sales, source="t", external_id=ext, arrived_at=at))
            s.commit()

    check(NOW)
    later = NOW + timedelta(minutes=10)
    # w1 is answered and finished; w2 abandons; a new caller arrives.
    change(ext="w1", answered_at=ago(1), ended_at=ago(-3), wrap_ended_at=ago(-4),
           outcome=Outcome.ANSWERED)  # fmt: skip
    change(ext="w2", ended_at=ago(-1), outcome=Outcome.ABANDONED)
    arrive("n1", ago(-5))
    check(later)
    # Stored late: arrived 20 minutes ago, behind the watermark.
    arrive("late", ago(-10) - timedelta(minutes=20))
    check(later + timedelta(minutes=1))
    # The talking contact ends (wrap-up still open), then its wrap-up ends.
    change(ext="talk", ended_at=later, outcome=Outcome.TRANSFERRED)
    check(later + timedelta(minutes=2))
    change(ext="talk", wrap_ended_at=later + timedelta(minutes=2))
    check(later + timedelta(minutes=3))
    # The clock going back (another `now`) still gives the right figures.
    check(NOW)
