"""The Service report read back with python-calamine: its figures are the ``kpi`` command's.

Each queue's Summary row must equal ``kpi_report(..., "queue")``, each day of the
Trend sheet ``kpi_report(..., "day")``, the total row ``kpi_report(..., "all")``;
the per-day rows must add up to the queue totals (counted here, in the test).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from report_readback import FIRST, LAST, NOW, records, sheets

from supervisor_app.reports.export import export_report
from supervisor_app.reports.request import ExportRequest
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import kpi_report


def _seconds(value: timedelta | None) -> float | None:
    return None if value is None else value.total_seconds()


def _export(db: Database, out: Path, **kwargs: object) -> dict:
    request = ExportRequest(
        "service", kwargs.pop("first", FIRST), kwargs.pop("last", LAST), **kwargs
    )
    export_report(db, request, out, now=NOW, user="tester")
    return sheets(out)


def _same(row: dict, figures: object) -> None:
    assert row["Offered"] == figures.offered
    assert row["Answered"] == figures.answered
    assert row["Abandoned"] == figures.abandoned
    assert row["Short abandons"] == figures.short_abandoned
    assert row["Answered in threshold"] == figures.answered_within_threshold
    assert row["Service level"] == pytest.approx(figures.service_level)
    assert row["Abandon rate"] == pytest.approx(figures.abandon_rate)
    # Excel time keeps durations to the millisecond
    assert _seconds(row["ASA"]) == pytest.approx(figures.asa_seconds, abs=1e-3)
    assert _seconds(row["AHT"]) == pytest.approx(figures.aht_seconds, abs=1e-3)


def test_summary_rows_are_the_kpi_commands_queue_rows(demo_db: Database, out: Path) -> None:
    book = _export(demo_db, out, period="weekly")
    assert list(book) == ["Cover", "Summary", "By week", "By day", "Trend", "Charts", "Definitions"]
    summary = records(book["Summary"])
    by_queue = {
        dict(r.key)["queue"]: r.figures
        for r in kpi_report(demo_db, FIRST, LAST, "queue", now=NOW).rows
    }
    body = [r for r in summary if r["Queue"] != "All queues"]
    assert {r["Queue"] for r in body} == set(by_queue)
    for row in body:
        _same(row, by_queue[row["Queue"]])
    (total,) = [r for r in summary if r["Queue"] == "All queues"]
    _same(total, kpi_report(demo_db, FIRST, LAST, "all", now=NOW).rows[0].figures)


def test_days_add_up_to_the_queue_and_trend_is_the_kpi_days(demo_db: Database, out: Path) -> None:
    book = _export(demo_db, out, period="weekly")
    days = [r for r in records(book["By day"]) if r["Queue"] != "All queues"]
    summary = {r["Queue"]: r for r in records(book["Summary"])}
    assert len(days) == 3 * 4  # every queue on every day, empty days included
    for queue in {r["Queue"] for r in days}:
        mine = [r for r in days if r["Queue"] == queue]
        assert [r["Date"] for r in mine] == [FIRST + timedelta(days=i) for i in range(4)]
        for name in ("Offered", "Answered", "Abandoned"):
            assert sum(r[name] for r in mine) == summary[queue][name]
    trend = records(book["Trend"])
    per_day = kpi_report(demo_db, FIRST, LAST, "day", now=NOW).rows
    assert [r["Date"] for r in trend] == [date.fromisoformat(dict(k.key)["day"]) for k in per_day]
    for row, kpi in zip(trend, per_day, strict=True):
        assert row["Offered"] == kpi.figures.offered
        assert row["Service level, all queues"] == pytest.approx(kpi.figures.service_level)


def test_daily_report_has_intervals_that_add_up(demo_db: Database, out: Path) -> None:
    day = FIRST + timedelta(days=1)
    book = _export(demo_db, out, first=day, last=day)
    assert list(book) == ["Cover", "Summary", "By interval", "Trend", "Charts", "Definitions"]
    intervals = [r for r in records(book["By interval"]) if r["Queue"] != "All queues"]
    assert len(intervals) == 3 * 96  # a November day in London has 96 quarter-hours
    kpi_day = kpi_report(demo_db, day, day, "all", now=NOW).rows[0].figures
    assert sum(r["Offered"] for r in intervals) == kpi_day.offered
    interval_rows = kpi_report(demo_db, day, day, "interval", now=NOW).rows
    trend = records(book["Trend"])
    assert [r["Offered"] for r in trend] == [r.figures.offered for r in interval_rows]


def test_queue_filter_keeps_one_queue(demo_db: Database, out: Path) -> None:
    by_queue = {
        dict(r.key)["queue"]: r.figures
        for r in kpi_report(demo_db, FIRST, LAST, "queue", now=NOW).rows
    }
    name = sorted(by_queue)[0]
    book = _export(demo_db, out, queues=(name.upper(),), period="monthly")
    assert "By month" not in book  # one month: the Summary is that month
    assert "By day" in book
    summary = records(book["Summary"])
    assert [r["Queue"] for r in summary] == [name, "All queues"]
    _same(summary[0], by_queue[name])
    _same(summary[1], by_queue[name])
    cover = {r[0]: r[1] for r in book["Cover"] if r and r[0]} | {
        r[1]: r[2] for r in book["Cover"] if len(r) > 2 and r[1]
    }
    assert cover["Filters"] == f"Queues: {name}"


def test_formats_and_sheet_finish(demo_db: Database, out: Path) -> None:
    _export(demo_db, out, period="weekly", rows=True)
    wb = load_workbook(out)
    summary = wb["Summary"]
    headings = {c.value: c.column_letter for c in summary[1]}
    assert summary[f"{headings['Service level']}2"].number_format == "0.0%"
    assert summary[f"{headings['Abandon rate']}2"].number_format == "0.0%"
    assert summary[f"{headings['ASA']}2"].number_format == "[h]:mm:ss"
    assert summary[f"{headings['Offered']}2"].number_format == "#,##0"
    assert summary.freeze_panes == "B2"
    assert summary.auto_filter.ref.startswith("A1:")
    assert summary.print_title_rows == "$1:$1"
    assert summary.page_setup.orientation == "landscape"
    assert summary.page_setup.fitToWidth == 1 and summary.sheet_properties.pageSetUpPr.fitToPage
    assert summary.column_dimensions["A"].width >= len("Customer email")
    by_day = wb["By day"]
    assert by_day["B2"].is_date and by_day["B2"].number_format == "yyyy-mm-dd"
    contacts = wb["Contacts"]
    assert contacts["E2"].is_date and contacts["E2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert contacts["J1"].value == "Wait" and contacts["J2"].number_format == "[h]:mm:ss"
    assert len(wb["Charts"]._charts) == 2
    props = wb.properties
    assert props.creator == "tester" and "Service report" in props.title
    cover = [[c.value for c in row] for row in wb["Cover"].iter_rows()]
    flat = [v for row in cover for v in row if v is not None]
    assert "Europe/London (all times are local to the site)" in flat
    assert "tester" in flat and "password" not in str(flat)


def test_row_sheet_has_one_row_per_contact(demo_db: Database, out: Path) -> None:
    book = _export(demo_db, out, rows=True)
    contacts = records(book["Contacts"])
    assert len(contacts) == kpi_report(demo_db, FIRST, LAST, "all", now=NOW).rows[0].figures.offered
    answered = [r for r in contacts if r["Answered"] is not None and r["Ended"] is not None]
    for r in answered[:50]:  # talk + wrap-up is the handle time
        wrap = r["Wrap-up"] or timedelta(0)
        assert _seconds(r["Handle time"]) == pytest.approx(_seconds(r["Talk"] + wrap), abs=2e-3)
    assert all(r["Arrived"].date() >= FIRST and r["Arrived"].date() <= LAST for r in contacts)
