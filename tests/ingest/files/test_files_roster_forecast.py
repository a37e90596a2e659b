"""``import agents`` and ``import forecast``: all or nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from file_import_helpers import scalar, write_csv
from sqlalchemy import insert, select

from supervisor_app.ingest.files.agents import import_agents
from supervisor_app.ingest.files.forecast import import_forecast
from supervisor_app.ingest.files.rejections import ImportRejected
from supervisor_app.services.database import Database
from supervisor_app.store.models import Agent, AgentSkill, Forecast, Queue, Site


def _site_with_queues(db: Database, zone: str = "Europe/London", minutes: int = 15) -> None:
    with db.engine.begin() as conn:
        conn.execute(insert(Site).values(id=1, name="S", timezone=zone, interval_minutes=minutes))
        conn.execute(insert(Queue).values(id=1, site_id=1, name="Sales", channel="voice"))
        conn.execute(insert(Queue).values(id=2, site_id=1, name="Support", channel="chat"))


def test_roster_creates_then_updates_by_code(db: Database, tmp_path: Path) -> None:
    _site_with_queues(db)
    first = write_csv(
        tmp_path / "roster.csv",
        [
            "Name;Code;Team;Skills;Hourly cost;Contracted hours",
            "Ann Lee;A1;North;Sales:8|Support;21,50;38",
            "Bob Ray;B2;South;;19;40",
        ],
    )
    result = import_agents(db, first)
    assert (result.written.created, result.written.updated) == (2, 0)
    assert set(result.written.teams_created) == {"North", "South"}
    second = write_csv(tmp_path / "r2.csv", ["name,code,skills", "Ann Lee-Smith,a1,Support:3"])
    assert import_agents(db, second).written.updated == 1
    with db.sessions() as s:
        ann = s.scalars(select(Agent).where(Agent.employee_code == "A1")).one()
        assert ann.name == "Ann Lee-Smith"
        assert ann.hourly_cost == Decimal("21.50") and ann.contracted_weekly_hours == 38
        assert ann.team is not None and ann.team.name == "North"  # no team column: kept
        skills = s.execute(select(AgentSkill.queue_id, AgentSkill.proficiency)).all()
        assert skills == [(2, 3)]  # replaced by the second file


def test_bad_roster_rows_write_nothing(db: Database, tmp_path: Path) -> None:
    _site_with_queues(db)
    path = write_csv(
        tmp_path / "r.csv",
        [
            "name,code,skills,contracted_hours",
            "Ann,A1,Sales,38",
            ",B2,,40",
            "Cy,C3,Billing,40",
            "Di,A1,,90",
            "Ed,E5,Sales:11,",
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        import_agents(db, path)
    reasons = dict(caught.value.errors)
    assert set(reasons) == {3, 4, 5, 6}
    assert "name is missing" in reasons[3]
    assert "unknown queue 'Billing'" in reasons[4]
    assert "contracted_hours 90" in reasons[5]
    assert "proficiency must be 1 to 10" in reasons[6]
    assert scalar(db, "SELECT count(*) FROM agents") == 0


def test_forecast_replaces_the_covered_intervals(db: Database, tmp_path: Path) -> None:
    _site_with_queues(db)
    old = write_csv(
        tmp_path / "f1.csv",
        [
            "queue,interval_start,volume,aht_seconds",
            "Sales,2024-07-01 09:00,10,200",
            "Sales,2024-07-01 09:15,11,200",
        ],
    )
    assert import_forecast(db, old).replaced == 0
    book = openpyxl.Workbook()
    book.active.append(["Queue", "Interval start", "Volume", "AHT (s)"])
    book.active.append(["Sales", datetime(2024, 7, 1, 9, 15), 20, 180.5])
    book.active.append(["Support", datetime(2024, 7, 1, 9, 15), 5, 300])
    path = tmp_path / "f2.xlsx"
    book.save(path)
    result = import_forecast(db, path)
    assert (result.intervals, result.replaced) == (2, 1)
    with db.sessions() as s:
        rows = s.execute(
            select(
                Forecast.queue_id, Forecast.interval_start, Forecast.volume, Forecast.aht_seconds
            ).order_by(Forecast.queue_id, Forecast.interval_start)
        ).all()
    # London is on BST (UTC+1) in July.
    assert [tuple(r) for r in rows] == [
        (1, datetime(2024, 7, 1, 8, 0, tzinfo=UTC), 10.0, 200.0),
        (1, datetime(2024, 7, 1, 8, 15, tzinfo=UTC), 20.0, 180.5),
        (2, datetime(2024, 7, 1, 8, 15, tzinfo=UTC), 5.0, 300.0),
    ]


def test_forecast_rows_are_checked(db: Database, tmp_path: Path) -> None:
    _site_with_queues(db)
    path = write_csv(
        tmp_path / "f.csv",
        [
            "queue,interval_start,volume,aht_seconds",
            "Sales,2024-07-01 09:05,10,200",
            "Nope,2024-07-01 09:00,10,200",
            "Sales,2024-03-31 01:15,10,200",
            "Sales,2024-07-01 10:00,-1,200",
            "Sales,2024-07-01 11:00,3,200",
            "Sales,2024-07-01 11:00,3,200",
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        import_forecast(db, path)
    reasons = dict(caught.value.errors)
    assert "15-minute boundary" in reasons[2]
    assert "queue 'Nope' does not exist" in reasons[3]
    assert "does not exist in Europe/London" in reasons[4]  # the spring-forward gap
    assert "zero or more" in reasons[5]
    assert "repeats row 6" in reasons[7]
    assert scalar(db, "SELECT count(*) FROM forecasts") == 0


def test_forecast_on_the_autumn_change_takes_both_one_oclocks(db: Database, tmp_path: Path) -> None:
    _site_with_queues(db)
    path = write_csv(
        tmp_path / "f.csv",
        [
            "queue,interval_start,volume,aht_seconds",
            "Sales,2024-10-27 01:00,1,100",
            "Sales,2024-10-27 01:00,2,100",
        ],
    )
    import_forecast(db, path)
    with db.sessions() as s:
        starts = s.scalars(select(Forecast.interval_start).order_by(Forecast.interval_start)).all()
    # 01:00 BST is 00:00 UTC; the second 01:00 (GMT) is 01:00 UTC.
    assert starts == [
        datetime(2024, 10, 27, 0, 0, tzinfo=UTC),
        datetime(2024, 10, 27, 1, 0, tzinfo=UTC),
    ]
