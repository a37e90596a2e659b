"""Scorecard page: agents against their team's median for a month or a quarter.

Reviews are monthly or quarterly, so the page picks its own period (this or
last month or quarter, on the site's calendar) rather than the bar's range;
the bar's team filter narrows it to one team.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.periods import Grouping
from supervisor_app.services.analytics import AnalyticsOptions, Scorecards, agent_scorecards
from supervisor_app.services.database import Database
from supervisor_app.ui.analytics.empty_stack import EmptyStack
from supervisor_app.ui.analytics.presets import Preset, preset_range
from supervisor_app.ui.analytics.range_bar import Selection
from supervisor_app.ui.analytics.scorecard_model import ScorecardModel
from supervisor_app.ui.common.copy_table import CopyableTableView
from supervisor_app.ui.common.header_state import ViewStateStore
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Op

PERIODS = (Preset.LAST_MONTH, Preset.THIS_MONTH, Preset.LAST_QUARTER, Preset.THIS_QUARTER)
LAYOUT_KEY = "analytics/scorecard"


class ScorecardPage(QWidget):
    profile_requested = Signal(int)  # agent id: a double-click on an agent's line

    def __init__(self, store: ViewStateStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.period = QComboBox(objectName="analyticsScorecardPeriod")
        for preset in PERIODS:
            self.period.addItem(QCoreApplication.translate("Preset", preset.value), preset)
        self.note = QLabel()
        set_tone(self.note, "muted")
        self.model = ScorecardModel(self)
        self.table = CopyableTableView()
        self.table.setObjectName("analyticsScorecard")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.setToolTip(self.tr("Double-click an agent for their profile"))
        self.table.doubleClicked.connect(self._double_clicked)
        self.stack = EmptyStack(self.table)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(QLabel(self.tr("Period")))
        bar.addWidget(self.period)
        bar.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._restored = False

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            agent_id = self.model.lines[index.row()].agent_id
            if agent_id is not None:
                self.profile_requested.emit(agent_id)

    def controls(self, by: Grouping) -> tuple[bool, bool, bool]:
        return False, False, True

    def query(
        self, db: Database, selection: Selection, options: AnalyticsOptions
    ) -> Op[Scorecards]:
        first, last = preset_range(Preset(self.period.currentData()), options.today)
        teams = None if selection.team_id is None else [selection.team_id]
        self.note.setText(
            self.tr(
                "{first:%d %b %Y} – {last:%d %b %Y} · green: better than the team median, "
                "red: worse · rank 1 is the team's best"
            ).format(first=first, last=last)
        )
        site = options.site_id
        return lambda _report: agent_scorecards(db, first, last, teams, site_id=site)

    def show_result(self, result: Any) -> None:
        self.save_layout()
        self.model.set_cards(result)
        if not result.teams:
            self.stack.show_message("No agent answered a contact in this period.")
            return
        if not self._restored:
            self._restored = self.store.restore_header(LAYOUT_KEY, self.table.horizontalHeader())
        if not self._restored:
            self.table.resizeColumnsToContents()
        self.stack.show_view()

    def show_message(self, text: str) -> None:
        self.stack.show_message(text)

    def save_layout(self) -> None:
        if self.model.rowCount():
            self.store.save_header(LAYOUT_KEY, self.table.horizontalHeader())
