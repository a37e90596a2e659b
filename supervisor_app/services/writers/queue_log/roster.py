"""The site, queues and agents a queue_log names, found or created as they first appear."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, insert, select

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.errors import UserError
from supervisor_app.services.writers.queue_log.records import SiteChoice, WriteCounts
from supervisor_app.store.models import Agent, Queue, Site

DEFAULT_SITE = "Asterisk"
MAX_CODE = 40  # agents.employee_code
MAX_NAME = 120


def agent_code(member: str) -> str:
    """The member name as an employee code: itself, or cut short with a hash to stay unique."""
    if len(member) <= MAX_CODE:
        return member
    return member[: MAX_CODE - 9] + "~" + hashlib.sha1(member.encode()).hexdigest()[:8]


class Roster:
    """Ids of the site, queues and agents by their names in the log, cached per import."""

    def __init__(self, choice: SiteChoice) -> None:
        self._choice = choice
        self.site_id: int | None = None
        self.queues: dict[str, int] = {}
        self.agents: dict[str, int] = {}

    def forget(self) -> None:
        """After a rollback: ids created in it no longer exist."""
        self.site_id = None
        self.queues.clear()
        self.agents.clear()

    def ensure(
        self, conn: Connection, queues: Iterable[str], agents: Iterable[str], counts: WriteCounts
    ) -> None:
        new_queues = [q for q in dict.fromkeys(queues) if q not in self.queues]
        new_agents = [a for a in dict.fromkeys(agents) if a not in self.agents]
        if new_queues:
            self._ensure_queues(conn, new_queues, counts)
        if new_agents:
            self._ensure_agents(conn, new_agents, counts)

    def _site(self, conn: Connection) -> int:
        if self.site_id is not None:
            return self.site_id
        choice = self._choice
        if choice.name is not None:
            found = conn.scalar(select(Site.id).where(Site.name == choice.name))
            self.site_id = found if found is not None else self._create_site(conn, choice.name)
            return self.site_id
        sites = conn.execute(select(Site.id, Site.name).order_by(Site.id)).all()
        if len(sites) > 1:
            names = ", ".join(repr(s.name) for s in sites[:5])
            raise UserError(
                f"the database has {len(sites)} sites ({names}); say which one the queues "
                "belong to with --site NAME"
            )
        self.site_id = sites[0].id if sites else self._create_site(conn, DEFAULT_SITE)
        return self.site_id

    def _create_site(self, conn: Connection, name: str) -> int:
        try:
            ZoneInfo(self._choice.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise UserError(
                f"time zone {self._choice.timezone!r} is unknown (IANA names, e.g. Europe/Paris)"
            ) from None
        return conn.execute(
            insert(Site)
            .values(name=name[:MAX_NAME], timezone=self._choice.timezone, interval_minutes=15)
            .returning(Site.id)
        ).scalar_one()

    def _ensure_queues(self, conn: Connection, names: list[str], counts: WriteCounts) -> None:
        site_id = self._site(conn)
        found = conn.execute(
            select(Queue.name, Queue.id).where(Queue.site_id == site_id, Queue.name.in_(names))
        ).all()
        self.queues.update({n: i for n, i in found})
        for name in names:
            if name in self.queues:
                continue
            self.queues[name] = conn.execute(
                insert(Queue)
                .values(site_id=site_id, name=name, channel=Channel.VOICE)
                .returning(Queue.id)
            ).scalar_one()
            counts.queues_added.append(name)

    def _ensure_agents(self, conn: Connection, members: list[str], counts: WriteCounts) -> None:
        codes = {agent_code(m): m for m in members}
        found = conn.execute(
            select(Agent.employee_code, Agent.id).where(Agent.employee_code.in_(list(codes)))
        ).all()
        for code, agent_id in found:
            self.agents[codes[code]] = agent_id
        for code, member in codes.items():
            if member in self.agents:
                continue
            self.agents[member] = conn.execute(
                insert(Agent)
                .values(
                    employee_code=code,
                    name=member[:MAX_NAME],
                    site_id=self._site(conn),
                    team_id=None,
                    active=True,
                )
                .returning(Agent.id)
            ).scalar_one()
            counts.agents_added.append(member)
