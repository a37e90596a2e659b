"""Writers need no grant on the KPI day versions: the triggers that bump them run as the
owner (``db roles`` makes every trigger function SECURITY DEFINER with a fixed path)."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from secured_db import Secured

pytestmark = pytest.mark.pg

DAY = 20775  # 2026-11-18 as days since 1970-01-01 (the triggers' numbering): 56 years
# 1970..2025 hold 14 leap years: 56 * 365 + 14 = 20454, then Jan..Oct 2026 (304 days)
# and 17 days of November: 20454 + 304 + 17 = 20775


def _version(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT version FROM kpi_day_versions WHERE day = %s", (DAY,)).fetchone()
    assert row is not None
    return int(row[0])


def test_an_ingest_login_bumps_the_day_it_writes(secured: Secured) -> None:
    with secured.connect() as owner:
        owner.execute(
            "INSERT INTO kpi_day_versions (day, version) VALUES (%s, 0) ON CONFLICT DO NOTHING",
            (DAY,),
        )
        owner.commit()
        assert owner.execute("SELECT DATE '1970-01-01' + %s", (DAY,)).fetchone() == (
            date(2026, 11, 18),
        )
    with secured.connect("ingest") as conn:
        before = _version(conn)
        conn.execute(
            "INSERT INTO contacts (queue_id, source, external_id, arrived_at, outcome, escalated)"
            " VALUES (%s, 'x', 'L8', '2026-11-18 10:00+00', 'abandoned', false)",
            (secured.sites.london_sales,),
        )
        assert _version(conn) == before + 1
        # Since issue 16 ingest keeps the summaries of what it writes (SIU, as report roles
        # have, for the rows a day depends on and their SHARE lock); no role deletes them.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM kpi_day_versions")
        conn.rollback()


def test_every_trigger_function_runs_as_the_owner_with_a_fixed_path(secured: Secured) -> None:
    with secured.connect() as conn:
        rows = conn.execute(
            "SELECT proname, prosecdef, array_to_string(proconfig, ',') FROM pg_proc "
            "WHERE prorettype = 'trigger'::regtype "
            "AND pronamespace = current_schema()::regnamespace"
        ).fetchall()
    assert len(rows) > 10  # the KPI triggers, the queue targets' seed, the audit stamp
    loose = [
        name
        for name, definer, config in rows
        if not definer or "search_path=" not in (config or "")
    ]
    assert loose == []
