"""The ``supervisor-app`` command: one parser, one module per subcommand.

Heavy modules (SQLAlchemy, numpy, the simulator) are imported inside the
handlers, so ``supervisor-app gui`` starts without paying for them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from supervisor_app import __version__
from supervisor_app.cli import (
    cmd_agent,
    cmd_audit,
    cmd_database,
    cmd_export,
    cmd_forecast,
    cmd_import_files,
    cmd_import_forecast,
    cmd_import_queue_log,
    cmd_kpi,
    cmd_queue,
    cmd_rules,
    cmd_schedule,
    cmd_site,
    cmd_skill,
    cmd_staffing,
    cmd_team,
)
from supervisor_app.cli.registry import PROG, CommandGroups, Handler
from supervisor_app.domain.errors import UserError

COMMAND_MODULES = (
    cmd_database,
    cmd_staffing,
    cmd_forecast,
    cmd_kpi,
    cmd_import_queue_log,
    cmd_import_files,
    cmd_import_forecast,
    cmd_export,
    cmd_schedule,
    cmd_site,
    cmd_queue,
    cmd_team,
    cmd_agent,
    cmd_skill,
    cmd_rules,
    cmd_audit,
)


def _build() -> tuple[argparse.ArgumentParser, dict[tuple[str, str | None], Handler]]:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Supervisor Console: live queues, schedules, analytics and Excel reports.",
        epilog="Database: --db, else $SUPERVISOR_APP_DB, else [database] url in the settings "
        "file, else a SQLite file in your user data folder.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL: sqlite:///path/file.db or postgresql+psycopg://user:pw@host/db",
    )
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    top.add_parser("gui", help="open the console (the default with no command)").add_argument(
        "--demo",
        action="store_true",
        help="seed a demo history if the database is empty and run the simulator in the background",
    )
    importer = top.add_parser(
        "import",
        help="read outside data (all-or-nothing per file, with row-numbered errors)",
    )
    imports = importer.add_subparsers(dest="import_command", metavar="SOURCE", required=True)
    groups = CommandGroups(top=top, imports=imports)
    for module in COMMAND_MODULES:
        module.register(groups)
    return parser, groups.handlers


def build_parser() -> argparse.ArgumentParser:
    return _build()[0]


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    if args.command is None:
        args.command, args.demo = "gui", False
    return args


def run(args: argparse.Namespace) -> int:
    """Run a parsed non-GUI command; user errors become one line on stderr and exit 1."""
    action = getattr(args, f"{args.command}_command", None)
    handler = _build()[1][(args.command, action)]
    try:
        return handler(args)
    except UserError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
