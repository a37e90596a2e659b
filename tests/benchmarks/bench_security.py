"""``security``: what row-level security costs a site-limited person on PostgreSQL.

The database is the demo simulator's (``seed_demo``: two sites, London with 120
agents and 6 queues, New York with half as many, 92 days to 1 December 2026),
built once and kept on the server, secured with ``db roles``. A supervisor
limited to London (a login made for the run and dropped after it) and the
owner, who is not filtered, run the same calls, interleaved, in the same run:

- ``security.snapshot_owner_ms`` / ``_limited_ms``: London's live snapshot
  (``take_snapshot``) at 30 November 2026 15:00 UTC, median of 31;
- ``security.month_kpi_owner_ms`` / ``_limited_ms``: London's October 2026 by
  interval (``kpi_report``, the whole report), median of 5;
- ``security.rls_overhead_ratio``: the worse of the two limited ÷ owner ratios
  (target ≤ 1.2). Skipped with a note when PostgreSQL is unreachable.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import psycopg
from figures import Figure
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database, upgrade_database
from supervisor_app.services.kpi import Grouping, kpi_report
from supervisor_app.services.live import take_snapshot
from supervisor_app.services.security import add_user, apply_roles, remove_user
from supervisor_app.store.models import Contact, Site

PG_ADMIN_URL = os.environ.get(
    "SUPERVISOR_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/postgres"
)
NAME = "supervisor_bench_security_v1"
SIZE = {"days": 92, "agents": 120, "queues": 6, "seed": 7, "sites": 2}
UNTIL = datetime(2026, 12, 1, 12, tzinfo=UTC)
NOW = datetime(2026, 12, 1, tzinfo=UTC)
SNAPSHOT_AT = datetime(2026, 11, 30, 15, tzinfo=UTC)
MONTH = (date(2026, 10, 1), date(2026, 10, 31))
SNAPSHOTS, REPORTS = 31, 5


def note(message: str) -> None:
    print(f"# security: {message}", file=sys.stderr, flush=True)


def _database() -> str | None:
    admin = make_url(PG_ADMIN_URL)
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (NAME,)).fetchone():
                return admin.set(database=NAME).render_as_string(hide_password=False)
            conn.execute(f'CREATE DATABASE "{NAME}"')
    except psycopg.OperationalError as exc:
        note(f"PostgreSQL skipped: {str(exc).strip().splitlines()[0]}")
        return None
    url = admin.set(database=NAME).render_as_string(hide_password=False)
    try:
        upgrade_database(url)  # as the owner would: a console never migrates PostgreSQL
        db = open_database(url)
        try:
            with db.sessions() as session:
                empty = session.scalar(select(Contact.id).limit(1)) is None
            if empty:
                note(f"building {db.display_url} (a minute or two, once)")
                seed_demo(db, until=UNTIL, **SIZE)
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text("ANALYZE"))
        finally:
            db.close()
    except BaseException:
        with psycopg.connect(conninfo, autocommit=True) as conn:  # don't keep half a build
            conn.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
        raise
    return url


def _time_ms(run: Callable[[], Any], times: list[float]) -> None:
    started = time.perf_counter()
    run()
    times.append((time.perf_counter() - started) * 1000.0)


def _measure(owner: Database, limited: Database, london: int) -> dict[str, float]:
    calls: dict[str, Callable[[Database], Any]] = {
        "snapshot": lambda db: take_snapshot(db, SNAPSHOT_AT, site_id=london),
        "month_kpi": lambda db: kpi_report(db, *MONTH, Grouping.INTERVAL, site_id=london, now=NOW),
    }
    counts = {"snapshot": SNAPSHOTS, "month_kpi": REPORTS}
    out: dict[str, float] = {}
    for name, call in calls.items():
        for db in (owner, limited):  # warm both
            call(db)
        owner_ms: list[float] = []
        limited_ms: list[float] = []
        for _ in range(counts[name]):  # interleaved, so load on the machine hits both alike
            _time_ms(lambda c=call: c(owner), owner_ms)
            _time_ms(lambda c=call: c(limited), limited_ms)
        out[f"{name}_owner_ms"] = statistics.median(owner_ms)
        out[f"{name}_limited_ms"] = statistics.median(limited_ms)
    return out


def _same_figures(owner: Database, limited: Database, london: int) -> None:
    """The limited login must get London's figures exactly, or the ratio means nothing."""
    mine = kpi_report(limited, *MONTH, Grouping.ALL, site_id=london, now=NOW)
    theirs = kpi_report(owner, *MONTH, Grouping.ALL, site_id=london, now=NOW)
    pairs = [
        (key, a, row.as_dict()[key])
        for mine_row, row in zip(mine.rows, theirs.rows, strict=True)
        for key, a in mine_row.as_dict().items()
    ]
    # Sums of floats may differ in the last bits: rows come back in another order.
    differ = [
        key
        for key, a, b in pairs
        if not (a == b or (isinstance(a, float) and math.isclose(a, b, rel_tol=1e-9)))
    ]
    if differ or len(mine.rows) != len(theirs.rows):
        raise AssertionError(f"a London-limited login's October differs from the owner's: {differ}")


def run() -> list[Figure]:
    url = _database()
    if url is None:
        return []
    upgrade_database(url)  # a database kept from an older build: brought to this revision
    owner = open_database(url, upgrade=False)
    login = f"bench_{uuid.uuid4().hex[:8]}_london"
    try:
        apply_roles(owner)
        with owner.sessions() as session:
            london = session.scalars(select(Site.id).where(Site.name == "London")).one()
        add_user(owner, login, "supervisor", ["London"])
        limited = open_database(
            make_url(url).set(username=login, password=None).render_as_string(False),
            upgrade=False,
        )
        try:
            _same_figures(owner, limited, london)
            ms = _measure(owner, limited, london)
        finally:
            limited.close()
    finally:
        try:
            remove_user(owner, login)
        finally:
            owner.close()
    ratio = max(
        ms["snapshot_limited_ms"] / ms["snapshot_owner_ms"],
        ms["month_kpi_limited_ms"] / ms["month_kpi_owner_ms"],
    )
    return [
        *(Figure(f"security.{name}", value, "ms") for name, value in ms.items()),
        Figure("security.rls_overhead_ratio", ratio, "ratio"),
    ]
