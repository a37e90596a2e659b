"""``import evaluations FILE``: quality evaluations from a CSV or XLSX file, all or nothing."""

from __future__ import annotations

import argparse
import sys

from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups


def register(groups: CommandGroups) -> None:
    parser = groups.imports.add_parser(
        "evaluations",
        help="quality evaluations from a CSV or XLSX file (agent, form, evaluator, "
        "evaluated_at, one column per question)",
        description="Scores and adds every row, all or nothing: any invalid row stops the "
        "import with row numbers and reasons, and nothing is written. Columns: agent "
        "(employee code), form (an existing form), version (optional: the newest), contact "
        "(optional external id), evaluator, evaluated_at (without an offset: the agent's "
        "site's local time), then one column per question key (empty: na). Audited.",
    )
    parser.add_argument("file", metavar="FILE", help="a .csv (any delimiter/encoding) or .xlsx")
    groups.add("import", "evaluations", _import)


def _import(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.files import import_evaluations

    with opened_database(args.db) as db:
        result = import_evaluations(db, args.file)
    sys.stdout.write(result.summary() + "\n")
    return 0
