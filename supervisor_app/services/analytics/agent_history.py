"""One agent's scorecard over a run of periods (months, weeks) beside their team's median.

Each period is ``agent_scorecards`` for the agent's team — the same KPI rows and
the same median as the Scorecards page, so a point of the profile's trend equals
that page's cell for the period. A period in which the agent answered nothing
has no values (a gap in the chart), but it is still a period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from supervisor_app.domain.errors import UserError
from supervisor_app.services.analytics.scorecard import FIGURES, ScoreFigure, agent_scorecards
from supervisor_app.services.database import Database
from supervisor_app.store.models import Agent


@dataclass(frozen=True, slots=True)
class TrendPoint:
    first: date
    last: date
    values: dict[str, float | None]  # the agent's figures (None: no data)
    medians: dict[str, float | None]  # the team's medians
    rank: dict[str, int | None]
    team_size: int  # agents of the team with figures in the period


@dataclass(frozen=True, slots=True)
class AgentTrend:
    agent_id: int
    figures: tuple[ScoreFigure, ...]
    points: tuple[TrendPoint, ...]  # oldest first


def months_back(today: date, count: int = 13) -> list[tuple[date, date]]:
    """The ``count`` calendar months up to today's, oldest first; the last one ends today."""
    out = []
    year, month = today.year, today.month
    for _ in range(count):
        first = date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
        out.append((first, min(following - timedelta(days=1), today)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out[::-1]


def weeks_back(today: date, count: int = 13) -> list[tuple[date, date]]:
    """The ``count`` ISO weeks (Monday to Sunday) up to today's, oldest first."""
    monday = today - timedelta(days=today.weekday())
    out = []
    for back in range(count - 1, -1, -1):
        first = monday - timedelta(weeks=back)
        out.append((first, min(first + timedelta(days=6), today)))
    return out


def agent_trend(
    db: Database,
    agent_id: int,
    periods: Sequence[tuple[date, date]],
    *,
    now: datetime | None = None,
) -> AgentTrend:
    """The agent's figures and their team's medians in each of ``periods`` (local dates)."""
    with db.sessions() as session:
        agent = session.get(Agent, agent_id)
        if agent is None:
            raise UserError(f"no agent with id {agent_id}")
        team_id, site_id = agent.team_id, agent.site_id
    teams = None if team_id is None else [team_id]
    points = []
    for first, last in periods:
        try:
            cards = agent_scorecards(db, first, last, teams, site_id=site_id, now=now)
        except UserError:  # no contacts at all in the period: a gap, not a failure
            teams_found = ()
        else:
            teams_found = cards.teams
        team = next((t for t in teams_found if t.team_id == team_id), None)
        mine = (
            None if team is None else next((a for a in team.agents if a.agent_id == agent_id), None)
        )
        empty: dict[str, float | None] = {f.name: None for f in FIGURES}
        points.append(
            TrendPoint(
                first,
                last,
                dict(mine.values) if mine else empty,
                dict(team.medians) if team else dict(empty),
                dict(mine.ranks) if mine else {f.name: None for f in FIGURES},
                len(team.agents) if team else 0,
            )
        )
    return AgentTrend(agent_id, FIGURES, tuple(points))
