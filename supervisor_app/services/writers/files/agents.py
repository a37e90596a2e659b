"""Writing a roster: agents created or updated by employee code, teams made as they appear.

Skills name queues, which must exist (a queue needs a channel, which a roster
doesn't say); an unknown queue stops the import with the rows that name it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, insert, select, update

from supervisor_app.domain.errors import UserError
from supervisor_app.services.audit import ImportedFile, current_actor, record_import
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files.common import ensure_site, lock_for_write, team_ids
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Agent, AgentSkill, Queue


@dataclass(frozen=True, slots=True)
class AgentRow:
    code: str
    name: str
    team: str | None
    skills: tuple[tuple[str, int], ...] | None  # None: the file has no skills column
    hourly_cost: Decimal | None
    contracted_hours: Decimal | None


@dataclass(frozen=True)
class AgentWriteResult:
    created: int
    updated: int
    teams_created: tuple[str, ...]


class UnknownQueues(UserError):
    """Skills that name queues the database doesn't have."""


def write_agents(
    db: Database,
    rows: Sequence[AgentRow],
    imported: ImportedFile | None = None,
    *,
    site_id: int | None = None,
) -> AgentWriteResult:
    """Create or update every row's agent at ``site_id`` (else the only site) in one
    transaction, with the file's audit row."""
    with db.engine.begin() as conn:
        lock_for_write(conn)
        site_id = ensure_site(conn, None, site_id)
        queues = dict(conn.execute(select(Queue.name, Queue.id)).all())
        unknown = sorted({q for r in rows for q, _ in r.skills or () if q not in queues})
        if unknown:
            raise UnknownQueues(
                f"skills name unknown queue(s) {', '.join(unknown)}; nothing imported "
                "(create them with a contact import first)"
            )
        teams, teams_created = team_ids(conn, site_id, sorted({r.team for r in rows if r.team}))
        existing = {c.casefold(): i for i, c in conn.execute(select(Agent.id, Agent.employee_code))}
        created = updated = 0
        for r in rows:
            values: dict[str, object] = {"name": r.name, "site_id": site_id}
            if r.team is not None:
                values["team_id"] = teams[r.team]
            if r.hourly_cost is not None:
                values["hourly_cost"] = r.hourly_cost
            if r.contracted_hours is not None:
                values["contracted_weekly_hours"] = r.contracted_hours
            agent_id = existing.get(r.code.casefold())
            if agent_id is None:
                agent_id = conn.scalar(
                    insert(Agent).values(employee_code=r.code, **values).returning(Agent.id)
                )
                created += 1
            else:
                conn.execute(update(Agent).where(Agent.id == agent_id).values(**values))
                updated += 1
            if r.skills is not None:
                conn.execute(delete(AgentSkill).where(AgentSkill.agent_id == agent_id))
                for queue, level in r.skills:
                    conn.execute(
                        insert(AgentSkill).values(
                            agent_id=agent_id, queue_id=queues[queue], proficiency=level
                        )
                    )
        if imported is not None:
            written = {"agents_created": created, "agents_updated": updated}
            record_import(conn, imported, current_actor(), written)
        announce(conn, ["agents", "agent_skills", "teams"])
    return AgentWriteResult(created, updated, tuple(teams_created))
