"""Add record…: a restricted record's kind, text, issue and review dates. No database
here: the records section saves ``values()`` on a worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QPlainTextEdit,
    QWidget,
)

from supervisor_app.domain.people_records import RecordKind
from supervisor_app.ui.people.form_parts import optional_date, pydate, qdate, save_cancel

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
        self.issued.setCalendarPopup(True)
        self.review, self.review_on, review = optional_date(
            self.tr("Review on"), today + timedelta(days=30), False
        )
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.tr("Issued on"), self.issued)
        form.addRow(self.tr("Review"), review)
        self.error = save_cancel(self, form, self._accept)
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
