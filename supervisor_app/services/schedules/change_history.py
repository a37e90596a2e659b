"""The schedule's history for the audit view: who changed an agent's or a week's plan, when.

Schedule audit rows keep the shift (or time off) before and after as JSON, so
an agent or a week is found in those values. The filter runs in Python over
the newest ``limit`` schedule rows: JSON queries differ between SQLite and
PostgreSQL, and a planner looks at recent history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from supervisor_app.services.database import Database
from supervisor_app.store.models import AuditEntry

SCHEDULE_ENTITIES = (
    "shift",
    "time_off",
    "schedule_week",
    "shift_template",
    "schedule_rule_settings",
)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    agent_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
    summary: str


def _agent(values: dict[str, Any] | None) -> int | None:
    agent = (values or {}).get("agent_id")
    return int(agent) if agent is not None else None


def _day(values: dict[str, Any] | None, key: str) -> date | None:
    raw = (values or {}).get(key)
    if raw is None:
        return None
    try:
        return datetime.fromisoformat(str(raw)).date()
    except ValueError:
        return None


def _touches_week(entry: AuditEntry, week_start: date) -> bool:
    """True if the row's shift, time off or publication falls in the week (UTC days, ±1
    so a shift at the edge of a local week is not missed)."""
    first, last = week_start - timedelta(days=1), week_start + timedelta(days=8)
    if entry.entity == "schedule_week":
        return (entry.entity_id or "").endswith(week_start.isoformat())
    for values in (entry.before, entry.after):
        start, end = _day(values, "starts_at"), _day(values, "ends_at")
        if start is not None and end is not None and start < last and end >= first:
            return True
    return False


def _summary(entry: AuditEntry) -> str:
    values = entry.after or entry.before or {}
    what = entry.action.replace(".", " ").replace("_", " ")
    start, end = values.get("starts_at"), values.get("ends_at")
    span = f" {start} → {end}" if start and end else ""
    return f"{what} {entry.entity_id or ''}{span}".strip()


def history(
    db: Database,
    agent_id: int | None = None,
    week_start: date | None = None,
    limit: int = 5000,
) -> list[HistoryEntry]:
    """Schedule changes, newest first, optionally for one agent and/or one week."""
    with db.sessions() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity.in_(SCHEDULE_ENTITIES))
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(limit)
        ).all()
    out = []
    for row in rows:
        agents = {_agent(row.before), _agent(row.after)} - {None}
        if agent_id is not None and agent_id not in agents:
            continue
        if week_start is not None and not _touches_week(row, week_start):
            continue
        out.append(
            HistoryEntry(
                row.at,
                row.actor,
                row.action,
                row.entity,
                row.entity_id,
                _agent(row.after) if row.after else _agent(row.before),
                row.before,
                row.after,
                row.reason,
                _summary(row),
            )
        )
    return out
