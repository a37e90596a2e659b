"""This month's scorecard against the team median, and its 13-month trend.

Figures and medians are ``services.analytics.agent_trend``'s, which is the
Scorecards page's ``agent_scorecards`` per month: the same KPI definitions and the
same median, so the profile and the page can't disagree. Green is better than the
team's median, red worse (the catalogue says which way is better).
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.kpi_catalogue import BY_FIELD
from supervisor_app.services.analytics import AgentTrend, agent_trend, months_back
from supervisor_app.services.database import Database
from supervisor_app.ui.common.kpi_text import display
from supervisor_app.ui.common.text_rows import put_row, text_table
from supervisor_app.ui.people.section import ProfileContext, ProfileSection
from supervisor_app.ui.people.trend_chart import TrendChart
from supervisor_app.ui.people.trend_text import charted, month_label, unit

MONTHS = 13
BETTER, WORSE = QColor("#1e7b34"), QColor("#b3261e")
FIRST_CHARTED = "aht_seconds"


def compared(value: float | None, middle: float | None, higher_is_better: bool) -> QColor | None:
    """Green when better than the median, red when worse, None when equal or unknown."""
    if value is None or middle is None or value == middle:
        return None
    return BETTER if (value > middle) == higher_is_better else WORSE


class ScorecardSection(ProfileSection):
    title: ClassVar[str] = QT_TRANSLATE_NOOP("ProfileSection", "Scorecard against the team median")

    def __init__(self, context: ProfileContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.trend: AgentTrend | None = None
        self.period = QLabel()
        self.period.setObjectName("scorecardPeriod")
        self.table = text_table(
            "profileScorecard",
            [self.tr("Figure"), self.tr("Agent"), self.tr("Team median"), self.tr("Rank")],
            select_rows=False,
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.figure = QComboBox()
        self.figure.setObjectName("trendFigure")
        self.figure.currentIndexChanged.connect(self._draw)
        self.chart = TrendChart("scorecardTrend")
        top = QHBoxLayout()
        top.addWidget(self.period, 1)
        top.addWidget(QLabel(self.tr("Trend of")))
        top.addWidget(self.figure)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        side = QHBoxLayout()
        side.addWidget(self.table, 2, Qt.AlignmentFlag.AlignTop)
        side.addWidget(self.chart, 3)
        layout.addLayout(side)

    @staticmethod
    def fetch(db: Database, agent_id: int, today: date) -> Any:
        return agent_trend(db, agent_id, months_back(today, MONTHS))

    def show_data(self, data: Any) -> None:
        trend: AgentTrend = data
        self.trend = trend
        now = trend.points[-1]
        self.period.setText(
            self.tr("{first:%d %b} – {last:%d %b %Y} · {n} agents in the team with figures").format(
                first=now.first, last=now.last, n=now.team_size
            )
        )
        self.table.setRowCount(len(trend.figures))
        for row, figure in enumerate(trend.figures):
            entry = BY_FIELD[figure.name]
            value, middle = now.values[figure.name], now.medians[figure.name]
            rank = now.rank[figure.name]
            cells = (
                entry.short,
                display(entry.kind, value),
                display(entry.kind, middle),
                ""
                if rank is None
                else self.tr("{rank} of {size}").format(rank=rank, size=now.team_size),
            )
            put_row(self.table, row, cells, right={1, 2, 3})
            ink = compared(value, middle, figure.higher_is_better)
            if ink is not None:
                self.table.item(row, 1).setForeground(QBrush(ink))
            self.table.item(row, 0).setToolTip(entry.definition)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        height = self.table.horizontalHeader().height() + sum(
            self.table.rowHeight(r) for r in range(self.table.rowCount())
        )
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + 2)
        keep = self.figure.currentData() or FIRST_CHARTED
        blocker = self.figure.blockSignals(True)
        self.figure.clear()
        for figure in trend.figures:
            self.figure.addItem(BY_FIELD[figure.name].short, figure.name)
        self.figure.setCurrentIndex(max(0, self.figure.findData(keep)))
        self.figure.blockSignals(blocker)
        self._draw()

    def _draw(self, *_args: object) -> None:
        if self.trend is None or self.figure.currentData() is None:
            return
        name = str(self.figure.currentData())
        points = self.trend.points
        self.chart.show_points(
            [month_label(p.first) for p in points],
            [charted(name, p.values[name]) for p in points],
            [charted(name, p.medians[name]) for p in points],
            unit(name),
        )
