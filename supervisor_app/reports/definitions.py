"""The Definitions sheet: each figure's formula, as the README's "KPI definitions" say it.

``KPI_DEFINITIONS`` are the KPI catalogue's (``domain.kpi_catalogue``), the
README table word for word (a test compares the two), so a workbook read away
from the console defines its figures exactly as the console computes them
(``domain.kpi``). Figures that only reports have (paid hours, gap, rank, …)
are defined in ``REPORT_DEFINITIONS``.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.workbook import Workbook

from supervisor_app.domain.kpi_catalogue import KPI_DEFINITIONS
from supervisor_app.reports.styles import CellKind
from supervisor_app.reports.table import Column, Table, write_table

REPORT_DEFINITIONS: dict[str, str] = {
    "service level target": "the queue's target share answered within its threshold",
    "totals": "figures recomputed from the summed counts and seconds of the rows above, "
    "never averages of the rows' rates",
    "team median": "the middle agent of the team on that figure (the mean of the two middle "
    "agents when the team has an even number with data)",
    "rank": "1 is the best in the team: highest for rates, lowest for AHT; agents with no "
    "data are not ranked",
    "handled (scorecard)": "contacts the agent answered and finished in the period",
    "escalations (scorecard)": "contacts the agent answered that were escalated",
    "paid hours": "published shift length minus unpaid lunch",
    "contract hours": "the agent's contracted weekly hours × the weeks in the period",
    "labour cost": "paid hours × the agent's hourly cost",
    "budget": "contract hours × the agent's hourly cost",
    "age": "from creation to resolution, or to the time the report was made when still open",
    "resolution time": "from creation to resolution",
    "time to take": "from creation until a supervisor took the escalation",
    "wait": "arrival to answer (answered), or arrival to hang-up (abandoned)",
    "talk": "answer to the end of the contact",
    "wrap-up": "end of the contact to the end of the wrap-up",
    "handle time": "talk + wrap-up",
    "forecast": "contacts forecast for the interval",
    "required": "agents the Erlang model needs for the queue's target in the interval",
    "scheduled": "productive agents the saved schedule puts on the queue (on a shift, not "
    "in an activity or approved time off; multi-skilled agents shared by need)",
    "gap": "scheduled − required; below zero is under-staffing (shaded red)",
    "to roster": "required ÷ (1 − the queue's shrinkage), rounded up: heads on shift to plan",
    "expected service level": "Erlang C (Erlang A with the queue's patience) service level "
    "with the scheduled agents",
    "agent-hours": "agents × the interval's length, added over the day's intervals",
    "under-staffed intervals": "intervals with contacts forecast and a gap below zero",
    "required FTE": "required paid hours ÷ (full-time weekly hours × weeks in the period); "
    "required paid hours = agents required on the phones × interval hours ÷ (1 − shrinkage)",
    "on-roster FTE": "contracted weekly hours of the active agents ÷ full-time weekly hours",
    "hiring need": "required FTE − on-roster FTE, when above 0",
    "queue target": "the queue's service level target in force on the period's last day; the "
    "agent's service level on a queue counts only the contacts they answered there",
    "training status": "on the period's last day, from the completion that holds longest: "
    "never completed; expired (its expiry day has come); expires within 30 days; or valid",
}


def add_definitions(
    wb: Workbook, kpis: Iterable[str], extra: Iterable[str] = (), *, variant: str | None = None
) -> None:
    """A Definitions sheet with the named figures, in the order given."""
    rows: list[tuple[str, str, str]] = []
    for name in kpis:
        rows.append((name, KPI_DEFINITIONS[name], "README, KPI definitions"))
    for name in extra:
        rows.append((name, REPORT_DEFINITIONS[name], "this report"))
    if variant:
        rows.append(("service level variant in use", variant, "site setting"))
    columns = [
        Column("Figure", CellKind.TEXT, 34),
        Column("Definition", CellKind.LONG_TEXT, 90),
        Column("Source", CellKind.TEXT, 24),
    ]
    write_table(wb, Table("Definitions", columns, rows))
