"""A double-click on a Quality (``qa_score``) cell: the evaluations the score averages.

A quality score is made of evaluations, not contacts, so the contact list
other figures open would say nothing about it; this dialog lists that group's
evaluations instead (agent, when, form and version, evaluator, score, contact),
with their mean, which is the cell's figure.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.periods import GroupKey
from supervisor_app.services.analytics import QualityDrillDown, quality_drilldown
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import KpiReport
from supervisor_app.ui.common.text_rows import put_row
from supervisor_app.ui.common.workers import Op, Report
from supervisor_app.ui.people import contact_text, form_text, score_text

FIGURE = "qa_score"


def quality_drill_op(db: Database, report: KpiReport, key: GroupKey) -> Op[QualityDrillDown]:
    """The evaluations behind ``key``'s quality score, with the report's range and filters."""
    first, last, by = report.first, report.last, report.by
    queues, teams, site = report.queue_ids, report.team_ids, report.site_id

    def op(_report: Report) -> QualityDrillDown:
        return quality_drilldown(
            db, first, last, by, key, queue_ids=queues, team_ids=teams, site_id=site
        )

    return op


class QualityDrillDialog(QDialog):
    """The evaluations of one KPI row, oldest first."""

    def __init__(self, drill: QualityDrillDown, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analyticsQualityDrill")
        self.drill = drill
        self.setWindowTitle(self.tr("Evaluations behind {title}").format(title=drill.title))
        self.resize(860, 420)
        self.summary = QLabel(self._summary())
        self.summary.setObjectName("qualityDrillSummary")
        self.summary.setWordWrap(True)
        headers = [
            self.tr("Agent"),
            self.tr("Evaluated"),
            self.tr("Form"),
            self.tr("Evaluator"),
            self.tr("Score"),
            self.tr("Contact"),
        ]
        self.table = QTableWidget(len(drill.rows), len(headers))
        self.table.setObjectName("qualityDrillTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        for row, line in enumerate(drill.rows):
            cells = (
                line.agent_name,
                f"{line.evaluated_at:%Y-%m-%d %H:%M}",
                form_text(line),
                line.evaluator,
                score_text(line),
                contact_text(line),
            )
            put_row(self.table, row, cells, right={4})
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setVisible(bool(drill.rows))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _summary(self) -> str:
        drill = self.drill
        if not drill.rows:
            return self.tr(
                "{title}: no evaluation in this group and range, so its quality score is "
                "blank. A quality score is the mean of evaluations, not of contacts."
            ).format(title=drill.title)
        if drill.truncated:
            return self.tr("{title} · the first {count} evaluations only").format(
                title=drill.title, count=len(drill.rows)
            )
        return self.tr("{title} · {count} evaluation(s), mean {mean:.1f} %").format(
            title=drill.title, count=len(drill.rows), mean=drill.mean_pct
        )
