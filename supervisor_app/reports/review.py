"""Review pack: one agent's period (or a team's, agent by agent) for a monthly or quarterly
review, against the team median and the queue targets, with the training record.

The workbook is a list of sheets (``SHEETS``), each one function from the
gathered ``ReviewData`` to a ``reports.table.Table`` (``reports.review_sheets``):
adding a sheet is a field on ``ReviewData`` filled in
``gather``, one function, and one line in ``SHEETS``. The figures are the
``kpi --by agent`` rows (``agent_scorecards``, and ``kpi_report`` per queue for
service level), so a pack and the console can't disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openpyxl.workbook import Workbook

from supervisor_app.domain.kpi_catalogue import terms
from supervisor_app.domain.scorecard import median
from supervisor_app.domain.training import TrainingStatus
from supervisor_app.reports.cover import Headline
from supervisor_app.reports.definitions import add_definitions
from supervisor_app.reports.request import Resolved, Tick
from supervisor_app.reports.review_people import coaching_sheet, quality_sheet
from supervisor_app.reports.review_sheets import (
    ReviewData,
    scorecard_sheet,
    shade_status,
    training_sheet,
)
from supervisor_app.reports.styles import CellKind
from supervisor_app.reports.table import Table, write_table
from supervisor_app.services.analytics import TeamScorecard, agent_scorecards
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.people import coaching_in, evaluations_in, training_lines
from supervisor_app.services.report_data import ReviewAgent, review_agents, review_targets

TITLE = "Review pack"

Sheet = Callable[[ReviewData], Table]
# In workbook order, after the cover; each sheet is written with ``write_table``.
SHEETS: list[Sheet] = [scorecard_sheet, quality_sheet, coaching_sheet, training_sheet]
# What a sheet adds once written (conditional formats), by its title.
FINISH: dict[str, Callable[[Any, Table], None]] = {"Training": shade_status}


def gather(req: Resolved, tick: Tick) -> ReviewData:
    agents = review_agents(req.db, req.request.agents, req.team_ids, req.site_id)
    cards = agent_scorecards(req.db, req.first, req.last, site_id=req.site_id, now=req.now)
    team = _team_card(cards.teams, agents[0])
    tick(0.4)
    targets = review_targets(req.db, [a.id for a in agents], req.last)
    members = {a.agent_id for a in team.agents} | {a.id for a in agents}
    levels: dict[int, dict[int, float | None]] = {}
    for target in targets:
        report = kpi_report(
            req.db, req.first, req.last, "agent", site_id=req.site_id,
            queue_ids=[target.queue_id], now=req.now,
        )  # fmt: skip
        rows = {int(dict(r.key)["agent_id"]): r.figures.service_level for r in report.rows}
        levels[target.queue_id] = {a: v for a, v in rows.items() if a in members}
    tick(0.7)
    ids = [a.id for a in agents]
    training = training_lines(req.db, ids, req.last)
    quality = evaluations_in(req.db, agent_ids=ids, start=req.first, end=req.last)
    coaching = coaching_in(req.db, agent_ids=ids, start=req.first, end=req.last)
    return ReviewData(
        first=req.first,
        last=req.last,
        agents=agents,
        figures=cards.figures,
        team=team,
        targets=targets,
        levels=levels,
        level_medians={q: median(list(v.values())) for q, v in levels.items()},
        training=training,
        quality=tuple(quality),
        coaching=tuple(coaching),
        zone=req.now.tzinfo,
    )


def _team_card(teams: tuple[TeamScorecard, ...], agent: ReviewAgent) -> TeamScorecard:
    """The scorecard of the agent's team (empty when no one in it answered in the period)."""
    for team in teams:
        if team.team_id == agent.team_id:
            return team
    return TeamScorecard(agent.team_id, agent.team, {}, ())


def headline(data: ReviewData) -> tuple[Headline, ...]:
    handled = sum(int(data.value(a.id, "answered") or 0) for a in data.agents)
    attention = sum(
        1 for t in data.training if t.status in (TrainingStatus.EXPIRED, TrainingStatus.NEVER)
    )
    if len(data.agents) == 1:
        who = Headline("Agent", f"{data.agents[0].name} ({data.agents[0].employee_code})",
                       CellKind.TEXT)  # fmt: skip
    else:
        who = Headline("Agents", len(data.agents))
    return (
        who,
        Headline("Team", data.team.team, CellKind.TEXT),
        Headline("Contacts handled", handled),
        Headline("Courses overdue", attention),  # expired or never completed
    )


def write(wb: Workbook, data: ReviewData, req: Resolved, tick: Tick) -> None:
    for i, sheet in enumerate(SHEETS):
        table = sheet(data)
        ws = write_table(wb, table)
        if table.title in FINISH:
            FINISH[table.title](ws, table)
        tick(0.7 + 0.2 * (i + 1) / len(SHEETS))
    names = (*terms(f.name for f in data.figures), *terms(["service_level"]))
    add_definitions(
        wb,
        dict.fromkeys(names),
        ("handled (scorecard)", "team median", "rank", "queue target", "training status"),
    )
