"""Agent scorecards (a month or a quarter): each agent against the team median, with rank.

Figures and medians come from ``services.analytics_scorecard.agent_scorecards``
(the ``kpi --by agent`` rows) and escalations from the same sums query; one
summary sheet with every agent, then one sheet per team.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from supervisor_app.domain.kpi import ContactSums, escalation_rate
from supervisor_app.domain.kpi_catalogue import BY_FIELD, terms
from supervisor_app.domain.safe_text import clean_text
from supervisor_app.domain.scorecard import median, ranks
from supervisor_app.reports import styles
from supervisor_app.reports.cover import Headline
from supervisor_app.reports.definitions import add_definitions
from supervisor_app.reports.kpi_columns import cell_kind
from supervisor_app.reports.request import Resolved, Tick
from supervisor_app.reports.styles import CellKind
from supervisor_app.reports.table import Column, Table, write_table
from supervisor_app.services.analytics import Scorecards, TeamScorecard, agent_scorecards
from supervisor_app.services.report_data import agent_contact_sums

TITLE = "Agent scorecards"
_TITLES = {"answered": "Handled"}  # a scorecard counts what the agent answered and finished
ESCALATIONS = "escalation_rate"


@dataclass(frozen=True, slots=True)
class ScorecardData:
    cards: Scorecards
    sums: dict[int, ContactSums]  # per agent: escalations


def gather(req: Resolved, tick: Tick) -> ScorecardData:
    cards = agent_scorecards(
        req.db, req.first, req.last, req.team_ids, site_id=req.site_id, now=req.now
    )
    tick(0.5)
    sums = agent_contact_sums(req.db, req.first, req.last, site_id=req.site_id)
    tick(0.6)
    return ScorecardData(cards, sums)


def headline(data: ScorecardData) -> tuple[Headline, ...]:
    agents = [a for t in data.cards.teams for a in t.agents]
    handled = sum(int(a.values.get("answered") or 0) for a in agents)
    return (
        Headline("Teams", len(data.cards.teams)),
        Headline("Agents", len(agents)),
        Headline("Contacts handled", handled),
    )


def _figures(data: ScorecardData) -> list[tuple[str, str, CellKind]]:
    out = [
        (f.name, _TITLES.get(f.name, BY_FIELD[f.name].title), cell_kind(f.name))
        for f in data.cards.figures
    ]
    return [
        *out,
        ("escalations", "Escalations", CellKind.COUNT),
        (ESCALATIONS, "Escalation rate", CellKind.PERCENT),
    ]


def _escalations(
    team: TeamScorecard, sums: dict[int, ContactSums]
) -> dict[int, tuple[int, float | None]]:
    return {
        a.agent_id: (
            sums.get(a.agent_id, ContactSums()).escalated,
            escalation_rate(sums.get(a.agent_id, ContactSums())),
        )
        for a in team.agents
    }


def _team_rows(
    team: TeamScorecard, data: ScorecardData, with_team: bool
) -> tuple[list[list[Any]], list[Any]]:
    """Per agent: each figure, the team median and the rank; then the median row."""
    esc = _escalations(team, data.sums)
    rate_ranks = ranks({a: e[1] for a, e in esc.items()}, higher_is_better=False)
    rate_median = median([e[1] for e in esc.values()])
    count_median = median([float(e[0]) for e in esc.values()])
    rows = []
    for a in team.agents:
        row: list[Any] = [team.team] if with_team else []
        row.append(a.agent)
        for f in data.cards.figures:
            row += [a.values[f.name], team.medians[f.name], a.ranks[f.name]]
        row += [
            esc[a.agent_id][0],
            count_median,
            None,
            esc[a.agent_id][1],
            rate_median,
            rate_ranks[a.agent_id],
        ]
        rows.append(row)
    median_row: list[Any] = [team.team] if with_team else []
    median_row.append("Team median")
    for f in data.cards.figures:
        median_row += [team.medians[f.name], None, None]
    median_row += [count_median, None, None, rate_median, None, None]
    return rows, median_row


def _columns(data: ScorecardData, with_team: bool) -> list[Column]:
    columns = [Column("Team")] if with_team else []
    columns.append(Column("Agent"))
    for _, title, kind in _figures(data):
        columns += [
            Column(title, kind),
            Column(f"{title} team median", kind),
            Column(f"{title} rank", CellKind.COUNT),
        ]
    return columns


def _shade_ranks(ws: Any, columns: list[Column], rows: int) -> None:
    """Rank 1 in green: who leads the team on each figure."""
    for i, column in enumerate(columns, start=1):
        if column.heading.endswith(" rank") and rows:
            letter = get_column_letter(i)
            ws.conditional_formatting.add(
                f"{letter}2:{letter}{rows + 1}",
                CellIsRule(
                    operator="equal",
                    formula=["1"],
                    fill=PatternFill("solid", fgColor=styles.GREEN_FILL),
                    font=Font(bold=True),
                ),
            )


def write(wb: Workbook, data: ScorecardData, req: Resolved, tick: Tick) -> None:
    summary_rows, medians = [], []
    for team in data.cards.teams:
        rows, median_row = _team_rows(team, data, with_team=True)
        summary_rows += rows
        medians.append(median_row)
    columns = _columns(data, with_team=True)
    ws = write_table(wb, Table("Summary", columns, summary_rows, medians, freeze_columns=2))
    _shade_ranks(ws, columns, len(summary_rows))
    used: set[str] = {"Cover", "Summary", "Definitions"}
    for team in data.cards.teams:
        rows, median_row = _team_rows(team, data, with_team=False)
        title = _sheet_title(team.team, used)
        columns = _columns(data, with_team=False)
        ws = write_table(wb, Table(title, columns, rows, [median_row], freeze_columns=1))
        _shade_ranks(ws, columns, len(rows))
    tick(0.8)
    names = (*terms(f.name for f in data.cards.figures), "transfer rate, escalation rate")
    add_definitions(
        wb, names, ("handled (scorecard)", "escalations (scorecard)", "team median", "rank")
    )


def _sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\ , at most 31 characters."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in clean_text(name))
    clean = clean.strip("' ") or "Team"
    clean = clean[:31]
    title, n = clean, 2
    while title.casefold() in {u.casefold() for u in used}:
        suffix = f" ({n})"
        title, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(title)
    return title
