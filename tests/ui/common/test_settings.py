"""Window settings live where the rest of the settings do, in an INI file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from supervisor_app.ui.common.settings import LAYOUT_VERSION, WindowSettings


def make_main_window(qtbot: QtBot) -> tuple[QMainWindow, QTabWidget]:
    window = QMainWindow()
    tabs = QTabWidget()
    for key in ("live", "schedules"):
        page = QWidget()
        page.setObjectName(key)
        tabs.addTab(page, key)
    window.setCentralWidget(tabs)
    qtbot.addWidget(window)
    return window, tabs


def test_no_file_means_defaults(qtbot: QtBot, tmp_path: Path) -> None:
    window, tabs = make_main_window(qtbot)
    assert WindowSettings(tmp_path / "w.ini").restore(window, tabs) is False
    assert tabs.currentIndex() == 0


def test_a_tab_that_no_longer_exists_is_ignored(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "w.ini"
    path.write_text(f"[General]\nlayout_version={LAYOUT_VERSION}\n\n[window]\ntab=gone\n")
    window, tabs = make_main_window(qtbot)
    tabs.setCurrentIndex(1)
    assert WindowSettings(path).restore(window, tabs) is True
    assert tabs.currentIndex() == 1


def test_garbage_values_are_ignored(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "w.ini"
    path.write_text("[window]\ngeometry=not bytes\nstate=@ByteArray(xx)\ntab=schedules\n")
    window, tabs = make_main_window(qtbot)
    assert WindowSettings(path).restore(window, tabs) is True
    assert tabs.currentWidget().objectName() == "schedules"
