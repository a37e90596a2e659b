"""The demo's training record: everyone covered but one lapsed agent, some expiring soon."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from supervisor_app.domain.schedule_rule_types import Rule
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.people import training_due
from supervisor_app.services.schedules import check_schedule

UNTIL = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)  # a Monday; London is on UTC in December
TODAY = date(2026, 12, 7)
DAYS = 21


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    seed_demo(database, days=DAYS, agents=16, queues=4, seed=5, until=UNTIL)
    yield database
    database.close()


def test_one_lapsed_agent_some_expiring_soon_everyone_else_covered(db: Database) -> None:
    due = training_due(db, TODAY, 30)
    overdue = [d for d in due if d.overdue]
    # Sales compliance holds 180 days; the lapsed agent took it 190 days ago: expired 10 days ago
    assert [(d.course, d.expires_on) for d in overdue] == [
        ("Sales compliance", TODAY - timedelta(days=10))
    ]
    soon = [d for d in due if not d.overdue]
    assert soon and all(TODAY < d.expires_on <= TODAY + timedelta(days=30) for d in soon)
    with db.engine.connect() as conn:
        required_pairs = conn.execute(
            text(
                "SELECT count(DISTINCT s.agent_id || '-' || r.course_id) FROM agent_skills s "
                "JOIN training_requirements r ON r.queue_id = s.queue_id"
            )
        ).scalar_one()
    assert len(due) < required_pairs / 4  # not a sea of red: most hold for over 30 days


def test_the_schedule_flags_only_the_lapsed_agent_this_week_and_none_in_the_past(
    db: Database,
) -> None:
    lapsed = {d.agent_id for d in training_due(db, TODAY, 30) if d.overdue}
    this_week = [v for v in check_schedule(db, TODAY) if v.rule is Rule.TRAINING]
    assert this_week and {v.agent_id for v in this_week} == lapsed
    assert all("Sales compliance expired on 2026-11-27" in v.message for v in this_week)
    history_week = TODAY - timedelta(days=DAYS)  # the first seeded week, before the lapse
    assert [v for v in check_schedule(db, history_week) if v.rule is Rule.TRAINING] == []
