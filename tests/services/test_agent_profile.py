"""The agent profile's reads on both engines: the header with the hire date, the training
record with its statuses, the next seven days, the 13-month trend against the team's
median, and a training session booked through the schedule's save."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from cli_runner import CliRunner

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_rule_types import Rule
from supervisor_app.domain.setup_fields import FieldError
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.analytics import agent_trend, months_back
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.people import (
    TrainingStatus,
    add_course,
    agent_profile,
    agent_training,
    record_completion,
    upcoming_shifts,
)
from supervisor_app.services.schedules import check_schedule, load_week, schedule_training
from supervisor_app.services.setup import list_agents, list_queues, update_agent

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 7)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    seed_demo(database, days=40, agents=8, queues=2, seed=3, until=NOW, training=False)
    yield database
    database.close()


def _agent(db: Database, index: int = 0):  # type: ignore[no-untyped-def]
    return [a for a in list_agents(db) if a.team_id is not None][index]


def test_header_has_the_hire_date_set_through_setup(db: Database) -> None:
    seen = _agent(db)
    assert seen.hire_date is None
    after = update_agent(db, seen, {"hire_date": "2024-03-18"}, "tester")
    assert after.hire_date == date(2024, 3, 18)
    profile = agent_profile(db, seen.id, NOW)
    assert profile.hire_date == date(2024, 3, 18)
    assert (profile.name, profile.team, profile.employee_code) == (
        seen.name,
        seen.team,
        seen.employee_code,
    )
    assert [(s.queue, s.proficiency) for s in profile.skills] == [
        (s.queue, s.proficiency) for s in seen.skills
    ]
    assert profile.today == TODAY  # 09:00 UTC is 09:00 in London
    with pytest.raises(FieldError, match="Hire date '18/03/2024' is not a date"):
        update_agent(db, after, {"hire_date": "18/03/2024"}, "tester")
    with pytest.raises(FieldError, match="Hire date 1900-01-01 refused"):
        update_agent(db, after, {"hire_date": date(1900, 1, 1)}, "tester")
    cleared = update_agent(db, after, {"hire_date": ""}, "tester")
    assert cleared.hire_date is None


def test_training_record_marks_never_expired_due_and_valid(db: Database) -> None:
    agent = _agent(db)
    queue = next(q for q in list_queues(db) if q.name == agent.skills[0].queue)
    never = add_course(db, "A never", 365, [queue.id], "tester")
    expired = add_course(db, "B expired", 30, [queue.id], "tester")
    due = add_course(db, "C due", 100, [queue.id], "tester")
    valid = add_course(db, "D valid", None, [], "tester")  # not required, done for good
    record_completion(db, agent.id, expired.id, date(2026, 10, 1), "tester")  # to 10-31
    record_completion(db, agent.id, due.id, date(2026, 9, 15), "tester")  # 9-15 + 100 = 12-24
    record_completion(db, agent.id, valid.id, date(2020, 1, 1), "tester")
    record_completion(db, agent.id, never.id, date(2026, 12, 20), "tester")  # not yet: after today
    lines = {t.course: t for t in agent_training(db, agent.id, TODAY)}
    assert lines["A never"].status is TrainingStatus.NEVER
    assert lines["A never"].required_for == (queue.name,)
    assert lines["B expired"].status is TrainingStatus.EXPIRED
    assert lines["B expired"].expires_on == date(2026, 10, 31)
    assert lines["C due"].status is TrainingStatus.DUE
    assert lines["C due"].expires_on == date(2026, 12, 24)
    assert lines["D valid"].status is TrainingStatus.VALID
    assert lines["D valid"].required_for == () and lines["D valid"].expires_on is None
    order = [t.course for t in agent_training(db, agent.id, TODAY)]
    assert order == ["A never", "B expired", "C due", "D valid"]
    assert agent_training(db, _agent(db, 1).id, TODAY)[0].course in {"A never", "B expired"} or (
        queue.name not in {s.queue for s in _agent(db, 1).skills}
    )


def test_training_session_is_an_activity_schedule_check_sees(db: Database) -> None:
    agent = _agent(db)
    day = TODAY + timedelta(days=(7 - TODAY.weekday()) + 2)  # next week's Wednesday
    monday = day - timedelta(days=day.weekday())
    booked = schedule_training(db, agent.id, day, time(10, 0), 90, "tester")
    london = ZoneInfo("Europe/London")
    assert booked.starts_at == datetime(day.year, day.month, day.day, 10, tzinfo=london)
    assert booked.ends_at - booked.starts_at == timedelta(minutes=90)
    week = load_week(db, monday, [agent.team_id])
    held = [
        a
        for s in week.shifts
        if s.agent_id == agent.id
        for a in s.activities
        if a.kind is ActivityKind.TRAINING
    ]
    assert [(a.starts_at, a.ends_at) for a in held] == [(booked.starts_at, booked.ends_at)]
    seen = [v for v in check_schedule(db, monday) if v.agent_id == agent.id]
    assert seen == list(booked.violations)
    if booked.new_shift:  # 90 minutes alone is shorter than the shortest shift allowed
        assert any(v.starts_at == booked.starts_at for v in seen)
    upcoming = upcoming_shifts(db, agent.id, monday, 7)
    assert any(
        a.kind is ActivityKind.TRAINING and a.starts_at == booked.starts_at
        for s in upcoming
        for a in s.activities
    )
    with pytest.raises(UserError, match="15 to 480"):
        schedule_training(db, agent.id, day, time(10, 0), 5, "tester")


def test_upcoming_shows_the_next_seven_local_days(db: Database) -> None:
    agent = _agent(db)
    first = TODAY - timedelta(days=10)  # the seed wrote shifts for its past days
    shifts = upcoming_shifts(db, agent.id, first, 7)
    assert shifts and all(first <= s.day < first + timedelta(days=7) for s in shifts)
    assert [s.starts_at for s in shifts] == sorted(s.starts_at for s in shifts)


def test_trend_has_13_months_equal_to_the_kpi_report_and_the_team_median(db: Database) -> None:
    agent = _agent(db)
    periods = months_back(TODAY)
    trend = agent_trend(db, agent.id, periods, now=NOW)
    assert len(trend.points) == 13
    assert (trend.points[0].first, trend.points[-1].last) == (date(2025, 12, 1), TODAY)
    assert all(p.values["aht_seconds"] is None for p in trend.points[:10])  # before the seed
    november = trend.points[-2]
    report = kpi_report(db, date(2026, 11, 1), date(2026, 11, 30), "agent", now=NOW)
    team = {a.id for a in list_agents(db) if a.team_id == agent.team_id}
    aht = {
        int(dict(r.key)["agent_id"]): r.figures.aht_seconds
        for r in report.rows
        if int(dict(r.key)["agent_id"]) in team
    }
    assert november.values["aht_seconds"] == pytest.approx(aht[agent.id])
    known = [float(v) for v in aht.values() if v is not None]
    assert november.medians["aht_seconds"] == pytest.approx(statistics.median(known))
    assert november.team_size == len(aht)


def test_a_session_over_the_lunch_is_an_overlap_schedule_check_reports(
    db: Database, db_url: str, cli: CliRunner, capsys: pytest.CaptureFixture[str]
) -> None:
    agent = _agent(db)
    london = ZoneInfo("Europe/London")
    day = TODAY + timedelta(days=2)
    monday = day - timedelta(days=day.weekday())
    shift = next(
        s
        for s in load_week(db, monday, [agent.team_id]).shifts
        if s.agent_id == agent.id and s.starts_at.astimezone(london).date() == day
    )
    lunch = next(a for a in shift.activities if a.kind is ActivityKind.LUNCH)
    at = lunch.starts_at.astimezone(london)
    booked = schedule_training(db, agent.id, day, time(at.hour, at.minute), 30, "tester")
    assert not booked.new_shift  # inside the shift: an activity of it
    overlap = [v for v in booked.violations if v.rule is Rule.ACTIVITY_OVERLAP]
    assert overlap and overlap[0].starts_at == lunch.starts_at
    code = cli.on(db_url).in_process("schedule", "check", "--week", monday.isoformat())
    out = capsys.readouterr().out
    assert code == 2
    expected = f"agent {agent.id}\t{at:%a %Y-%m-%d %H:%M}\tactivity_overlap\t"
    assert expected in out
