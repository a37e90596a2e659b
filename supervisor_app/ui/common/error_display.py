"""Two kinds of failure, shown two ways (after qutebrowser's KnownError / crash dialog).

A ``UserError`` (wrong URL, server down, not a database) is the user's to fix:
a banner across the window says what and where, offers Retry, and leaves every
other part of the window usable. Anything else is a bug: a dialog shows the
traceback to copy into a report, because a bug hidden in a log is never fixed.
"""

from __future__ import annotations

import platform
import traceback

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, Signal, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app import __version__
from supervisor_app.domain.errors import UserError


def is_user_error(exc: BaseException) -> bool:
    return isinstance(exc, UserError)


def traceback_text(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def report_text(exc: BaseException) -> str:
    """What a bug report needs: versions first, then the traceback."""
    versions = (
        f"Supervisor Console {__version__} · Python {platform.python_version()} · "
        f"Qt {qVersion()} · PySide6 {pyside_version} · {platform.platform()}"
    )
    return f"{versions}\n\n{traceback_text(exc)}"


class ErrorBanner(QFrame):
    """A dismissible strip above the tabs: title, message, optional Retry."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self._title = QLabel()
        self._title.setObjectName("errorTitle")
        self._text = QLabel()
        self._text.setObjectName("errorText")
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._retry = QPushButton("Retry")
        self._retry.clicked.connect(self.retry_requested)
        dismiss = QPushButton("Dismiss")
        dismiss.clicked.connect(self.hide)

        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self._title)
        words.addWidget(self._text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 10)
        layout.addLayout(words, 1)
        layout.addWidget(self._retry, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_message(self, title: str, message: str, *, can_retry: bool) -> None:
        self._title.setText(title)
        self._text.setText(message)
        self._retry.setVisible(can_retry)
        self.show()

    def title(self) -> str:
        return self._title.text()

    def message(self) -> str:
        return self._text.text()


class CrashDialog(QDialog):
    """Non-modal, so the window behind it keeps running and can still be closed."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Supervisor Console — unexpected error")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(720, 420)
        intro = QLabel(
            "<b>Something went wrong that should not have.</b><br>"
            "This is a bug in Supervisor Console, not something you did. The window keeps "
            "running; please copy the details below into a bug report."
        )
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(report_text(exc))
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
