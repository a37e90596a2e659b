"""The capacity panel on a real database: the plan and the week's cost, and saving a budget."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supervisor_app.services.database import Database, open_database
from supervisor_app.services.planning import capacity_plan, week_labour_cost
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules.planning.capacity_panel import CapacityPanel

from .floor import WEEK, build_week


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    build_week(database)
    yield database
    database.close()


@pytest.fixture
def panel(qtbot: QtBot, db: Database) -> Iterator[CapacityPanel]:
    workers = Workers()
    widget = CapacityPanel(workers)
    qtbot.addWidget(widget)
    widget.resize(800, 420)
    widget.show()
    widget.set_dates(date(2026, 12, 1), WEEK)
    widget.set_database(db)
    qtbot.waitUntil(lambda: widget.data is not None and not widget.refresher.busy())
    yield widget
    widget.close()
    assert workers.shutdown()


def test_shows_the_plan_and_the_cost(panel: CapacityPanel, db: Database) -> None:
    assert panel.period() == (date(2026, 12, 1), date(2026, 12, 31))
    assert panel.data is not None
    assert panel.data.plan == capacity_plan(db, date(2026, 12, 1), date(2026, 12, 31))
    assert panel.data.cost == week_labour_cost(db, WEEK)
    # 12 agents × (8 h − 30 min lunch) × 18 an hour = 1,620.00.
    assert "1,620.00" in panel.cost.text() and "no budget set" in panel.cost.text()
    assert panel.model.rowCount() == 2
    assert "Forecast covers 0 of 31 days" in panel.fte.text()
    panel.kind.setCurrentIndex(1)  # quarter: October to December, which holds the forecast
    assert panel.period() == (date(2026, 10, 1), date(2026, 12, 31))


def test_saving_a_budget(panel: CapacityPanel, qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    panel.kind.setCurrentIndex(1)
    panel.budget.setValue(1500)
    panel.save.click()
    qtbot.waitUntil(lambda: panel.data is not None and panel.data.cost.budget == 1500.0)
    assert "120.00 over budget" in panel.cost.text()
    assert week_labour_cost(db, WEEK).budget == 1500.0
    panel.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert panel.model.item(0, 0).text() in {"Sales", "Billing"}
    panel.grab().save(str(tmp_path / "capacity_panel.png"))
