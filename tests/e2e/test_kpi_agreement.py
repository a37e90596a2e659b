"""The `kpi` command, the Analytics table and the live view agree on one day's figures.

A simulated demo (two days, 8 agents, 2 queues) ending on Tuesday 3 November
2026; the day compared is that Tuesday. The CLI runs as a user runs it (a
process); the Analytics tab is driven through its range bar; the live view is
the snapshot the Live tab shows, taken at the last instant of that local day,
when "today so far" is the whole day. Each shows the same per-queue figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cli_runner import CliRunner
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from supervisor_app.domain import kpi
from supervisor_app.domain.kpi_catalogue import Kind
from supervisor_app.domain.timeutil import local_day_bounds
from supervisor_app.ingest.simulator.seed import seed_demo
from supervisor_app.services.analytics import analytics_options
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.live import take_snapshot
from supervisor_app.ui.analytics import AnalyticsTab
from supervisor_app.ui.common.kpi_text import display
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers

DAY = date(2026, 11, 3)
ARGS = ("--from", DAY.isoformat(), "--to", DAY.isoformat(), "--by", "queue", "--format", "json")
COUNTS = ("offered", "answered", "abandoned", "short_abandoned", "answered_within_threshold")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Path, Database]]:
    path = tmp_path / "demo.db"
    db = open_database(f"sqlite:///{path}")
    seed_demo(db, days=2, agents=8, queues=2, seed=7, until=datetime(2026, 11, 4, 12, tzinfo=UTC))
    yield path, db
    db.close()


@pytest.fixture
def cli_rows(
    cli: CliRunner, demo: tuple[Path, Database], tmp_path: Path
) -> dict[str, dict[str, object]]:
    result = cli.on(demo[0], home=tmp_path)("kpi", *ARGS)
    assert result.returncode == 0, result.stderr
    return {row["queue"]: row for row in json.loads(result.stdout)}


def analytics_rows(qtbot: QtBot, db: Database, settings: Path) -> dict[str, dict[str, str]]:
    workers = Workers()
    tab = AnalyticsTab(workers, WindowSettings(settings))
    qtbot.addWidget(tab)
    try:
        tab.set_database(db)
        qtbot.waitUntil(lambda: tab.options is not None and not tab.busy(), timeout=20_000)
        tab.bar.grouping.setCurrentText("Queue")
        tab.bar.first.setDate(QDate(DAY.year, DAY.month, DAY.day))
        tab.bar.last.setDate(QDate(DAY.year, DAY.month, DAY.day))
        qtbot.waitUntil(lambda: not tab.busy(), timeout=20_000)
        model = tab.kpi.model
        titles = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        return {
            model.index(r, 0).data(): {t: model.index(r, c).data() for c, t in enumerate(titles)}
            for r in range(model.rowCount())
        }
    finally:
        tab.shutdown()
        workers.shutdown()


def test_cli_analytics_and_live_agree(
    qtbot: QtBot,
    demo: tuple[Path, Database],
    tmp_path: Path,
    cli_rows: dict[str, dict[str, object]],
) -> None:
    _, db = demo
    cli = cli_rows
    table = analytics_rows(qtbot, db, tmp_path / "window.ini")
    snapshot = take_snapshot(db, now=_end_of(db, DAY))
    live = {q.name: q for q in snapshot.queues}

    assert set(cli) == set(table) == set(live) and len(cli) == 2
    for name, printed in cli.items():
        today = live[name].today
        shown = table[name]
        assert printed["offered"] > 0
        for field, title in zip(
            COUNTS, ("Offered", "Answered", "Abandoned", "Short ab.", "In time"), strict=True
        ):
            assert printed[field] == getattr(today, field), (name, field)
            assert shown[title] == f"{printed[field]:,}", (name, field)
        for value, live_value, title, kind in (
            (printed["service_level"], live[name].service_level, "SL", Kind.PERCENT),
            (printed["asa_seconds"], kpi.average_speed_of_answer(today), "ASA", Kind.SECONDS),
            (printed["aht_seconds"], kpi.average_handle_time(today), "AHT", Kind.SECONDS),
            (printed["abandon_rate"], kpi.abandon_rate(today), "Aband. %", Kind.PERCENT),
        ):
            assert value == pytest.approx(live_value), (name, title)
            assert shown[title] == display(kind, value), (name, title)


def _end_of(db: Database, day: date) -> datetime:
    """The last microsecond of ``day`` in the site's zone: the live view's whole day."""
    zone = ZoneInfo(analytics_options(db).timezone)
    return local_day_bounds(day, zone)[1] - timedelta(microseconds=1)
