"""The KPI report of one site or of "all sites": what the ``kpi`` command and Analytics read.

A site's report reads its queues' contacts and its agents' time, in its own
zone and interval (``kpi.report.site_report``). "All sites" (``site_id=None``)
is each site's report, merged: rows meet by their local label (the same local
day, week, month or wall-clock interval in each site's own zone; queue, team and
agent rows never meet, they belong to one site and say which) and every figure
is recomputed from the summed counts and seconds, never averaged from the
sites' percentages. When sites differ in interval, the interval view uses the
coarsest (a 15-minute site's two quarter-hours fold into its 30-minute slot).
Percentiles can't be summed: a row that merges several sites has none.

Each site keeps its own per-day rollups in its own zone, so "all sites" sums
the sites' rollups as it sums their reports.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import UTC, date, datetime

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.periods import Grouping, GroupKey
from supervisor_app.services.database import Database
from supervisor_app.services.kpi.percentiles import Percentiles
from supervisor_app.services.kpi.report import KpiFigures, KpiReport, KpiRow, site_report
from supervisor_app.services.kpi.scope import KpiFilter
from supervisor_app.services.kpi.sums import GroupSums
from supervisor_app.services.sites import ALL_SITES_LABEL, scoped_sites, site_variant, sites_in


def kpi_report(
    db: Database,
    first: date,
    last: date,
    by: Grouping | str = Grouping.ALL,
    *,
    site_id: int | None = None,
    now: datetime | None = None,
    queue_ids: Collection[int] | None = None,
    team_ids: Collection[int] | None = None,
    use_rollups: bool = True,
    progress: Callable[[float], None] | None = None,
) -> KpiReport:
    """KPIs of the contacts that arrived from local ``first`` to ``last`` (inclusive).

    ``site_id`` is the site (None: all sites, totals from sums). ``queue_ids``
    keeps those queues' contacts (and, as queue rows, no agent time); ``team_ids``
    keeps the contacts those teams' agents answered and those agents' time.
    ``use_rollups=False`` reads every figure from the raw tables (the rollups' reference).
    ``progress`` (thread-safe, e.g. a worker's ``report``) hears the fraction done while
    days not yet kept are summarised: a first report over months takes seconds.
    """
    try:
        by = Grouping(by)
    except ValueError:
        choices = ", ".join(g.value for g in Grouping)
        raise UserError(f"cannot group KPIs by {by!r}: choose one of {choices}") from None
    if first > last:
        raise UserError(f"the range {first} to {last} ends before it starts")
    now = now or datetime.now(UTC)
    with db.sessions() as session:
        sites = scoped_sites(session, site_id)
        several_in_db = len(sites_in(session)) > 1
        # a site-limited login reads its sites' summaries but keeps none (row-level
        # security): the days it lacks are summarised for the report and dropped
        summaries = use_rollups
        variant = site_variant(session, site_id)
    interval = max(s.interval_minutes for s in sites)
    reports = []
    for index, site in enumerate(sites):
        told = _share(progress, index, len(sites))
        report = site_report(
            db,
            site,
            (first, last, by),
            now=now,
            narrow=KpiFilter.of(queue_ids, team_ids, site.site_id if several_in_db else None),
            use_rollups=summaries,
            interval_minutes=interval,
            variant=variant,
            progress=told,
        )
        if report is not None:
            reports.append(report)
    if not reports:
        raise UserError(f"no contacts between {first} and {last}")
    if len(sites) == 1:
        return reports[0]
    return merged(reports, variant, ALL_SITES_LABEL)


def _share(
    progress: Callable[[float], None] | None, index: int, count: int
) -> Callable[[float], None] | None:
    """Site ``index`` of ``count``'s part of the overall progress."""
    if progress is None:
        return None
    return lambda fraction: progress((index + fraction) / count)


def merged(reports: list[KpiReport], variant: object, name: str) -> KpiReport:
    """Several sites' reports as one: rows with the same local label summed, figures
    recomputed from the sums (percentiles only where a row comes from one site); queue,
    team and agent rows say which site they are of."""

    by = reports[0].by
    sums: dict[GroupKey, GroupSums] = {}
    spreads: dict[GroupKey, Percentiles] = {}
    count: dict[GroupKey, int] = {}
    for report in reports:
        for row in report.rows:
            key = _label(row.key, by, report.site)
            sums[key] = sums[key] + row.sums if key in sums else row.sums
            spreads[key] = _spread(row.figures)
            count[key] = count.get(key, 0) + 1
    agent_time = any(r.figures.occupancy is not None for rep in reports for r in rep.rows)
    rows = [
        KpiRow(
            key,
            KpiFigures.of(
                sums[key],
                spreads[key] if count[key] == 1 else Percentiles(),
                agent_time=agent_time and by is not Grouping.QUEUE,
                variant=variant,  # type: ignore[arg-type]
            ),
            sums[key],
        )
        for key in _ordered(sums, by)
    ]
    first = reports[0]
    zones = sorted({r.timezone for r in reports})
    return KpiReport(
        first.first,
        first.last,
        by,
        ", ".join(zones),
        tuple(rows),
        first.queue_ids,
        first.team_ids,
        name,
        None,
    )


def _label(key: GroupKey, by: Grouping, site: str) -> GroupKey:
    """The row's label as "all sites" merges it: local wall time without the UTC offset
    for intervals; the site's name added to queue, team and agent rows."""
    if by is Grouping.INTERVAL:
        return tuple((k, str(v)[:19]) for k, v in key)
    if by in (Grouping.QUEUE, Grouping.TEAM, Grouping.AGENT):
        return (("site", site), *key)
    return key


def _spread(figures: KpiFigures) -> Percentiles:
    return Percentiles(
        figures.asa_p50_seconds,
        figures.asa_p90_seconds,
        figures.aht_p50_seconds,
        figures.aht_p90_seconds,
    )


def _ordered(sums: dict[GroupKey, GroupSums], by: Grouping) -> list[GroupKey]:
    if by.is_time or by is Grouping.ALL:
        return sorted(sums, key=lambda k: tuple(str(v) for _, v in k))
    return sorted(sums, key=lambda k: tuple((v is None, str(v or "")) for _, v in k))
