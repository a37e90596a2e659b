"""Which contacts a KPI grouping reads and what it groups them by (shared by its queries).

Team and agent rows attribute a contact to the agent who answered it, so those
groupings read answered contacts only; time groupings group by the SQL group
index of ``TimeLayout.key``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.services.kpi_buckets import Grouping, TimeLayout
from supervisor_app.store.models import Agent, Contact


@dataclass(frozen=True, slots=True)
class ContactScope:
    """Which contacts a grouping reads and what it groups them by."""

    keys: tuple[ColumnElement[Any], ...]
    by_team: bool = False  # join the answering agent for their team
    answered_only: bool = False  # team and agent rows: contacts an agent answered


def contact_scope(by: Grouping, layout: TimeLayout | None) -> ContactScope:
    if by is Grouping.QUEUE:
        return ContactScope((Contact.queue_id,))
    if by is Grouping.TEAM:
        return ContactScope((Agent.team_id,), by_team=True, answered_only=True)
    if by is Grouping.AGENT:
        return ContactScope((Contact.agent_id,), answered_only=True)
    if layout is not None:
        return ContactScope((layout.key(Contact.arrived_at),))
    return ContactScope(())


def range_filter(scope: ContactScope, start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    where = [Contact.arrived_at >= start, Contact.arrived_at < end]
    if scope.answered_only:
        where += [Contact.answered_at.is_not(None), Contact.agent_id.is_not(None)]
    return where


def scoped(query: Select[Any], scope: ContactScope) -> Select[Any]:
    """``query`` joined to the answering agent when the scope groups by team."""
    return query.join(Agent, Agent.id == Contact.agent_id) if scope.by_team else query
