"""File › Settings…, the theme (charts included), Help's shortcut list and About, and the
crash dialog that opens once for an error that repeats."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from supervisor_app.ui.common.error_display import CrashDialog
from supervisor_app.ui.common.preferences import (
    Preferences,
    Theme,
    load_preferences,
    save_preferences,
)
from supervisor_app.ui.common.resources import style_sheet
from supervisor_app.ui.common.theme import (
    DARK_CHART,
    LIGHT_CHART,
    TONES,
    apply_theme,
    is_dark,
    set_tone,
)
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.shell import MainWindow
from supervisor_app.ui.shell.help_menu import ShortcutsDialog, shortcut_rows, user_guide_url
from supervisor_app.ui.shell.settings_dialog import SettingsDialog

MakeWindow = Callable[..., MainWindow]


def _settled(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.session.db is not None, timeout=30_000)


def test_settings_dialog_saves_and_the_window_applies_them(
    make_window: MakeWindow, sqlite_url: str, qtbot: QtBot
) -> None:
    window = make_window(sqlite_url)
    _settled(qtbot, window)
    window.actions_by_name["settings"].trigger()
    dialog = window.preferences.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    # The site list arrives from a worker; an empty database has no site to choose.
    qtbot.waitUntil(lambda: dialog.site.itemData(0) is None and dialog.site.count() >= 1)
    assert dialog.adherence.minimum() == 1 and dialog.adherence.maximum() == 240
    dialog.adherence.setValue(12)
    dialog.notifications.setChecked(False)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.accept()
    try:
        saved = load_preferences(window.settings_path)
        assert saved == Preferences(Theme.DARK, False, 12, None)
        assert window.live.agent_model.red_minutes == 12.0
        assert window.live.feed.adherence.red == 12.0
        assert window.live.notifier.enabled is False
        assert is_dark()
    finally:
        apply_theme(QApplication.instance(), Theme.LIGHT)  # type: ignore[arg-type]


def test_settings_list_the_sites_off_the_gui_thread(qtbot: QtBot, workers: Workers) -> None:
    asked: list[object] = []

    def sites(db: object) -> list[str]:
        asked.append(db)
        return ["Lisbon", "Porto"]

    prefs = Preferences(site="Porto")
    dialog = SettingsDialog(prefs, workers, object(), "sqlite:///x.db", sites=sites)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.site.count() == 3)
    assert [dialog.site.itemText(i) for i in range(3)] == ["Ask", "Lisbon", "Porto"]
    assert dialog.site.currentText() == "Porto"
    dialog.site.setCurrentIndex(1)
    assert dialog.preferences().site == "Lisbon"


def test_preferences_out_of_range_fall_back_to_defaults(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "window.ini"
    path.write_text(
        "[live]\nadherence_alert_minutes=0\n[appearance]\ntheme=purple\n", encoding="utf-8"
    )
    assert load_preferences(path) == Preferences()
    save_preferences(path, Preferences(Theme.LIGHT, True, 30, "Porto"))
    assert load_preferences(path) == Preferences(Theme.LIGHT, True, 30, "Porto")


def test_switching_the_theme_repaints_the_charts(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    chart = pg.PlotWidget()
    qtbot.addWidget(chart)
    axis = chart.getPlotItem().getAxis("left")
    try:
        apply_theme(app, Theme.DARK)
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert chart.backgroundBrush().color().name() == DARK_CHART[0]
        assert axis.textPen().color().name() == DARK_CHART[1]
        apply_theme(app, Theme.LIGHT)
        assert app.palette().color(QPalette.ColorRole.Window).lightness() >= 128
        assert chart.backgroundBrush().color().name() == LIGHT_CHART[0]
        assert axis.textPen().color().name() == LIGHT_CHART[1]
    finally:
        apply_theme(app, Theme.LIGHT)


def _contrast(a: QColor, b: QColor) -> float:
    """WCAG 2.1 contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_tone_reads_on_the_window_in_both_themes(qtbot: QtBot) -> None:
    """A heading or a note coloured for white must not vanish on the dark theme (it did:
    navy on near-black), and a switch in Settings recolours labels already shown."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    labels = {tone: QLabel(tone) for tone in TONES}
    for tone, label in labels.items():
        qtbot.addWidget(label)
        set_tone(label, tone)
    try:
        app.setStyleSheet(style_sheet())
        for theme in (Theme.LIGHT, Theme.DARK, Theme.LIGHT):
            apply_theme(app, theme)
            window = app.palette().color(QPalette.ColorRole.Window)
            for tone, label in labels.items():
                label.ensurePolished()
                ink = label.palette().color(QPalette.ColorRole.WindowText)
                assert _contrast(ink, window) >= 4.5, (theme, tone, ink.name(), window.name())
        shown = labels["muted"]  # a tone changed on a label already styled shows at once
        set_tone(shown, "error")
        assert shown.palette().color(QPalette.ColorRole.WindowText).name() == "#b3261e"
    finally:
        apply_theme(app, Theme.LIGHT)
        app.setStyleSheet("")


def test_the_shortcut_list_is_every_action_with_keys(
    make_window: MakeWindow, sqlite_url: str, qtbot: QtBot
) -> None:
    window = make_window(sqlite_url)
    rows = dict(shortcut_rows(window))
    # Counted independently: every QAction of the window that has a key sequence.
    with_keys = {
        a for a in window.findChildren(QAction) if any(not k.isEmpty() for k in a.shortcuts())
    }
    assert len(rows) == len({a.text() for a in with_keys})
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["Quit"] == QKeySequence("Ctrl+Q").toString(native)
    assert rows["Keyboard shortcuts"] == QKeySequence("Ctrl+/").toString(native)
    assert rows["Live"] == QKeySequence("Ctrl+1").toString(native)
    assert "Ctrl+Shift+Z" in rows["Redo"].replace("Shift+Ctrl", "Ctrl+Shift")
    window.actions_by_name["shortcuts"].trigger()
    [dialog] = [w for w in window.findChildren(ShortcutsDialog)]
    assert dialog.table.rowCount() == len(rows)


def test_no_two_actions_share_a_key(make_window: MakeWindow, sqlite_url: str) -> None:
    """A key bound twice is ambiguous: Qt then runs neither action."""
    window = make_window(sqlite_url)
    owners: dict[str, set[str]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            if not key.isEmpty():
                owners.setdefault(key.toString(), set()).add(action.text())
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_the_user_guide_ships_with_the_build() -> None:
    url = user_guide_url()
    assert url is not None and url.isLocalFile()
    assert url.toLocalFile().endswith("user-guide/index.md")


def test_about_names_console_qt_python_and_database(
    make_window: MakeWindow, sqlite_url: str, qtbot: QtBot
) -> None:
    import platform

    from PySide6.QtCore import qVersion

    from supervisor_app import __version__

    window = make_window(sqlite_url)
    _settled(qtbot, window)
    window.actions_by_name["about"].trigger()
    [box] = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    for part in (__version__, qVersion(), platform.python_version(), "supervisor.db"):
        assert part in box.text()
    box.close()


def _raise_from_data(n: int) -> BaseException:
    """The same bug raised again and again, as a model's data() would (same lines)."""
    try:
        {}["queue_id"]
    except KeyError as exc:
        return exc
    raise AssertionError(n)


def test_an_error_that_repeats_opens_one_dialog(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = {id(CrashDialog.report(_raise_from_data(n), parent)) for n in range(300)}
    assert len(dialogs) == 1
    [dialog] = parent.findChildren(CrashDialog)
    assert dialog.count == 300
    assert dialog.repeats.text() == "The same error happened 300 times."
    # Another bug gets its own dialog.
    other = CrashDialog.report(ValueError("another"), parent)
    assert other is not dialog
    other.close()
    dialog.close()


def test_the_crash_dialog_names_the_log_and_copies_the_details(
    qtbot: QtBot,
    tmp_path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from supervisor_app import app_log

    monkeypatch.setattr(app_log, "_current", tmp_path / "console.log")
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = CrashDialog.report(_raise_from_data(0), parent)
    assert str(tmp_path / "console.log") in dialog.log_label.text()
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "KeyError: 'queue_id'" in copied and f"Log file: {tmp_path / 'console.log'}" in copied
    dialog.close()


def test_help_opens_the_guide_inside_the_console(qtbot: QtBot) -> None:
    from supervisor_app.ui.shell.help_menu import GuideBrowser, open_user_guide

    parent = QWidget()
    qtbot.addWidget(parent)
    guide = open_user_guide(parent)
    assert isinstance(guide, GuideBrowser)
    text = guide.browser.toPlainText()
    assert text.startswith("User guide") and "Installing the console" in text
    guide.close()
