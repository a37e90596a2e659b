"""The accuracy panel against the service on a hand-made week, and its Ctrl+C."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from supervisor_app.domain.enums import Outcome
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.planning import forecast_accuracy
from supervisor_app.store.models import Contact
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules.planning.accuracy_panel import AccuracyPanel

from .floor import WEEK, build_week, t


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    ids = build_week(database)
    with database.sessions.begin() as s:  # 6 Sales calls of 200 s at Monday 09:00
        for i in range(6):
            at = t("09:00") + timedelta(seconds=10 * i)
            end = at + timedelta(seconds=200)
            s.add(Contact(queue_id=ids["sales"], source="t", external_id=f"x{i}", arrived_at=at,
                          answered_at=at, ended_at=end, wrap_ended_at=end,
                          outcome=Outcome.ANSWERED))  # fmt: skip
    yield database
    database.close()


def test_shows_the_services_figures(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    workers = Workers()
    panel = AccuracyPanel(workers)
    qtbot.addWidget(panel)
    panel.resize(760, 300)
    panel.show()
    panel.weeks.setValue(2)
    panel.set_last_week(WEEK)
    panel.set_database(db)
    qtbot.waitUntil(lambda: panel.rows is not None and not panel.refresher.busy())
    assert panel.rows == forecast_accuracy(db, WEEK - timedelta(days=7), WEEK)
    assert panel.model.rowCount() == 6  # two weeks × (Sales, Billing, all queues)
    # Only the week of 30 November had contacts: its all-queues WAPE is the average.
    total = next(a for a in panel.rows if a.queue_id is None and a.week_start == WEEK)
    assert total.volume_wape is not None
    assert f"All queues over 1 week: {100 * total.volume_wape:.1f} %" in panel.note.text()
    panel.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "Week\tQueue\tForecast\tOffered\tVolume WAPE\tAHT WAPE"
    panel.grab().save(str(tmp_path / "accuracy_panel.png"))
    panel.close()
    assert workers.shutdown()
