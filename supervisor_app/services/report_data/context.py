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
from supervisor_app.services.sites import the_site
from supervisor_app.store.models import Queue, Team


@dataclass(frozen=True, slots=True)
class Named:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class ReportContext:
    site: str
    timezone: str
    interval_minutes: int
    queues: tuple[Named, ...]  # every queue of the site, by name
    teams: tuple[Named, ...]


def report_context(db: Database) -> ReportContext:
    with db.sessions() as session:
        site = the_site(session)
        queues = session.execute(
            select(Queue.id, Queue.name).where(Queue.site_id == site.id).order_by(Queue.name)
        )
        queue_list = tuple(Named(i, n) for i, n in queues)
        teams = session.execute(
            select(Team.id, Team.name).where(Team.site_id == site.id).order_by(Team.name)
        )
        team_list = tuple(Named(i, n) for i, n in teams)
        return ReportContext(site.name, site.timezone, site.interval_minutes, queue_list, team_list)


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
