"""A live panel's title, and the note it shows while its data could not be refreshed.

A failed refresh keeps the last data on screen (a supervisor would rather see
numbers a minute old than a blank panel) and says so beside the title, with the
time the data is from. A bug also opens the crash dialog, once per run of
failures: the panel refreshes on every change, and a dialog per change would bury
the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from supervisor_app.ui.common.error_display import CrashDialog, is_user_error
from supervisor_app.ui.common.failures import refresh_note
from supervisor_app.ui.common.theme import set_tone


class ElidedLabel(QLabel):
    """One line that gives way: cut with "…" rather than widen the panel (full text in tooltip)."""

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.width()
        )
        painter.drawText(self.rect(), int(self.alignment()), shown)
        painter.end()


class RefreshStatus(QObject):
    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.title = QLabel(title)
        self.title.setObjectName("panelTitle")
        self.title.setStyleSheet("font-weight: 600;")
        set_tone(self.title, "heading")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.note = ElidedLabel()
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.note.setObjectName("refreshNote")
        set_tone(self.note, "error")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        self.as_of: str | None = None  # when the data on screen is from, as the user reads it
        self._crash_shown = False

    def succeeded(self, title: str | None = None, as_of: str | None = None) -> None:
        if title is not None:
            self.title.setText(title)
        self.as_of = as_of
        self.note.hide()
        self._crash_shown = False

    def failed(self, exc: BaseException) -> str:
        """Say the fetch failed; returns the text.

        With data on screen the note beside the title says so and from when; with
        none yet, the panel shows the returned text in place of its content instead.
        """
        if self.as_of is None:
            text = refresh_note(exc, "load")
        else:
            text = f"{refresh_note(exc)} — showing data from {self.as_of}"
            self.note.setText(text)
            self.note.show()
        if not is_user_error(exc) and not self._crash_shown:
            self._crash_shown = True
            CrashDialog.report(exc, self._parent)
        return text
