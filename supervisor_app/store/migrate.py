"""Create or migrate the schema, refusing databases this build can't read.

A SQLite file is copied with the backup API before any migration touches it,
so a failed or unwanted upgrade can be undone by putting the copy back.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import DBAPIError, OperationalError

from supervisor_app.domain.errors import DatabaseError
from supervisor_app.store.location import display_url, sqlite_path

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _explain(engine: Engine, exc: Exception) -> DatabaseError:
    where = display_url(engine.url.render_as_string(hide_password=False))
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    if "file is not a database" in detail:
        return DatabaseError(f"{where} is not a Supervisor Console database (not a SQLite file)")
    if "unable to open database file" in detail:
        return DatabaseError(
            f"{where}: can't open the file (does its folder exist and is it writable?)"
        )
    if engine.dialect.name == "postgresql":
        return DatabaseError(f"can't connect to {where}: {detail}")
    return DatabaseError(f"database {where}: {detail}")


def check_connection(engine: Engine) -> str | None:
    """Connect once and return the schema revision; DatabaseError with the reason otherwise."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is not None and not path.parent.is_dir():
        raise DatabaseError(f"folder {path.parent} for database file {path.name} does not exist")
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
    except (OperationalError, DBAPIError) as exc:
        raise _explain(engine, exc) from exc
    _refuse_unknown(engine, revision)
    return revision


def _refuse_unknown(engine: Engine, revision: str | None) -> None:
    if revision is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    try:
        script.get_revision(revision)
    except Exception as exc:
        raise DatabaseError(
            f"{display_url(engine.url.render_as_string(hide_password=False))} has schema "
            f"revision {revision}, newer than this build knows (head {head_revision()}); "
            "install a newer Supervisor Console"
        ) from exc


def _has_foreign_tables(conn: Connection) -> bool:
    names = set(inspect(conn).get_table_names())
    return bool(names - {"alembic_version"}) and "alembic_version" not in names


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """Copy the live file (consistent even while others write) next to itself."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{revision or 'empty'}.{stamp}.bak")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(engine: Engine) -> str | None:
    """Bring the schema to head. Returns the backup path's name if one was made."""
    revision = check_connection(engine)
    head = head_revision()
    if revision == head:
        return None
    url = engine.url.render_as_string(hide_password=False)
    backup: Path | None = None
    path = sqlite_path(url)
    try:
        with engine.connect() as conn:
            if revision is None and _has_foreign_tables(conn):
                raise DatabaseError(
                    f"{display_url(url)} holds tables but no Supervisor Console schema; "
                    "refusing to touch it"
                )
        if path is not None and path.exists() and path.stat().st_size > 0 and revision is not None:
            backup = backup_sqlite(path, revision)
        with engine.begin() as conn:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except (OperationalError, DBAPIError) as exc:
        raise _explain(engine, exc) from exc
    return backup.name if backup else None


def require_current(engine: Engine) -> None:
    """For readers: the schema must be exactly what this build expects."""
    revision = check_connection(engine)
    if revision != head_revision():
        raise DatabaseError(
            f"{display_url(engine.url.render_as_string(hide_password=False))} needs "
            "`supervisor-app db upgrade` first"
        )
