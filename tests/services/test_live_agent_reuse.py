"""Snapshots reuse the agent rows of the last one only while nothing they show has moved.

Each case takes snapshots in a row on one open database (whose rows are kept
between calls) and checks them against figures worked out by hand and against a
snapshot of a freshly opened database, which has nothing kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from test_live_snapshot import NOW, ago, build_floor

from supervisor_app.domain.enums import ActivityKind, AgentState
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live import take_snapshot
from supervisor_app.store.models import Agent, AgentStateSpan


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def _fresh_agents(url: str, now: object) -> tuple[object, ...]:
    other = open_database(url)
    try:
        return take_snapshot(other, now=now).agents  # type: ignore[arg-type]
    finally:
        other.close()


def test_a_state_change_between_snapshots_is_shown(db: Database) -> None:
    build_floor(db)
    first = {a.name: a for a in take_snapshot(db, now=NOW).agents}
    assert first["Ann"].state is AgentState.ON_CONTACT
    later = NOW + timedelta(minutes=1)
    with db.sessions.begin() as s:
        ann = s.scalar(select(Agent.id).where(Agent.name == "Ann"))
        s.execute(
            update(AgentStateSpan)
            .where(AgentStateSpan.agent_id == ann, AgentStateSpan.ended_at.is_(None))
            .values(ended_at=later)
        )
        s.add(AgentStateSpan(agent_id=ann, state=AgentState.AVAILABLE, started_at=later))
    snap = take_snapshot(db, now=later)
    agents = {a.name: a for a in snap.agents}
    assert agents["Ann"].state is AgentState.AVAILABLE and agents["Ann"].state_since == later
    assert agents["Ann"].contact_queue is None
    assert agents["Cat"] is first["Cat"]  # nothing of Cat's moved: the same row, reused
    assert snap.agents == _fresh_agents(db.url, later)


def test_time_out_of_adherence_keeps_counting(db: Database) -> None:
    build_floor(db)
    take_snapshot(db, now=NOW)
    later = NOW + timedelta(minutes=5)
    bob = next(a for a in take_snapshot(db, now=later).agents if a.name == "Bob")
    # On break since 13:30, break scheduled to end at 13:45: out since 13:45, 20 min at 14:05.
    assert bob.adherence.mismatch_since == ago(15)
    assert bob.adherence.minutes_out == pytest.approx(20.0)
    assert take_snapshot(db, now=later).agents == _fresh_agents(db.url, later)


def test_each_snapshot_reads_at_its_own_moment(db: Database) -> None:
    """The snapshot's statements are built once with the moment as a parameter: snapshots at
    two moments in one process must each see their own moment, not the first one's."""
    build_floor(db)
    at_break = ago(20)  # 13:40, inside Bob's break (13:30-13:45), before Ann answered (13:57)
    for now in (NOW, at_break, NOW):
        agents = {a.name: a for a in take_snapshot(db, now=now).agents}
        bob, ann = agents["Bob"], agents["Ann"]
        if now == at_break:
            assert bob.scheduled is ActivityKind.BREAK and bob.adherence.in_adherence
            assert ann.contact_id is None and ann.contact_queue is None
        else:
            assert bob.scheduled is None and bob.adherence.minutes_out == pytest.approx(15.0)
            assert ann.contact_queue == "Sales"
        assert take_snapshot(db, now=now).agents == _fresh_agents(db.url, now)
