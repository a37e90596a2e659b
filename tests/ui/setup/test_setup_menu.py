"""Edit › Setup… (Ctrl+,) opens the Setup window once a database is open; one window, reused,
and ``MainWindow.open_setup(page)`` (the first-run wizard calls it) shows the page asked for."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from supervisor_app.services.database import open_database
from supervisor_app.services.setup import add_site
from supervisor_app.ui.shell import MainWindow


def test_edit_setup_opens_one_window_on_the_page_asked_for(
    make_window: Callable[..., MainWindow], sqlite_url: str, qtbot: QtBot
) -> None:
    db = open_database(sqlite_url)
    add_site(db, {"name": "London", "timezone": "Europe/London"}, "planner@ws-1")
    db.close()
    window = make_window(sqlite_url)
    action = window.actions_by_name["setup"]
    assert action.shortcut().toString() == "Ctrl+,"
    qtbot.waitUntil(action.isEnabled, timeout=10_000)
    action.trigger()
    dialog = window._setup
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.sites.proxy.rowCount() == 1, timeout=10_000)
    assert dialog.sites.proxy.index(0, 0).data() == "London"
    again = window.open_setup("rules")
    assert again is dialog
    assert dialog.pages.currentWidget() is dialog.rules
    qtbot.waitUntil(lambda: not window.workers.busy(), timeout=10_000)
