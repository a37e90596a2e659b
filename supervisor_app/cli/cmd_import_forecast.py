"""``import forecast``: expected volume and handle time per queue and interval from a file."""

from __future__ import annotations

import argparse
import sys

from supervisor_app.cli.args import add_site_option
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups


def register(groups: CommandGroups) -> None:
    forecast = groups.imports.add_parser(
        "forecast",
        help="a forecast from a CSV or XLSX file (queue, interval_start, volume, aht_seconds)",
        description="Reads queue, interval_start (local time of the site, on an interval "
        "boundary), volume and aht_seconds, all or nothing, and replaces the forecast of the "
        "(queue, interval) pairs the file covers. Queues must exist.",
    )
    forecast.add_argument("file", metavar="FILE", help="a .csv or .xlsx")
    add_site_option(forecast)
    groups.add("import", "forecast", _forecast)


def _forecast(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.files import import_forecast
    from supervisor_app.services.sites import resolve_site

    with opened_database(args.db) as db:
        result = import_forecast(db, args.file, site_id=resolve_site(db, args.site))
    sys.stdout.write(result.summary() + "\n")
    return 0
