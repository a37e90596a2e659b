"""``import escalations FILE``: escalations from a CSV or XLSX file, all or nothing."""

from __future__ import annotations

import argparse
import sys

from supervisor_app.cli.args import add_site_option
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups


def register(groups: CommandGroups) -> None:
    parser = groups.imports.add_parser(
        "escalations",
        help="escalations from a CSV or XLSX file (queue, customer_ref, reason, priority)",
        description="Raises an open escalation for every row, all or nothing: any invalid row "
        "stops the import with row numbers and reasons, and nothing is written. Columns: "
        "queue (an existing queue of the site), customer_ref, reason (at most 200 "
        "characters), priority (low, normal, high or urgent; empty means normal). The import "
        "is audited.",
    )
    parser.add_argument("file", metavar="FILE", help="a .csv (any delimiter/encoding) or .xlsx")
    add_site_option(parser)
    groups.add("import", "escalations", _import)


def _import(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.files import import_escalations
    from supervisor_app.services.sites import resolve_site

    with opened_database(args.db) as db:
        result = import_escalations(db, args.file, site_id=resolve_site(db, args.site))
    sys.stdout.write(result.summary() + "\n")
    return 0
