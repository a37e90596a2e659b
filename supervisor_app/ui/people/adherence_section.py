"""Adherence week by week for the last 13 weeks, beside the team's median.

The monthly trend above shows the long run; a coaching conversation is about the
last few weeks, so this one is weekly. Same figure, same median (``agent_trend``).
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from supervisor_app.domain.kpi_catalogue import BY_FIELD
from supervisor_app.services.analytics import AgentTrend, agent_trend, weeks_back
from supervisor_app.services.database import Database
from supervisor_app.ui.common.kpi_text import display
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.people.section import ProfileContext, ProfileSection
from supervisor_app.ui.people.trend_chart import TrendChart
from supervisor_app.ui.people.trend_text import charted, unit, week_label

WEEKS = 13
FIGURE = "adherence"


class AdherenceSection(ProfileSection):
    title: ClassVar[str] = QT_TRANSLATE_NOOP("ProfileSection", "Adherence, last 13 weeks")

    def __init__(self, context: ProfileContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.summary = QLabel()
        self.summary.setObjectName("adherenceSummary")
        set_tone(self.summary, "muted")
        self.chart = TrendChart("adherenceTrend")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart)

    @staticmethod
    def fetch(db: Database, agent_id: int, today: date) -> Any:
        return agent_trend(db, agent_id, weeks_back(today, WEEKS))

    def show_data(self, data: Any) -> None:
        trend: AgentTrend = data
        kind = BY_FIELD[FIGURE].kind
        known = [p for p in trend.points if p.values[FIGURE] is not None]
        if known:
            last = known[-1]
            self.summary.setText(
                self.tr("Week of {first:%d %b}: {agent} (team median {median})").format(
                    first=last.first,
                    agent=display(kind, last.values[FIGURE]),
                    median=display(kind, last.medians[FIGURE]),
                )
            )
        else:
            self.summary.setText(self.tr("No adherence figures in the last 13 weeks."))
        self.chart.show_points(
            [week_label(p.first) for p in trend.points],
            [charted(FIGURE, p.values[FIGURE]) for p in trend.points],
            [charted(FIGURE, p.medians[FIGURE]) for p in trend.points],
            unit(FIGURE),
        )
