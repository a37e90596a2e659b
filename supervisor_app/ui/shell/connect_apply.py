"""Saving what the connect dialog chose, and reopening the console on it.

The database URL (and whether to run the demo) goes to ``settings.toml``; a shared
database's password never does: it stays in memory for this run, and in the OS keychain
if the user ticked "remember" (the password file where there is no keychain). A new
console started here gets it in its environment (``PGPASSWORD``), never on its
command line, which every user of the machine can read. A running window moves to another
database by starting a new console and closing itself: every tab, thread and the change
feed start clean on the new database, as on any start.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:  # the dialog loads a service module: not before the first paint
    from supervisor_app.ui.shell.connect_dialog import ConnectChoice

log = logging.getLogger(__name__)

_started: list[subprocess.Popen[bytes]] = []


def apply_choice(choice: ConnectChoice) -> tuple[str, bool]:
    """Save ``choice``; returns the database URL to open and whether it is the demo."""
    from supervisor_app.store.location import default_database_url
    from supervisor_app.store.settings_file import save_console_database
    from supervisor_app.ui.shell.connect_dialog import ChoiceKind

    if choice.kind is ChoiceKind.SHARED:
        assert choice.shared is not None
        keep_password(choice)
        url, demo = choice.shared.url(), False
    else:
        url, demo = default_database_url(), choice.kind is ChoiceKind.DEMO
    save_console_database(url, demo=demo)
    log.info("connection: the console now opens %s%s", _shown(url), " (demo)" if demo else "")
    return url, demo


def keep_password(choice: ConnectChoice) -> None:
    """For this run always; in the keychain (else ``.pgpass``) if "remember" was ticked.

    Unticked, a password remembered before is forgotten: the user said not to keep it.
    """
    from supervisor_app.store import credentials
    from supervisor_app.store.pgpass import remember_password

    target = choice.shared
    assert target is not None
    key = target.keychain_account()
    if not choice.password:
        return
    if not choice.remember:
        credentials.forget(key)
    credentials.remember_for_this_run(key, choice.password)
    if not choice.remember:
        return
    try:
        credentials.store_in_keychain(key, choice.password)
        log.info("connection: password for %s kept in the keychain", key)
    except Exception as exc:  # no keychain on this machine (a server, a minimal desktop)
        log.warning("connection: no keychain (%s); password kept in .pgpass", type(exc).__name__)
        remember_password(target.host, target.port, target.database, target.user, choice.password)


def _shown(url: str) -> str:
    from supervisor_app.store.location import display_url

    return display_url(url)


def restart_command() -> tuple[str, list[str]]:
    """How to start this console again: the bundle's executable, or this Python."""
    if getattr(sys, "frozen", False):
        return sys.executable, []
    return sys.executable, ["-m", "supervisor_app", "gui"]


def restart_console(password: str | None = None) -> int | None:
    """Start a new console (it reads the saved choice) and return its process id, or None
    when it could not start; the caller closes this one.

    ``password`` (typed, not remembered) goes in the child's environment as
    ``PGPASSWORD``: an environment is readable only by its owner, a command line by all.
    """
    program, args = restart_command()
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = password
    try:
        child = subprocess.Popen(
            [program, *args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # outlives this console
        )
    except OSError as exc:
        log.error("restart: could not start %s %s (%s)", program, " ".join(args), exc)
        return None
    _started.append(child)  # kept: a Popen dropped while its child runs warns
    return child.pid


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
