"""The setup the user guide describes, with no superuser after the first step: an owner
with CREATEROLE upgrades, runs ``db roles`` and adds an admin, who adds a person."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from cli_runner import CliRunner
from sqlalchemy.engine import make_url

pytestmark = pytest.mark.pg


@pytest.fixture
def plain_owner(pg_server_url: str) -> Iterator[tuple[str, str]]:
    """(owner URL, name prefix): a CREATEROLE owner and its own database, dropped after."""
    admin = make_url(pg_server_url).set(drivername="postgresql").render_as_string(False)
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    owner, database = f"{prefix}owner", f"{prefix}db"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
        conn.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    url = make_url(pg_server_url).set(username=owner, password=None, database=database)
    try:
        yield url.render_as_string(False), prefix
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            for (role,) in conn.execute(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (prefix + "%",)
            ).fetchall():
                if role != owner:
                    conn.execute(f'DROP ROLE "{role}"')
            conn.execute(f'DROP ROLE "{owner}"')


def test_from_an_empty_database_without_a_superuser(
    cli: CliRunner, plain_owner: tuple[str, str]
) -> None:
    url, prefix = plain_owner
    for args in (
        ("db", "upgrade"),
        ("db", "roles"),
        ("site", "add", "Leeds", "--timezone", "Europe/London"),
    ):
        done = cli("--db", url, *args)
        assert done.returncode == 0, done.stderr
    done = cli("--db", url, "user", "add", f"{prefix}ana", "--role", "admin")
    assert done.returncode == 0, done.stderr
    as_ana = make_url(url).set(username=f"{prefix}ana").render_as_string(False)
    done = cli(
        "--db", as_ana, "user", "add", f"{prefix}lee", "--role", "planner", "--site", "Leeds"
    )
    assert done.returncode == 0, done.stderr
    conninfo = make_url(as_ana).set(drivername="postgresql", username=f"{prefix}lee")
    with psycopg.connect(conninfo.render_as_string(False)) as conn:
        assert conn.execute("SELECT name FROM sites").fetchall() == [("Leeds",)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM sites")
