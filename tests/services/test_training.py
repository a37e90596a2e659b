"""Training records on both engines: who is due, and the schedule check that follows them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_rule_types import Rule
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.people import (
    add_course,
    list_courses,
    record_completion,
    set_required_queues,
    training_due,
)
from supervisor_app.services.schedules import check_schedule
from supervisor_app.services.setup import list_agents, list_queues

TODAY = date(2026, 12, 7)
WEEK = date(2026, 11, 30)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    seed_demo(
        database,
        days=7,
        agents=10,
        queues=3,
        seed=2,
        until=datetime(2026, 12, 7, tzinfo=UTC),
        training=False,  # these tests build their own record
    )
    yield database
    database.close()


def _queue(db: Database, name: str) -> int:
    return int(next(q.id for q in list_queues(db) if q.name == name))


def test_due_lists_never_done_expired_and_soon_expiring(db: Database) -> None:
    voice = _queue(db, "Support voice")
    course = add_course(db, "Card payments", 365, [voice], "tester")
    assert course.queues == ("Support voice",)
    skilled = [a for a in list_agents(db) if "Support voice" in {s.queue for s in a.skills}]
    assert len(skilled) >= 3
    first, second, third = skilled[:3]
    record_completion(db, int(first.id), course.id, date(2025, 12, 20), "tester")  # expires 12-20
    record_completion(db, int(second.id), course.id, date(2025, 11, 1), "tester")  # expired 11-01
    record_completion(db, int(third.id), course.id, date(2026, 6, 1), "tester")  # holds to 2027
    due = {d.employee_code: d for d in training_due(db, TODAY, 30)}
    assert third.employee_code not in due
    assert due[first.employee_code].expires_on == date(2026, 12, 20)
    assert not due[first.employee_code].overdue
    assert due[second.employee_code].overdue and due[second.employee_code].expires_on == date(
        2026, 11, 1
    )
    never = [d for d in due.values() if d.expires_on is None]
    assert len(never) == len(skilled) - 3 and all(d.overdue for d in never)
    assert list(due.values())[-1].employee_code == first.employee_code  # not overdue: last


def test_schedule_check_flags_shifts_of_agents_without_the_training(db: Database) -> None:
    course = add_course(db, "Chat etiquette", None, [], "tester")
    assert [v for v in check_schedule(db, WEEK) if v.rule is Rule.TRAINING] == []
    set_required_queues(db, course.id, [_queue(db, "Support chat")], "tester")
    broken = [v for v in check_schedule(db, WEEK) if v.rule is Rule.TRAINING]
    chat = {int(a.id) for a in list_agents(db) if "Support chat" in {s.queue for s in a.skills}}
    assert broken and {v.agent_id for v in broken} <= chat
    trained = broken[0].agent_id
    record_completion(db, trained, course.id, date(2026, 1, 1), "tester")  # for good
    after = [v for v in check_schedule(db, WEEK) if v.rule is Rule.TRAINING]
    assert trained not in {v.agent_id for v in after}
    assert len(after) < len(broken)


def test_bad_courses_are_refused(db: Database) -> None:
    add_course(db, "Fraud", 30, [], "tester")
    with pytest.raises(UserError, match="exists already"):
        add_course(db, "Fraud", 30, [], "tester")
    with pytest.raises(UserError, match="valid days 0 refused"):
        add_course(db, "Other", 0, [], "tester")
    assert [c.name for c in list_courses(db)] == ["Fraud"]
