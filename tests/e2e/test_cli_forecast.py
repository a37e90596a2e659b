"""`supervisor-app forecast generate|accuracy` as a planner runs them, on a seeded demo file.

Two weeks of history (2 to 15 November 2026, Monday to Sunday) are seeded by the
`demo seed` command; the forecast of the week after is read back through the
service and compared with the weighted average worked out here from the
contacts themselves (weights 2 for the nearer week, 1 for the older one).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from cli_runner import CliRunner, SeededDemo
from sqlalchemy import select

from supervisor_app.services.database import open_database
from supervisor_app.store.models import Contact, Forecast, Site

WEEK = date(2026, 11, 16)


@pytest.fixture(scope="module")
def demo(seeded_demo: SeededDemo) -> CliRunner:
    return seeded_demo(
        "--days", "14", "--agents", "10", "--queues", "2", "--until", "2026-11-16", "--sites", "1"
    )


def test_generate_writes_the_weighted_average_of_the_last_weeks(demo: CliRunner) -> None:
    result = demo("forecast", "generate", "--week", WEEK.isoformat(), "--weeks", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"week of {WEEK}")

    database = open_database(f"sqlite:///{demo.db}")
    try:
        with database.sessions() as session:
            zone = ZoneInfo(session.scalar(select(Site.timezone)))
            arrivals = session.execute(select(Contact.queue_id, Contact.arrived_at)).all()
            forecast = session.execute(
                select(Forecast.queue_id, Forecast.interval_start, Forecast.volume)
            ).all()
    finally:
        database.close()

    # Monday 16 November, 09:00-09:15 local, per queue: 2 × (9 Nov) + 1 × (2 Nov), over 3.
    def count(day: date) -> Counter[int]:
        start = datetime(day.year, day.month, day.day, 9, tzinfo=zone)
        end = start + timedelta(minutes=15)
        return Counter(q for q, at in arrivals if start <= at.astimezone(zone) < end)

    near, far = count(date(2026, 11, 9)), count(date(2026, 11, 2))
    monday_nine = datetime(2026, 11, 16, 9, tzinfo=zone)
    got = {q: v for q, at, v in forecast if at.astimezone(zone) == monday_nine}
    assert got, "no forecast for Monday 09:00"
    for queue_id, volume in got.items():
        expected = (2 * near[queue_id] + far[queue_id]) / 3
        assert volume == pytest.approx(expected, abs=1e-6)


def test_accuracy_prints_json_per_queue_and_week(demo: CliRunner) -> None:
    result = demo("forecast", "accuracy", "--from", "2026-11-09", "--to", "2026-11-09")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {row["week"] for row in rows} <= {"2026-11-09"}
    for row in rows:
        assert row["volume_wape"] is None or row["volume_wape"] >= 0


def test_a_bad_week_is_a_usage_error(demo: CliRunner) -> None:
    result = demo("forecast", "generate", "--week", "16/11/2026")
    assert result.returncode == 2
    assert "not a date" in result.stderr
