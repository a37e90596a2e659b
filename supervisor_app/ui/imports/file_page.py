"""Step 1: which file, and what it holds (contacts, the roster, or a forecast)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
    QWizardPage,
)

from supervisor_app.ingest.files import FileKind
from supervisor_app.ui.common.layouts import with_button
from supervisor_app.ui.imports.state import ImportState

KIND_LABELS = {
    FileKind.CONTACTS: "Contacts (calls, chats, emails)",
    FileKind.AGENTS: "Agents (the roster)",
    FileKind.FORECAST: "Forecast (volume and handle time per interval)",
    FileKind.TRAINING: "Training completions (agent code, course, date)",
    FileKind.EVALUATIONS: "Quality evaluations (agent code, form, evaluator, when, answers)",
}
FILE_FILTER = QT_TRANSLATE_NOOP("FilePage", "Tables (*.csv *.txt *.tsv *.xlsx);;All files (*)")


class FilePage(QWizardPage):
    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr(
                "A CSV (any delimiter; UTF-8, UTF-16 or Windows-1252) or an Excel workbook. "
                "Nothing is written until the last step."
            )
        )
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("/path/to/export.csv"))
        self.path.setClearButtonEnabled(True)
        row = with_button(self.path, "&Browse…", self._browse)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("&What it holds:"), self.kind)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path)
        form.addRow(file_label, row)
        form.addRow("", self.hint)
        self.path.textChanged.connect(self._changed)
        self.kind.currentIndexChanged.connect(self._changed)
        self._changed()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a file"), self.path.text(), self.tr(FILE_FILTER)
        )
        if chosen:
            self.path.setText(chosen)

    def _changed(self) -> None:
        text = self.path.text().strip()
        self.hint.setText(
            "" if not text or Path(text).is_file() else self.tr("There is no file at this path.")
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        text = self.path.text().strip()
        return bool(text) and Path(text).is_file()

    def validatePage(self) -> bool:
        path = Path(self.path.text().strip())
        if path != self._state.path:
            self._state.preview = None
        self._state.path = path
        self._state.kind = self.kind.currentData()
        return True
