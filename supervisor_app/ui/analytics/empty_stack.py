"""A view or, in its place, one sentence saying why there is nothing to show yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from supervisor_app.ui.common.theme import set_tone


class EmptyStack(QStackedWidget):
    def __init__(self, view: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("font-size: 11pt; padding: 24px;")
        set_tone(self.message, "muted")
        self.addWidget(self.message)
        self.addWidget(view)
        self.show_message("Open a database to see its history.")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def show_view(self) -> None:
        self.setCurrentWidget(self.view)

    @property
    def empty(self) -> bool:
        return self.currentWidget() is self.message
