"""The Definitions sheet: each figure's formula, quoted from the README's "KPI definitions".

``KPI_DEFINITIONS`` is the README table word for word (a test compares the two),
so a workbook read away from the console defines its figures exactly as the
console computes them (``domain.kpi``). Figures that only reports have
(paid hours, gap, rank, …) are defined in ``REPORT_DEFINITIONS``.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.workbook import Workbook

from supervisor_app.reports.styles import Kind
from supervisor_app.reports.table import Column, Table, write_table

KPI_DEFINITIONS: dict[str, str] = dict(
    [
        ("offered", "contacts that arrived in the period"),
        ("answered", "contacts an agent picked up (transferred ones included)"),
        ("abandoned", "callers who hung up while waiting"),
        (
            "short abandons",
            "abandons within the queue's short-abandon seconds; left out of service level "
            "and abandon rate",
        ),
        (
            "answered within threshold",
            "answered after a wait of at most the queue's answer-time threshold",
        ),
        ("service level (default)", "answered within threshold ÷ (offered − short abandons)"),
        ('service level, "answered" variant', "answered within threshold ÷ answered"),
        (
            'service level, "answered and late abandons" variant',
            "answered within threshold ÷ (answered + abandons after the threshold)",
        ),
        ("average speed of answer (ASA)", "total wait of answered contacts ÷ answered"),
        ("average handle time (AHT)", "(talk + wrap-up) ÷ handled contacts"),
        (
            "longest wait",
            "the longest wait of any contact in the period (live: of those waiting now)",
        ),
        ("abandon rate", "(abandoned − short abandons) ÷ (offered − short abandons)"),
        ("transfer rate, escalation rate", "transferred ÷ answered, escalated ÷ answered"),
        (
            "occupancy",
            "time on contacts and wrap-up ÷ (that + available time), from agent states",
        ),
        (
            "adherence",
            "minutes in the scheduled state ÷ scheduled minutes; a mismatch shorter than the "
            "grace period (2 minutes) and an exception a supervisor approved count as adherent",
        ),
        ("conformance", "minutes worked ÷ minutes scheduled"),
        ("shrinkage", "1 − productive minutes ÷ paid minutes"),
        ("CSAT", "answers of 4 or 5 ÷ all answers, on the 1–5 scale"),
        ("NPS", "% promoters (9–10) − % detractors (0–6), in points from −100 to 100"),
        (
            "first-contact resolution",
            "handled contacts with no contact from the same customer on the same queue "
            "within 72 hours ÷ handled contacts",
        ),
    ]
)

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
        Column("Figure", Kind.TEXT, 34),
        Column("Definition", Kind.LONG_TEXT, 90),
        Column("Source", Kind.TEXT, 24),
    ]
    write_table(wb, Table("Definitions", columns, rows))
