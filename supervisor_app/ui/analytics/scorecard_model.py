"""Scorecards as a table: per team, each agent's figure and rank, then the team median.

A figure better than the team median is drawn green, a worse one red, so a
review starts from where the agent stands; the rank column says how far.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from supervisor_app.domain.kpi_catalogue import BY_FIELD, Kind
from supervisor_app.services.analytics import Scorecards, ScoreFigure
from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.common.kpi_text import copy_text, display
from supervisor_app.ui.common.theme import INK_ON_TINT
from supervisor_app.ui.common.titled_columns import TitledColumnsModel

R = Qt.ItemDataRole
Index = QModelIndex | QPersistentModelIndex
BETTER, WORSE = QBrush(QColor("#1e7b34")), QBrush(QColor("#b3261e"))
MEDIAN_FILL = QBrush(QColor("#eef2f7"))


def kind_of(figure: ScoreFigure) -> Kind:
    return BY_FIELD[figure.name].kind


def title_of(figure: ScoreFigure) -> str:
    return BY_FIELD[figure.name].short


@dataclass(frozen=True, slots=True)
class Line:
    team: str
    agent: str  # "Team median" on the median line
    values: dict[str, float | None]
    ranks: dict[str, int | None] | None  # None on the median line
    medians: dict[str, float | None]
    size: int  # agents in the team
    agent_id: int | None = None  # None on the median line


class ScorecardModel(TitledColumnsModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.cards: Scorecards | None = None
        self.lines: list[Line] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_cards(self, cards: Scorecards | None) -> None:
        self.beginResetModel()
        self.cards = cards
        self.lines = []
        for team in cards.teams if cards else ():
            size = len(team.agents)
            for a in team.agents:
                self.lines.append(
                    Line(team.team, a.agent, a.values, a.ranks, team.medians, size, a.agent_id)
                )
            self.lines.append(
                Line(team.team, "Team median", team.medians, None, team.medians, size)
            )
        self.endResetModel()

    @property
    def figures(self) -> tuple[ScoreFigure, ...]:
        return self.cards.figures if self.cards else ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + 2 * len(self.figures)

    def _cell(self, line: Line, column: int) -> tuple[str, str, QBrush | None]:
        if column == 0:
            return line.team, line.team, None
        if column == 1:
            return line.agent, line.agent, None
        figure = self.figures[(column - 2) // 2]
        if (column - 2) % 2 == 1:
            rank = None if line.ranks is None else line.ranks[figure.name]
            text = "" if rank is None else f"{rank} of {line.size}"
            return text, "" if rank is None else str(rank), None
        value, kind = line.values[figure.name], kind_of(figure)
        ink = None
        middle = line.medians[figure.name]
        if line.ranks is not None and value is not None and middle is not None and value != middle:
            better = (value > middle) == figure.higher_is_better
            ink = BETTER if better else WORSE
        return display(kind, value), copy_text(kind, value), ink

    def data(self, index: Index, role: int = int(R.DisplayRole)) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        text, copy, ink = self._cell(line, index.column())
        if role == int(R.DisplayRole):
            return text
        if role == COPY_ROLE:
            return copy
        if role == int(R.ForegroundRole):
            return QBrush(QColor(INK_ON_TINT)) if line.ranks is None else ink
        if role == int(R.FontRole) and line.ranks is None:
            return self._bold
        if role == int(R.BackgroundRole) and line.ranks is None:
            return MEDIAN_FILL
        if role == int(R.TextAlignmentRole) and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def column_header(self, section: int, role: int) -> Any:
        if role == int(R.DisplayRole):
            if section < 2:
                return (self.tr("Team"), self.tr("Agent"))[section]
            figure = self.figures[(section - 2) // 2]
            return self.tr(title_of(figure)) if (section - 2) % 2 == 0 else self.tr("Rank")
        if role == int(R.ToolTipRole) and section >= 2:
            figure = self.figures[(section - 2) // 2]
            better = "higher" if figure.higher_is_better else "lower"
            return f"{title_of(figure)}: {better} is better; rank 1 is the team's best"
        return None
