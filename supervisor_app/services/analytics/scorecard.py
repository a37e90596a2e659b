"""Agent scorecards for a month or a quarter: each agent's figures beside the team median.

The figures are ``kpi_report``'s agent rows (one definition of each KPI), so a
scorecard and the Analytics table can't disagree; this module only groups the
agents by team and adds the median and each agent's rank within the team
(``domain.scorecard``). The Excel report builds its scorecard sheet from the
same ``agent_scorecards`` call.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from supervisor_app.domain.scorecard import median, ranks
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import KpiFigures, kpi_report
from supervisor_app.store.models import Agent, Team


@dataclass(frozen=True, slots=True)
class ScoreFigure:
    name: str  # a ``KpiFigures`` field; its titles are the KPI catalogue's
    higher_is_better: bool


FIGURES: tuple[ScoreFigure, ...] = (
    ScoreFigure("answered", True),
    ScoreFigure("aht_seconds", False),
    ScoreFigure("aht_p90_seconds", False),
    ScoreFigure("occupancy", True),
    ScoreFigure("adherence", True),
    ScoreFigure("csat", True),
    ScoreFigure("nps", True),
    ScoreFigure("fcr", True),
    ScoreFigure("qa_score", True),
)


@dataclass(frozen=True, slots=True)
class AgentScore:
    agent_id: int
    agent: str
    values: dict[str, float | None]  # figure name → value (None: no data)
    ranks: dict[str, int | None]  # figure name → rank in the team, 1 is best


@dataclass(frozen=True, slots=True)
class TeamScorecard:
    team_id: int | None  # None: agents with no team
    team: str
    medians: dict[str, float | None]
    agents: tuple[AgentScore, ...]  # by name


@dataclass(frozen=True, slots=True)
class Scorecards:
    first: date
    last: date
    figures: tuple[ScoreFigure, ...]
    teams: tuple[TeamScorecard, ...]  # by team name, "No team" last


def agent_scorecards(
    db: Database,
    first: date,
    last: date,
    team_ids: Collection[int] | None = None,
    *,
    site_id: int | None = None,
    now: datetime | None = None,
) -> Scorecards:
    """Scorecards of the agents of ``site_id`` (None: all sites) who answered contacts from
    ``first`` to ``last`` (local dates), per team; ``team_ids`` keeps only those teams."""
    report = kpi_report(db, first, last, "agent", site_id=site_id, now=now)
    with db.sessions() as session:
        team_of = {a: t for a, t in session.execute(select(Agent.id, Agent.team_id))}
        team_names = {t: n for t, n in session.execute(select(Team.id, Team.name))}
    members: dict[int | None, list[tuple[int, str, KpiFigures]]] = {}
    for row in report.rows:
        key = dict(row.key)
        agent_id = int(key["agent_id"])
        team_id = team_of.get(agent_id)
        if team_ids is not None and team_id not in team_ids:
            continue
        members.setdefault(team_id, []).append((agent_id, str(key["agent"]), row.figures))
    teams = [
        _team(team_id, team_names.get(team_id, "No team"), rows)
        for team_id, rows in members.items()
    ]
    teams.sort(key=lambda t: (t.team_id is None, t.team.casefold()))
    return Scorecards(first, last, FIGURES, tuple(teams))


def _team(team_id: int | None, name: str, rows: list[tuple[int, str, KpiFigures]]) -> TeamScorecard:
    values = {
        agent_id: {f.name: _value(figures, f.name) for f in FIGURES}
        for agent_id, _, figures in rows
    }
    medians = {f.name: median([v[f.name] for v in values.values()]) for f in FIGURES}
    ranked = {
        f.name: ranks(
            {a: v[f.name] for a, v in values.items()}, higher_is_better=f.higher_is_better
        )
        for f in FIGURES
    }
    agents = tuple(
        AgentScore(
            agent_id, agent, values[agent_id], {f.name: ranked[f.name][agent_id] for f in FIGURES}
        )
        for agent_id, agent, _ in sorted(rows, key=lambda r: (r[1].casefold(), r[0]))
    )
    return TeamScorecard(team_id, name, medians, agents)


def _value(figures: KpiFigures, name: str) -> float | None:
    value = getattr(figures, name)
    return None if value is None else float(value)
