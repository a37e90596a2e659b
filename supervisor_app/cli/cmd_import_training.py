"""``import training FILE``: training completions from a CSV or XLSX file, all or nothing."""

from __future__ import annotations

import argparse
import sys

from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups


def register(groups: CommandGroups) -> None:
    parser = groups.imports.add_parser(
        "training",
        help="training completions from a CSV or XLSX file (employee_code, course, completed_on)",
        description="Records a completion for every row, all or nothing: any invalid row stops "
        "the import with row numbers and reasons, and nothing is written. Columns: "
        "employee_code (an existing agent), course (an existing course, any case), "
        "completed_on (a date, not in the future). The expiry follows from the course's "
        "validity; completions already recorded are skipped. The import is audited.",
    )
    parser.add_argument("file", metavar="FILE", help="a .csv (any delimiter/encoding) or .xlsx")
    groups.add("import", "training", _import)


def _import(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.files import import_training

    with opened_database(args.db) as db:
        result = import_training(db, args.file)
    sys.stdout.write(result.summary() + "\n")
    return 0
