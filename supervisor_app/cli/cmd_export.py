"""``export``: an Excel report written headless, for a scheduled job (cron, Task Scheduler).

The same builders as the Reports tab (``reports.export``); the file is written
to a temporary file beside the target and moved into place, so a job killed
half-way leaves yesterday's report, never a broken one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from supervisor_app.cli.args import add_date_range, add_site_option
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups

REPORT_NAMES = (
    "service",
    "scorecards",
    "schedule",
    "staffing",
    "satisfaction",
    "escalations",
    "review",
)
PERIODS = ("daily", "weekly", "monthly")


def _xlsx(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != ".xlsx":
        raise argparse.ArgumentTypeError(f"{text!r} must end in .xlsx")
    return path


def register(groups: CommandGroups) -> None:
    export = groups.top.add_parser(
        "export",
        help="write an Excel report (service, scorecards, schedule, staffing, satisfaction, "
        "escalations, review)",
        description="Writes an Excel workbook with a cover sheet, the report's sheets and a "
        "Definitions sheet, for the local dates --from to --to of the site (both included). "
        "The figures are the ones the console and the `kpi` command show.",
    )
    export.add_argument(
        "report", choices=REPORT_NAMES, metavar="REPORT", help=f"one of {', '.join(REPORT_NAMES)}"
    )
    add_date_range(export)
    add_site_option(export, allow_all=True)
    export.add_argument(
        "--queue",
        action="append",
        default=[],
        metavar="Q",
        help="only this queue (name or id); repeat for more",
    )
    export.add_argument(
        "--team",
        action="append",
        default=[],
        metavar="T",
        help="only this team (name or id); repeat for more",
    )
    export.add_argument(
        "--agent",
        action="append",
        default=[],
        metavar="CODE_OR_NAME",
        help="review: the agent (employee code or name); or --team for one pack of a team",
    )
    export.add_argument(
        "--period",
        choices=PERIODS,
        help="service report: rows per interval (daily), day and week (weekly) "
        "or day and month (monthly); default from the range's length",
    )
    export.add_argument(
        "--rows",
        action="store_true",
        help="service and satisfaction: add a sheet with one row per contact",
    )
    export.add_argument(
        "-o",
        "--output",
        type=_xlsx,
        required=True,
        metavar="FILE.xlsx",
        help="the workbook to write (replaced if it exists)",
    )
    groups.add("export", None, _export)


def _export(args: argparse.Namespace) -> int:
    from supervisor_app.reports.export import export_report
    from supervisor_app.reports.request import SITE_REPORTS, ExportRequest
    from supervisor_app.services.sites import resolve_site, resolve_site_or_all

    with opened_database(args.db, upgrade=False) as db:  # a report reads; it never migrates
        one_site = args.report in SITE_REPORTS  # planned per site: no "all"
        site_id = resolve_site(db, args.site) if one_site else resolve_site_or_all(db, args.site)
        request = ExportRequest(
            report=args.report,
            first=args.first,
            last=args.last,
            queues=tuple(args.queue),
            teams=tuple(args.team),
            period=args.period,
            rows=args.rows,
            site_id=site_id,
            agents=tuple(args.agent),
        )
        result = export_report(db, request, args.output)
    print(
        f"{result.path}: {result.title}, {args.first} to {args.last}, {len(result.sheets)} sheets"
    )
    return 0
