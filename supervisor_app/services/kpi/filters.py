"""Queue and team filters named by a person: names or ids, turned into ids (or a clear error).

The ``kpi`` command takes ``--queue Sales --team 3``; an unknown name is a
``UserError`` that lists what exists, so a typo never silently filters nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.store.models import Queue, Team


def resolve_filters(
    db: Database, queues: Sequence[str], teams: Sequence[str], site_id: int | None = None
) -> tuple[list[int] | None, list[int] | None]:
    """(queue ids, team ids) for names or ids, among ``site_id``'s (None: every site's);
    None for a side with nothing named."""
    with db.sessions() as session:
        queue_q = select(Queue.id, Queue.name).order_by(Queue.id)
        team_q = select(Team.id, Team.name).order_by(Team.id)
        if site_id is not None:
            queue_q = queue_q.where(Queue.site_id == site_id)
            team_q = team_q.where(Team.site_id == site_id)
        known_queues = list(session.execute(queue_q))
        known_teams = list(session.execute(team_q))
    return _ids("queue", queues, known_queues), _ids("team", teams, known_teams)


def _ids(kind: str, wanted: Sequence[str], known: Sequence[Any]) -> list[int] | None:
    if not wanted:
        return None
    by_name: dict[str, list[int]] = {}
    for item_id, name in known:
        by_name.setdefault(name.casefold(), []).append(item_id)
    ids = {item_id for item_id, _ in known}
    out: list[int] = []
    for text in wanted:
        found = by_name.get(text.strip().casefold())
        if found is None and text.strip().isdigit() and int(text) in ids:
            found = [int(text)]
        if found is None:
            names = ", ".join(sorted({name for _, name in known})) or "none"
            raise UserError(f"no {kind} called {text!r} (known: {names})")
        out += found
    return sorted(set(out))
