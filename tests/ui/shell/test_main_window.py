"""The window shell: tabs and their empty states, the status bar, errors, layout memory."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from supervisor_app.ui.analytics import AnalyticsTab
from supervisor_app.ui.common.error_display import CrashDialog
from supervisor_app.ui.live import LiveTab
from supervisor_app.ui.reports_tab import ReportsTab
from supervisor_app.ui.schedules import SchedulesTab
from supervisor_app.ui.shell import MainWindow, database_session
from supervisor_app.ui.shell.lazy_tab import LazyTab

MakeWindow = Callable[..., MainWindow]
Settle = Callable[[MainWindow], str]


def crash_dialogs() -> list[CrashDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()
    ]


def test_live_tab_then_three_tabs_built_on_first_sight(
    make_window: MakeWindow, sqlite_url: str, qtbot: QtBot
) -> None:
    window = make_window(sqlite_url)
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Live",
        "Schedules",
        "Analytics",
        "Reports",
    ]
    assert isinstance(tabs.widget(0), LiveTab)
    for i, kind in enumerate([SchedulesTab, AnalyticsTab, ReportsTab], start=1):
        page = tabs.widget(i)
        assert isinstance(page, LazyTab) and page.page is None  # built on first sight
        assert not tabs.tabIcon(i).isNull()
        tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda page=page: page.page is not None, timeout=10_000)
        assert isinstance(page.page, kind)


def test_view_menu_switches_tabs(make_window: MakeWindow, sqlite_url: str) -> None:
    window = make_window(sqlite_url)
    actions = window.actions_by_name
    for key, index in [("reports", 3), ("schedules", 1), ("live", 0)]:
        action = actions[f"tab:{key}"]
        assert action.shortcut().toString() == f"Ctrl+{index + 1}"
        action.trigger()
        assert window.tabs.currentIndex() == index
        assert action.isChecked()
    assert actions["quit"].shortcut().toString() == "Ctrl+Q"


def test_status_bar_shows_the_url_without_its_password(
    make_window: MakeWindow, settle: Settle
) -> None:
    url = "postgresql+psycopg://someone:s3cr3t-pw@127.0.0.1:5432/no_such_db"
    window = make_window(url)
    settle(window)
    shown = window.status.database_text()
    assert "someone:***@127.0.0.1:5432/no_such_db" in shown
    everything = " ".join(
        [shown, window.status.state_text(), window.banner.message(), window.windowTitle()]
    )
    assert "s3cr3t-pw" not in everything


def test_connected_then_last_change_updates(
    make_window: MakeWindow, settle: Settle, db_url: str, qtbot: QtBot
) -> None:
    from supervisor_app.services.database import open_database
    from supervisor_app.store.changes import announce
    from supervisor_app.store.models import Site

    window = make_window(db_url)
    assert settle(window) == "connected", window.banner.message()
    assert window.status.state_text() == "connected"
    assert window.status.last_change_text() == "no changes seen yet"

    other = open_database(db_url)
    try:
        with other.sessions.begin() as session:
            session.add(Site(name="North", timezone="Europe/Paris"))
            session.flush()
            announce(session.connection(), ["sites"])
    finally:
        other.close()
    qtbot.waitUntil(
        lambda: window.status.last_change_text() != "no changes seen yet", timeout=10_000
    )
    assert re.fullmatch(r"last change \d\d:\d\d:\d\d", window.status.last_change_text())


@pytest.mark.parametrize(
    ("make_url", "expected"),
    [
        (lambda d: f"sqlite:///{d / 'missing' / 'x.db'}", "does not exist"),
        (lambda d: f"sqlite:///{d / 'notes.txt'}", "not a Supervisor Console database"),
        (lambda d: "mysql://user@localhost/db", "only sqlite:/// and postgresql+psycopg://"),
    ],
    ids=["missing-folder", "not-a-database", "unsupported-url"],
)
def test_a_bad_database_is_explained_and_the_window_stays_usable(
    make_window: MakeWindow,
    settle: Settle,
    tmp_path: Path,
    make_url: Callable[[Path], str],
    expected: str,
) -> None:
    (tmp_path / "notes.txt").write_text("shopping list: " * 500)
    window = make_window(make_url(tmp_path))
    assert settle(window) == "error"
    assert window.banner.isVisible()
    assert window.banner.title() == "Can't open the database"
    assert expected in window.banner.message()
    assert expected in window.status.state_text()
    assert "Traceback" not in window.banner.message()
    assert not crash_dialogs()
    window.actions_by_name["tab:analytics"].trigger()
    assert window.tabs.currentWidget().objectName() == "analytics"


def test_retry_after_fixing_the_problem_connects(
    make_window: MakeWindow, settle: Settle, tmp_path: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / "later"
    window = make_window(f"sqlite:///{folder / 'x.db'}")
    assert settle(window) == "error"
    folder.mkdir()
    window.banner.retry_requested.emit()
    qtbot.waitUntil(lambda: window.status.state() == "connected", timeout=20_000)
    assert not window.banner.isVisible()


def test_a_bug_while_opening_shows_the_crash_dialog(
    make_window: MakeWindow, settle: Settle, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(url: str) -> None:
        raise RuntimeError("the schema reader tripped")

    monkeypatch.setattr(database_session, "open_db", broken)
    window = make_window(sqlite_url)
    assert settle(window) == "error"
    [dialog] = crash_dialogs()
    details = dialog.details.toPlainText()
    assert "Traceback" in details and "RuntimeError: the schema reader tripped" in details
    assert not window.banner.isVisible()
    dialog.close()


def test_layout_and_tab_survive_a_restart(make_window: MakeWindow, sqlite_url: str) -> None:
    first = make_window(sqlite_url)
    first.resize(720, 540)
    first.actions_by_name["tab:analytics"].trigger()
    first.close()

    second = make_window(sqlite_url)
    assert (second.width(), second.height()) == (720, 540)
    assert second.tabs.currentWidget().objectName() == "analytics"
    assert second.actions_by_name["tab:analytics"].isChecked()


def test_layout_file_is_an_ini_in_the_config_dir(
    make_window: MakeWindow, sqlite_url: str, _isolated_home: Path
) -> None:
    make_window(sqlite_url).close()
    text = (_isolated_home / "config" / "window.ini").read_text()
    assert "geometry=" in text and "tab=live" in text


def test_quit_closes_the_window_and_stops_everything(
    make_window: MakeWindow, settle: Settle, sqlite_url: str
) -> None:
    window = make_window(sqlite_url)
    settle(window)
    window.actions_by_name["quit"].trigger()
    assert not window.isVisible()
    assert window.session.db is None


def test_about_box_does_not_block(make_window: MakeWindow, sqlite_url: str, qtbot: QtBot) -> None:
    window = make_window(sqlite_url)
    window.actions_by_name["about"].trigger()
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "Supervisor Console" in box.text()
    box.close()


def test_file_import_opens_the_wizard_once_the_database_is_open(
    make_window: MakeWindow, sqlite_url: str, qtbot: QtBot
) -> None:
    window = make_window(sqlite_url)
    action = window.actions_by_name["import"]
    assert action.shortcut().toString() == "Ctrl+I"
    qtbot.waitUntil(action.isEnabled, timeout=10_000)
    action.trigger()
    wizard = window._import_wizard
    assert wizard is not None and wizard.isVisible()
    wizard.reject()
    action.trigger()
    assert window._import_wizard is wizard  # reused, not a new child each time


def test_edit_undo_follows_the_schedules_tab(
    make_window: MakeWindow, sqlite_url: str, qtbot: QtBot
) -> None:
    window = make_window(sqlite_url)
    undo = window.actions_by_name["undo"]
    assert undo.shortcut().toString() == "Ctrl+Z"
    window.tabs.setCurrentWidget(window.schedules)
    qtbot.waitUntil(lambda: window.schedules.page is not None, timeout=10_000)
    assert window.undo_group.activeStack() is window.schedules.page.undo_stack
    window.tabs.setCurrentWidget(window.live)
    assert window.undo_group.activeStack() is None
    assert not undo.isEnabled()
