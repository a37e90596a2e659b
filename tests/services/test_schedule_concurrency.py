"""Several planners at once, on both engines: no lost update, no overlap, nothing silently lost.

Each writer is a thread with its own sessions (one per load and one per save),
as two consoles would be.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from test_schedule_world import (
    ANN,
    MONDAY,
    PLANNER_A,
    PLANNER_B,
    at,
    make_site,
    shift,
)

from supervisor_app.domain import schedule_edits as edits
from supervisor_app.domain.schedule_types import ScheduleWeek
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.schedules import SaveResult, load_week, save_week
from supervisor_app.store.engine import make_engine, make_session_factory
from supervisor_app.store.models import AuditEntry, Shift

WRITERS, EDITS, SHARED = 20, 100, 10


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    open_database(db_url).close()  # migrate
    engine = make_engine(db_url, pool_size=WRITERS + 2, max_overflow=0)
    database = Database(db_url, engine, make_session_factory(engine))
    make_site(database, agents=SHARED)
    yield database
    database.close()


def overlaps(db: Database) -> int:
    """Pairs of one agent's shifts that overlap, counted by SQL, independent of the service."""
    a, b = aliased(Shift), aliased(Shift)
    with db.sessions() as s:
        query = (
            select(func.count())
            .select_from(a)
            .join(b, (a.agent_id == b.agent_id) & (a.id < b.id))
            .where(a.starts_at < b.ends_at, b.starts_at < a.ends_at)
        )
        return int(s.scalar(query) or 0)


def race(db: Database, week: ScheduleWeek, edits_by: dict[str, ScheduleWeek]) -> list[SaveResult]:
    """Each planner's save in its own thread, released at the same moment."""
    barrier = threading.Barrier(len(edits_by))
    results: list[SaveResult] = []

    def save(name: str, edited: ScheduleWeek) -> None:
        barrier.wait()
        results.append(save_week(db, week, edited, name))

    threads = [threading.Thread(target=save, args=item) for item in edits_by.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_sessions_adding_overlapping_shifts_at_the_same_moment(db: Database) -> None:
    """Mon 20:00–Tue 02:00 and Tue 01:00–05:00 are in different cells, so only the
    serialised overlap check can stop the second: exactly one commits, every round."""
    for round_ in range(6):
        week = load_week(db, MONDAY)
        evening = shift(ANN, 0, "20:00", "23:45")
        first = edits.resize_shift(
            edits.add_shift(week, evening), evening.key, ends_at=at(1, "02:00")
        )
        night = edits.add_shift(week, shift(ANN, 1, "01:00", "05:00"))
        results = race(db, week, {PLANNER_A: first, PLANNER_B: night})
        saved = [r for r in results if r.saved_ids]
        refused = [r for r in results if r.conflicts]
        assert (len(saved), len(refused)) == (1, 1), round_
        assert refused[0].conflicts[0].kind == "overlap"
        assert overlaps(db) == 0
        final = load_week(db, MONDAY)
        assert len(final.shifts) == 1
        cleared = edits.delete_shift(final, final.shifts[0].key)
        assert save_week(db, final, cleared, PLANNER_A).conflicts == ()


def test_twenty_writers_read_modify_write_without_lost_updates(db: Database) -> None:
    """20 threads x 100 edits on 10 shared Monday-evening shifts: each edit moves a shift
    1 minute later, or (every tenth) adds a Tuesday 01:00 shift inside it, which must be
    refused. The final start of
    every shift is its first start plus one minute per committed move: a lost update
    would leave it earlier."""
    week = load_week(db, MONDAY)
    seeded = week
    for agent in range(1, SHARED + 1):
        evening = shift(agent, 0, "20:00", "23:00")
        seeded = edits.add_shift(seeded, evening)
        seeded = edits.resize_shift(seeded, evening.key, ends_at=at(1, "02:00"))
    assert save_week(db, week, seeded, PLANNER_A).conflicts == ()
    start = {s.agent_id: s.starts_at for s in load_week(db, MONDAY).shifts}
    committed: Counter[int] = Counter()
    refused = Counter[str]()
    lock = threading.Lock()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        rng = random.Random(n)
        try:
            for i in range(EDITS):
                loaded = load_week(db, MONDAY)
                agent = rng.randint(1, SHARED)
                mine = next(s for s in loaded.shifts if s.agent_id == agent)
                if i % 10 == 9:
                    # Tue 01:00 is another cell, but inside the Monday evening shift.
                    edited = edits.add_shift(loaded, shift(agent, 1, "01:00", "03:00"))
                else:
                    edited = edits.move_shift(loaded, mine.key, timedelta(minutes=1))
                result = save_week(db, loaded, edited, f"writer{n}")
                with lock:
                    if result.conflicts:
                        refused[result.conflicts[0].kind] += 1
                    elif i % 10 == 9:
                        errors.append(AssertionError(f"overlap committed by writer {n}"))
                    else:
                        committed[agent] += 1
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert errors == []
    final = load_week(db, MONDAY)
    assert len(final.shifts) == SHARED
    for s in final.shifts:
        assert s.starts_at == start[s.agent_id] + timedelta(minutes=committed[s.agent_id])
        assert s.version == 1 + committed[s.agent_id]
    with db.sessions() as ses:
        updates = ses.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "shift.update")
        )
    assert updates == sum(committed.values())
    assert sum(committed.values()) + sum(refused.values()) == WRITERS * EDITS
    assert refused["overlap"] >= 1 and overlaps(db) == 0
    print(f"committed {sum(committed.values())}, refused {dict(refused)}")


def test_two_planners_saving_the_same_shift_at_once(db: Database) -> None:
    """Both loaded the same version; released together, one wins and the other is told
    who changed it; the winner's edit is what the database holds."""
    week = load_week(db, MONDAY)
    assert save_week(db, week, edits.add_shift(week, shift(ANN, 2, "09:00", "13:00")), "x").created
    for _ in range(4):
        week = load_week(db, MONDAY)
        key = week.shifts[0].key
        later = edits.move_shift(week, key, timedelta(minutes=30))
        shorter = edits.resize_shift(
            week, key, ends_at=week.shifts[0].ends_at - timedelta(minutes=15)
        )
        results = race(db, week, {PLANNER_A: later, PLANNER_B: shorter})
        (winner,) = [r for r in results if r.saved_ids]
        (loser,) = [r for r in results if r.conflicts]
        (conflict,) = loser.conflicts
        assert conflict.kind == "changed" and conflict.changed_by in {PLANNER_A, PLANNER_B}
        expected = later if conflict.changed_by == PLANNER_A else shorter
        now = load_week(db, MONDAY)
        assert [(s.starts_at, s.ends_at) for s in now.shifts] == [
            (s.starts_at, s.ends_at) for s in expected.shifts
        ]
        assert winner.updated == (now.shifts[0].id,)
