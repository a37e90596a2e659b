"""Alembic environment: runs on the connection handed in by ``store.migrate``.

The command line ``alembic`` is not needed; ``supervisor-app db upgrade`` drives this.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from supervisor_app.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # store.migrate hands in a Connection; pytest-alembic hands in an Engine.
    connection = config.attributes.get("connection")
    if isinstance(connection, Connection):
        _run(connection)
        return
    if isinstance(connection, Engine):
        with connection.begin() as conn:
            _run(conn)
        return
    from supervisor_app.store.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
