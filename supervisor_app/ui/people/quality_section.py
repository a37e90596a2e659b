"""The profile's Quality section: the agent's evaluations of the last year, and Evaluate….

Each row is one evaluation with the score it was given, the form and version it
was scored with, who evaluated and the contact; newest first. Evaluate… opens
the evaluation dialog for the agent; once saved, the profile fetches again.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.permissions import Action, may
from supervisor_app.services.database import Database
from supervisor_app.services.people import EvaluationLine, evaluations_in
from supervisor_app.ui.common.text_rows import put_row, text_table
from supervisor_app.ui.people.evaluation_dialog import EvaluationDialog
from supervisor_app.ui.people.evaluation_text import contact_text, form_text, score_text
from supervisor_app.ui.people.log_table import fit_rows
from supervisor_app.ui.people.section import ProfileContext, ProfileSection

_CONTEXT = "QualitySection"
COLUMNS = (
    QT_TRANSLATE_NOOP("QualitySection", "Evaluated"),
    QT_TRANSLATE_NOOP("QualitySection", "Score"),
    QT_TRANSLATE_NOOP("QualitySection", "Form"),
    QT_TRANSLATE_NOOP("QualitySection", "Evaluator"),
    QT_TRANSLATE_NOOP("QualitySection", "Contact"),
)
HISTORY_DAYS = 365


class QualitySection(ProfileSection):
    title = QT_TRANSLATE_NOOP("QualitySection", "Quality")

    def __init__(self, context: ProfileContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("qualitySection")
        self.summary = QLabel()
        self.summary.setObjectName("qualitySummary")
        self.evaluate_button = QPushButton(self.tr("Evaluate…"))
        self.evaluate_button.setObjectName("qualityEvaluate")
        self.evaluate_button.clicked.connect(self.open_evaluation)
        # the database refuses an evaluation to roles that may not write one: no button
        self.evaluate_button.setVisible(may(context.role, Action.EVALUATE))
        self.table = text_table(
            "qualityTable", [QCoreApplication.translate(_CONTEXT, c) for c in COLUMNS]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.dialog: EvaluationDialog | None = None
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.evaluate_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

    @staticmethod
    def fetch(db: Database, agent_id: int, today: date) -> Any:
        """The agent's evaluations of the last year (local days of their site), newest first."""
        start = today - timedelta(days=HISTORY_DAYS)
        lines = evaluations_in(db, agent_ids=[agent_id], start=start, end=today)
        return list(reversed(lines))

    def show_data(self, data: Any) -> None:
        lines: list[EvaluationLine] = data
        if lines:
            mean = sum(e.score_pct for e in lines) / len(lines)
            self.summary.setText(
                self.tr("{count} evaluation(s) in the last year, mean {mean:.1f} %").format(
                    count=len(lines), mean=mean
                )
            )
        else:
            self.summary.setText(self.tr("No evaluation in the last year."))
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            cells = (
                line.evaluated_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                score_text(line),
                form_text(line),
                line.evaluator,
                contact_text(line),
            )
            put_row(self.table, row, cells, right={1})
        self.table.resizeColumnsToContents()
        fit_rows(self.table)

    def open_evaluation(self) -> EvaluationDialog:
        """The evaluation dialog for this agent; the profile reloads once it is saved."""
        self.dialog = EvaluationDialog(
            self.context.db,
            self.context.workers,
            agent_id=self.context.agent_id,
            agent_name=self.context.agent_name,
            parent=self,
        )
        self.dialog.saved.connect(lambda _line: self.context.reload())
        self.dialog.open()
        return self.dialog
