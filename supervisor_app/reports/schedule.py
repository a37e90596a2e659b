"""The Schedule report: each published week as a grid (agents × days) and as a timeline
coloured like the editor, paid hours against contract, labour cost against budget.

Paid hours and cost are ``domain.capacity``'s (shift length less unpaid lunch,
× the agent's hourly cost), the same the planner sees beside the editor.
"""

from __future__ import annotations

from typing import Any

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook import Workbook

from supervisor_app.domain.capacity import cost_lines, paid_hours
from supervisor_app.reports import styles
from supervisor_app.reports.cover import Headline
from supervisor_app.reports.definitions import add_definitions
from supervisor_app.reports.request import Resolved, Tick
from supervisor_app.reports.schedule_grid import write_timeline, write_week_grid
from supervisor_app.reports.styles import CellKind
from supervisor_app.reports.table import Column, Table, write_table
from supervisor_app.services.report_data import PublishedWeek, published_weeks

TITLE = "Schedule report"


def gather(req: Resolved, tick: Tick) -> list[PublishedWeek]:
    weeks = published_weeks(req.db, req.first, req.last, req.team_ids, site_id=req.site_id)
    tick(0.4)
    return weeks


def _cost(week: PublishedWeek) -> tuple[float, float]:
    rates = {a.agent_id: a.hourly_cost for a in week.week.agents}
    lines = cost_lines(week.week.shifts, rates)
    return sum(x.hours for x in lines), sum(x.cost for x in lines)


def headline(weeks: list[PublishedWeek]) -> tuple[Headline, ...]:
    hours = sum(_cost(w)[0] for w in weeks)
    cost = sum(_cost(w)[1] for w in weeks)
    budgets = [w.budget for w in weeks if w.budget is not None]
    return (
        Headline("Weeks", len(weeks)),
        Headline("Published shifts", sum(len(w.week.shifts) for w in weeks)),
        Headline("Paid hours", hours, CellKind.HOURS),
        Headline("Labour cost", cost, CellKind.MONEY),
        Headline("Budget", sum(budgets) if budgets else None, CellKind.MONEY),
    )


def _hours_table(weeks: list[PublishedWeek]) -> Table:
    """Per agent and week: shifts, paid hours against contract, labour cost."""
    columns = [
        Column("Week starts", CellKind.DATE),
        Column("Team"),
        Column("Agent"),
        Column("Shifts", CellKind.COUNT),
        Column("Paid hours", CellKind.HOURS),
        Column("Contract hours", CellKind.HOURS),
        Column("Paid − contract", CellKind.HOURS),
        Column("Hourly cost", CellKind.MONEY),
        Column("Labour cost", CellKind.MONEY),
    ]
    rows: list[list[Any]] = []
    totals = [0.0, 0.0, 0.0]
    for w in weeks:
        for agent in w.week.agents:
            mine = [s for s in w.week.shifts if s.agent_id == agent.agent_id]
            hours = sum(paid_hours(s) for s in mine)
            contract = agent.contracted_weekly_hours
            cost = hours * agent.hourly_cost
            rows.append(
                [
                    w.week.week_start,
                    agent.team,
                    agent.name,
                    len(mine),
                    hours,
                    contract,
                    hours - contract,
                    agent.hourly_cost,
                    cost,
                ]
            )
            totals = [totals[0] + hours, totals[1] + contract, totals[2] + cost]
    total_row = [
        "Total",
        None,
        None,
        sum(r[3] for r in rows),
        totals[0],
        totals[1],
        totals[0] - totals[1],
        None,
        totals[2],
    ]
    return Table("Hours and cost", columns, rows, [total_row], freeze_columns=3)


def _budget_table(weeks: list[PublishedWeek]) -> Table:
    columns = [
        Column("Week starts", CellKind.DATE),
        Column("Agents scheduled", CellKind.COUNT),
        Column("Paid hours", CellKind.HOURS),
        Column("Labour cost", CellKind.MONEY),
        Column("Budget", CellKind.MONEY),
        Column("Cost − budget", CellKind.MONEY),
        Column("Cost ÷ budget", CellKind.PERCENT),
    ]
    rows = []
    for w in weeks:
        hours, cost = _cost(w)
        agents = len({s.agent_id for s in w.week.shifts})
        over = None if w.budget is None else cost - w.budget
        share = None if not w.budget else cost / w.budget
        rows.append([w.week.week_start, agents, hours, cost, w.budget, over, share])
    return Table("Cost against budget", columns, rows, freeze_columns=1)


def write(wb: Workbook, weeks: list[PublishedWeek], req: Resolved, tick: Tick) -> None:
    budget = _budget_table(weeks)
    ws = write_table(wb, budget)
    if budget.rows:
        ws.conditional_formatting.add(
            f"F2:F{len(budget.rows) + 1}",
            CellIsRule(
                operator="greaterThan",
                formula=["0"],
                fill=PatternFill("solid", fgColor=styles.RED_FILL),
                font=Font(color=styles.RED_TEXT),
            ),
        )
    write_table(wb, _hours_table(weeks))
    for i, w in enumerate(weeks):
        label = f"{w.week.week_start:%d %b %Y}"
        write_week_grid(wb, w.week, f"Week {label}")
        write_timeline(wb, w.week, f"Timeline {label}")
        tick(0.4 + 0.5 * (i + 1) / len(weeks))
    add_definitions(wb, (), ("paid hours", "contract hours", "labour cost", "budget"))
