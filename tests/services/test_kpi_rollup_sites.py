"""Per-site rollups, ranges far wider than the data, and writes to past days at one site.

The reference is the raw report (``use_rollups=False``), as in
``test_kpi_rollups``: the rollup path must give its figures on both engines,
for each site, for "all sites" (which sums the sites' rollups), over a range
of a century with four days of data in it, and after writes to days already
kept. The demo's two sites are London and New York; 27 to 30 March 2026 hold
London's clock change (29 March), New York's was on 8 March.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select
from test_kpi_rollups import FIRST, GROUPINGS, LAST, SETTLED, UNTIL, assert_same, rollup_days

from supervisor_app.domain.enums import Outcome
from supervisor_app.domain.errors import UserError
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.store.models import (
    AgentStateSpan,
    Contact,
    KpiRollupDay,
    Queue,
    Shift,
    Site,
)

CENTURY = (date(2000, 1, 1), date(2100, 1, 1))


@pytest.fixture
def two_sites(db_url: str) -> Iterator[Database]:
    db = open_database(db_url)
    seed_demo(db, days=4, agents=12, queues=4, seed=5, until=UNTIL, sites=2)
    yield db
    db.close()


def _sites(db: Database) -> dict[str, int]:
    with db.sessions() as s:
        return {name: site_id for site_id, name in s.execute(select(Site.id, Site.name))}


def _kept_per_site(db: Database) -> dict[int, int]:
    with db.sessions() as s:
        rows = s.execute(select(KpiRollupDay.site_id, func.count()).group_by(KpiRollupDay.site_id))
        return {site_id: int(n) for site_id, n in rows}


def _both(db: Database, first: date, last: date, by: str, **kw: object) -> tuple:
    rolled = kpi_report(db, first, last, by, now=SETTLED, **kw)  # type: ignore[arg-type]
    raw = kpi_report(db, first, last, by, now=SETTLED, use_rollups=False, **kw)  # type: ignore[arg-type]
    return rolled, raw


def test_each_site_and_all_sites_read_their_rollups(two_sites: Database) -> None:
    db, exact = two_sites, two_sites.dialect == "sqlite"
    sites = _sites(db)
    assert len(sites) == 2
    for site_id in sites.values():
        for by in GROUPINGS:
            assert_same(*_both(db, FIRST, LAST, by, site_id=site_id), exact=exact)
    for by in GROUPINGS:  # all sites: the sites' rollups summed, percentiles per site row
        assert_same(*_both(db, FIRST, LAST, by), exact=exact)
    kept = _kept_per_site(db)
    assert set(kept) == set(sites.values())  # each site keeps its own days …
    assert all(n == (LAST - FIRST).days + 1 for n in kept.values())  # … the four asked for


def test_a_century_costs_the_days_with_data(two_sites: Database) -> None:
    """2000–2100 keeps only the days with data (and the day after each), never 36,525."""
    db, exact = two_sites, two_sites.dialect == "sqlite"
    with db.sessions() as s:  # the data: arrivals, state spans, published shifts
        instants = [
            s.execute(select(func.min(c), func.max(c))).one()
            for c in (Contact.arrived_at, AgentStateSpan.started_at, Shift.starts_at)
        ]
    first_at = min(a for a, _ in instants if a is not None)
    last_at = max(b for _, b in instants if b is not None)
    # In any zone the data spans at most its UTC days ± 1; plus the day after the last.
    most = (last_at.date() - first_at.date()).days + 1 + 2 + 1
    for by in ("all", "queue", "agent"):  # (by month, the raw SQL over 1,200 months is too long)
        assert_same(*_both(db, *CENTURY, by), exact=exact)
    for n in _kept_per_site(db).values():
        assert 4 <= n <= most


def test_an_empty_range_is_refused_on_both_paths_and_keeps_nothing(two_sites: Database) -> None:
    kept = rollup_days(two_sites)  # the seed's
    for use_rollups in (True, False):
        with pytest.raises(UserError, match="no contacts"):
            kpi_report(
                two_sites,
                date(2001, 1, 1),
                date(2001, 12, 31),
                now=SETTLED,
                use_rollups=use_rollups,
            )
    assert rollup_days(two_sites) == kept


@pytest.fixture(scope="module")
def two_sites_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('sites') / 'two.db'}")
    seed_demo(db, days=4, agents=12, queues=4, seed=5, until=UNTIL, sites=2)
    yield db
    db.close()


new_contacts = st.lists(
    st.tuples(
        st.integers(0, 3),  # queue (of either site)
        st.integers(0, 4 * 24 * 60 - 1),  # minute from 27 March 00:00 UTC
        st.integers(0, 600),  # wait, seconds
        st.booleans(),  # answered
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=12, deadline=None)
@given(contacts=new_contacts, by=st.sampled_from(["all", "queue", "interval", "day"]))
def test_writes_to_kept_days_at_either_site_show_in_the_next_report(
    two_sites_sqlite: Database, contacts: list[tuple[int, int, int, bool]], by: str
) -> None:
    """Days are kept, contacts are added to them (either site), the next report equals the
    raw one; the contacts are removed and it equals the raw one again."""
    db = two_sites_sqlite
    for site_id in _sites(db).values():
        kpi_report(db, FIRST, LAST, by, site_id=site_id, now=SETTLED)  # kept
    with db.sessions() as s:
        queues = list(s.scalars(select(Queue.id).order_by(Queue.id)))
        start = datetime(2026, 3, 27, tzinfo=UTC)
        for n, (q, minute, wait, answered) in enumerate(contacts):
            arrived = start + timedelta(minutes=minute)
            s.add(
                Contact(
                    queue_id=queues[q % len(queues)],
                    source="hypothesis",
                    external_id=f"h{n}",
                    arrived_at=arrived,
                    answered_at=arrived + timedelta(seconds=wait) if answered else None,
                    ended_at=arrived + timedelta(seconds=wait + 60),
                    outcome=Outcome.ANSWERED if answered else Outcome.ABANDONED,
                    escalated=False,
                )
            )
        s.commit()
    try:
        assert_same(*_both(db, FIRST, LAST, by), exact=True)
        for site_id in _sites(db).values():
            assert_same(*_both(db, FIRST, LAST, by, site_id=site_id), exact=True)
    finally:
        with db.sessions() as s:
            s.execute(delete(Contact).where(Contact.source == "hypothesis"))
            s.commit()
    assert_same(*_both(db, FIRST, LAST, by), exact=True)
