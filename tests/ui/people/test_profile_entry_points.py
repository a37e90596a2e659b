"""The profile opens from the four places an agent is shown — the Live board, the schedule
grid, the scorecards and Setup — each on the seeded database, with the agent clicked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from supervisor_app.services.database import Database
from supervisor_app.ui.analytics import AnalyticsTab
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.live import LiveTab
from supervisor_app.ui.people import AgentProfileDialog, profile_dialog
from supervisor_app.ui.schedules import SchedulesTab
from supervisor_app.ui.setup import SetupDialog

TODAY = date(2026, 12, 7)
WAIT = 60_000


@pytest.fixture
def pool(qtbot: QtBot) -> Iterator[Workers]:
    workers = Workers()
    yield workers
    for dialog in list(profile_dialog._open.values()):
        if isValid(dialog):
            dialog.close()
    workers.shutdown()


def the_profile(qtbot: QtBot, agent_id: int) -> AgentProfileDialog:
    qtbot.waitUntil(lambda: agent_id in profile_dialog._open, timeout=5_000)
    dialog = profile_dialog._open[agent_id]
    qtbot.waitUntil(lambda: dialog.profile is not None, timeout=WAIT)
    assert dialog.isVisible() and not dialog.isModal()
    return dialog


def test_from_the_live_board(qtbot: QtBot, pool: Workers, db: Database, tmp_path: Path) -> None:
    tab = LiveTab(pool, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    with qtbot.waitSignal(tab.refreshed, timeout=WAIT):
        tab.set_database(db)
    assert tab.agent_model.rowCount() > 1
    view = tab.ui.agent_view
    rect = view.visualRect(tab.agent_model.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = the_profile(qtbot, tab.agent_model.key_at(1))
    assert dialog.profile is not None
    assert dialog.profile.name == tab.agent_model.index(1, 0).data()
    tab.refresher.stop()
    tab.clock.stop()


def test_from_the_schedule_grid(qtbot: QtBot, pool: Workers, db: Database, tmp_path: Path) -> None:
    tab = SchedulesTab(pool, WindowSettings(tmp_path / "window.ini"), today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    tab.set_database(db)
    qtbot.waitUntil(lambda: tab.draft.week is not None and not tab.loading, timeout=WAIT)
    grid = tab.grid
    row = next(r for r in grid.rows if r.agent is not None)
    assert row.agent is not None
    names = grid.names  # the names column beside the grid
    at = QPoint(20, int(row.top + row.height / 2 - grid.verticalScrollBar().value()))
    qtbot.mouseDClick(names, Qt.MouseButton.LeftButton, pos=at)
    dialog = the_profile(qtbot, row.agent.agent_id)
    assert dialog.profile is not None and dialog.profile.name == row.agent.name


def test_from_the_scorecards(qtbot: QtBot, pool: Workers, db: Database, tmp_path: Path) -> None:
    tab = AnalyticsTab(pool, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    tab.set_database(db)
    qtbot.waitUntil(lambda: tab.options is not None and not tab.busy(), timeout=WAIT)
    tab.pages.setCurrentWidget(tab.scorecard)
    tab.scorecard.period.setCurrentText("Last month")
    qtbot.waitUntil(lambda: not tab.busy() and tab.scorecard.model.rowCount() > 1, timeout=WAIT)
    line = tab.scorecard.model.lines[0]
    assert line.agent_id is not None
    view = tab.scorecard.table
    rect = view.visualRect(tab.scorecard.model.index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = the_profile(qtbot, line.agent_id)
    assert dialog.profile is not None and dialog.profile.name == line.agent
    median = next(i for i, x in enumerate(tab.scorecard.model.lines) if x.agent_id is None)
    before = dict(profile_dialog._open)
    rect = view.visualRect(tab.scorecard.model.index(median, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert profile_dialog._open == before  # the team median is nobody's profile
    tab.shutdown()


def test_from_setup(qtbot: QtBot, pool: Workers, db: Database) -> None:
    setup = SetupDialog(pool, db)
    page = setup.people.agents
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        setup.show()
        setup.reload()
    page.table.selectionModel().select(
        page.proxy.index(2, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert page.current is not None and page.profile_button.isEnabled()
    qtbot.mouseClick(page.profile_button, Qt.MouseButton.LeftButton)
    dialog = the_profile(qtbot, int(page.current.id))
    assert dialog.profile is not None and dialog.profile.name == page.current.name
    qtbot.waitUntil(lambda: not pool.busy(), timeout=WAIT)
    setup.close()
    setup.deleteLater()
