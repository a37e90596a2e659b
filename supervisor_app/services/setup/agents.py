"""Agents: list, add, change (team, and so site; code, cost, hours), deactivate.

An agent with history is never deleted: shifts, contacts and state spans name
them. Deactivating keeps every figure and takes them out of planning.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain.setup_fields import check_all, field, require
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.setup.conflicts import refuse_if_changed
from supervisor_app.services.setup.records import AgentRecord, SkillRecord
from supervisor_app.services.setup.saving import saving
from supervisor_app.services.sites import the_site
from supervisor_app.store.models import Agent, AgentSkill, Queue, Site, Team

_TABLES = ("agents",)


def _records(session: Session, agent_ids: list[int] | None, site_id: int | None) -> list[Any]:
    query = (
        select(Agent, Team, Site)
        .outerjoin(Team, Team.id == Agent.team_id)
        .join(Site, Site.id == Agent.site_id)
        .order_by(Agent.name, Agent.id)
    )
    if agent_ids is not None:
        query = query.where(Agent.id.in_(agent_ids))
    if site_id is not None:
        query = query.where(Agent.site_id == site_id)
    rows = session.execute(query).all()
    ids = [agent.id for agent, _, _ in rows]
    skills: dict[int, list[SkillRecord]] = {i: [] for i in ids}
    if ids:
        for skill, queue_name in session.execute(
            select(AgentSkill, Queue.name)
            .join(Queue, Queue.id == AgentSkill.queue_id)
            .where(AgentSkill.agent_id.in_(ids))
            .order_by(Queue.name)
        ).all():
            skills[skill.agent_id].append(
                SkillRecord(skill.queue_id, queue_name, skill.proficiency)
            )
    return [
        AgentRecord(
            id=agent.id,
            name=agent.name,
            employee_code=agent.employee_code,
            team_id=team.id if team else None,
            team=team.name if team else None,
            site_id=site.id if site else None,
            site=site.name if site else None,
            hourly_cost=float(agent.hourly_cost),
            contracted_weekly_hours=float(agent.contracted_weekly_hours),
            active=agent.active,
            version=agent.version,
            skills=tuple(skills[agent.id]),
            hire_date=agent.hire_date,
        )
        for agent, team, site in rows
    ]


def load_agent(session: Session, agent_id: int) -> AgentRecord | None:
    found = _records(session, [agent_id], None)
    return found[0] if found else None


def agent_as_seen(session: Session, seen: AgentRecord, what: str) -> tuple[Agent, AgentRecord]:
    """The agent the user saw, as it is now: refused when it is gone or was saved
    meanwhile (``SetupConflict`` naming each field then → now)."""
    agent = session.get(Agent, seen.id)
    before = load_agent(session, seen.id)
    if agent is None or before is None:
        raise field("agent", "name").refuse(repr(seen.name), "no longer exists")
    refuse_if_changed(
        session,
        entity="agent",
        entity_id=agent.id,
        what=what,
        seen_version=seen.version,
        now_version=before.version,
        seen=seen.values(),
        now=before.values(),
    )
    return agent, before


def list_agents(db: Database, site_id: int | None = None) -> list[AgentRecord]:
    """The agents in the site's teams (every agent when None), by name, with their skills."""
    with db.sessions() as session:
        return _records(session, None, site_id)


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    plain = {k: v for k, v in values.items() if k not in ("team_id", "active")}
    checked = check_all("agent", plain)
    if "team_id" in values:
        checked["team_id"] = None if values["team_id"] is None else int(values["team_id"])
    if "active" in values:
        if not isinstance(values["active"], bool):
            raise TypeError(f"active must be a bool, got {values['active']!r}")
        checked["active"] = values["active"]
    return checked


def _code_free(session: Session, code: str, but: int | None = None) -> None:
    other = session.scalar(select(Agent.id).where(Agent.employee_code == code))
    if other is not None and other != but:
        raise field("agent", "employee_code").refuse(repr(code), "another agent has it")


def _team(session: Session, team_id: int | None) -> Team | None:
    if team_id is None:
        return None
    team = session.get(Team, team_id)
    if team is None:
        raise LookupError(f"no team with id {team_id}")
    return team


def _apply(agent: Agent, values: Mapping[str, Any]) -> None:
    for key in ("name", "employee_code", "team_id", "active", "hire_date"):
        if key in values:
            setattr(agent, key, values[key])
    if "hourly_cost" in values:
        agent.hourly_cost = Decimal(str(values["hourly_cost"]))
    if "contracted_weekly_hours" in values:
        agent.contracted_weekly_hours = Decimal(str(values["contracted_weekly_hours"]))


def add_agent(
    db: Database, values: Mapping[str, Any], actor: str, *, site_id: int | None = None
) -> AgentRecord:
    """A new agent; ``values`` needs name and employee_code (team_id optional).

    The agent works at the team's site; without a team at ``site_id`` (None: the only site).
    """
    require("agent", values, ("name", "employee_code"))
    checked = _checked(values)
    with saving(db, f"Agent {checked['name']!r}", _TABLES) as session:
        _code_free(session, checked["employee_code"])
        team = _team(session, checked.get("team_id"))
        site = team.site_id if team is not None else the_site(session, site_id).id
        agent = Agent(name=checked["name"], employee_code=checked["employee_code"], site_id=site)
        _apply(agent, checked)
        session.add(agent)
        session.flush()
        record = load_agent(session, agent.id)
        assert record is not None
        audit.record(
            session,
            actor=actor,
            action="agent.add",
            entity="agent",
            entity_id=agent.id,
            after=_audited(record),
        )
        return record


def _audited(record: AgentRecord) -> dict[str, Any]:
    return record.values() | {"team": record.team, "site": record.site}


def update_agent(
    db: Database, seen: AgentRecord, changes: Mapping[str, Any], actor: str
) -> AgentRecord:
    """Change the agent the user saw as ``seen`` (``active: False`` deactivates).

    A ``SetupConflict`` (nothing written) when someone saved the agent meanwhile.
    """
    checked = _checked(changes)
    what = f"Agent {seen.name!r} ({seen.employee_code})"
    with saving(db, what, _TABLES) as session:
        agent, before = agent_as_seen(session, seen, what)
        changed = {k: v for k, v in checked.items() if before.values()[k] != v}
        if not changed:
            return before
        if "employee_code" in changed:
            _code_free(session, changed["employee_code"], but=agent.id)
        team = _team(session, changed.get("team_id"))
        _apply(agent, changed)
        if team is not None:
            agent.site_id = team.site_id  # an agent works where the team works
        session.flush()
        after = load_agent(session, agent.id)
        assert after is not None
        if changed.get("active") is False:
            action = "agent.deactivate"
        elif "team_id" in changed and after.site_id != before.site_id:
            action = "agent.move"
        else:
            action = "agent.update"
        audit.record(
            session,
            actor=actor,
            action=action,
            entity="agent",
            entity_id=agent.id,
            before=_audited(before),
            after=_audited(after),
        )
        return after


def deactivate_agent(db: Database, seen: AgentRecord, actor: str) -> AgentRecord:
    return update_agent(db, seen, {"active": False}, actor)
