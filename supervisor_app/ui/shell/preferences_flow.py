"""What File › Settings…, File › Connect… and Help › About do in a running window.

Kept out of ``main_window`` (which only wires parts together): open the dialog, save
what it returns, apply it (theme and charts, the Live tab's threshold and notifications),
and for another database save the choice and reopen the console on it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from supervisor_app.ui.common.preferences import Preferences, load_preferences, save_preferences
from supervisor_app.ui.common.theme import apply_theme

if TYPE_CHECKING:
    from supervisor_app.ui.shell.connect_dialog import ConnectDialog
    from supervisor_app.ui.shell.main_window import MainWindow
    from supervisor_app.ui.shell.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


class PreferencesFlow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.database_shown = ""
        self.prefs = load_preferences(window.settings_path)
        self.connect_dialog: ConnectDialog | None = None
        self.settings_dialog: SettingsDialog | None = None

    def apply(self, prefs: Preferences) -> None:
        """Make ``prefs`` visible now: theme, charts, the Live tab's threshold and alerts."""
        self.prefs = prefs
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, prefs.theme)
        self._window.live.apply_preferences(prefs.adherence_minutes, prefs.notifications)
        picker = self._window.site_picker
        if prefs.site and prefs.site.casefold() != picker.combo.currentText().casefold():
            picker.choose(prefs.site)  # every tab follows the picker

    def open_settings(self) -> SettingsDialog:
        from supervisor_app.ui.shell.settings_dialog import SettingsDialog  # on first use

        window = self._window
        dialog = SettingsDialog(
            self.prefs, window.workers, window.session.db, self.database_shown, window
        )
        dialog.accepted.connect(lambda: self._settings_chosen(dialog))
        dialog.change_database.connect(self.open_connect)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _settings_chosen(self, dialog: SettingsDialog) -> None:
        prefs = dialog.preferences()
        save_preferences(self._window.settings_path, prefs)
        log.info("settings: %s", prefs)
        self.apply(prefs)

    def open_connect(self) -> ConnectDialog:
        # Imported on first use: the window's first paint loads no service module.
        from supervisor_app.ui.shell.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self._window.workers, self._window, first_run=False)
        dialog.accepted.connect(lambda: self._connect_chosen(dialog))
        self.connect_dialog = dialog
        dialog.open()
        return dialog

    def _connect_chosen(self, dialog: ConnectDialog) -> None:
        from supervisor_app.ui.shell.connect_apply import apply_choice, restart_console

        if dialog.choice is None:
            return
        try:
            apply_choice(dialog.choice)
        except OSError as exc:
            QMessageBox.warning(self._window, self.tr("Can't save the choice"), str(exc))
            return
        choice = dialog.choice
        if restart_console(None if choice.remember else choice.password):
            QTimer.singleShot(0, self._window.close)
        else:
            QMessageBox.information(
                self._window,
                self.tr("Connect"),
                self.tr("Saved. Start Supervisor Console again to open the new database."),
            )

    def ask_login(self, message: str) -> bool:
        """The login dialog, for a shared database that refused the login; False if the
        database is not a shared one this dialog can describe."""
        from supervisor_app.services.connection_check import SharedDatabase
        from supervisor_app.ui.shell.connect_dialog import ConnectDialog

        url = self._window.session.url
        target = SharedDatabase.from_url(url) if url else None
        if target is None:
            return False
        dialog = ConnectDialog(self._window.workers, self._window, first_run=False)
        dialog.setObjectName("loginDialog")
        dialog.login(target, message)
        dialog.accepted.connect(lambda: self._logged_in(dialog, url))
        self.connect_dialog = dialog
        dialog.open()
        return True

    def _logged_in(self, dialog: ConnectDialog, url: str) -> None:
        """Same database: keep the password and open it again; another: as File › Connect…."""
        from supervisor_app.ui.shell.connect_apply import keep_password

        choice = dialog.choice
        if choice is None or choice.shared is None:
            return
        if choice.shared.url() != url:
            self._connect_chosen(dialog)
            return
        keep_password(choice)
        self._window.banner.hide()
        self._window.session.start()

    def show_about(self) -> None:
        from supervisor_app.ui.shell.help_menu import show_about

        show_about(self._window, self.database_shown or None)
