"""What must hold in any database the simulator wrote, checked with plain SQL.

``assert_invariants`` is shared with the live tests (``test_live_sim.py``),
which check the same rules across the seed → live boundary.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import pairwise

import pytest
from sqlalchemy import text

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database

UNTIL = datetime(2026, 3, 4, 13, 0, tzinfo=UTC)


def _utc(value: datetime | str | None) -> datetime | None:
    """Rows read with text() come back as text on SQLite and aware datetimes on PostgreSQL."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def assert_spans_tile(db: Database) -> None:
    """Per agent: spans ordered, each ending where the next starts, only the last one open."""
    spans: dict[int, list[tuple]] = defaultdict(list)
    for agent, state, started, ended in _rows(
        db, "SELECT agent_id, state, started_at, ended_at FROM agent_state_spans ORDER BY id"
    ):
        spans[agent].append((_utc(started), _utc(ended), state))
    agents = {a for (a,) in _rows(db, "SELECT id FROM agents")}
    assert set(spans) == agents, "every agent has state spans"
    for agent, items in spans.items():
        items.sort(key=lambda s: (s[0], s[1] is None, s[1]))
        for (s1, e1, st1), (s2, _, st2) in pairwise(items):
            assert e1 is not None, f"agent {agent}: an open span ({st1}) is not the last"
            assert s1 <= e1 == s2, f"agent {agent}: {st1} {s1}..{e1} then {st2} from {s2}"
        assert items[-1][1] is None, f"agent {agent}: the latest span is closed"


def assert_contacts_ordered(db: Database) -> None:
    """arrived ≤ answered ≤ ended ≤ wrap-ended; abandons without agent; answers with one."""
    for cid, arrived, answered, ended, wrapped, outcome, agent in _rows(
        db,
        "SELECT id, arrived_at, answered_at, ended_at, wrap_ended_at, outcome, agent_id "
        "FROM contacts",
    ):
        arrived, answered, ended, wrapped = map(_utc, (arrived, answered, ended, wrapped))
        if outcome in ("abandoned", "timed_out"):
            assert agent is None and answered is None and ended is not None, cid
            assert arrived <= ended, cid
            continue
        if answered is None:
            assert outcome is None and ended is None and agent is None, cid
            continue
        assert agent is not None, cid
        assert arrived <= answered, cid
        if ended is not None:
            assert answered <= ended, cid
            assert outcome in ("answered", "transferred"), cid
        if wrapped is not None:
            assert ended is not None and ended <= wrapped, cid


def assert_served_by_rules(db: Database) -> None:
    """Answered inside a shift, outside its breaks, by a skilled agent, one contact at a time."""
    shifts: dict[int, list[tuple]] = defaultdict(list)
    for sid, agent, start, end in _rows(
        db, "SELECT id, agent_id, starts_at, ends_at FROM shifts WHERE status = 'published'"
    ):
        shifts[agent].append((sid, _utc(start), _utc(end)))
    activities: dict[int, list[tuple]] = defaultdict(list)
    for sid, start, end in _rows(db, "SELECT shift_id, starts_at, ends_at FROM shift_activities"):
        activities[sid].append((_utc(start), _utc(end)))
    skills = set(_rows(db, "SELECT agent_id, queue_id FROM agent_skills"))
    handled: dict[int, list[tuple]] = defaultdict(list)
    for cid, queue, agent, answered, wrapped in _rows(
        db,
        "SELECT id, queue_id, agent_id, answered_at, wrap_ended_at FROM contacts "
        "WHERE answered_at IS NOT NULL",
    ):
        answered = _utc(answered)
        assert (agent, queue) in skills, f"contact {cid}: agent {agent} lacks queue {queue}"
        inside = [s for s in shifts[agent] if s[1] <= answered < s[2]]
        assert inside, f"contact {cid} answered at {answered} outside agent {agent}'s shifts"
        for start, end in activities[inside[0][0]]:
            assert not start <= answered < end, f"contact {cid} answered during a break"
        handled[agent].append((answered, _utc(wrapped), cid))
    for agent, items in handled.items():
        items.sort()
        for (_, wrapped, cid), (answered, _, nxt) in pairwise(items):
            assert wrapped is not None and wrapped <= answered, (
                f"agent {agent} answered {nxt} before finishing {cid}"
            )


def assert_invariants(db: Database) -> None:
    assert_spans_tile(db)
    assert_contacts_ordered(db)
    assert_served_by_rules(db)


@pytest.fixture
def seeded(db_url: str) -> Iterator[Database]:
    db = open_database(db_url)
    seed_demo(db, days=2, agents=12, queues=3, seed=5, until=UNTIL)
    yield db
    db.close()


def test_seeded_history_keeps_every_invariant(seeded: Database) -> None:
    assert_invariants(seeded)


def test_seed_writes_related_rows(seeded: Database) -> None:
    counts = dict(
        _rows(
            seeded,
            "SELECT 'contacts', COUNT(*) FROM contacts UNION ALL "
            "SELECT 'surveys', COUNT(*) FROM survey_responses UNION ALL "
            "SELECT 'forecasts', COUNT(*) FROM forecasts UNION ALL "
            "SELECT 'activities', COUNT(*) FROM shift_activities UNION ALL "
            "SELECT 'escalated', COUNT(*) FROM contacts WHERE escalated",
        )
    )
    assert counts["contacts"] > 300
    assert counts["surveys"] > 0 and counts["activities"] > 0
    # 2 seeded days + 7 planned ahead, 3 queues, 96 quarter-hours (no DST change in March 2-12).
    assert counts["forecasts"] == 9 * 3 * 96
    (orphans,) = _rows(
        seeded,
        "SELECT COUNT(*) FROM escalations e JOIN contacts c ON c.id = e.contact_id "
        "WHERE NOT c.escalated OR c.answered_at IS NULL",
    )
    assert orphans == (0,)
