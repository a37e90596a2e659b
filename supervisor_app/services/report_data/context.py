"""What every report needs besides its figures: the site, and queue and team filters resolved.

Users name queues and teams as they see them (``--queue Sales``) or by id;
anything that matches nothing is a ``UserError`` listing what exists, so a
cron job with a typo fails loudly instead of exporting an empty workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.services.sites import ALL_SITES_LABEL, Named, site_parts
from supervisor_app.store.models import Agent, Queue, Team


@dataclass(frozen=True, slots=True)
class AgentChoice:
    """An active agent a review pack may be about: by code (unique), shown with the name."""

    code: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


@dataclass(frozen=True, slots=True)
class ReportContext:
    site: str  # the site's name, or "All sites"
    timezone: str  # the site's (all sites: the first site's, for "now" on the cover)
    interval_minutes: int  # all sites: the coarsest
    queues: tuple[Named, ...]  # every queue of the site (all sites: "Site · Queue"), by name
    teams: tuple[Named, ...]
    site_id: int | None = None  # None: all sites
    agents: tuple[AgentChoice, ...] = ()  # the site's active agents, by name


def report_context(db: Database, site_id: int | None = None) -> ReportContext:
    """The site a report reads (None: all sites) and the queues and teams it may name."""
    with db.sessions() as session:
        parts = site_parts(session, site_id)
        ids = [p.site.site_id for p in parts]
        names = {p.site.site_id: p.site.name for p in parts}
        several = len(parts) > 1
        queues = session.execute(
            select(Queue.id, Queue.name, Queue.site_id)
            .where(Queue.site_id.in_(ids))
            .order_by(Queue.site_id, Queue.name)
        )
        queue_list = tuple(Named(i, _named(n, names[s], several)) for i, n, s in queues)
        teams = session.execute(
            select(Team.id, Team.name, Team.site_id)
            .where(Team.site_id.in_(ids))
            .order_by(Team.site_id, Team.name)
        )
        team_list = tuple(Named(i, _named(n, names[s], several)) for i, n, s in teams)
        agents = session.execute(
            select(Agent.employee_code, Agent.name)
            .where(Agent.site_id.in_(ids), Agent.active.is_(True))
            .order_by(Agent.name, Agent.employee_code)
        )
        agent_list = tuple(AgentChoice(c, n) for c, n in agents)
    first = parts[0].site
    return ReportContext(
        first.name if site_id is not None else ALL_SITES_LABEL,
        first.timezone,
        parts[0].interval_minutes,
        queue_list,
        team_list,
        site_id,
        agent_list,
    )


def _named(name: str, site: str, several: bool) -> str:
    return f"{site} · {name}" if several else name


def resolve(kind: str, wanted: Sequence[str], known: Sequence[Named]) -> tuple[Named, ...]:
    """The ``known`` entries named (case-insensitively) or numbered in ``wanted``, in its order."""
    by_name = {n.name.casefold(): n for n in known}
    by_id = {str(n.id): n for n in known}
    out: list[Named] = []
    for text in wanted:
        found = by_name.get(text.strip().casefold()) or by_id.get(text.strip())
        if found is None:
            choices = ", ".join(n.name for n in known) or "none"
            raise UserError(f"no {kind} called {text!r}; the {kind}s are: {choices}")
        if found not in out:
            out.append(found)
    return tuple(out)
