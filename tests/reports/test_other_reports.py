"""Satisfaction, escalations, scorecards and schedule read back with python-calamine and
checked against ``kpi_report`` and against plain SQL written here."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from report_readback import FIRST, LAST, NOW, records, sheets
from sqlalchemy import text

from supervisor_app.reports.export import export_report
from supervisor_app.reports.request import ExportRequest
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import kpi_report, range_bounds


def _export(db: Database, out: Path, report: str, **kwargs: object) -> dict:
    export_report(db, ExportRequest(report, FIRST, LAST, **kwargs), out, now=NOW, user="tester")
    return sheets(out)


def _scalar(db: Database, sql: str) -> int:
    start, end = range_bounds(FIRST, LAST, ZoneInfo("Europe/London"))
    with db.engine.connect() as conn:
        return int(conn.execute(text(sql), {"start": start, "end": end}).scalar_one())


def test_satisfaction_is_the_kpi_commands_csat_and_nps(demo_db: Database, out: Path) -> None:
    book = _export(demo_db, out, "satisfaction")
    assert list(book) == [
        "Cover",
        "Summary",
        "By week",
        "Trend",
        "Charts",
        "Comments",
        "Definitions",
    ]
    by_queue = {
        dict(r.key)["queue"]: r.figures
        for r in kpi_report(demo_db, FIRST, LAST, "queue", now=NOW).rows
    }
    summary = records(book["Summary"])
    for row in summary:
        if row["Queue"] == "All queues":
            figures = kpi_report(demo_db, FIRST, LAST, "all", now=NOW).rows[0].figures
        else:
            figures = by_queue[row["Queue"]]
        assert row["CSAT"] == pytest.approx(figures.csat)
        assert row["NPS"] == pytest.approx(figures.nps)
        assert row["FCR"] == pytest.approx(figures.fcr)
    weeks = records(book["By week"])
    assert {r["Week"] for r in weeks if r["Week"]} == {"2026-W46", "2026-W47"}
    comments = records(book["Comments"])
    expected = _scalar(
        demo_db,
        "SELECT count(*) FROM survey_responses s JOIN contacts c ON c.id = s.contact_id "
        "WHERE c.arrived_at >= :start AND c.arrived_at < :end AND s.comment IS NOT NULL "
        "AND s.comment <> ''",
    )
    assert len(comments) == expected > 0
    assert all(r["Comment"] and r["Queue"] and r["CSAT (1–5)"] is not None for r in comments)
    wb = load_workbook(out)
    assert wb["Summary"]["C2"].number_format == "0.0%"  # CSAT
    assert wb["Summary"]["G2"].number_format == "+0.0;-0.0;0.0"  # NPS in points
    assert len(wb["Charts"]._charts) == 2


def test_escalations_list_every_escalation_of_the_range(demo_db: Database, out: Path) -> None:
    book = _export(demo_db, out, "escalations")
    assert list(book) == ["Cover", "Escalations", "By owner", "By severity", "Definitions"]
    rows = records(book["Escalations"])
    expected = _scalar(
        demo_db, "SELECT count(*) FROM escalations WHERE created_at >= :start AND created_at < :end"
    )
    assert len(rows) == expected > 0
    for r in rows:
        if r["Resolved"] is not None:
            assert r["Resolution time"] == pytest.approx(
                r["Resolved"] - r["Created"], abs=timedelta(milliseconds=2)
            )
            assert r["Age"] == r["Resolution time"]
    owners = records(book["By owner"])
    assert sum(r["Escalations"] for r in owners if r["Owner"] != "All") == len(rows)


def test_scorecards_are_the_kpi_commands_agent_rows(demo_db: Database, out: Path) -> None:
    book = _export(demo_db, out, "scorecards")
    agents = {
        dict(r.key)["agent"]: (dict(r.key)["team"], r)
        for r in kpi_report(demo_db, FIRST, LAST, "agent", now=NOW).rows
    }
    teams = {team for team, _ in agents.values()}
    assert list(book) == ["Cover", "Summary", *sorted(teams), "Definitions"]
    summary = [r for r in records(book["Summary"]) if r["Agent"] != "Team median"]
    assert {r["Agent"] for r in summary} == set(agents)
    for row in summary:
        team, kpi = agents[row["Agent"]]
        assert row["Team"] == team
        assert row["Handled"] == kpi.figures.answered
        assert row["AHT"].total_seconds() == pytest.approx(kpi.figures.aht_seconds, abs=1e-3)
        assert (
            row["CSAT"] == pytest.approx(kpi.figures.csat)
            if kpi.figures.csat is not None
            else row["CSAT"] is None
        )
        assert row["Escalations"] == kpi.sums.contacts.escalated
    for team in teams:  # the median and ranks, worked out here from the agents' rows
        rows = [r for r in records(book[team]) if r["Agent"] != "Team median"]
        handled = sorted(r["Handled"] for r in rows)
        n = len(handled)
        median = handled[n // 2] if n % 2 else (handled[n // 2 - 1] + handled[n // 2]) / 2
        assert all(r["Handled team median"] == median for r in rows)
        best = max(handled)
        assert next(r["Handled rank"] for r in rows if r["Handled"] == best) == 1
        assert all(
            r["Handled rank"] == 1 + sum(1 for h in handled if h > r["Handled"]) for r in rows
        )


def test_schedule_paid_hours_match_the_shift_table(demo_db: Database, out: Path) -> None:
    book = _export(demo_db, out, "schedule")
    assert [n for n in book if n.startswith(("Week ", "Timeline "))] == [
        "Week 09 Nov 2026", "Timeline 09 Nov 2026", "Week 16 Nov 2026", "Timeline 16 Nov 2026"
    ]  # fmt: skip
    hours = records(book["Hours and cost"])
    total = next(r for r in hours if r["Week starts"] == "Total")
    with demo_db.engine.connect() as conn:
        shifts = conn.execute(text(
            "SELECT s.id, s.starts_at, s.ends_at FROM shifts s WHERE s.status = 'published' "
            "AND s.starts_at >= :a AND s.starts_at < :b"
        ), {"a": "2026-11-09", "b": "2026-11-23"}).all()  # fmt: skip
        lunches = conn.execute(
            text("SELECT shift_id, starts_at, ends_at FROM shift_activities WHERE kind = 'lunch'")
        ).all()

    def when(v: object) -> object:
        from datetime import datetime

        return datetime.fromisoformat(v) if isinstance(v, str) else v

    lunch = {}
    for shift_id, a, b in lunches:
        lunch[shift_id] = lunch.get(shift_id, 0.0) + (when(b) - when(a)).total_seconds()
    paid = sum((when(b) - when(a)).total_seconds() - lunch.get(i, 0.0) for i, a, b in shifts) / 3600
    assert total["Paid hours"] == pytest.approx(paid)
    budget = records(book["Cost against budget"])
    assert sum(r["Paid hours"] for r in budget) == pytest.approx(paid)
    grid = records(book["Week 16 Nov 2026"])
    assert grid and all(r["Agent"] for r in grid)
    wb = load_workbook(out)
    timeline = wb["Timeline 16 Nov 2026"]
    colours = {
        c.fill.fgColor.rgb
        for row in timeline.iter_rows(min_row=2, min_col=3)
        for c in row
        if c.fill.fill_type
    }
    assert {"007FB685", "00F2C14E", "00E8884A"} <= colours  # productive, break, lunch


def test_team_filter_keeps_one_team(demo_db: Database, out: Path) -> None:
    agents = kpi_report(demo_db, FIRST, LAST, "agent", now=NOW).rows
    team = sorted({dict(r.key)["team"] for r in agents})[0]
    book = _export(demo_db, out, "scorecards", teams=(team,))
    assert list(book) == ["Cover", "Summary", team, "Definitions"]
    members = {dict(r.key)["agent"] for r in agents if dict(r.key)["team"] == team}
    assert {r["Agent"] for r in records(book[team]) if r["Agent"] != "Team median"} == members


def test_staffing_intervals_and_capacity(demo_db: Database, out: Path) -> None:
    from supervisor_app.services.planning import capacity_plan

    book = _export(demo_db, out, "staffing")
    assert list(book) == ["Cover", "Capacity", "By day", "By interval", "Definitions"]
    intervals = records(book["By interval"])
    assert len(intervals) == 3 * 4 * 96  # 3 queues × 4 November days × 96 quarter-hours
    for r in intervals:
        assert r["Gap"] == pytest.approx(r["Scheduled"] - r["Required"])
        start = r["Interval start"]  # calamine gives midnight as a date
        assert FIRST <= (start.date() if isinstance(start, datetime) else start) <= LAST
    plan = capacity_plan(demo_db, FIRST, LAST)
    capacity = {r["Queue"]: r for r in records(book["Capacity"])}
    assert capacity["All queues"]["Required FTE"] == pytest.approx(plan.required_fte)
    assert capacity["Hiring need"]["Required FTE"] == pytest.approx(plan.hiring_fte)
    wb = load_workbook(out)
    rules = wb["By interval"].conditional_formatting
    assert any(r.operator == "lessThan" for cf in rules for r in cf.rules)
