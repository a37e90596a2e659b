"""The grid's rows: agents grouped under their team, after the planner's filters.

A team header row precedes each team's agents; ``No team`` collects the rest.
Filtering keeps a team header only when one of its agents is left.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from supervisor_app.domain.schedule_types import RosterAgent

NO_TEAM = QT_TRANSLATE_NOOP("ScheduleGrid", "No team")  # the key; shown translated


@dataclass(frozen=True, slots=True)
class RowFilter:
    team: str | None = None  # None: every team
    skill: str | None = None
    text: str = ""

    def keeps(self, agent: RosterAgent) -> bool:
        if self.team is not None and (agent.team or NO_TEAM) != self.team:
            return False
        if self.skill is not None and self.skill not in agent.skills:
            return False
        needle = self.text.strip().casefold()
        return not needle or needle in agent.name.casefold()


@dataclass(frozen=True, slots=True)
class Row:
    top: int
    height: int
    team: str
    agent: RosterAgent | None  # None for a team header

    @property
    def bottom(self) -> int:
        return self.top + self.height


def build_rows(
    agents: tuple[RosterAgent, ...], keep: RowFilter, row_h: int, team_h: int
) -> list[Row]:
    teams: dict[str, list[RosterAgent]] = {}
    for agent in agents:
        if keep.keeps(agent):
            teams.setdefault(agent.team or NO_TEAM, []).append(agent)
    rows: list[Row] = []
    y = 0
    for team in sorted(teams, key=lambda t: (t == NO_TEAM, t.casefold())):
        rows.append(Row(y, team_h, team, None))
        y += team_h
        for agent in sorted(teams[team], key=lambda a: a.name.casefold()):
            rows.append(Row(y, row_h, team, agent))
            y += row_h
    return rows


def row_index_at(rows: list[Row], y: float) -> int | None:
    """Binary search: the row under content ``y``."""
    lo, hi = 0, len(rows) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        row = rows[mid]
        if y < row.top:
            hi = mid - 1
        elif y >= row.bottom:
            lo = mid + 1
        else:
            return mid
    return None


def team_title(team: str) -> str:
    """A team's name as the grid shows it: agents without a team under "No team", translated."""
    return QCoreApplication.translate("ScheduleGrid", NO_TEAM) if team == NO_TEAM else team


def teams_and_skills(agents: tuple[RosterAgent, ...]) -> tuple[list[str], list[str]]:
    teams = sorted({a.team or NO_TEAM for a in agents}, key=str.casefold)
    skills = sorted({s for a in agents for s in a.skills}, key=str.casefold)
    return teams, skills
