"""The ``supervisor-app`` command: one parser, one module per subcommand.

Heavy modules (SQLAlchemy, numpy, the simulator) are imported inside the
handlers, so ``supervisor-app gui`` starts without paying for them. The command
modules themselves are imported only when a parser needs them: ``gui``, the
default, gets a parser with its own options alone (``gui_only``), so the window
never loads the other commands' modules before its first paint; ``--help`` and
every other command build the whole parser.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from supervisor_app import __version__
from supervisor_app.app_log import current_log_file, log_file
from supervisor_app.cli.registry import PROG, CommandGroups, Handler, Subparsers

log = logging.getLogger(__name__)

GUI = "gui"


def command_modules() -> tuple[ModuleType, ...]:
    """Every command's module, in the order ``--help`` lists them (imported on first call)."""
    from supervisor_app.cli import (
        cmd_agent,
        cmd_audit,
        cmd_coaching,
        cmd_database,
        cmd_escalation,
        cmd_export,
        cmd_forecast,
        cmd_import_escalations,
        cmd_import_evaluations,
        cmd_import_files,
        cmd_import_forecast,
        cmd_import_queue_log,
        cmd_import_training,
        cmd_kpi,
        cmd_plan,
        cmd_qa,
        cmd_queue,
        cmd_record,
        cmd_rules,
        cmd_schedule,
        cmd_site,
        cmd_skill,
        cmd_staffing,
        cmd_team,
        cmd_training,
        cmd_user,
    )

    return (
        cmd_database,
        cmd_staffing,
        cmd_forecast,
        cmd_plan,
        cmd_kpi,
        cmd_import_queue_log,
        cmd_import_files,
        cmd_import_forecast,
        cmd_import_escalations,
        cmd_import_training,
        cmd_import_evaluations,
        cmd_export,
        cmd_schedule,
        cmd_site,
        cmd_escalation,
        cmd_queue,
        cmd_team,
        cmd_agent,
        cmd_skill,
        cmd_rules,
        cmd_audit,
        cmd_training,
        cmd_coaching,
        cmd_record,
        cmd_qa,
        cmd_user,
    )


class OneLineParser(argparse.ArgumentParser):
    """Bad input is one line on stderr and exit 2 (the CLI contract), not argparse's
    usage block first: the line names the command and the option, and where help is.

    Subparsers are made of the same class (``add_subparsers`` uses ``type(self)``), so
    every command's options refuse alike.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _top() -> tuple[argparse.ArgumentParser, Subparsers]:
    """The program's own options and the ``gui`` command: what every parser starts with."""
    parser = OneLineParser(
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
    top.add_parser(GUI, help="open the console (the default with no command)").add_argument(
        "--demo",
        action="store_true",
        help="seed a demo history if the database is empty and run the simulator in the background",
    )
    return parser, top


def gui_only(argv: Sequence[str]) -> bool:
    """Does ``argv`` open the window: only ``--db URL`` before ``gui`` or before nothing?

    Then the ``gui`` parser alone reads it, exactly as the whole one would. Anything
    else (``--help``, ``--version``, an abbreviation, another command) is left to the
    whole parser, so what it prints and refuses stays as it was.
    """
    items = iter(argv)
    for item in items:
        if item == "--db":
            next(items, None)
        elif not item.startswith("--db="):
            return item == GUI
    return True


def _build() -> tuple[argparse.ArgumentParser, dict[tuple[str, str | None], Handler]]:
    parser, top = _top()
    importer = top.add_parser(
        "import",
        help="read outside data (all-or-nothing per file, with row-numbered errors)",
    )
    imports = importer.add_subparsers(dest="import_command", metavar="SOURCE", required=True)
    groups = CommandGroups(top=top, imports=imports)
    for module in command_modules():
        module.register(groups)
    return parser, groups.handlers


def build_parser() -> argparse.ArgumentParser:
    """The whole parser: every command, as ``--help`` lists them."""
    return _build()[0]


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = _top()[0] if gui_only(arguments) else build_parser()
    args = parser.parse_args(arguments)
    if args.command is None:
        args.command, args.demo = GUI, False
    return args


# Exit code of an unexpected error (a bug): sysexits' EX_SOFTWARE.
EXIT_BUG = 70


def run(args: argparse.Namespace) -> int:
    """Run a parsed non-GUI command: never a traceback on the terminal.

    A user error (database unreachable, disk full, file open in Excel) is one line on
    stderr and exit 1, bad input (``UsageError``) exit 2; anything else is a bug: one
    line naming the log file, where the traceback went, and exit 70.
    """
    from supervisor_app.domain.errors import UsageError, UserError
    from supervisor_app.domain.file_errors import explain_os_error
    from supervisor_app.services.failures import explain_database_failure

    action = getattr(args, f"{args.command}_command", None)
    handler = _build()[1][(args.command, action)]
    log.info("command: %s %s", args.command, action or "")
    try:
        return handler(args)
    except UserError as exc:
        log.warning("refused: %s", exc)
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
    except OSError as exc:
        problem = explain_os_error(exc)
        log.warning("file problem: %s", problem, exc_info=exc)
        print(f"{PROG}: error: {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        database = explain_database_failure(exc)
        if database is not None:
            log.warning("database: %s", database, exc_info=exc)
            print(f"{PROG}: error: {database}", file=sys.stderr)
            return 1
        log.exception("unexpected error in %s", args.command)
        where = current_log_file() or log_file("supervisor-app")
        print(
            f"{PROG}: unexpected error ({type(exc).__name__}: {first_line(exc)}); "
            f"the details are in {where}",
            file=sys.stderr,
        )
        return EXIT_BUG


def first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else "no message"
