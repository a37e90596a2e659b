"""Fixtures for the schedule editor: a real database with a small London site, a worker
pool shut down before the databases close, and the tab itself, shown and loaded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from supervisor_app.domain.enums import ActivityKind, Channel
from supervisor_app.services.database import Database, open_database
from supervisor_app.store.models import Agent, AgentSkill, Queue, Shift, ShiftActivity, Site, Team
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules import SchedulesTab

ZONE = "Europe/London"
MONDAY = date(2026, 11, 30)  # GMT all week: local time = UTC
ANN, BEN, CID, DAN = 1, 2, 3, 4
PLANNER = "ana@ws-1"


def at(day: int, hh: int, mm: int = 0) -> datetime:
    """Local London wall-clock time on the ``day``-th day of the test week, as UTC."""
    local = datetime.combine(MONDAY + timedelta(days=day), time(hh, mm), tzinfo=ZoneInfo(ZONE))
    return local.astimezone(UTC)


def build_site(db: Database) -> None:
    """Two teams, four agents on 40-hour contracts; Ann works Monday 08:00–16:30."""
    with db.sessions() as s:
        site = Site(name="North", timezone=ZONE, interval_minutes=15)
        blue, red = Team(site=site, name="Blue"), Team(site=site, name="Red")
        sales = Queue(site=site, name="Sales", channel=Channel.VOICE)
        agents = [
            Agent(team=team, employee_code=f"E{i}", name=name, contracted_weekly_hours=Decimal(40))
            for i, (name, team) in enumerate(
                [("Ann Archer", blue), ("Ben Brook", blue), ("Cid Cole", red), ("Dan Dale", red)], 1
            )
        ]
        s.add_all([site, blue, red, sales, *agents])
        s.flush()
        assert [a.id for a in agents] == [ANN, BEN, CID, DAN]
        s.add(AgentSkill(agent_id=ANN, queue_id=sales.id))
        shift = Shift(agent_id=ANN, starts_at=at(0, 8), ends_at=at(0, 16, 30))
        shift.activities += [
            ShiftActivity(kind=ActivityKind.BREAK, starts_at=at(0, 10), ends_at=at(0, 10, 15)),
            ShiftActivity(kind=ActivityKind.LUNCH, starts_at=at(0, 12), ends_at=at(0, 12, 30)),
            ShiftActivity(kind=ActivityKind.BREAK, starts_at=at(0, 14, 30), ends_at=at(0, 14, 45)),
        ]
        s.add(shift)
        s.commit()


OpenDb = Callable[[str], Database]


@pytest.fixture
def open_db() -> Iterator[OpenDb]:
    opened: list[Database] = []

    def make(url: str) -> Database:
        db = open_database(url)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


@pytest.fixture
def pool(qtbot: QtBot, open_db: OpenDb) -> Iterator[Workers]:
    workers = Workers()
    yield workers
    workers.shutdown()


@pytest.fixture
def db(open_db: OpenDb, sqlite_url: str) -> Database:
    database = open_db(sqlite_url)
    build_site(database)
    return database


@pytest.fixture
def any_db(open_db: OpenDb, db_url: str) -> Database:
    """The same site on SQLite, then on the real PostgreSQL server."""
    database = open_db(db_url)
    build_site(database)
    return database


MakeTab = Callable[..., SchedulesTab]


@pytest.fixture
def make_tab(qtbot: QtBot, pool: Workers, tmp_path: Path) -> MakeTab:
    def make(database: Database, **kwargs: object) -> SchedulesTab:
        tab = SchedulesTab(
            pool,
            WindowSettings(tmp_path / f"window{id(database)}.ini"),
            actor=lambda: PLANNER,
            today=lambda: MONDAY,
            **kwargs,  # type: ignore[arg-type]
        )
        qtbot.addWidget(tab)
        tab.resize(1300, 700)
        tab.show()
        qtbot.waitExposed(tab)
        tab.set_database(database)
        qtbot.waitUntil(lambda: tab.draft.week is not None and not tab.loading, timeout=10_000)
        qtbot.waitUntil(lambda: not pool.busy(), timeout=10_000)
        return tab

    return make
