"""Engines and sessions configured the same way for every caller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from supervisor_app.domain.errors import DatabaseError
from supervisor_app.store.credentials import account, password_for
from supervisor_app.store.location import database_settings, sqlite_path

SQLITE_BUSY_TIMEOUT_MS = 15_000

# A console holds at most this many connections to a shared database: the pool's two
# (a refresh and a command at once) and the change feed's LISTEN connection, so 50
# consoles fit PostgreSQL's default max_connections = 100 with room for ingest and
# administrators.
PG_POOL_SIZE = 2
PG_MAX_CONNECTIONS = PG_POOL_SIZE + 1


@dataclass(frozen=True)
class SessionLimits:
    """PostgreSQL per-session timeouts, in seconds (0: none).

    A hung or forgotten workstation must not hold locks that block a planner's save:
    an idle transaction is ended, a lock wait gives up, a runaway query is cancelled.
    Overridable in ``settings.toml``'s ``[database]`` table (same names).
    """

    statement_timeout_s: float = 120
    lock_timeout_s: float = 10
    idle_in_transaction_session_timeout_s: float = 60

    def options(self) -> str:
        """libpq's ``options``: ``-c name=value`` for each, in milliseconds."""
        return " ".join(
            f"-c {name.removesuffix('_s')}={round(value * 1000)}"
            for name, value in vars(self).items()
        )


# ``db upgrade`` rebuilds tables: no statement limit, and it may wait longer for locks.
MIGRATION_LIMITS = SessionLimits(
    statement_timeout_s=0, lock_timeout_s=60, idle_in_transaction_session_timeout_s=0
)


def configured_limits() -> SessionLimits:
    """The defaults, with any the settings file overrides; a bad value is named."""
    table = database_settings()
    values: dict[str, float] = {}
    for name in SessionLimits.__dataclass_fields__:
        if name not in table:
            continue
        value = table[name]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise DatabaseError(
                f"settings file: [database] {name} must be a number of seconds, 0 or more"
            )
        values[name] = float(value)
    return SessionLimits(**values)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str, *, limits: SessionLimits | None = None, **kwargs: Any) -> Engine:
    """An engine with WAL, foreign keys and a busy timeout on SQLite; on PostgreSQL
    pre-ping, the session limits, at most ``PG_POOL_SIZE`` pooled connections and the
    password from where ``store/credentials`` finds it (never from a file we write).

    Connecting is lazy: errors surface on first use (see ``migrate.check_connection``).
    """
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            kwargs.setdefault("connect_args", {}).setdefault(
                "timeout", SQLITE_BUSY_TIMEOUT_MS / 1000
            )
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", PG_POOL_SIZE)
    kwargs.setdefault("max_overflow", 0)
    kwargs.setdefault("pool_timeout", 60)
    connect_args = kwargs.setdefault("connect_args", {})
    connect_args.setdefault("connect_timeout", 5)
    connect_args.setdefault("options", (limits or configured_limits()).options())
    parsed = make_url(url)
    if parsed.password is None:
        password = password_for(
            account(
                parsed.host or "", parsed.port or 5432, parsed.database or "", parsed.username or ""
            )
        )
        if password:
            connect_args.setdefault("password", password)
    return create_engine(url, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
