"""Simulate… from the coverage panel: progress, the service's figures, Cancel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from pytestqt.qtbot import QtBot

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.planning import simulate_week
from supervisor_app.services.schedules import load_week
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules.planning.simulation_dialog import RUNS, SimulationDialog

WEEK = date(2026, 11, 16)


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    seed_demo(database, days=14, agents=12, queues=2, seed=4,
              until=datetime(2026, 11, 23, tzinfo=UTC))  # fmt: skip
    yield database
    database.close()


def test_shows_the_services_figures_per_queue_and_day(qtbot: QtBot, db: Database) -> None:
    workers = Workers()
    dialog = SimulationDialog(workers, db, WEEK, site_id=None, draft=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.rows is not None or dialog.error is not None, timeout=60000)
    assert dialog.error is None
    expected = [r for r in simulate_week(db, WEEK, runs=RUNS, by_day=True) if r.forecast > 0]
    assert dialog.rows == expected  # the same seed replays the same contacts
    assert dialog.model.rowCount() == len(expected) == 2 * 7
    assert dialog.table.isVisible() and not dialog.progress.isVisible()
    assert workers.shutdown()


def test_a_draft_is_simulated_as_it_is_on_screen(qtbot: QtBot, db: Database) -> None:
    week = load_week(db, WEEK)
    nobody = week.__class__(**{**{f: getattr(week, f) for f in week.__dataclass_fields__},
                               "shifts": ()})  # fmt: skip
    workers = Workers()
    dialog = SimulationDialog(workers, db, WEEK, site_id=None, draft=nobody)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=60000)
    # No shifts in the draft: no call or chat is answered in time, whatever was saved.
    assert all(r.service_level in (0.0, None) for r in dialog.rows or [])
    assert workers.shutdown()


def test_cancel_stops_after_the_run_under_way(qtbot: QtBot, db: Database) -> None:
    workers = Workers()
    dialog = SimulationDialog(workers, db, WEEK, site_id=None, draft=None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.buttons.rejected.emit()
    qtbot.waitUntil(lambda: not workers.busy(), timeout=60000)
    assert dialog.rows is None and dialog.error is None
    assert not dialog.isVisible()
    assert workers.shutdown()
