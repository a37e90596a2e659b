"""Two sites in one database: every view reads the chosen site, "all sites" sums both.

The figures are worked by hand in ``tests/two_sites.py`` (three contacts per
site); "all sites" totals are recomputed from sums, so the pooled ASA and AHT
(26 s, 260 s) differ from the mean of the sites' own (25 s, 258.33 s).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time

import pytest
from two_sites import DAY, NOW, TwoSites, build_two_sites

from supervisor_app.domain.errors import UsageError, UserError
from supervisor_app.services.analytics import analytics_options, drilldown, heatmap
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import ALL_SITES_LABEL, kpi_report
from supervisor_app.services.live import intraday, take_snapshot
from supervisor_app.services.report_data import (
    contact_count,
    report_context,
    service_tables,
)
from supervisor_app.services.sites import (
    list_sites,
    resolve_site,
    resolve_site_or_all,
)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def sites(db: Database) -> TwoSites:
    return build_two_sites(db)


def test_each_site_reads_its_own_three_contacts(db: Database, sites: TwoSites) -> None:
    london = kpi_report(db, DAY, DAY, site_id=sites.london, now=NOW).rows[0]
    new_york = kpi_report(db, DAY, DAY, site_id=sites.new_york, now=NOW).rows[0]
    assert (london.figures.offered, london.figures.answered, london.figures.abandoned) == (3, 2, 1)
    assert london.figures.service_level == pytest.approx(1 / 3)
    assert london.figures.asa_seconds == pytest.approx(20.0)
    assert london.figures.aht_seconds == pytest.approx(250.0)
    assert (new_york.figures.offered, new_york.figures.answered) == (3, 3)
    assert new_york.figures.service_level == pytest.approx(2 / 3)
    assert new_york.figures.asa_seconds == pytest.approx(30.0)
    assert new_york.figures.aht_seconds == pytest.approx(800 / 3)


def test_all_sites_totals_are_recomputed_from_the_sums(db: Database, sites: TwoSites) -> None:
    report = kpi_report(db, DAY, DAY, site_id=None, now=NOW)
    (row,) = report.rows
    assert report.site == ALL_SITES_LABEL
    assert (row.figures.offered, row.figures.answered, row.figures.abandoned) == (6, 5, 1)
    assert row.figures.answered_within_threshold == 3
    assert row.figures.service_level == pytest.approx(0.5)
    assert row.figures.asa_seconds == pytest.approx(26.0)  # not (20 + 30) / 2
    assert row.figures.aht_seconds == pytest.approx(260.0)  # not (250 + 266.67) / 2
    assert row.figures.abandon_rate == pytest.approx(1 / 6)
    each = [kpi_report(db, DAY, DAY, site_id=s, now=NOW).rows[0] for s in (1, 2)]
    assert row.sums == each[0].sums + each[1].sums


def test_all_sites_by_interval_groups_local_time_by_the_coarser_interval(
    db: Database, sites: TwoSites
) -> None:
    # London (15 min) alone: 09:00, 09:15 and 09:30 hold one contact each.
    london = kpi_report(db, DAY, DAY, "interval", site_id=sites.london, now=NOW)
    busy = {
        dict(r.key)["interval_start"]: r.figures.offered
        for r in london.rows
        if r.sums.contacts.offered
    }
    assert busy == {
        "2026-11-18T09:00:00+00:00": 1,
        "2026-11-18T09:15:00+00:00": 1,
        "2026-11-18T09:30:00+00:00": 1,
    }
    # All sites: 30-minute local slots. 09:00 holds L1, L2 (09:00, 09:20 London) and N1, N2
    # (09:00, 09:10 New York); 09:30 holds L3 and N3 (09:40 in each).
    every = kpi_report(db, DAY, DAY, "interval", site_id=None, now=NOW)
    busy = {
        dict(r.key)["interval_start"]: r.figures.offered for r in every.rows if r.figures.offered
    }
    assert busy == {"2026-11-18T09:00:00": 4, "2026-11-18T09:30:00": 2}
    assert len(every.rows) == 48  # a day of half-hours, no DST change on 18 November


def test_all_sites_by_queue_names_the_site_of_each_row(db: Database, sites: TwoSites) -> None:
    report = kpi_report(db, DAY, DAY, "queue", site_id=None, now=NOW)
    rows = {(dict(r.key)["site"], dict(r.key)["queue"]): r.figures.offered for r in report.rows}
    assert rows == {("London", "Sales"): 3, ("New York", "Sales"): 3}


def test_agent_time_is_the_sites_own(db: Database, sites: TwoSites) -> None:
    london = kpi_report(db, DAY, DAY, "agent", site_id=sites.london, now=NOW)
    assert [dict(r.key)["agent"] for r in london.rows] == ["Lena"]


def test_one_site_views_need_a_site_when_there_are_two(db: Database, sites: TwoSites) -> None:
    with pytest.raises(UserError, match=r"several sites \(London, New York\)"):
        take_snapshot(db, NOW)
    snapshot = take_snapshot(db, NOW, site_id=sites.new_york)
    assert snapshot.site_name == "New York"
    assert [q.queue_id for q in snapshot.queues] == [sites.new_york_sales]
    assert [a.name for a in snapshot.agents] == ["Ned"]


def test_intraday_reads_the_sites_day_in_its_interval(db: Database, sites: TwoSites) -> None:
    evening = datetime(2026, 11, 18, 23, 0, tzinfo=UTC)  # 18:00 in New York
    series = intraday(db, now=evening, site_id=sites.new_york)
    assert series.interval_minutes == 30
    busy = {
        p.start.astimezone(series.day_start.tzinfo): p.offered for p in series.points if p.offered
    }
    # New York's day starts 05:00 UTC; its 09:00 and 09:30 local half-hours are 14:00, 14:30 UTC
    assert {k.astimezone(UTC).time(): v for k, v in busy.items()} == {
        time(14, 0): 2,
        time(14, 30): 1,
    }


def test_analytics_options_and_heatmap_follow_the_site(db: Database, sites: TwoSites) -> None:
    options = analytics_options(db, sites.london, now=NOW)
    assert (options.site, options.interval_minutes) == ("London", 15)
    assert [q.id for q in options.queues] == [sites.london_sales]
    every = analytics_options(db, None, now=NOW)
    assert every.site == "All sites" and every.interval_minutes == 30
    assert sorted(q.id for q in every.queues) == sorted([sites.london_sales, sites.new_york_sales])
    heat = heatmap(db, DAY, DAY, site_id=None)
    wednesday = 2
    assert heat.offered(wednesday, time(9, 0)) == 4
    assert heat.offered(wednesday, time(9, 30)) == 2
    assert heatmap(db, DAY, DAY, site_id=sites.london).offered(wednesday, time(9, 15)) == 1


def test_drilldown_of_an_all_sites_interval_lists_both_sites(db: Database, sites: TwoSites) -> None:
    key = (("interval_start", "2026-11-18T09:30:00"),)
    drill = drilldown(db, DAY, DAY, "interval", key, "offered", site_id=None)
    assert sorted(c.external_id for c in drill.rows) == ["L3", "N3"]


def test_reports_read_the_site_or_all(db: Database, sites: TwoSites) -> None:
    assert contact_count(db, DAY, DAY, site_id=sites.london) == 3
    assert contact_count(db, DAY, DAY, site_id=None) == 6
    context = report_context(db, None)
    assert [q.name for q in context.queues] == ["London · Sales", "New York · Sales"]
    assert report_context(db, sites.new_york).queues[0].name == "Sales"
    (table,) = service_tables(db, DAY, DAY, "day", (), site_id=None)
    assert table.total.sums.contacts.offered == 6
    assert [c.sums.contacts.offered for c in table.queue_totals] == [3, 3]
    (london,) = service_tables(db, DAY, DAY, "day", (), site_id=sites.london)
    assert london.total.figures.asa_seconds == pytest.approx(20.0)


def test_a_command_names_its_site(db: Database, sites: TwoSites) -> None:
    assert [s.name for s in list_sites(db)] == ["London", "New York"]
    assert resolve_site(db, "new york") == sites.new_york
    assert resolve_site_or_all(db, "ALL") is None
    with pytest.raises(UsageError, match=r"several sites \(London, New York\)"):
        resolve_site(db, None)
    with pytest.raises(UsageError, match="no site named 'Paris'"):
        resolve_site(db, "Paris")
