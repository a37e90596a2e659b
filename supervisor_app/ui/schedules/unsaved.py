"""Asking about unsaved edits (before changing week or closing), and which Monday a day is in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

Confirm = Callable[[QWidget, str], str]  # returns "save", "discard" or "cancel"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def ask_unsaved(parent: QWidget, what: str) -> str:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("unsaved", "Unsaved schedule changes"))
    box.setText(
        QCoreApplication.translate(
            "unsaved", "The week has unsaved changes. Save them before {what}?"
        ).format(what=what)
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {
        QMessageBox.StandardButton.Save: "save",
        QMessageBox.StandardButton.Discard: "discard",
    }.get(QMessageBox.StandardButton(answer), "cancel")
