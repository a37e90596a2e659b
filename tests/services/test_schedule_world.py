"""A small site for the schedule service tests (imported by the other ``test_schedule_*``).

Europe/Paris, one team, three agents on 40-hour contracts; times are written
as local wall-clock times of the week of Monday 30 November 2026.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.domain.schedule_types import PlannedActivity, PlannedShift, ScheduleWeek
from supervisor_app.services.database import Database, open_database
from supervisor_app.store.models import Agent, AuditEntry, Site, Team

PARIS = "Europe/Paris"
MONDAY = date(2026, 11, 30)
ANN, BEN, CID = 1, 2, 3
PLANNER_A, PLANNER_B = "ana@ws-1", "bob@ws-2"


def at(day: int, hhmm: str) -> datetime:
    """Local Paris time on the ``day``-th day of the test week, as UTC."""
    h, m = map(int, hhmm.split(":"))
    local = datetime.combine(MONDAY + timedelta(days=day), time(h, m), tzinfo=ZoneInfo(PARIS))
    return local.astimezone(UTC)


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def shift(agent: int, d: int, start: str, end: str, *, lunch: str | None = None) -> PlannedShift:
    acts: tuple[PlannedActivity, ...] = ()
    if lunch is not None:
        lunch_at = at(d, lunch)
        acts = (PlannedActivity(ActivityKind.LUNCH, lunch_at, lunch_at + timedelta(minutes=30)),)
    return PlannedShift(agent, at(d, start), at(d, end), acts)


def make_site(db: Database, agents: int = 3) -> list[int]:
    with db.sessions() as s:
        site = Site(name="Lyon", timezone=PARIS, interval_minutes=15)
        team = Team(site=site, name="Blue")
        rows = [
            Agent(
                team=team,
                employee_code=f"E{i}",
                name=f"Agent {i}",
                contracted_weekly_hours=Decimal("40"),
                hourly_cost=Decimal("20"),
            )
            for i in range(1, agents + 1)
        ]
        s.add_all(rows)
        s.commit()
        return [a.id for a in rows]


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    ids = make_site(database)
    assert ids == [ANN, BEN, CID]
    yield database
    database.close()


def content(week: ScheduleWeek) -> list[tuple[object, ...]]:
    """The week's shifts as plain comparable values (no keys, ids or versions)."""
    return sorted(
        (
            s.agent_id,
            s.starts_at,
            s.ends_at,
            tuple(sorted((a.kind.value, a.starts_at, a.ends_at) for a in s.activities)),
        )
        for s in week.shifts
    )


def audit_actions(db: Database, entity: str = "shift") -> list[tuple[str, str, str | None]]:
    with db.sessions() as s:
        rows = s.scalars(
            select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
        )
        return [(r.actor, r.action, r.reason) for r in rows]
