"""Login roles for tests on the real PostgreSQL: members of the ``sc_*`` group roles.

The group roles are made by ``db roles`` (another part of issue 14); a test makes the
ones it needs if they are missing (NOLOGIN, never dropped: other tests share the
cluster) and grants them SELECT on this database's tables, so a console opened as a
member can read. Login roles get a unique prefix and are dropped at teardown.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy.engine import make_url

GROUPS = ("sc_admin", "sc_planner", "sc_supervisor", "sc_director", "sc_ingest")


def conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def as_login(url: str, login: str) -> str:
    """``url`` with another user (trust authentication on the test server: no password)."""
    return make_url(url).set(username=login, password=None).render_as_string(False)


@contextmanager
def logins(url: str, *groups: str) -> Iterator[dict[str, str]]:
    """One login role per group in ``groups``, member of it: ``{group: login}``."""
    prefix = f"sct_{uuid.uuid4().hex[:8]}"
    made: dict[str, str] = {}
    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        for group in GROUPS:
            conn.execute(
                f"DO $$ BEGIN CREATE ROLE {group} NOLOGIN; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            )
            conn.execute(f"GRANT USAGE ON SCHEMA public TO {group}")
            conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {group}")
        try:
            for group in groups:
                login = f"{prefix}_{group.removeprefix('sc_')}"
                conn.execute(f"CREATE ROLE {login} LOGIN IN ROLE {group}")
                made[group] = login
            yield made
        finally:
            for login in made.values():
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                    (login,),
                )
                conn.execute(f"DROP ROLE IF EXISTS {login}")
