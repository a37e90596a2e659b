"""What every file import shares: the site it lands in, ids, queues and agents found or made.

The console runs one site (the first by id). An import into an empty database
creates it, named ``Imported site``, in the file's time zone (UTC when none is
known). Queues and agents are matched by name (agents by employee code first)
and created the first time a file names them; teams likewise, by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, text

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.store.models import Agent, Queue, Site, Team

IMPORTED_SITE_NAME = "Imported site"
Progress = Callable[[float], None]


@dataclass(frozen=True)
class SiteInfo:
    id: int | None
    timezone: str | None
    interval_minutes: int


def site_info(db: Database, site_id: int | None = None) -> SiteInfo:
    """The site imports land in (``site_id``, else the only one), or ``id=None`` before any
    exists; with several sites and none named, a UserError naming them."""
    with db.engine.connect() as conn:
        chosen = _chosen_site(conn, site_id)
        if chosen is None:
            return SiteInfo(None, None, 15)
        row = conn.execute(
            select(Site.id, Site.timezone, Site.interval_minutes).where(Site.id == chosen)
        ).one()
    return SiteInfo(row.id, row.timezone, row.interval_minutes)


def _chosen_site(conn: Connection, site_id: int | None) -> int | None:
    """``site_id`` if it exists; with none asked for, the only site (None before any)."""
    rows = conn.execute(select(Site.id, Site.name).order_by(Site.id)).all()
    if site_id is not None:
        if site_id not in {r.id for r in rows}:
            raise UserError(f"no site with id {site_id}")
        return site_id
    if len(rows) > 1:
        names = ", ".join(r.name for r in rows)
        raise UserError(f"this database has several sites ({names}): choose the one to import into")
    return rows[0].id if rows else None


def lock_for_write(conn: Connection) -> None:
    """On SQLite, take the write lock now, so ids read next can't be taken by another writer."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("UPDATE sites SET id = id WHERE 0 = 1")


def ensure_site(conn: Connection, timezone: str | None, site_id: int | None = None) -> int:
    """The site an import writes to (see ``site_info``); the first import creates one."""
    chosen = _chosen_site(conn, site_id)
    if chosen is not None:
        return int(chosen)
    return int(
        conn.scalar(
            insert(Site)
            .values(name=IMPORTED_SITE_NAME, timezone=timezone or "UTC", interval_minutes=15)
            .returning(Site.id)
        )  # type: ignore[arg-type]
    )


def reserve_ids(conn: Connection, table: str, count: int) -> list[int]:
    """``count`` fresh ids for ``table``: from its sequence on PostgreSQL, after the max on SQLite.

    SQLite callers hold the write lock (``lock_for_write``) so nobody takes them meanwhile.
    """
    if count == 0:
        return []
    if conn.dialect.name == "postgresql":
        return list(
            conn.execute(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"
                ),
                {"t": table, "n": count},
            ).scalars()
        )
    first = (conn.exec_driver_sql(f"SELECT MAX(id) FROM {table}").scalar() or 0) + 1
    return list(range(first, first + count))


def queue_ids(
    conn: Connection, site_id: int, wanted: dict[str, Channel], *, create: bool = True
) -> tuple[dict[str, int], list[str]]:
    """Ids of the named queues (by name, within the site); missing ones made with their channel.

    Returns the ids and the names created (or, with ``create=False``, the names not found).
    """
    rows = conn.execute(select(Queue.name, Queue.id).where(Queue.site_id == site_id)).all()
    ids = {name: qid for name, qid in rows}
    missing = [name for name in wanted if name not in ids]
    if not create:
        return ids, missing
    for name in missing:
        ids[name] = int(
            conn.scalar(
                insert(Queue)
                .values(site_id=site_id, name=name[:120], channel=wanted[name])
                .returning(Queue.id)
            )  # type: ignore[arg-type]
        )
    return ids, missing


def agent_ids(
    conn: Connection, names: Iterable[str], site_id: int
) -> tuple[dict[str, int], list[str]]:
    """Agents by employee code, else by name (case-insensitive); missing ones created.

    A new agent takes the value as both code and name, at ``site_id`` with no team; ``import
    agents`` can complete the roster later (matched by that code).
    """
    by_code: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for aid, code, name in conn.execute(select(Agent.id, Agent.employee_code, Agent.name)):
        by_code[code.casefold()] = aid
        by_name.setdefault(name.casefold(), aid)
    ids: dict[str, int] = {}
    created: list[str] = []
    for value in names:
        key = value.casefold()
        found = by_code.get(key) or by_name.get(key)
        if found is None:
            found = int(
                conn.scalar(
                    insert(Agent)
                    .values(employee_code=value[:40], name=value[:120], site_id=site_id)
                    .returning(Agent.id)
                )  # type: ignore[arg-type]
            )
            by_code[key] = found
            created.append(value)
        ids[value] = found
    return ids, created


def team_ids(
    conn: Connection, site_id: int, names: Iterable[str]
) -> tuple[dict[str, int], list[str]]:
    ids = dict(conn.execute(select(Team.name, Team.id).where(Team.site_id == site_id)).all())
    created = []
    for name in names:
        if name not in ids:
            ids[name] = int(
                conn.scalar(
                    insert(Team).values(site_id=site_id, name=name[:120]).returning(Team.id)
                )  # type: ignore[arg-type]
            )
            created.append(name)
    return ids, created


def known_queues(db: Database, site_id: int | None = None) -> dict[str, int]:
    """Queue names to ids of the import's site (``site_info``), for checking a file's rows
    before anything is written (two sites may both have a queue called "Sales")."""
    with db.engine.connect() as conn:
        chosen = _chosen_site(conn, site_id)
        query = select(Queue.name, Queue.id)
        if chosen is not None:
            query = query.where(Queue.site_id == chosen)
        return dict(conn.execute(query).all())
