"""Opening the database for a command or a window, with every failure explained."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from supervisor_app.store import migrate
from supervisor_app.store.engine import make_engine, make_session_factory
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


def open_database(cli_url: str | None = None, *, upgrade: bool = True) -> Database:
    """Resolve the URL, connect, and (by default) bring the schema to head.

    Raises ``DatabaseError`` with one line saying what is wrong and where.
    """
    url = resolve_database_url(cli_url)
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
    url = resolve_database_url(cli_url)
    _prepare_default_folder(url)
    engine = make_engine(url)
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
