"""``db upgrade | roles | summarise``, ``demo seed``, ``simulate``: making and filling databases."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime, time

from supervisor_app.cli.args import local_date, positive_int, speed
from supervisor_app.cli.cmd_user import db_roles
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.stopping import stop_on_signals


def register(groups: CommandGroups) -> None:
    db = groups.top.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser(
        "upgrade",
        help="create or migrate the schema (a SQLite file is backed up first)",
    )
    groups.add("db", "upgrade", _db_upgrade)
    db_sub.add_parser(
        "roles",
        help="PostgreSQL: create the group roles and apply their grants (run by the schema owner)",
    )
    groups.add("db", "roles", db_roles)
    db_sub.add_parser(
        "summarise",
        help="keep the KPI summaries of every ended day with data (after a load by other "
        "means; the console's own writers keep them as they write)",
    )
    groups.add("db", "summarise", _db_summarise)

    demo = groups.top.add_parser("demo", help="demo data")
    demo_sub = demo.add_subparsers(dest="demo_command", metavar="ACTION", required=True)
    seed = demo_sub.add_parser(
        "seed", help="write a deterministic simulated history into an empty database"
    )
    seed.add_argument("--days", type=positive_int(1, 366), default=28, help="days (default 28)")
    seed.add_argument(
        "--agents", type=positive_int(1, 5000), default=60, help="agents (default 60)"
    )
    seed.add_argument("--queues", type=positive_int(1, 50), default=6, help="queues (default 6)")
    seed.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    seed.add_argument(
        "--sites",
        type=positive_int(1, 2),
        default=2,
        help="2: London (15-minute intervals, --agents and --queues) and New York "
        "(30-minute, half as many); 1: one site (default 2)",
    )
    seed.add_argument(
        "--until",
        type=local_date,
        help="history ends at the start of this local date (default today)",
    )
    groups.add("demo", "seed", _demo_seed)

    simulate = groups.top.add_parser(
        "simulate", help="write live simulated traffic until stopped (Ctrl+C or SIGTERM)"
    )
    simulate.add_argument(
        "--speed", type=speed, default=1.0, help="clock speed, e.g. 60 = one hour a minute"
    )
    groups.add("simulate", None, _simulate)


def _db_upgrade(args: argparse.Namespace) -> int:
    from supervisor_app.services.database import upgrade_database

    result = upgrade_database(args.db)
    backup = f" (backup: {result.backup_file})" if result.backup_file else ""
    print(f"{result.url}: schema at revision {result.revision}{backup}")
    return 0


def _db_summarise(args: argparse.Namespace) -> int:
    from supervisor_app.services.kpi import keep_summaries

    with opened_database(args.db, upgrade=False) as db:
        kept = keep_summaries(
            db, progress=terminal_progress("summarising") if sys.stderr.isatty() else None
        )
        if kept.refused is not None:
            print(
                f"supervisor-app: error: {db.display_url} refused keeping the KPI summaries "
                f"for this login ({kept.refused}); reports build the days they need",
                file=sys.stderr,
            )
            return 1
        print(f"{db.display_url}: {kept.text()} (every ended day with data is summarised)")
    return 0


def _demo_seed(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.simulator import seed_demo
    from supervisor_app.services.kpi import KeptSummaries

    until = None
    if args.until is not None:
        # The simulator takes the local date of this instant; noon avoids any zone edge.
        until = datetime.combine(args.until, time(12), tzinfo=UTC)
    with opened_database(args.db) as db:
        summary = seed_demo(
            db,
            days=args.days,
            agents=args.agents,
            queues=args.queues,
            seed=args.seed,
            until=until,
            progress=terminal_progress("seeding") if sys.stderr.isatty() else None,
            sites=args.sites,
        )
    print(
        f"{db.display_url}: seeded {summary.days} days, {len(summary.sites)} site(s) "
        f"({', '.join(summary.sites)}), {summary.queues} queues, "
        f"{summary.agents} agents, {summary.contacts:,} contacts in {summary.seconds:.1f} s; "
        + KeptSummaries(summary.summarised_days, summary.summary_seconds).text()
    )
    return 0


def terminal_progress(label: str) -> Callable[[float], None]:
    """A one-line ``label… 42%`` on stderr, for long commands run by a person."""

    def show(fraction: float) -> None:
        print(f"\r{label}… {fraction:4.0%}", end="" if fraction < 1 else "\n", file=sys.stderr)

    return show


def _simulate(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.simulator import run_live

    stop = stop_on_signals()
    with opened_database(args.db) as db:
        print(
            f"{db.display_url}: simulating live traffic at {args.speed:g}× (Ctrl+C stops)",
            flush=True,
        )
        run_live(db, speed=args.speed, stop=stop)
    print("simulator stopped", flush=True)
    return 0
