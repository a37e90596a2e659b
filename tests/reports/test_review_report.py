"""The review pack read back with python-calamine: its Scorecard is ``kpi --by agent`` for the
same agent and range, and its Training status is the one worked out by hand here."""

from __future__ import annotations

import statistics
from datetime import date
from pathlib import Path

import pytest
from report_readback import FIRST, LAST, NOW, records, sheets
from sqlalchemy import text

from supervisor_app.domain.errors import UserError
from supervisor_app.reports.export import export_report
from supervisor_app.reports.request import ExportRequest
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.people import add_course, record_completion

# (scorecard heading, KpiFigures field, seconds as an Excel duration?)
FIGURES = (
    ("Handled", "answered", False),
    ("AHT", "aht_seconds", True),
    ("AHT p90", "aht_p90_seconds", True),
    ("Occupancy", "occupancy", False),
    ("Adherence", "adherence", False),
    ("CSAT", "csat", False),
    ("NPS", "nps", False),
    ("FCR", "fcr", False),
)


def _rows(db: Database, sql: str, **params: object) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def _export(db: Database, out: Path, **kwargs: object) -> dict:
    request = ExportRequest("review", FIRST, LAST, **kwargs)  # type: ignore[arg-type]
    export_report(db, request, out, now=NOW, user="tester")
    return sheets(out)


def _cell(value: object) -> float | None:
    if value is None:
        return None
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)  # type: ignore[arg-type]


def _busiest(db: Database) -> tuple[int, str, str, int]:
    """(id, code, name, team id) of the agent who answered the most in the range."""
    rows = kpi_report(db, FIRST, LAST, "agent", now=NOW).rows
    best = max(rows, key=lambda r: (r.figures.answered, -int(dict(r.key)["agent_id"])))
    agent_id = int(dict(best.key)["agent_id"])
    ((code, name, team),) = _rows(
        db, "SELECT employee_code, name, team_id FROM agents WHERE id = :a", a=agent_id
    )
    return agent_id, code, name, team


def test_the_scorecard_is_kpi_by_agent_against_the_team_median(
    demo_db: Database, out: Path
) -> None:
    agent_id, code, name, team_id = _busiest(demo_db)
    book = _export(demo_db, out, agents=(code,))
    assert list(book) == ["Cover", "Scorecard", "Quality", "Coaching", "Training", "Definitions"]
    rows = records(book["Scorecard"])
    by_agent = {int(dict(r.key)["agent_id"]): r.figures for r in
                kpi_report(demo_db, FIRST, LAST, "agent", now=NOW).rows}  # fmt: skip
    mine = rows[0]
    assert (mine["Agent"], mine["Employee code"]) == (name, code)
    team = {a for (a,) in _rows(demo_db, "SELECT id FROM agents WHERE team_id = :t", t=team_id)}
    members = [by_agent[a] for a in team if a in by_agent]
    median_row = next(r for r in rows if str(r["Agent"]).startswith("Team median"))
    for heading, field, _ in FIGURES:
        expected = getattr(by_agent[agent_id], field)
        assert _cell(mine[heading]) == pytest.approx(expected, abs=1e-3), heading
        values = [getattr(f, field) for f in members if getattr(f, field) is not None]
        assert _cell(median_row[heading]) == pytest.approx(statistics.median(values), abs=1e-3)
    # rank 1 is the most handled in the team: one more than those who handled more
    handled = [f.answered for f in members]
    assert mine["Handled rank"] == 1 + sum(1 for h in handled if h > by_agent[agent_id].answered)


def test_each_skilled_queue_shows_its_service_level_and_target(
    demo_db: Database, out: Path
) -> None:
    agent_id, code, _, _ = _busiest(demo_db)
    book = _export(demo_db, out, agents=(code,))
    rows = records(book["Scorecard"])
    queues = _rows(
        demo_db,
        "SELECT q.id, q.name, (SELECT t.sl_target_percent FROM queue_targets t "
        "WHERE t.queue_id = q.id AND t.effective_from <= :last "
        "ORDER BY t.effective_from DESC LIMIT 1) "
        "FROM queues q JOIN agent_skills s ON s.queue_id = q.id WHERE s.agent_id = :a "
        "ORDER BY q.name",
        a=agent_id,
        last=LAST,
    )
    assert queues
    target = next(r for r in rows if r["Agent"] == "Queue target")
    for queue_id, queue, percent in queues:
        heading = next(h for h in rows[0] if h.startswith(f"Service level, {queue} ("))
        report = kpi_report(demo_db, FIRST, LAST, "agent", queue_ids=[queue_id], now=NOW)
        level = {int(dict(r.key)["agent_id"]): r.figures.service_level for r in report.rows}
        assert _cell(rows[0][heading]) == pytest.approx(level.get(agent_id), abs=1e-9)
        assert target[heading] == pytest.approx(percent / 100)  # the row in force on the 18th


def test_a_team_pack_has_every_active_member_side_by_side(demo_db: Database, out: Path) -> None:
    _, _, _, team_id = _busiest(demo_db)
    ((team,),) = _rows(demo_db, "SELECT name FROM teams WHERE id = :t", t=team_id)
    members = _rows(
        demo_db,
        "SELECT name FROM agents WHERE team_id = :t AND active = :yes ORDER BY name",
        t=team_id,
        yes=True,
    )
    book = _export(demo_db, out, teams=(team,))
    rows = records(book["Scorecard"])
    assert [r["Agent"] for r in rows] == [
        *sorted((m for (m,) in members), key=str),
        f"Team median ({team})",
        "Queue target",
    ]


def test_training_status_at_the_period_end_worked_by_hand(demo_db: Database, out: Path) -> None:
    agent_id, code, _, _ = _busiest(demo_db)
    ((queue_id, queue),) = _rows(
        demo_db,
        "SELECT q.id, q.name FROM queues q JOIN agent_skills s ON s.queue_id = q.id "
        "WHERE s.agent_id = :a ORDER BY q.name LIMIT 1",
        a=agent_id,
    )
    courses = {
        "T expired": (100, [], [date(2026, 8, 1), date(2026, 11, 20)]),
        "T edge": (10, [], [date(2026, 11, 8)]),
        "T soon": (30, [], [date(2026, 11, 1)]),
        "T valid": (365, [], [date(2026, 2, 1), date(2025, 2, 1)]),
        "T never": (365, [queue_id], []),
        "T forever": (None, [], [date(2025, 1, 1)]),
    }
    for name, (days, queues, done) in courses.items():
        course = add_course(demo_db, name, days, queues, "tester")
        for day in done:
            record_completion(demo_db, agent_id, course.id, day, "tester")
    book = _export(demo_db, out, agents=(code,))
    status = "Status on 2026-11-18"
    got = {
        r["Course"]: (r["Required for"], r["Completed"], r["Expires"], r[status])
        for r in records(book["Training"])
        if str(r["Course"]).startswith("T ")
    }
    d = date.fromisoformat
    assert got == {
        # 2026-08-01 + 100 days = 2026-11-09, before the 18th; the renewal of the 20th is later
        "T expired": ("not required", d("2026-08-01"), d("2026-11-09"), "expired"),
        # 2026-11-08 + 10 = 2026-11-18: its expiry day is the period's last day
        "T edge": ("not required", d("2026-11-08"), d("2026-11-18"), "expired"),
        # 2026-11-01 + 30 = 2026-12-01, within 30 days of the 18th (2026-12-18)
        "T soon": ("not required", d("2026-11-01"), d("2026-12-01"), "expires within 30 days"),
        # the later of two: 2026-02-01 + 365 = 2027-02-01
        "T valid": ("not required", d("2026-02-01"), d("2027-02-01"), "valid"),
        "T never": (queue, None, None, "never completed"),
        "T forever": ("not required", d("2025-01-01"), None, "valid"),
    }


def test_the_cover_and_definitions_say_what_the_pack_is(demo_db: Database, out: Path) -> None:
    _, code, name, _ = _busiest(demo_db)
    book = _export(demo_db, out, agents=(code,))
    cover = [[c for c in row if c != ""] for row in book["Cover"]]
    assert ["Review pack"] in cover
    assert ["Agent", f"{name} ({code})"] in cover
    defined = {r["Figure"] for r in records(book["Definitions"])}
    assert {"team median", "rank", "queue target", "training status"} <= defined


def test_an_unknown_agent_or_a_missing_choice_is_refused(demo_db: Database, out: Path) -> None:
    with pytest.raises(UserError, match="no agent with code or name 'Nobody'"):
        _export(demo_db, out, agents=("Nobody",))
    with pytest.raises(UserError, match="needs one --agent"):
        _export(demo_db, out)
    with pytest.raises(UserError, match="--agent applies to the review report"):
        export_report(demo_db, ExportRequest("service", FIRST, LAST, agents=("x",)), out, now=NOW)
    assert not out.exists()


def _in_range(moment: object, zone: str) -> bool:
    """Whether a stored UTC time falls on a local day of FIRST..LAST (SQLite returns text)."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    at = moment if isinstance(moment, datetime) else datetime.fromisoformat(str(moment))
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    return FIRST <= at.astimezone(ZoneInfo(zone)).date() <= LAST


def test_quality_and_coaching_sheets_hold_the_periods_records(demo_db: Database, out: Path) -> None:
    """Every evaluation and coaching note of the agent in the period, read by plain SQL;
    the Quality sheet's mean is the plain mean of those scores and the Scorecard's QA."""
    from supervisor_app.services.people import add_note

    agent_id, code, _, _ = _busiest(demo_db)
    # A note inside the period, so the sheet is never empty by chance of the seed.
    add_note(demo_db, agent_id, topic="Hold times", text="Long holds on billing calls",
             actor="tester", actions="Use mute", follow_up_on=LAST,
             noted_at=NOW.replace(year=2026, month=11, day=16))  # fmt: skip
    ((zone,),) = _rows(
        demo_db,
        "SELECT s.timezone FROM agents a JOIN sites s ON s.id = a.site_id WHERE a.id = :a",
        a=agent_id,
    )
    scores = sorted(
        round(float(score), 6)
        for at, score in _rows(
            demo_db,
            "SELECT evaluated_at, score_pct FROM qa_evaluations WHERE agent_id = :a",
            a=agent_id,
        )
        if _in_range(at, zone)
    )
    topics = sorted(
        topic
        for at, topic in _rows(
            demo_db, "SELECT noted_at, topic FROM coaching_notes WHERE agent_id = :a", a=agent_id
        )
        if _in_range(at, zone)
    )
    book = _export(demo_db, out, agents=(code,))
    quality = records(book["Quality"])
    listed = [r for r in quality if r["Employee code"] == code and r["Evaluator"]]
    assert sorted(round(float(r["Score"]) * 100, 6) for r in listed) == scores
    coaching = records(book["Coaching"])
    assert sorted(r["Topic"] for r in coaching) == topics
    assert "Hold times" in topics
    if scores:
        (mean_row,) = [r for r in quality if str(r["Agent"]).startswith("Mean, ")]
        assert float(mean_row["Score"]) == pytest.approx(statistics.mean(scores) / 100)
        card = records(book["Scorecard"])[0]
        assert float(card["Quality score"]) == pytest.approx(statistics.mean(scores) / 100)
