"""Showing what went wrong after a button press, and the one place to swap that out in tests.

A known error (``UserError``: the escalation was taken by someone else, the server is
down) is the supervisor's to read: a message box with its text. Anything else is a
bug: the crash dialog with the traceback. Message boxes open window-modal without
blocking (``open``, not ``exec``), so a live view keeps updating behind them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from supervisor_app.ui.common.error_display import CrashDialog, is_user_error, user_message

# (parent, title, text): how a panel tells the user something; tests pass a recorder.
ShowMessage = Callable[[QWidget, str, str], None]


def message_box(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def show_failure(parent: QWidget, exc: BaseException, title: str, show: ShowMessage) -> None:
    """A known error as a message with its text; a bug as the crash dialog."""
    if is_user_error(exc):
        show(parent, title, user_message(exc))
    else:
        CrashDialog.report(exc, parent)


def first_line(exc: BaseException) -> str:
    """An error's first line (its type's name if it has no text), for a status line."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def refresh_note(exc: BaseException, verb: str = "refresh") -> str:
    """One line for a view whose fetch failed: the known error's first line, or "unexpected"."""
    if is_user_error(exc):
        lines = user_message(exc).splitlines()
        return f"Couldn't {verb}: {lines[0] if lines else type(exc).__name__}"
    return f"Couldn't {verb}: unexpected error (details in the error report)"
