"""The review pack's people sheets: the period's quality evaluations and coaching notes.

They read what the supervisor kept (``services.people.evaluations_in`` and
``coaching_in``, the same rows the agent profile shows); restricted records are
never in a pack, which is a file that gets forwarded.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from supervisor_app.reports.review_sheets import ReviewData
from supervisor_app.reports.styles import CellKind
from supervisor_app.reports.table import Column, Table


def _local(moment: datetime, zone: tzinfo | None) -> datetime:
    return moment if zone is None else moment.astimezone(zone)


def quality_sheet(data: ReviewData) -> Table:
    """One row per evaluation in the period, with the form version it was scored with;
    under them each agent's mean, the ``qa_score`` of the Scorecard sheet."""
    names = {a.id: a for a in data.agents}
    # Looked at in print: the form's version (a number, right-aligned) sits before the
    # score, not against the contact's text; times to the minute; "Auto-fail" as wide as
    # its heading even when no evaluation failed.
    columns = [
        Column("Agent"),
        Column("Employee code"),
        Column("Evaluated", CellKind.MINUTE, 18),
        Column("Evaluator"),
        Column("Contact"),
        Column("Queue"),
        Column("Form"),
        Column("Form version", CellKind.COUNT),
        Column("Score", CellKind.PERCENT),
        Column("Auto-fail", width=11),
    ]
    rows: list[list[Any]] = [
        [
            names[e.agent_id].name,
            names[e.agent_id].employee_code,
            _local(e.evaluated_at, data.zone),
            e.evaluator,
            e.contact_ref,
            e.queue_name,
            e.form_name,
            e.form_version,
            e.score_pct / 100,
            "yes" if e.auto_failed else "",
        ]
        for e in data.quality
    ]
    totals: list[list[Any]] = []
    for agent in data.agents:
        scores = [e.score_pct for e in data.quality if e.agent_id == agent.id]
        if scores:
            mean = sum(scores) / len(scores) / 100
            totals.append([f"Mean, {agent.name}", agent.employee_code, *[None] * 6, mean, None])
    if not rows:
        rows = [["No evaluation in this period.", *[None] * 9]]
    return Table("Quality", columns, rows, totals, freeze_columns=1)


def coaching_sheet(data: ReviewData) -> Table:
    """Every coaching note of the period: what was said, the actions, the follow-up."""
    names = {a.id: a for a in data.agents}
    columns = [
        Column("Agent"),
        Column("Employee code"),
        Column("Noted", CellKind.MINUTE, 18),
        Column("Author"),
        Column("Topic"),
        Column("About"),
        # wrapped at 40 characters: at 80 the page shrank to an unreadable print size
        Column("Note", CellKind.LONG_TEXT, 40),
        Column("Actions agreed", CellKind.LONG_TEXT, 40),
        Column("Follow-up", CellKind.DATE),
        Column("Followed up", CellKind.DATE),
    ]
    rows = [
        [
            names[n.agent_id].name,
            names[n.agent_id].employee_code,
            _local(n.noted_at, data.zone),
            n.author,
            n.topic,
            _about(n.contact_ref, n.period_start, n.period_end),
            n.text,
            n.actions,
            n.follow_up_on,
            n.followed_up_on,
        ]
        for n in data.coaching
    ]
    if not rows:
        rows = [["No coaching note in this period.", *[None] * 9]]
    return Table("Coaching", columns, rows, freeze_columns=1)


def _about(contact_ref: str | None, start: Any, end: Any) -> str:
    if contact_ref:
        return f"contact {contact_ref}"
    if start is not None and end is not None:
        return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
    return ""
