"""Opening the database for a command or a window, with every failure explained."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from supervisor_app.domain.errors import DatabaseError
from supervisor_app.store import migrate
from supervisor_app.store.engine import MIGRATION_LIMITS, make_engine, make_session_factory
from supervisor_app.store.location import (
    default_database_url,
    display_url,
    resolve_database_url,
    resolve_read_url,
    sqlite_path,
)
from supervisor_app.store.models import Contact, Site
from supervisor_app.store.replica import ReplicaBarrier


@dataclass
class Database:
    """An open database: the engine, a session factory, and how to name it to a user.

    With a read replica (``read_url``) the heavy reads that need not see this
    console's own writes (the live snapshot, charts) go there through ``reading()``;
    everything else, writes and reads of one's own writes, goes through ``sessions``
    to the primary, where the change feed is too.
    """

    url: str
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)
    read_url: str | None = None
    read_engine: Engine | None = field(default=None, repr=False)
    read_sessions: sessionmaker[Session] | None = field(default=None, repr=False)
    # Set with a replica: the change listener advances it, ``reading()`` waits for it.
    barrier: ReplicaBarrier | None = field(default=None, repr=False)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads that may come from the replica: one that has replayed at
        least every change the feed has announced to this console (or, after
        ``ReplicaBarrier.lag_wait_s``, what it has). Without a replica, ``sessions()``."""
        if self.read_sessions is None:
            with self.sessions() as session:
                yield session
            return
        with self.read_sessions() as session:
            if self.barrier is not None:
                self.barrier.wait(session.connection())
            yield session

    @property
    def display_url(self) -> str:
        return display_url(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()
        if self.read_engine is not None:
            self.read_engine.dispose()


@dataclass(frozen=True)
class UpgradeResult:
    url: str
    revision: str
    backup_file: str | None


def _prepare_default_folder(url: str) -> None:
    """Create the user data folder for the default file; a path the user named must exist."""
    path = sqlite_path(url)
    if path is not None and url == default_database_url():
        path.parent.mkdir(parents=True, exist_ok=True)


def is_shared(url: str) -> bool:
    """A PostgreSQL database, shared between workstations (anything else is a local file)."""
    return sqlite_path(url) is None and not url.startswith("sqlite")


def open_database(
    cli_url: str | None = None, *, upgrade: bool = True, read_url: str | None = None
) -> Database:
    """Resolve the URL, connect, and (by default, on SQLite only) bring the schema to head.

    A shared PostgreSQL is never migrated here: one workstation with a newer build
    would otherwise migrate it under every other console. Only ``upgrade_database``
    (``db upgrade``, run by its owner) does; at another revision this raises
    ``SchemaMismatch`` and touches nothing. Raises ``DatabaseError`` with one line
    saying what is wrong and where.

    ``read_url`` (else ``SUPERVISOR_APP_READ_DB``, else ``[database] read_url``): a
    streaming replica of a shared database, checked like the primary on opening.
    """
    url = resolve_database_url(cli_url)
    read = resolve_read_url(read_url)
    upgrade = upgrade and not is_shared(url)
    if upgrade:
        _prepare_default_folder(url)
    engine = make_engine(url)
    try:
        if upgrade:
            migrate.upgrade(engine)
        else:
            migrate.require_current(engine)
    except Exception:
        engine.dispose()
        raise
    db = Database(url, engine, make_session_factory(engine))
    if read is not None and read != url:
        try:
            _attach_replica(db, read)
        except Exception:
            engine.dispose()
            raise
    return db


def _attach_replica(db: Database, read_url: str) -> None:
    """Open the read replica beside the primary, or say in one line why it can't be."""
    if not is_shared(db.url) or not is_shared(read_url):
        raise DatabaseError(
            f"read database {display_url(read_url)}: a read replica needs a shared "
            "(PostgreSQL) database on both sides"
        )
    engine = make_engine(read_url)
    try:
        migrate.require_current(engine)
    except DatabaseError as exc:
        engine.dispose()
        raise DatabaseError(f"read database (replica): {exc}") from None
    except Exception:
        engine.dispose()
        raise
    db.read_url, db.read_engine = read_url, engine
    db.read_sessions = make_session_factory(engine)
    db.barrier = ReplicaBarrier()


def upgrade_database(cli_url: str | None = None) -> UpgradeResult:
    """``db upgrade``: the one way a shared database is migrated (under an advisory lock,
    without the statement timeout a console has)."""
    url = resolve_database_url(cli_url)
    _prepare_default_folder(url)
    engine = make_engine(url, limits=MIGRATION_LIMITS)
    try:
        backup = migrate.upgrade(engine)
    finally:
        engine.dispose()
    return UpgradeResult(display_url(url), migrate.head_revision(), backup)


def has_demo_data(db: Database) -> bool:
    """True once a site exists with contacts: a demo seed would then be refused."""
    with db.sessions() as session:
        sites = session.scalar(select(func.count()).select_from(Site)) or 0
        if not sites:
            return False
        return session.scalar(select(Contact.id).limit(1)) is not None
