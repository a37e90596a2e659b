"""Fixtures shared by every test: isolated settings, SQLite files, a real PostgreSQL, the CLI.

Nothing here touches the user's real settings or database: ``SUPERVISOR_APP_HOME``
points every test at its own temporary folder.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import CliRunner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ADMIN_URL = os.environ.get(
    "SUPERVISOR_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/postgres"
)
REQUIRE_PG = os.environ.get("SUPERVISOR_REQUIRE_PG") == "1"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SUPERVISOR_APP_HOME", str(home))
    monkeypatch.delenv("SUPERVISOR_APP_DB", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    return home


@pytest.fixture(autouse=True)
def keychain(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """An in-memory keychain for this test: the user's real one is never read or written.

    Child processes get keyring's null backend (they remember nothing).
    """
    import keyring
    from keyring_memory import MemoryKeyring

    from supervisor_app.store import credentials

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    monkeypatch.setattr(credentials, "_typed", {})
    yield memory
    keyring.set_keyring(previous)


def _pg_unavailable_reason() -> str | None:
    import psycopg
    from sqlalchemy.engine import make_url

    conninfo = make_url(PG_ADMIN_URL).set(drivername="postgresql").render_as_string(False)
    try:
        psycopg.connect(conninfo, connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        return f"PostgreSQL at {PG_ADMIN_URL} unreachable: {str(exc).strip().splitlines()[0]}"
    return None


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped afterwards."""
    reason = _pg_unavailable_reason()
    if reason:
        if REQUIRE_PG:
            pytest.fail(f"{reason} (SUPERVISOR_REQUIRE_PG=1)")
        pytest.skip(reason)
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(PG_ADMIN_URL)
    name = f"supervisor_test_{uuid.uuid4().hex[:10]}"
    conninfo = admin.set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def reset_pg_schema(url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'supervisor.db'}"


@pytest.fixture
def pg_empty_url(pg_server_url: str) -> str:
    """The session's PostgreSQL database, emptied for this test (no schema at all)."""
    reset_pg_schema(pg_server_url)
    return pg_server_url


@pytest.fixture
def pg_url(pg_empty_url: str) -> str:
    """The session's PostgreSQL database, emptied and migrated to head for this test, as
    its owner would with ``db upgrade`` (a console never migrates a shared database)."""
    upgrade_pg(pg_empty_url)
    return pg_empty_url


def upgrade_pg(url: str) -> None:
    from supervisor_app.services.database import upgrade_database

    upgrade_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database on each engine in turn."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return request.getfixturevalue(name)


@pytest.fixture(scope="session")
def cli() -> CliRunner:
    """The ``supervisor-app`` command as a user runs it (see ``tests/cli_runner.py``)."""
    return CliRunner()
