"""What the coaching note and restricted record forms share: an optional date (a tick box
beside a date that is greyed until ticked), and the Save/Cancel frame under a form with
its one-line error, so both dialogs look and refuse alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def optional_date(label: str, day: date, ticked: bool) -> tuple[QCheckBox, QDateEdit, QHBoxLayout]:
    """``[x] label  [day]``: the date counts only when ticked (a follow-up, a review)."""
    tick = QCheckBox(label)
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    tick.setChecked(ticked)
    edit.setEnabled(ticked)
    tick.toggled.connect(edit.setEnabled)
    row = QHBoxLayout()
    row.addWidget(tick)
    row.addWidget(edit, 1)
    return tick, edit, row


def save_cancel(dialog: QDialog, form: QFormLayout, accept: Callable[[], None]) -> QLabel:
    """Lay ``form`` out above an error line and Save/Cancel; Save calls ``accept``, which
    says what is wrong in the returned label or accepts the dialog."""
    error = QLabel()
    error.setWordWrap(True)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error
