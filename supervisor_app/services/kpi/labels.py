"""What each KPI row is called: queue, team and agent names, or its local time.

Rows carry the ids as well as the names (two sites may both have a queue called
"Sales"); team and agent rows with no team say so with ``None``.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain.periods import Grouping, GroupKey
from supervisor_app.services.kpi.buckets import TimeLayout
from supervisor_app.store.models import Agent, Queue, Team


def group_labels(
    session: Session,
    by: Grouping,
    layout: TimeLayout | None,
    keys: Collection[tuple[Any, ...]],
    first: date,
    last: date,
) -> dict[tuple[Any, ...], GroupKey]:
    """The (name, value) pairs that open each row's JSON object, per group key."""
    if layout is not None:
        return {key: layout.groups[key[0]].key for key in keys}
    if by is Grouping.ALL:
        return {(): (("from", first.isoformat()), ("to", last.isoformat()))}
    # Queues, teams and agents are small tables: read whole, not filtered by a long IN list.
    if by is Grouping.QUEUE:
        names = {i: n for i, n in session.execute(select(Queue.id, Queue.name))}
        return {key: (("queue_id", key[0]), ("queue", names.get(key[0]))) for key in keys}
    if by is Grouping.TEAM:
        names = {i: n for i, n in session.execute(select(Team.id, Team.name))}
        return {key: (("team_id", key[0]), ("team", names.get(key[0]))) for key in keys}
    agents = {
        agent_id: (name, team)
        for agent_id, name, team in session.execute(
            select(Agent.id, Agent.name, Team.name).outerjoin(Team, Team.id == Agent.team_id)
        )
    }
    return {
        key: (
            ("agent_id", key[0]),
            ("agent", agents.get(key[0], (None, None))[0]),
            ("team", agents.get(key[0], (None, None))[1]),
        )
        for key in keys
    }
