"""Ask for a line or a paragraph of text: a note, a resolution, the reason for an approval.

Every one of them ends up in the audit log, so an empty answer is not accepted:
OK stays disabled until something other than spaces has been typed. Panels take
the prompt as a parameter so a test can answer it without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

# (parent, title, label) -> the text, or None if the user cancelled.
AskText = Callable[[QWidget, str, str], str | None]

MAX_CHARS = 2_000


class TextPrompt(QDialog):
    def __init__(self, parent: QWidget | None, title: str, label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(440, 220)
        caption = QLabel(label)
        caption.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.editor.textChanged.connect(self._sync)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.buttons)
        self._sync()

    def text(self) -> str:
        return self.editor.toPlainText().strip()[:MAX_CHARS]

    def _sync(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text()))


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    """Modal: the caller acts on the answer straight away, so it waits for one."""
    dialog = TextPrompt(parent, title, label)
    try:
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
