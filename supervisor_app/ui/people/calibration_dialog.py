"""Calibration: contacts scored by several evaluators, with each score and the spread.

Opened from Setup › Quality forms (Calibration…). The list is the service's
(``calibration``: widest range first); it is read on a worker for the range
chosen, so the window never waits on the database.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.services.database import Database
from supervisor_app.services.people import Calibration, calibration
from supervisor_app.ui.common.error_display import is_user_error, user_message
from supervisor_app.ui.common.text_rows import put_row
from supervisor_app.ui.common.workers import Workers

_CONTEXT = "CalibrationDialog"
COLUMNS = (
    QT_TRANSLATE_NOOP("CalibrationDialog", "Contact"),
    QT_TRANSLATE_NOOP("CalibrationDialog", "Queue"),
    QT_TRANSLATE_NOOP("CalibrationDialog", "Agent"),
    QT_TRANSLATE_NOOP("CalibrationDialog", "Scores by evaluator"),
    QT_TRANSLATE_NOOP("CalibrationDialog", "Range"),
    QT_TRANSLATE_NOOP("CalibrationDialog", "Std. dev."),
)


class CalibrationDialog(QDialog):
    def __init__(
        self, db: Database, workers: Workers, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationDialog")
        self.setWindowTitle(self.tr("Calibration — Supervisor Console"))
        self.resize(980, 520)
        self.db, self.workers = db, workers
        self.first = QDateEdit(_qdate(today - timedelta(days=30)))
        self.last = QDateEdit(_qdate(today))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        show = QPushButton(self.tr("Show"))
        show.clicked.connect(self.refresh)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("calibrationTable")
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate(_CONTEXT, c) for c in COLUMNS]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("From")))
        bar.addWidget(self.first)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.last)
        bar.addWidget(show)
        bar.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        first, last, db = self.first.date().toPython(), self.last.date().toPython(), self.db
        self.note.setText(self.tr("Loading…"))
        self.workers.run(
            lambda _report: calibration(db, first, last),  # type: ignore[arg-type]
            on_success=self.show_rows,
            on_failure=self._failed,
        )

    def show_rows(self, rows: list[Calibration]) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            scores = ", ".join(f"{who}: {pct:.1f} %" for who, pct in row.scores)
            cells = (
                row.contact_ref,
                row.queue_name or "",
                row.agent_name,
                scores,
                f"{row.spread.range:.1f}",
                f"{row.spread.std_dev:.1f}",
            )
            put_row(self.table, r, cells, right={4, 5})
        self.note.setText(
            self.tr(
                "{count} contact(s) scored by two evaluators or more; range and standard "
                "deviation in percentage points, widest first."
            ).format(count=len(rows))
        )

    def _failed(self, error: BaseException) -> None:
        self.note.setText(user_message(error) if is_user_error(error) else repr(error))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
