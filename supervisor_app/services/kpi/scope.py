"""Which contacts a KPI grouping reads and what it groups them by (shared by its queries).

Team and agent rows attribute a contact to the agent who answered it, so those
groupings read answered contacts only; time groupings group by the SQL group
index of ``TimeLayout.key``. The filters narrow any grouping: a queue filter
keeps the contacts of those queues, a team filter the contacts answered by
agents of those teams (so, like team rows, answered contacts only).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.periods import Grouping
from supervisor_app.services.kpi.buckets import TimeLayout
from supervisor_app.store.models import Agent, Contact, Queue


@dataclass(frozen=True, slots=True)
class KpiFilter:
    """Site, queues and teams a report is narrowed to; None: no filter on that side.

    The site keeps its queues' contacts and its agents' time.
    """

    queue_ids: tuple[int, ...] | None = None
    team_ids: tuple[int, ...] | None = None
    site_id: int | None = None

    @classmethod
    def of(
        cls,
        queue_ids: Collection[int] | None,
        team_ids: Collection[int] | None,
        site_id: int | None = None,
    ) -> KpiFilter:
        return cls(
            None if queue_ids is None else tuple(sorted(set(queue_ids))),
            None if team_ids is None else tuple(sorted(set(team_ids))),
            site_id,
        )

    @property
    def agent_time(self) -> bool:
        """Agents' time isn't split by queue, so a queue filter leaves none to report."""
        return self.queue_ids is None

    def team_agents(self, agent_id: ColumnElement[Any]) -> list[ColumnElement[bool]]:
        """SQL: ``agent_id`` is an agent of the filtered teams (no condition without a filter)."""
        if self.team_ids is None:
            return []
        return [agent_id.in_(select(Agent.id).where(Agent.team_id.in_(self.team_ids)))]

    def agents(self, agent_id: ColumnElement[Any]) -> list[ColumnElement[bool]]:
        """SQL, for agent time: ``agent_id`` is of the filtered teams and of the site."""
        if self.site_id is None:
            return self.team_agents(agent_id)
        at_site = agent_id.in_(select(Agent.id).where(Agent.site_id == self.site_id))
        return [*self.team_agents(agent_id), at_site]

    def site_queues(self, queue_id: ColumnElement[Any]) -> list[ColumnElement[bool]]:
        """SQL: ``queue_id`` is a queue of the site (no condition without a site)."""
        if self.site_id is None:
            return []
        return [queue_id.in_(select(Queue.id).where(Queue.site_id == self.site_id))]


@dataclass(frozen=True, slots=True)
class ContactScope:
    """Which contacts a grouping reads and what it groups them by."""

    keys: tuple[ColumnElement[Any], ...]
    by_team: bool = False  # join the answering agent for their team
    answered_only: bool = False  # team and agent rows: contacts an agent answered
    filter: KpiFilter = KpiFilter()


def contact_scope(
    by: Grouping, layout: TimeLayout | None, narrow: KpiFilter | None = None
) -> ContactScope:
    narrow = narrow or KpiFilter()
    answered = narrow.team_ids is not None
    if by is Grouping.QUEUE:
        return ContactScope((Contact.queue_id,), answered_only=answered, filter=narrow)
    if by is Grouping.TEAM:
        return ContactScope((Agent.team_id,), by_team=True, answered_only=True, filter=narrow)
    if by is Grouping.AGENT:
        return ContactScope((Contact.agent_id,), answered_only=True, filter=narrow)
    if layout is not None:
        return ContactScope(
            (layout.key(Contact.arrived_at),), answered_only=answered, filter=narrow
        )
    return ContactScope((), answered_only=answered, filter=narrow)


def queue_filter(scope: ContactScope) -> list[ColumnElement[bool]]:
    ids = scope.filter.queue_ids
    site = scope.filter.site_queues(Contact.queue_id)
    return site if ids is None else [Contact.queue_id.in_(ids), *site]


def range_filter(scope: ContactScope, start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    where = [Contact.arrived_at >= start, Contact.arrived_at < end, *queue_filter(scope)]
    if scope.answered_only:
        where += [Contact.answered_at.is_not(None), Contact.agent_id.is_not(None)]
    return where + scope.filter.team_agents(Contact.agent_id)


def scoped(query: Select[Any], scope: ContactScope) -> Select[Any]:
    """``query`` joined to the answering agent when the scope groups by team."""
    return query.join(Agent, Agent.id == Contact.agent_id) if scope.by_team else query


def prepare_session(session: Session) -> None:
    """PostgreSQL, for this transaction only: no JIT (compiling these aggregates took a
    third of a second, more than it saved) and sort memory for the percentiles."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))
        session.execute(text("SET LOCAL work_mem = '64MB'"))
