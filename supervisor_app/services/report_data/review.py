"""Who a review pack is about, and the queue targets their figures are held against.

An agent is named as people know them, by employee code or by name (either,
case-insensitively); a team pack is the team's active agents. A name that
matches nothing, or more than one agent, is a ``UserError`` listing the
choices, so a scheduled job with a typo fails instead of writing an empty pack.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.services.targets import targets_on
from supervisor_app.store.models import Agent, AgentSkill, Queue, Team

SHOWN_CHOICES = 12  # names listed when a name matches nothing


@dataclass(frozen=True, slots=True)
class ReviewAgent:
    id: int
    name: str
    employee_code: str
    team_id: int | None
    team: str  # "No team" when none


@dataclass(frozen=True, slots=True)
class ReviewTarget:
    """A queue the agents are skilled for, and its targets on the period's last day."""

    queue_id: int
    queue: str
    sl_target: float  # fraction 0..1
    threshold_seconds: int


def review_agents(
    db: Database,
    agents: Sequence[str],
    team_ids: Collection[int] | None,
    site_id: int | None = None,
) -> tuple[ReviewAgent, ...]:
    """The agents named in ``agents`` (code or name), else the active agents of ``team_ids``,
    of ``site_id`` (None: every site); by name."""
    query = select(
        Agent.id, Agent.name, Agent.employee_code, Agent.team_id, Team.name, Agent.active
    ).outerjoin(Team, Team.id == Agent.team_id)
    if site_id is not None:
        query = query.where(Agent.site_id == site_id)
    with db.sessions() as session:
        everyone = [
            (ReviewAgent(i, n, c, t, tn or "No team"), bool(active))
            for i, n, c, t, tn, active in session.execute(query.order_by(Agent.name, Agent.id))
        ]
    if agents:
        chosen: list[ReviewAgent] = []
        for wanted in agents:
            found = _named(wanted, [a for a, _ in everyone])
            if found not in chosen:
                chosen.append(found)
        return tuple(chosen)
    if not team_ids:
        raise UserError("the review report needs --agent CODE_OR_NAME or --team NAME")
    members = tuple(a for a, active in everyone if active and a.team_id in team_ids)
    if not members:
        raise UserError("the team has no active agents: there is no one to review")
    return members


def _named(wanted: str, everyone: Sequence[ReviewAgent]) -> ReviewAgent:
    key = wanted.strip().casefold()
    by_code = [a for a in everyone if a.employee_code.casefold() == key]
    if by_code:
        return by_code[0]  # codes are unique
    by_name = [a for a in everyone if a.name.casefold() == key]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        codes = ", ".join(a.employee_code for a in by_name)
        raise UserError(f"{len(by_name)} agents are called {wanted!r}: name one by code ({codes})")
    shown = ", ".join(f"{a.employee_code} {a.name}" for a in everyone[:SHOWN_CHOICES])
    more = f" … and {len(everyone) - SHOWN_CHOICES} more" if len(everyone) > SHOWN_CHOICES else ""
    raise UserError(
        f"no agent with code or name {wanted!r}; the agents are: {shown or 'none'}{more}"
    )


def review_targets(db: Database, agent_ids: Collection[int], day: date) -> tuple[ReviewTarget, ...]:
    """The queues any of the agents is skilled for, with the targets in force on ``day``."""
    with db.sessions() as session:
        queues = session.execute(
            select(Queue.id, Queue.name)
            .join(AgentSkill, AgentSkill.queue_id == Queue.id)
            .where(AgentSkill.agent_id.in_(list(agent_ids)))
            .distinct()
        ).all()
        in_force = targets_on(session, day, [q for q, _ in queues]) if queues else {}
    out = [
        ReviewTarget(
            queue_id,
            name,
            in_force[queue_id].sl_target_percent / 100.0,
            in_force[queue_id].threshold_seconds,
        )
        for queue_id, name in queues
        if queue_id in in_force
    ]
    return tuple(sorted(out, key=lambda t: (t.queue.casefold(), t.queue_id)))
