"""The box around one profile section: its title, and "Loading…" or the error until it is shown.

Each section fetches on its own worker, so each shows its own busy state: a slow
13-month scorecard does not hide the training record that came back at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QStackedWidget, QVBoxLayout, QWidget

from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.people.section import ProfileSection


class SectionFrame(QGroupBox):
    """A section's title over a stack: the busy line, the section, the error line."""

    def __init__(self, section: ProfileSection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName(f"frame_{type(section).__name__}")
        self.setTitle(QCoreApplication.translate("ProfileSection", type(section).title))
        self.setStyleSheet("QGroupBox { font-weight: 600; } QGroupBox * { font-weight: normal; }")
        self.busy = QLabel(self.tr("Loading…"))
        self.busy.setObjectName("sectionBusy")
        set_tone(self.busy, "muted")
        self.error = QLabel()
        self.error.setObjectName("sectionError")
        set_tone(self.error, "error")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stack = QStackedWidget()
        for widget in (self.busy, section, self.error):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.stack)
        self.loaded = False

    def set_busy(self) -> None:
        """Before the first answer: "Loading…"; on a reload the old data stays, dimmed."""
        if self.loaded and self.stack.currentWidget() is self.section:
            self.section.setEnabled(False)
            return
        self.stack.setCurrentWidget(self.busy)

    def is_busy(self) -> bool:
        return self.stack.currentWidget() is self.busy or not self.section.isEnabled()

    def show_section(self) -> None:
        self.loaded = True
        self.section.setEnabled(True)
        self.stack.setCurrentWidget(self.section)

    def show_error(self, text: str) -> None:
        self.section.setEnabled(True)
        self.error.setText(text)
        self.stack.setCurrentWidget(self.error)
