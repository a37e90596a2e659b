"""``seed``: the default demo seed (28 days, 60 agents, 6 queues), timed end to end.

contacts_per_s is total contacts over the whole seed's wall time (simulation
and writing, commit included), on a fresh SQLite file and a fresh PostgreSQL
database (skipped, with a note on stderr, when the server is unreachable).
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg
from figures import Figure
from sqlalchemy.engine import make_url

from supervisor_app.ingest.simulator import SeedSummary, seed_demo
from supervisor_app.services.database import open_database, upgrade_database

PG_ADMIN_URL = os.environ.get(
    "SUPERVISOR_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/postgres"
)


def _seed(url: str) -> SeedSummary:
    upgrade_database(url)  # as the owner would: a console never migrates PostgreSQL
    db = open_database(url)
    try:
        return seed_demo(db)
    finally:
        db.close()


def _sqlite() -> SeedSummary:
    with tempfile.TemporaryDirectory() as folder:
        return _seed(f"sqlite:///{Path(folder) / 'bench.db'}")


def _postgres() -> SeedSummary | None:
    admin = make_url(PG_ADMIN_URL)
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"supervisor_bench_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        print(f"# seed: PostgreSQL skipped: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
        return None
    try:
        return _seed(admin.set(database=name).render_as_string(hide_password=False))
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run() -> list[Figure]:
    lite = _sqlite()
    figures = [
        Figure("seed.contacts_per_s", lite.contacts / lite.seconds, "contacts/s"),
        Figure("seed.contacts", lite.contacts, "contacts"),
        Figure("seed.seconds", lite.seconds, "s"),
    ]
    pg = _postgres()
    if pg is not None:
        figures += [
            Figure("seed.pg_contacts_per_s", pg.contacts / pg.seconds, "contacts/s"),
            Figure("seed.pg_seconds", pg.seconds, "s"),
        ]
    return figures
