"""Two kinds of failure, shown two ways (after qutebrowser's KnownError / crash dialog).

A ``UserError`` (wrong URL, server down, not a database) is the user's to fix:
a banner across the window says what and where, offers Retry, and leaves every
other part of the window usable. Anything else is a bug: a dialog shows the
traceback to copy into a report, because a bug hidden in a log is never fixed.
"""

from __future__ import annotations

import logging
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
from supervisor_app.app_log import current_log_file
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.file_errors import explain_os_error

log = logging.getLogger(__name__)


# The role this window is connected with, named in a refusal ("… (director)").
_session_role: str | None = None


def set_session_role(role: str | None) -> None:
    """Set once the database is open (``ui/shell/role_view.py``)."""
    global _session_role
    _session_role = role


def as_user_error(exc: BaseException) -> UserError | None:
    """The error in words a user can act on, or None if it is a bug.

    A ``UserError`` as it is; a file-system failure (disk full, permission denied, file
    open in Excel, network drive gone) and a lost database connection put plainly.
    """
    if isinstance(exc, UserError):
        return exc
    if isinstance(exc, OSError):
        return explain_os_error(exc)
    # Imported here: the window's first paint loads no service module.
    from supervisor_app.services.failures import explain_database_failure

    return explain_database_failure(exc, _session_role)


def is_user_error(exc: BaseException) -> bool:
    return as_user_error(exc) is not None


def user_message(exc: BaseException) -> str:
    """What to show for a known error (its plain text); the exception's text otherwise."""
    known = as_user_error(exc)
    return str(known if known is not None else exc)


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
        self._retry = QPushButton(self.tr("Retry"))
        self._retry.clicked.connect(self.retry_requested)
        dismiss = QPushButton(self.tr("Dismiss"))
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


def crash_key(exc: BaseException) -> tuple[str, ...]:
    """Same type raised from the same lines: the same bug, however often it repeats."""
    frames = traceback.extract_tb(exc.__traceback__)
    return (type(exc).__qualname__, *(f"{f.filename}:{f.lineno}" for f in frames[-4:]))


class CrashDialog(QDialog):
    """Non-modal, so the window behind it keeps running and can still be closed.

    Open it with :meth:`report`: an exception that repeats (in a model's ``data()`` or a
    ``paint``, hundreds of times a second) raises the count on the open dialog instead of
    opening another one.
    """

    _open: dict[tuple[str, ...], CrashDialog] = {}  # noqa: RUF012 (one registry, by design)

    @classmethod
    def report(cls, exc: BaseException, parent: QWidget | None = None) -> CrashDialog:
        """Log ``exc`` and show it, once per distinct bug while its dialog is open."""
        key = crash_key(exc)
        existing = cls._open.get(key)
        if existing is not None:
            existing.repeat()
            return existing
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        dialog = cls(exc, parent)
        cls._open[key] = dialog
        dialog.destroyed.connect(lambda _obj=None, key=key: cls._open.pop(key, None))
        dialog.show()
        return dialog

    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supervisor Console — unexpected error"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(720, 440)
        self.count = 1
        intro = QLabel(
            self.tr(
                "<b>Something went wrong that should not have.</b><br>"
                "This is a bug in Supervisor Console, not something you did. The window keeps "
                "running; please copy the details below into a bug report."
            )
        )
        intro.setWordWrap(True)
        log_path = current_log_file()
        self.log_label = QLabel(
            self.tr("The log file, to attach to the report: {path}").format(path=log_path)
            if log_path
            else self.tr("No log file is being written.")
        )
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_label.setWordWrap(True)
        self.repeats = QLabel()
        self.repeats.hide()
        self.details = QPlainTextEdit(report_text(exc))
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self._copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.log_label)
        layout.addWidget(self.repeats)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def repeat(self) -> None:
        self.count += 1
        self.repeats.setText(self.tr("The same error happened {n} times.").format(n=self.count))
        self.repeats.show()

    def _copy(self) -> None:
        where = current_log_file()
        text = self.details.toPlainText()
        if where is not None:
            text += f"\nLog file: {where}\n"
        QGuiApplication.clipboard().setText(text)
