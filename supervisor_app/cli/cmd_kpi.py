"""``kpi``: the console's KPIs for a date range, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import sys

from supervisor_app.cli.args import add_date_range, add_site_option
from supervisor_app.cli.kpi_text import render
from supervisor_app.cli.list_text import add_format
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.domain.periods import Grouping

KPI_GROUPINGS = tuple(g.value for g in Grouping)


def register(groups: CommandGroups) -> None:
    kpi = groups.top.add_parser(
        "kpi",
        help="KPIs for a range of local dates, grouped, as a table, JSON or CSV",
        description="Service level, ASA, AHT, abandon rate, occupancy, adherence, CSAT, NPS, "
        "FCR and answer/handle-time percentiles for the contacts that arrived from --from to "
        "--to (local dates of the site, both included), from the same code the console uses. "
        "--site all sums every site's contacts, each by its own local dates.",
    )
    add_date_range(kpi)
    add_site_option(kpi, allow_all=True)
    kpi.add_argument(
        "--by", choices=KPI_GROUPINGS, default="all", help="one row per … (default all)"
    )
    kpi.add_argument(
        "--queue",
        action="append",
        default=[],
        metavar="NAME",
        help="only this queue's contacts (a name or id; repeat for several); no agent time",
    )
    kpi.add_argument(
        "--team",
        action="append",
        default=[],
        metavar="NAME",
        help="only contacts this team's agents answered, and their time (name or id; repeatable)",
    )
    add_format(kpi)
    groups.add("kpi", None, _kpi)


def _kpi(args: argparse.Namespace) -> int:
    from supervisor_app.services.kpi import kpi_report, resolve_filters
    from supervisor_app.services.sites import resolve_site_or_all

    with opened_database(args.db, upgrade=False) as db:  # a report reads; it never migrates
        site_id = resolve_site_or_all(db, args.site)
        queue_ids, team_ids = resolve_filters(db, args.queue, args.team, site_id)
        report = kpi_report(
            db,
            args.first,
            args.last,
            args.by,
            site_id=site_id,
            queue_ids=queue_ids,
            team_ids=team_ids,
        )
    sys.stdout.write(render(report, args.format))
    return 0
