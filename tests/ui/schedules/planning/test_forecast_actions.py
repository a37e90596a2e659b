"""Forecast commands from the coverage panel: a cell edit, scaling a day, generating a week."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supervisor_app.services.database import Database, open_database
from supervisor_app.services.planning.forecast_read import forecast_week
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules.planning.coverage_panel import CoveragePanel

from .floor import WEEK, build_week, t


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    build_week(database)
    yield database
    database.close()


@pytest.fixture
def panel(qtbot: QtBot, db: Database) -> Iterator[CoveragePanel]:
    workers = Workers()
    widget = CoveragePanel(workers)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_week(WEEK)
    widget.set_database(db)
    qtbot.waitUntil(lambda: widget.current is not None and not widget.refresher.busy())
    yield widget
    widget.close()
    assert workers.shutdown()


def sales_at(db: Database, hhmm: str) -> tuple[float, float]:
    fw = forecast_week(db, WEEK)
    q = next(q for q in fw.queues if q.plan.name == "Sales")
    i = fw.starts.index(t(hhmm))
    return q.volume[i], q.aht_seconds[i]


def row_of(panel: CoveragePanel, queue: str, hhmm: str) -> int:
    """The view row (after sorting) of ``queue`` at ``hhmm`` on Monday."""
    for r in range(panel.proxy.rowCount()):
        row = panel.model.rows[panel.proxy.mapToSource(panel.proxy.index(r, 0)).row()]
        if row.queue == queue and row.start == t(hhmm):
            return r
    raise AssertionError(f"no row for {queue} at {hhmm}")


def test_editing_a_forecast_cell_saves_it(panel: CoveragePanel, qtbot: QtBot, db: Database) -> None:
    r = row_of(panel, "Sales", "10:00")
    with qtbot.waitSignal(panel.actions.done, timeout=10_000):
        assert panel.proxy.setData(panel.proxy.index(r, 2), "42", Qt.ItemDataRole.EditRole)
    assert sales_at(db, "10:00") == (42.0, 180.0)
    qtbot.waitUntil(lambda: not panel.refresher.busy())
    r = row_of(panel, "Sales", "10:00")
    assert panel.proxy.index(r, 2).data() == "42.0"
    with qtbot.waitSignal(panel.actions.failed, timeout=10_000):
        panel.actions.set_interval(1, t("10:05"), 1.0, 100.0)  # not an interval start
    assert "not the start" in panel.message.text()


def test_scaling_the_chart_day(panel: CoveragePanel, qtbot: QtBot, db: Database) -> None:
    before = sales_at(db, "13:00")[0]
    panel.controls.scale.click()
    dialog = panel.actions.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.setDoubleValue(-20.0)
    with qtbot.waitSignal(panel.actions.done, timeout=10_000):
        dialog.accept()
    assert sales_at(db, "13:00")[0] == pytest.approx(before * 0.8)
    assert "scaled by -20 %" in panel.message.text()


def test_generating_the_week(panel: CoveragePanel, qtbot: QtBot, db: Database) -> None:
    panel.controls.generate.click()
    dialog = panel.actions.dialog
    assert dialog is not None and dialog.weeks.value() == 6
    dialog.weeks.setValue(2)
    with qtbot.waitSignal(panel.actions.done, timeout=10_000):
        dialog.accept()
    # No contacts in the two weeks before: the week's forecast is now empty.
    assert "0 contacts in 2 queues" in panel.message.text()
    qtbot.waitUntil(lambda: panel.summary.text().startswith("No forecast"))
