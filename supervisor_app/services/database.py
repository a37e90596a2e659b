"""Opening the database for a command or a window, with every failure explained."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from supervisor_app.store import migrate
from supervisor_app.store.engine import MIGRATION_LIMITS, make_engine, make_session_factory
from supervisor_app.store.location import (
    default_database_url,
    display_url,
    resolve_database_url,
    sqlite_path,
)
from supervisor_app.store.models import Contact, Site


@dataclass
class Database:
    """An open database: the engine, a session factory, and how to name it to a user."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)

    @property
    def display_url(self) -> str:
        return display_url(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


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


def open_database(cli_url: str | None = None, *, upgrade: bool = True) -> Database:
    """Resolve the URL, connect, and (by default, on SQLite only) bring the schema to head.

    A shared PostgreSQL is never migrated here: one workstation with a newer build
    would otherwise migrate it under every other console. Only ``upgrade_database``
    (``db upgrade``, run by its owner) does; at another revision this raises
    ``SchemaMismatch`` and touches nothing. Raises ``DatabaseError`` with one line
    saying what is wrong and where.
    """
    url = resolve_database_url(cli_url)
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
    return Database(url, engine, make_session_factory(engine))


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
