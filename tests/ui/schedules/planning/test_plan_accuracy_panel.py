"""The plan-accuracy panel: the service's rows for the method chosen, and its Ctrl+C."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from supervisor_app.domain.plan_accuracy import PlanMethod
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.planning import plan_accuracy
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules.planning.plan_accuracy_panel import PlanAccuracyPanel

WEEK = date(2026, 11, 16)


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    seed_demo(
        database, days=7, agents=16, queues=2, seed=9, until=datetime(2026, 11, 23, tzinfo=UTC)
    )
    yield database
    database.close()


def test_shows_the_services_rows_for_the_chosen_method(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    workers = Workers()
    panel = PlanAccuracyPanel(workers)
    qtbot.addWidget(panel)
    panel.resize(900, 320)
    panel.show()
    panel.weeks.setValue(1)
    panel.method.setCurrentIndex(panel.method.findData(PlanMethod.ERLANG_C.value))
    panel.set_last_week(WEEK)
    panel.set_database(db)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.rows is not None and not panel.refresher.busy(), timeout=30000)
    expected = plan_accuracy(db, WEEK, date(2026, 11, 22), method=PlanMethod.ERLANG_C)
    assert panel.rows == expected
    assert panel.model.rowCount() == 2 * 7  # two queues, seven days
    assert "Over 14 queue-days they differ by" in panel.note.text()
    panel.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # the most pessimistic first
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t") == [
        "Queue", "Day", "Forecast", "Offered", "Expected SL", "Achieved SL", "Gap (points)",
    ]  # fmt: skip
    gaps = [
        100 * (r.expected_service_level - r.achieved_service_level)
        for r in expected
        if r.expected_service_level is not None and r.achieved_service_level is not None
    ]
    assert float(lines[1].split("\t")[6]) == pytest.approx(min(gaps), abs=0.05)
    panel.grab().save(str(tmp_path / "plan_accuracy_panel.png"))
    panel.close()
    assert workers.shutdown()
