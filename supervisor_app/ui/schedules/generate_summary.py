"""The dialog after Generate…: what the generated draft changes, before → after.

The figures a planner checks before keeping a generated week: under- and
over-staffed agent-intervals, labour cost and rule breaks, then each queue's
service level for the week as the coverage panel's model expects it (the same
requirement and plan-accuracy model, weighted by forecast volume). Non-modal:
the planner can look at the grid and the coverage panel with it open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.ui.schedules.planning.sorted_table import cell, percent_cell, sorted_table

if TYPE_CHECKING:
    from supervisor_app.domain.autoschedule import GenerationSummary


class GenerateSummaryDialog(QDialog):
    """One table: a row per figure (before, after), then a row per queue's service level."""

    def __init__(self, summary: GenerationSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generateSummary")
        self.setWindowTitle(self.tr("Generated week"))
        s = summary
        if s.cancelled:
            lead = self.tr("Stopped early: the best week found so far is in the grid, unsaved.")
        else:
            lead = self.tr("The generated week is in the grid, unsaved: edit it, then Save.")
        self.intro = QLabel(lead)
        self.intro.setWordWrap(True)
        self.table, self.model = sorted_table(
            (self.tr("Figure"), self.tr("Before"), self.tr("After")), self
        )
        self.table.setSortingEnabled(False)  # the rows' order is the reading order
        figures = (
            (
                self.tr("Under-staffed agent-intervals"),
                s.under_staffed_before,
                s.under_staffed_after,
            ),
            (self.tr("Over-staffed agent-intervals"), s.over_staffed_before, s.over_staffed_after),
            (self.tr("Labour cost"), s.cost_before, s.cost),
        )
        for name, before, after in figures:
            self.model.appendRow(
                [cell(name, name), cell(f"{before:,.0f}", before), cell(f"{after:,.0f}", after)]
            )
        self.model.appendRow(
            [
                cell(self.tr("Rule breaks"), ""),
                cell(f"{s.rule_breaks_before}", s.rule_breaks_before),
                cell(f"{s.rule_breaks}", s.rule_breaks),
            ]
        )
        before_sl = dict(s.expected_service_level_before)
        for queue, level in s.expected_service_level:
            name = self.tr("Expected service level: {queue}").format(queue=queue)
            self.model.appendRow(
                [cell(name, name), percent_cell(before_sl.get(queue)), percent_cell(level)]
            )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # One line a row (a queue's name never wraps), and the table exactly as tall as them.
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        height = rows.defaultSectionSize() * self.model.rowCount()
        self.table.setFixedHeight(height + header.sizeHint().height() + 2 * self.table.frameWidth())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
