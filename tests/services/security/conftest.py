"""A secured PostgreSQL database with two sites and one login per role, for a module.

Group roles are cluster-wide, so ``db roles`` runs against this module's own
database (idempotent, safe beside other test databases); the logins carry a
unique prefix and are dropped at teardown, with the database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from secured_db import ROLES, Secured
from sqlalchemy.engine import make_url
from two_sites import build_two_sites

from supervisor_app.services.database import open_database, upgrade_database
from supervisor_app.services.security import add_user, apply_roles


@pytest.fixture(scope="module")
def secured(pg_server_url: str) -> Iterator[Secured]:
    admin = make_url(pg_server_url).set(drivername="postgresql")
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    name = f"{prefix}secured"
    with psycopg.connect(admin.render_as_string(False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    owner_url = make_url(pg_server_url).set(database=name).render_as_string(False)
    logins = {role: f"{prefix}{role}" for role in ROLES}
    logins["london"] = f"{prefix}london"  # a supervisor limited to London
    logins["london_ingest"] = f"{prefix}lingest"  # an ingest account limited to London
    logins["new_york"] = f"{prefix}newyork"  # a supervisor limited to New York
    try:
        upgrade_database(owner_url)  # as the owner does: a console never migrates PostgreSQL
        db = open_database(owner_url)
        try:
            sites = build_two_sites(db)
            apply_roles(db)
            for role in ROLES:
                add_user(db, logins[role], role)
            add_user(db, logins["london"], "supervisor", ["London"])
            add_user(db, logins["london_ingest"], "ingest", ["London"])
            add_user(db, logins["new_york"], "supervisor", ["New York"])
        finally:
            db.close()
        yield Secured(owner_url, sites, logins)
    finally:
        with psycopg.connect(admin.render_as_string(False), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for login in logins.values():
                conn.execute(f'DROP ROLE IF EXISTS "{login}"')
