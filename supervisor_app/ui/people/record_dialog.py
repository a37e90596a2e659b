"""Add record…: a restricted record's kind, text, issue and review dates. No database
here: the records section saves ``values()`` on a worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.people_records import RecordKind
from supervisor_app.ui.people.note_dialog import pydate, qdate

KIND_LABELS = {
    RecordKind.WARNING: QT_TRANSLATE_NOOP("RecordDialog", "Warning"),
    RecordKind.IMPROVEMENT_PLAN: QT_TRANSLATE_NOOP("RecordDialog", "Improvement plan"),
    RecordKind.OTHER: QT_TRANSLATE_NOOP("RecordDialog", "Other"),
}


@dataclass(frozen=True, slots=True)
class RecordValues:
    kind: RecordKind
    text: str
    issued_on: date
    review_on: date | None


class RecordDialog(QDialog):
    def __init__(self, agent_name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordDialog")
        self.setWindowTitle(self.tr("Restricted record: {agent}").format(agent=agent_name))
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(self.tr(label), kind.value)
        self.text = QPlainTextEdit()
        self.issued = QDateEdit(qdate(today))
        self.review = QCheckBox(self.tr("Review on"))
        self.review_on = QDateEdit(qdate(today + timedelta(days=30)))
        self.review_on.setEnabled(False)
        self.review.toggled.connect(self.review_on.setEnabled)
        for edit in (self.issued, self.review_on):
            edit.setCalendarPopup(True)
        review = QHBoxLayout()
        review.addWidget(self.review)
        review.addWidget(self.review_on, 1)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.tr("Issued on"), self.issued)
        form.addRow(self.tr("Review"), review)
        self.error = QLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 360)

    def values(self) -> RecordValues:
        return RecordValues(
            kind=RecordKind(self.kind.currentData()),
            text=self.text.toPlainText().strip(),
            issued_on=pydate(self.issued.date()),
            review_on=pydate(self.review_on.date()) if self.review.isChecked() else None,
        )

    def _accept(self) -> None:
        values = self.values()
        if not values.text:
            self.error.setText(self.tr("The record needs its text."))
            return
        if values.review_on is not None and values.review_on < values.issued_on:
            self.error.setText(self.tr("The review date is before the issue date."))
            return
        self.accept()
