"""Agents' skills with proficiency: one agent's table, or one skill given to several at once.

A skill change moves the agent's version, so an agent page opened before it
sees the change instead of overwriting it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from supervisor_app.domain.setup_fields import field
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.setup.agents import agent_as_seen, load_agent
from supervisor_app.services.setup.records import AgentRecord
from supervisor_app.services.setup.saving import saving
from supervisor_app.store.models import Agent, AgentSkill, Queue

_TABLES = ("agent_skills", "agents")


def _queue(session: Session, queue_id: int) -> Queue:
    queue = session.get(Queue, queue_id)
    if queue is None:
        raise LookupError(f"no queue with id {queue_id}")
    return queue


def _agents(session: Session, agent_ids: Sequence[int]) -> list[Agent]:
    agents = list(session.scalars(select(Agent).where(Agent.id.in_(agent_ids)).order_by(Agent.id)))
    if len(agents) != len(set(agent_ids)):
        raise LookupError(f"no agent with some of the ids {sorted(agent_ids)}")
    return agents


def set_skill(
    db: Database, agent_ids: Sequence[int], queue_id: int, proficiency: int, actor: str
) -> int:
    """Give each agent the queue's skill at ``proficiency`` (added or changed); one audit
    row per agent whose skill changed. Returns how many changed."""
    level = field("skill", "proficiency").check(proficiency)
    changed = 0
    with saving(db, "The skill", _TABLES) as session:
        queue = _queue(session, queue_id)
        for agent in _agents(session, agent_ids):
            skill = session.get(AgentSkill, (agent.id, queue_id))
            before = None if skill is None else skill.proficiency
            if before == level:
                continue
            if skill is None:
                session.add(AgentSkill(agent_id=agent.id, queue_id=queue_id, proficiency=level))
            else:
                skill.proficiency = level
            flag_modified(agent, "name")
            changed += 1
            audit.record(
                session,
                actor=actor,
                action="skill.set",
                entity="skill",
                entity_id=f"{agent.id}/{queue_id}",
                before=None if before is None else _skill(agent, queue, before),
                after=_skill(agent, queue, level),
            )
    return changed


def remove_skill(db: Database, agent_ids: Sequence[int], queue_id: int, actor: str) -> int:
    """Take the queue's skill from each agent who has it; returns how many lost it."""
    removed = 0
    with saving(db, "The skill", _TABLES) as session:
        queue = _queue(session, queue_id)
        for agent in _agents(session, agent_ids):
            skill = session.get(AgentSkill, (agent.id, queue_id))
            if skill is None:
                continue
            before = _skill(agent, queue, skill.proficiency)
            session.delete(skill)
            flag_modified(agent, "name")
            removed += 1
            audit.record(
                session,
                actor=actor,
                action="skill.remove",
                entity="skill",
                entity_id=f"{agent.id}/{queue_id}",
                before=before,
            )
    return removed


def _skill(agent: Agent, queue: Queue, proficiency: int) -> dict[str, object]:
    return {"agent": agent.name, "queue": queue.name, "proficiency": proficiency}


def save_agent_skills(
    db: Database, seen: AgentRecord, skills: Mapping[int, int], actor: str
) -> AgentRecord:
    """Make the agent's skills exactly ``skills`` (queue id → proficiency); one audit row.

    A ``SetupConflict`` (nothing written) when someone saved the agent meanwhile.
    """
    level = field("skill", "proficiency")
    wanted = {int(q): level.check(p) for q, p in skills.items()}
    what = f"Agent {seen.name!r} ({seen.employee_code})"
    with saving(db, what, _TABLES) as session:
        agent, before = agent_as_seen(session, seen, what)
        have = {s.queue_id: s.proficiency for s in before.skills}
        if have == wanted:
            return before
        for queue_id in wanted:
            _queue(session, queue_id)
        for queue_id in have.keys() - wanted.keys():
            session.delete(session.get(AgentSkill, (agent.id, queue_id)))
        for queue_id, proficiency in wanted.items():
            skill = session.get(AgentSkill, (agent.id, queue_id))
            if skill is None:
                session.add(
                    AgentSkill(agent_id=agent.id, queue_id=queue_id, proficiency=proficiency)
                )
            else:
                skill.proficiency = proficiency
        flag_modified(agent, "name")
        session.flush()
        session.expire(agent)
        after = load_agent(session, agent.id)
        assert after is not None
        audit.record(
            session,
            actor=actor,
            action="agent.skills",
            entity="agent",
            entity_id=agent.id,
            before={"skills": before.values()["skills"]},
            after={"skills": after.values()["skills"]},
        )
        return after
