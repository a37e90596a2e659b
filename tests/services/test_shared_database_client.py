"""A console on a shared PostgreSQL: never migrates it, limits its sessions, knows its role.

Against the real server (``SUPERVISOR_TEST_PG_URL``); the connection count runs in a
database of its own so no other fixture's connection is counted.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from cli_runner import CliRunner
from pg_roles import as_login, conninfo, logins
from sqlalchemy import text
from sqlalchemy.engine import make_url

from supervisor_app.domain.errors import DatabaseError, SchemaMismatch
from supervisor_app.domain.permissions import Role
from supervisor_app.services.database import open_database, upgrade_database
from supervisor_app.services.session_role import session_role
from supervisor_app.store import migrate
from supervisor_app.store.changes import ChangeListener
from supervisor_app.store.location import settings_file

pytestmark = pytest.mark.pg


def _revision(url: str) -> str | None:
    with psycopg.connect(conninfo(url)) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _tables(url: str) -> set[str]:
    with psycopg.connect(conninfo(url)) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {r[0] for r in rows}


def _stamp(url: str, revision: str) -> None:
    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = %s", (revision,))


def _previous_head() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    down = script.get_revision(migrate.head_revision()).down_revision
    assert isinstance(down, str)
    return down


def test_a_console_refuses_an_older_schema_and_touches_nothing(pg_url: str) -> None:
    old = _previous_head()
    _stamp(pg_url, old)
    before = _tables(pg_url)
    with pytest.raises(SchemaMismatch) as refused:
        open_database(pg_url)  # upgrade=True: it would migrate a SQLite file
    assert str(refused.value) == (
        f"this database is at revision {old}, this console needs {migrate.head_revision()}: "
        "ask your administrator to run `supervisor-app db upgrade`"
    )
    assert _revision(pg_url) == old and _tables(pg_url) == before


def test_an_empty_shared_database_is_not_created_by_a_console(pg_empty_url: str) -> None:
    with pytest.raises(SchemaMismatch, match="at revision none"):
        open_database(pg_empty_url)
    assert _tables(pg_empty_url) == set()


def test_the_cli_refuses_in_one_line_with_exit_1(pg_url: str, cli: CliRunner) -> None:
    _stamp(pg_url, "9999_from_the_future")
    done = cli.on(pg_url)("site", "list")
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "supervisor-app: error: this database is at revision 9999_from_the_future, newer "
        f"than this build knows: this console needs {migrate.head_revision()}; install the "
        "newer Supervisor Console your colleagues use"
    ]
    assert "Traceback" not in done.stderr


def test_two_upgrades_never_run_at_once(pg_url: str) -> None:
    old = _previous_head()
    _stamp(pg_url, old)  # the last revision runs again once the lock is free
    with psycopg.connect(conninfo(pg_url), autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (migrate.UPGRADE_LOCK_KEY,))
        with pytest.raises(DatabaseError, match="another `supervisor-app db upgrade` is running"):
            upgrade_database(pg_url)
        assert _revision(pg_url) == old
        holder.execute("SELECT pg_advisory_unlock(%s)", (migrate.UPGRADE_LOCK_KEY,))
    # Stamped back one revision over tables already at head, the upgrade itself would
    # fail; the lock is what this test is about, so put the stamp back instead.
    _stamp(pg_url, migrate.head_revision())
    assert upgrade_database(pg_url).revision == migrate.head_revision()


@pytest.fixture
def own_database(pg_server_url: str) -> Iterator[str]:
    """A database of its own at head, so pg_stat_activity counts only this console."""
    admin = make_url(pg_server_url)
    name = f"sc_limits_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(conninfo(pg_server_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = admin.set(database=name).render_as_string(False)
    try:
        upgrade_database(url)
        yield url
    finally:
        with psycopg.connect(conninfo(pg_server_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _connections(url: str, watcher: psycopg.Connection) -> int:
    name = make_url(url).database
    row = watcher.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        (name,),
    ).fetchone()
    assert row is not None
    return int(row[0])


def test_a_console_uses_at_most_three_connections_with_its_limits(own_database: str) -> None:
    """Six threads reading at once (more than the workers a window runs) and the change
    feed listening: never more than 3 connections; the session limits in force."""
    db = open_database(own_database)
    listener = ChangeListener(db.engine)
    peak = 0
    stop = threading.Event()
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            while not stop.is_set():
                with db.sessions() as session:
                    session.execute(text("SELECT pg_sleep(0.05)"))
        except BaseException as exc:
            errors.append(exc)

    with psycopg.connect(conninfo(own_database), autocommit=True) as watcher:
        listener.open()
        threads = [threading.Thread(target=reader) for _ in range(6)]
        for thread in threads:
            thread.start()
        try:
            for _ in range(30):
                peak = max(peak, _connections(own_database, watcher))
                stop.wait(0.05)
        finally:
            stop.set()
            for thread in threads:
                thread.join()
            with db.engine.connect() as conn:
                shown = {
                    name: conn.execute(text(f"SHOW {name}")).scalar_one()
                    for name in (
                        "statement_timeout",
                        "lock_timeout",
                        "idle_in_transaction_session_timeout",
                    )
                }
            listener.close()
            db.close()
    assert not errors, errors
    assert peak == 3  # the pool's two, busy, and the listener
    assert shown == {
        "statement_timeout": "2min",
        "lock_timeout": "10s",
        "idle_in_transaction_session_timeout": "1min",
    }


def test_the_settings_file_overrides_the_limits(pg_url: str) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[database]\nstatement_timeout_s = 7.5\nlock_timeout_s = 0\n")
    db = open_database(pg_url)
    try:
        with db.engine.connect() as conn:
            statement = conn.execute(text("SHOW statement_timeout")).scalar_one()
            lock = conn.execute(text("SHOW lock_timeout")).scalar_one()
            idle = conn.execute(text("SHOW idle_in_transaction_session_timeout")).scalar_one()
    finally:
        db.close()
    assert (statement, lock, idle) == ("7500ms", "0", "1min")


def test_a_bad_limit_in_the_settings_is_named(pg_url: str) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[database]\nlock_timeout_s = "soon"\n')
    with pytest.raises(DatabaseError, match=r"\[database\] lock_timeout_s must be a number"):
        open_database(pg_url)


@pytest.mark.parametrize(
    ("group", "role"),
    [
        ("sc_admin", Role.ADMIN),
        ("sc_planner", Role.PLANNER),
        ("sc_supervisor", Role.SUPERVISOR),
        ("sc_director", Role.DIRECTOR),
    ],
)
def test_the_session_role_is_the_logins_group(pg_url: str, group: str, role: Role) -> None:
    with logins(pg_url, group) as made:
        db = open_database(as_login(pg_url, made[group]))
        try:
            identity = session_role(db)
        finally:
            db.close()
    assert (identity.login, identity.role, identity.label) == (
        made[group],
        role,
        f"{made[group]} · {role.value}",
    )


def test_the_owner_and_a_sqlite_user(pg_url: str, sqlite_url: str) -> None:
    owner = make_url(pg_url).username
    db = open_database(pg_url)
    try:
        assert session_role(db).label == f"{owner} · owner"
    finally:
        db.close()
    local = open_database(sqlite_url)
    try:
        assert session_role(local).label == "local file · single user"
    finally:
        local.close()
