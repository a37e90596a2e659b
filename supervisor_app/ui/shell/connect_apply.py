"""Saving what the connect dialog chose, and reopening the console on it.

The database URL (and whether to run the demo) goes to ``settings.toml``; a shared
database's password to the user's password file. A running window moves to another
database by starting a new console and closing itself: every tab, thread and the change
feed start clean on the new database, as on any start.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:  # the dialog loads a service module: not before the first paint
    from supervisor_app.ui.shell.connect_dialog import ConnectChoice

log = logging.getLogger(__name__)


def apply_choice(choice: ConnectChoice) -> tuple[str, bool]:
    """Save ``choice``; returns the database URL to open and whether it is the demo."""
    from supervisor_app.store.location import default_database_url
    from supervisor_app.store.pgpass import remember_password
    from supervisor_app.store.settings_file import save_console_database
    from supervisor_app.ui.shell.connect_dialog import ChoiceKind

    if choice.kind is ChoiceKind.SHARED:
        assert choice.shared is not None
        target = choice.shared
        if choice.password:
            remember_password(
                target.host, target.port, target.database, target.user, choice.password
            )
        url, demo = target.url(), False
    else:
        url, demo = default_database_url(), choice.kind is ChoiceKind.DEMO
    save_console_database(url, demo=demo)
    log.info("connection: the console now opens %s%s", _shown(url), " (demo)" if demo else "")
    return url, demo


def _shown(url: str) -> str:
    from supervisor_app.store.location import display_url

    return display_url(url)


def restart_command() -> tuple[str, list[str]]:
    """How to start this console again: the bundle's executable, or this Python."""
    if getattr(sys, "frozen", False):
        return sys.executable, []
    return sys.executable, ["-m", "supervisor_app", "gui"]


def restart_console() -> bool:
    """Start a new console (it reads the saved choice); the caller closes this one."""
    program, args = restart_command()
    result = QProcess.startDetached(program, args)
    started = result[0] if isinstance(result, tuple) else result
    if not started:
        log.error("restart: could not start %s %s", program, " ".join(args))
    return bool(started)


def ask_first_run(app: QApplication) -> tuple[bool, bool] | None:
    """No database configured yet: ask how to start. (demo, open Setup) or None if cancelled."""
    from supervisor_app.ui.common.workers import Workers
    from supervisor_app.ui.shell.connect_dialog import ChoiceKind, ConnectDialog

    workers = Workers(app)
    try:
        dialog = ConnectDialog(workers, first_run=True)
        if dialog.exec() != ConnectDialog.DialogCode.Accepted or dialog.choice is None:
            return None
        _url, demo = apply_choice(dialog.choice)
        return demo, dialog.choice.kind is ChoiceKind.LOCAL
    finally:
        workers.shutdown()
