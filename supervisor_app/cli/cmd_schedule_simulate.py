"""``schedule simulate``: a week's saved schedule run against its forecast in the simulator."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any

from supervisor_app.cli.args import add_site_option, local_date
from supervisor_app.cli.list_text import LIST_FORMATS, render_rows
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.domain.errors import UsageError

COLUMNS = (
    "queue",
    "start",
    "forecast",
    "erlang_service_level",
    "service_level",
    "service_level_low",
    "service_level_high",
    "asa_seconds",
    "abandon_rate",
)


def add_simulate(sub: Any, groups: CommandGroups) -> None:
    """The ``schedule simulate`` action, beside check and publish."""
    simulate = sub.add_parser(
        "simulate",
        help="run the week's schedule against its forecast in the simulator (90 %% bands)",
        description="Replays the week's forecast (Poisson arrivals, the forecast handle time, "
        "callers' patience estimated from the 28 days before) against the saved draft or "
        "published shifts, breaks and approved time off, --runs times. Prints per queue and "
        "day (or --by interval) the service level over all runs with the 5th-95th percentile "
        "of the runs, ASA and abandon rate, beside the Erlang figure for the same schedule and "
        "patience.",
    )
    add_site_option(simulate)
    simulate.add_argument(
        "--week", type=local_date, required=True, metavar="DATE", help="the Monday of the week"
    )
    simulate.add_argument("--runs", type=int, default=20, help="simulated weeks (default 20)")
    simulate.add_argument("--by", choices=("day", "interval"), default="day", help="default day")
    simulate.add_argument("--format", choices=LIST_FORMATS, default="table", help="default table")
    groups.add("schedule", "simulate", _simulate)


def _simulate(args: argparse.Namespace) -> int:
    from supervisor_app.services.planning import simulate_week
    from supervisor_app.services.sites import resolve_site

    if not 1 <= args.runs <= 200:
        raise UsageError(f"--runs {args.runs} refused: 1 to 200")
    with opened_database(args.db, upgrade=False) as db:
        rows = simulate_week(
            db,
            args.week,
            site_id=resolve_site(db, args.site),
            runs=args.runs,
            by_day=args.by == "day",
        )
    shown = [
        {
            "queue": r.queue,
            "start": _when(r.start),
            "forecast": round(r.forecast, 1),
            "erlang_service_level": _rounded(r.erlang_service_level),
            "service_level": _rounded(r.service_level),
            "service_level_low": _rounded(r.service_level_low),
            "service_level_high": _rounded(r.service_level_high),
            "asa_seconds": None if r.asa_seconds is None else round(r.asa_seconds, 1),
            "abandon_rate": _rounded(r.abandon_rate),
        }
        for r in rows
        if r.forecast > 0
    ]
    print(render_rows(shown, COLUMNS, args.format), end="")
    return 0


def _when(start: datetime | date) -> str:
    return start.isoformat() if isinstance(start, date) else str(start)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
