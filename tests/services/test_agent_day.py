"""One agent's day: states, schedule, contacts, exceptions and approvals, on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from supervisor_app.domain.enums import ActivityKind, AgentState, Channel, Outcome, ShiftStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live import agent_day, approve_exception, take_snapshot
from supervisor_app.store.models import (
    AdherenceApproval,
    Agent,
    AgentSkill,
    AgentStateSpan,
    AuditEntry,
    Contact,
    Queue,
    Shift,
    ShiftActivity,
    Site,
    Team,
)

DAY = datetime(2026, 11, 25, tzinfo=UTC)  # GMT: London local time is UTC
NOW = DAY + timedelta(hours=10, minutes=25)
ANA = "ana@ws-2"


def t(hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return DAY + timedelta(hours=h, minutes=m)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def bob(db: Database) -> int:
    """Bob: shift 09:00–17:00 with a break 10:00–10:15, logged in at 08:55, still on break."""
    with db.sessions() as s:
        site = Site(name="North", timezone="Europe/London")
        queue = Queue(site=site, name="Sales", channel=Channel.VOICE)
        bob = Agent(employee_code="B2", name="Bob", team=Team(site=site, name="Voice A"))
        s.add_all([site, queue, bob])
        s.flush()
        s.add(AgentSkill(agent_id=bob.id, queue_id=queue.id))
        shift = Shift(
            agent_id=bob.id, starts_at=t("09:00"), ends_at=t("17:00"), status=ShiftStatus.PUBLISHED
        )
        shift.activities.append(
            ShiftActivity(kind=ActivityKind.BREAK, starts_at=t("10:00"), ends_at=t("10:15"))
        )
        s.add(shift)
        # A draft is not the schedule.
        s.add(
            Shift(
                agent_id=bob.id, starts_at=t("06:00"), ends_at=t("08:00"), status=ShiftStatus.DRAFT
            )
        )
        s.add_all([
            AgentStateSpan(agent_id=bob.id, state=AgentState.OFFLINE,
                           started_at=t("18:00") - timedelta(days=1), ended_at=t("08:55")),
            AgentStateSpan(agent_id=bob.id, state=AgentState.AVAILABLE, started_at=t("08:55"),
                           ended_at=t("09:30")),
            AgentStateSpan(agent_id=bob.id, state=AgentState.ON_CONTACT, started_at=t("09:30"),
                           ended_at=t("09:34")),
            AgentStateSpan(agent_id=bob.id, state=AgentState.WRAP_UP, started_at=t("09:34"),
                           ended_at=t("09:35")),
            AgentStateSpan(agent_id=bob.id, state=AgentState.AVAILABLE, started_at=t("09:35"),
                           ended_at=t("10:00")),
            AgentStateSpan(agent_id=bob.id, state=AgentState.BREAK, started_at=t("10:00")),
            Contact(queue_id=queue.id, source="t", external_id="c1", agent_id=bob.id,
                    arrived_at=t("09:29"), answered_at=t("09:30"), ended_at=t("09:34"),
                    wrap_ended_at=t("09:35"), outcome=Outcome.ANSWERED),
            Contact(queue_id=queue.id, source="t", external_id="old", agent_id=bob.id,
                    arrived_at=t("09:29") - timedelta(days=1),
                    answered_at=t("09:30") - timedelta(days=1), outcome=Outcome.ANSWERED),
        ])  # fmt: skip
        s.commit()
        return bob.id


def test_day_so_far_by_hand(db: Database, bob: int) -> None:
    day = agent_day(db, bob, now=NOW)
    assert (day.name, day.team, day.timezone) == ("Bob", "Voice A", "Europe/London")
    assert (day.day_start, day.day_end) == (DAY, DAY + timedelta(days=1))
    # Yesterday's offline span is clipped to midnight; the open break ends now.
    first = day.states[0]
    assert (first.start, first.end, first.state) == (DAY, t("08:55"), AgentState.OFFLINE)
    assert (day.states[-1].start, day.states[-1].end) == (t("10:00"), NOW)
    assert [(s.start, s.end, s.activity) for s in day.schedule] == [
        (t("09:00"), t("10:00"), None),
        (t("10:00"), t("10:15"), ActivityKind.BREAK),
        (t("10:15"), t("17:00"), None),
    ]
    assert [(c.id > 0, c.queue, c.answered_at) for c in day.contacts] == [
        (True, "Sales", t("09:30"))
    ]
    # Logged in 5 minutes before the shift (off shift, so outside the ratio) and 10 minutes
    # late back from break.
    assert [(e.start, e.end, e.actual) for e in day.exceptions] == [
        (t("08:55"), t("09:00"), AgentState.AVAILABLE),
        (t("10:15"), NOW, AgentState.BREAK),
    ]
    assert day.exceptions[0].expected == (AgentState.OFFLINE,)
    assert day.exceptions[1].expected == (
        AgentState.AVAILABLE, AgentState.ON_CONTACT, AgentState.WRAP_UP,
    )  # fmt: skip
    assert all(e.approved_by is None for e in day.exceptions)
    # Scheduled 09:00–10:25 = 85 minutes, 10 of them out of adherence.
    assert day.adherence == pytest.approx(75 / 85)


def test_approval_raises_adherence_and_flips_the_snapshot(db: Database, bob: int) -> None:
    before = {a.agent_id: a for a in take_snapshot(db, now=NOW).agents}[bob]
    assert not before.adherence.in_adherence and before.adherence.minutes_out == pytest.approx(10)
    assert before.approved_by is None

    approve_exception(db, bob, t("10:15"), NOW, "  Helping with the fire drill ", ANA)

    day = agent_day(db, bob, now=NOW)
    late = day.exceptions[1]
    assert (late.approved_by, late.approved_reason) == (ANA, "Helping with the fire drill")
    assert day.exceptions[0].approved_by is None  # not covered
    assert day.adherence == pytest.approx(1.0)  # 85 of 85 minutes

    after = {a.agent_id: a for a in take_snapshot(db, now=NOW).agents}[bob]
    assert after.adherence.in_adherence and after.adherence.minutes_out == 0.0
    assert after.approved_by == ANA
    # Still on break five minutes later: the approval no longer covers the mismatch.
    later = {a.agent_id: a for a in take_snapshot(db, now=NOW + timedelta(minutes=5)).agents}
    assert not later[bob].adherence.in_adherence and later[bob].approved_by is None

    with db.sessions() as s:
        approval = s.scalars(select(AdherenceApproval)).one()
        assert (approval.agent_id, approval.starts_at, approval.ends_at) == (bob, t("10:15"), NOW)
        entry = s.scalars(select(AuditEntry)).one()
    assert (entry.actor, entry.action, entry.entity, entry.entity_id) == (
        ANA, "approve", "adherence_approval", str(approval.id),
    )  # fmt: skip
    assert entry.before is None and entry.after is not None
    assert entry.after["starts_at"] == t("10:15").isoformat()
    assert entry.reason == "Helping with the fire drill"


def test_partial_approval_leaves_the_rest_out(db: Database, bob: int) -> None:
    approve_exception(db, bob, t("10:20"), NOW, "came back for a call", ANA)
    day = agent_day(db, bob, now=NOW)
    assert day.exceptions[1].approved_by is None
    assert day.adherence == pytest.approx(75 / 85)
    snap = {a.agent_id: a for a in take_snapshot(db, now=NOW).agents}
    assert not snap[bob].adherence.in_adherence


def test_bad_approvals_are_refused(db: Database, bob: int) -> None:
    with pytest.raises(UserError, match="why"):
        approve_exception(db, bob, t("10:15"), NOW, "   ", ANA)
    with pytest.raises(UserError, match="end after"):
        approve_exception(db, bob, NOW, t("10:15"), "reason", ANA)
    with pytest.raises(UserError, match="does not exist"):
        approve_exception(db, 9999, t("10:15"), NOW, "reason", ANA)
    with db.sessions() as s:
        assert s.scalars(select(AdherenceApproval)).all() == []
        assert s.scalars(select(AuditEntry)).all() == []


def test_unknown_agent_and_empty_schedule(db: Database, bob: int) -> None:
    with pytest.raises(UserError, match="does not exist"):
        agent_day(db, 9999, now=NOW)
    with db.sessions() as s:
        idle = Agent(employee_code="Z9", name="Zed", site=s.scalars(select(Site)).one())
        s.add(idle)
        s.commit()
        idle_id = idle.id
    day = agent_day(db, idle_id, now=NOW)
    assert (day.team, day.schedule, day.states, day.exceptions) == (None, (), (), ())
    assert day.adherence is None  # nothing scheduled: no ratio
