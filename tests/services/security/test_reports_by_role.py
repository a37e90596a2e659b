"""Reports read through row-level security: a London-limited login gets London's
figures (by hand in tests/two_sites.py: offered 3, answered 2, in time 1, ASA 20 s,
AHT 250 s), the same as an unlimited login asking for London; and the KPI summaries,
which hold a whole database, are hidden from it."""

from __future__ import annotations

import psycopg
import pytest
from secured_db import Secured
from two_sites import DAY, NOW

from supervisor_app.services.database import open_database
from supervisor_app.services.kpi import Grouping, kpi_report

pytestmark = pytest.mark.pg


def _london(
    secured: Secured, who: str, site: str = "london"
) -> tuple[int, int, int, float | None, float | None]:
    db = open_database(secured.url(who), upgrade=False)
    try:
        site_id = secured.sites.london if site == "london" else secured.sites.new_york
        report = kpi_report(db, DAY, DAY, Grouping.ALL, site_id=site_id, now=NOW)
    finally:
        db.close()
    (row,) = report.rows
    f = row.figures
    return f.offered, f.answered, f.answered_within_threshold, f.asa_seconds, f.aht_seconds


@pytest.mark.parametrize("who", ["london", "director", "supervisor"])
def test_london_figures_whoever_asks(secured: Secured, who: str) -> None:
    assert _london(secured, who) == (3, 2, 1, 20.0, 250.0)


def test_one_limited_login_never_sees_what_another_built(secured: Secured) -> None:
    """New York's supervisor reports the same day first: nothing of it may reach London's."""
    with secured.connect() as owner:  # summaries other tests' unlimited reports kept
        owner.execute("DELETE FROM kpi_rollup_days")
        owner.commit()
    offered, answered, in_time, asa, aht = _london(secured, "new_york", "new_york")
    assert (offered, answered, in_time, asa) == (3, 3, 2, 30.0)
    assert aht == pytest.approx(800 / 3)
    assert _london(secured, "london") == (3, 2, 1, 20.0, 250.0)
    with secured.connect() as owner:  # and no summary was kept from a partial view
        assert owner.execute("SELECT count(*) FROM kpi_rollup_days").fetchone() == (0,)


def test_a_limited_login_reads_its_sites_summaries_and_writes_none(secured: Secured) -> None:
    insert = (
        "INSERT INTO kpi_rollup_days (site_id, day, dep_first, dep_last, version_sum) "
        "SELECT id, '2026-11-18', 20775, 20778, 0 FROM sites WHERE name = %s"
    )
    with secured.connect() as owner:
        owner.execute(insert, ("London",))
        owner.execute(insert, ("New York",))
        owner.commit()
    try:
        count = "SELECT count(*) FROM kpi_rollup_days"
        with secured.connect("london") as conn:
            assert conn.execute(count).fetchone() == (1,)  # London's, not New York's
            assert conn.execute("DELETE FROM kpi_rollup_days").rowcount == 0  # none its own
            with pytest.raises(psycopg.errors.InsufficientPrivilege):  # WITH CHECK refuses
                conn.execute(insert.replace("'2026-11-18'", "'2026-11-19'"), ("London",))
        with secured.connect("director") as conn:
            assert conn.execute(count).fetchone() == (2,)
    finally:
        with secured.connect() as owner:
            owner.execute("DELETE FROM kpi_rollup_days")
            owner.commit()


@pytest.mark.parametrize("who", ["director", "supervisor", "ingest"])
def test_an_unlimited_login_keeps_the_summaries_it_builds(secured: Secured, who: str) -> None:
    """Summaries go in through a temporary table and one INSERT … SELECT (a ``COPY``
    straight into a table with row-level security is refused to a login a policy
    binds): a login that is not the owner builds and keeps them, and reads London's
    figures by hand (tests/two_sites.py) from them on the next report."""
    with secured.connect() as owner:
        owner.execute("DELETE FROM kpi_rollup_days")
        owner.commit()
    assert _london(secured, who) == (3, 2, 1, 20.0, 250.0)
    with secured.connect() as owner:
        kept = owner.execute("SELECT count(*) FROM kpi_rollup_contacts").fetchone()
        assert kept is not None and kept[0] > 0
    assert _london(secured, who) == (3, 2, 1, 20.0, 250.0)  # read from what it kept
