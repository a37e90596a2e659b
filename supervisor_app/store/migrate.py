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
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError

from supervisor_app.domain.errors import DatabaseError, LoginNeeded, SchemaMismatch
from supervisor_app.store.location import display_url, sqlite_path

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# The advisory lock ``db upgrade`` holds on PostgreSQL for its transaction, so two
# upgrades of one shared database never run at once (any constant; this spells "SCUP").
UPGRADE_LOCK_KEY = 0x53435550


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
        if "password authentication failed" in detail or "no password supplied" in detail:
            return LoginNeeded(
                f"{where} refused the login (wrong or missing password): log in again, or "
                "for the command line use PGPASSWORD or a .pgpass file"
            )
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
        raise SchemaMismatch(
            f"this database is at revision {revision}, newer than this build knows: this "
            f"console needs {head_revision()}; install the newer Supervisor Console your "
            "colleagues use"
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
            if conn.dialect.name == "postgresql":
                _take_upgrade_lock(conn)
                if current_revision(conn) == head:
                    return None  # the other upgrade, which held the lock, got there first
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except (OperationalError, DBAPIError) as exc:
        raise _explain(engine, exc) from exc
    return backup.name if backup else None


def _take_upgrade_lock(conn: Connection) -> None:
    """Hold the upgrade lock until this transaction ends; refuse if another upgrade has it."""
    taken = conn.execute(
        text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY}
    ).scalar_one()
    if not taken:
        raise DatabaseError(
            "another `supervisor-app db upgrade` is running on this database: "
            "wait for it to finish (nothing was changed)"
        )


def require_current(engine: Engine) -> None:
    """For readers, and on a shared database for everyone but ``db upgrade``: the schema
    must be exactly what this build expects, and nothing is touched if it is not."""
    revision = check_connection(engine)
    head = head_revision()
    if revision != head:
        # A SQLite file is its user's own to upgrade; a shared database its owner's.
        who = "run" if engine.dialect.name == "sqlite" else "ask your administrator to run"
        raise SchemaMismatch(
            f"this database is at revision {revision or 'none (empty)'}, this console "
            f"needs {head}: {who} `supervisor-app db upgrade`"
        )
