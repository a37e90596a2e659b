"""The ``supervisor-app`` command: one parser, one handler per subcommand.

Heavy modules (SQLAlchemy, numpy, the simulator) are imported inside the
handlers, so ``supervisor-app gui`` starts without paying for them.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from types import FrameType

from supervisor_app import __version__
from supervisor_app.domain.errors import UserError

PROG = "supervisor-app"

Handler = Callable[[argparse.Namespace], int]


def _positive_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low}..{high}")
        return value

    return parse


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 10_000:
        raise argparse.ArgumentTypeError(f"speed {value} must be above 0 and at most 10000")
    return value


def _local_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the console (the default with no command)")
    gui.add_argument(
        "--demo",
        action="store_true",
        help="seed a demo history if the database is empty and run the simulator in the background",
    )

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser(
        "upgrade",
        help="create or migrate the schema (a SQLite file is backed up first)",
    )

    demo = sub.add_parser("demo", help="demo data")
    demo_sub = demo.add_subparsers(dest="demo_command", metavar="ACTION", required=True)
    seed = demo_sub.add_parser(
        "seed", help="write a deterministic simulated history into an empty database"
    )
    seed.add_argument("--days", type=_positive_int(1, 366), default=28, help="days (default 28)")
    seed.add_argument(
        "--agents", type=_positive_int(1, 5000), default=60, help="agents (default 60)"
    )
    seed.add_argument("--queues", type=_positive_int(1, 50), default=6, help="queues (default 6)")
    seed.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    seed.add_argument(
        "--until",
        type=_local_date,
        help="history ends at the start of this local date (default today)",
    )

    simulate = sub.add_parser(
        "simulate", help="write live simulated traffic until stopped (Ctrl+C or SIGTERM)"
    )
    simulate.add_argument(
        "--speed", type=_speed, default=1.0, help="clock speed, e.g. 60 = one hour a minute"
    )
    _add_staffing(sub)
    _add_kpi(sub)
    return parser


KPI_GROUPINGS = ("all", "queue", "team", "agent", "interval", "day", "week", "month")


def _add_kpi(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kpi = sub.add_parser(
        "kpi",
        help="KPIs for a range of local dates, grouped, as a table, JSON or CSV",
        description="Service level, ASA, AHT, abandon rate, occupancy, adherence, CSAT, NPS, "
        "FCR and answer/handle-time percentiles for the contacts that arrived from --from to "
        "--to (local dates of the site, both included), from the same code the console uses.",
    )
    kpi.add_argument(
        "--from",
        dest="first",
        type=_local_date,
        required=True,
        metavar="DATE",
        help="first local date, YYYY-MM-DD",
    )
    kpi.add_argument(
        "--to",
        dest="last",
        type=_local_date,
        required=True,
        metavar="DATE",
        help="last local date, included",
    )
    kpi.add_argument(
        "--by", choices=KPI_GROUPINGS, default="all", help="one row per … (default all)"
    )
    kpi.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table for people, json or csv for programs (default table)",
    )


def _add_staffing(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staffing = sub.add_parser(
        "staffing",
        help="agents needed for an interval (Erlang C; Erlang A with --patience), as JSON",
        description="Least agents meeting the service-level target and maximum occupancy, "
        "by Erlang C, or by Erlang A when callers hang up (--patience).",
    )
    staffing.add_argument("--calls", type=float, required=True, help="contacts in the interval")
    staffing.add_argument("--aht", type=float, required=True, help="average handle time, seconds")
    staffing.add_argument(
        "--interval", type=int, required=True, help="interval length in minutes (15, 30 or 60)"
    )
    staffing.add_argument(
        "--target-sl",
        type=float,
        required=True,
        help="service-level target as a fraction, e.g. 0.8",
    )
    staffing.add_argument(
        "--target-time", type=float, required=True, help="answer-time threshold in seconds"
    )
    staffing.add_argument(
        "--max-occupancy", type=float, default=1.0, help="highest occupancy allowed (default 1)"
    )
    staffing.add_argument(
        "--shrinkage", type=float, default=0.0, help="share of paid time off the phones (default 0)"
    )
    staffing.add_argument(
        "--patience", type=float, help="callers' average patience in seconds (Erlang A)"
    )


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    if args.command is None:
        args.command, args.demo = "gui", False
    return args


def _db_upgrade(args: argparse.Namespace) -> int:
    from supervisor_app.services.database import upgrade_database

    result = upgrade_database(args.db)
    backup = f" (backup: {result.backup_file})" if result.backup_file else ""
    print(f"{result.url}: schema at revision {result.revision}{backup}")
    return 0


def _demo_seed(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.simulator import seed_demo
    from supervisor_app.services.database import open_database

    until = None
    if args.until is not None:
        # The simulator takes the local date of this instant; noon avoids any zone edge.
        until = datetime.combine(args.until, time(12), tzinfo=UTC)
    db = open_database(args.db)
    try:
        summary = seed_demo(
            db,
            days=args.days,
            agents=args.agents,
            queues=args.queues,
            seed=args.seed,
            until=until,
            progress=_terminal_progress("seeding") if sys.stderr.isatty() else None,
        )
    finally:
        db.close()
    print(
        f"{db.display_url}: seeded {summary.days} days, {summary.queues} queues, "
        f"{summary.agents} agents, {summary.contacts:,} contacts in {summary.seconds:.1f} s"
    )
    return 0


def _terminal_progress(label: str) -> Callable[[float], None]:
    def show(fraction: float) -> None:
        print(f"\r{label}… {fraction:4.0%}", end="" if fraction < 1 else "\n", file=sys.stderr)

    return show


def _simulate(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.simulator import run_live
    from supervisor_app.services.database import open_database

    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    db = open_database(args.db)
    print(
        f"{db.display_url}: simulating live traffic at {args.speed:g}× (Ctrl+C stops)", flush=True
    )
    try:
        run_live(db, speed=args.speed, stop=stop)
    finally:
        db.close()
    print("simulator stopped", flush=True)
    return 0


def _staffing(args: argparse.Namespace) -> int:
    from supervisor_app.domain.staffing_json import staffing_json

    try:
        figures = staffing_json(
            args.calls,
            args.aht,
            args.interval,
            args.target_sl,
            args.target_time,
            args.max_occupancy,
            args.shrinkage,
            args.patience,
        )
    except UserError as exc:
        # Impossible arguments are usage errors here, like argparse's own (exit 2).
        print(f"{PROG} staffing: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(figures, indent=2))
    return 0


def _kpi(args: argparse.Namespace) -> int:
    from supervisor_app.services.database import open_database
    from supervisor_app.services.kpi_format import render
    from supervisor_app.services.kpi_report import kpi_report

    db = open_database(args.db, upgrade=False)  # a report reads; it never migrates
    try:
        report = kpi_report(db, args.first, args.last, args.by)
    finally:
        db.close()
    sys.stdout.write(render(report, args.format))
    return 0


HANDLERS: dict[tuple[str, str | None], Handler] = {
    ("db", "upgrade"): _db_upgrade,
    ("demo", "seed"): _demo_seed,
    ("simulate", None): _simulate,
    ("staffing", None): _staffing,
    ("kpi", None): _kpi,
}


def run(args: argparse.Namespace) -> int:
    """Run a parsed non-GUI command; user errors become one line on stderr and exit 1."""
    action = getattr(args, f"{args.command}_command", None)
    handler = HANDLERS[(args.command, action)]
    try:
        return handler(args)
    except UserError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
