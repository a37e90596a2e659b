"""``plan accuracy``: the service level each day's plan expected against the one achieved."""

from __future__ import annotations

import argparse

from supervisor_app.cli.args import add_site_option, local_date
from supervisor_app.cli.list_text import LIST_FORMATS, render_rows
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.domain.errors import UsageError
from supervisor_app.domain.plan_accuracy import PlanMethod

COLUMNS = (
    "queue",
    "day",
    "forecast_volume",
    "offered",
    "expected_service_level",
    "achieved_service_level",
    "patience_seconds",
)


def register(groups: CommandGroups) -> None:
    plan = groups.top.add_parser("plan", help="how well the saved plans predicted the floor")
    actions = plan.add_subparsers(dest="plan_command", required=True, metavar="ACTION")
    acc = actions.add_parser(
        "accuracy",
        help="per queue and day: the plan's expected service level and the achieved one",
        description="The expected service level comes from the forecast and the schedule as "
        "they were saved, as the coverage panel computes it with --method; the achieved one "
        "is the KPI's. erlang-a estimates each queue's patience from the range's contacts "
        "(abandonments over the seconds callers waited); simulation replays the forecast "
        "against the schedule through the event loop (8 runs), with that patience.",
    )
    acc.add_argument("--from", dest="first", type=local_date, required=True, help="first day")
    acc.add_argument("--to", dest="last", type=local_date, required=True, help="last day")
    acc.add_argument(
        "--method",
        choices=[m.value for m in PlanMethod],
        default=PlanMethod.ERLANG_A.value,
        help="how the expected service level is computed (default erlang-a)",
    )
    acc.add_argument("--format", choices=LIST_FORMATS, default="table", help="default table")
    add_site_option(acc)
    groups.add("plan", "accuracy", _accuracy)


def _accuracy(args: argparse.Namespace) -> int:
    from supervisor_app.services.planning import plan_accuracy
    from supervisor_app.services.sites import resolve_site

    if args.last < args.first:
        raise UsageError(f"--to {args.last} is before --from {args.first}")
    with opened_database(args.db, upgrade=False) as db:
        rows = plan_accuracy(
            db,
            args.first,
            args.last,
            site_id=resolve_site(db, args.site),
            method=PlanMethod(args.method),
        )
    shown = [
        {
            "queue": r.queue,
            "day": r.day.isoformat(),
            "forecast_volume": round(r.forecast_volume, 1),
            "offered": r.offered,
            "expected_service_level": _rounded(r.expected_service_level),
            "achieved_service_level": _rounded(r.achieved_service_level),
            "patience_seconds": None if r.patience_seconds is None else round(r.patience_seconds),
        }
        for r in rows
    ]
    print(render_rows(shown, COLUMNS, args.format), end="")
    return 0


def _rounded(level: float | None) -> float | None:
    return None if level is None else round(level, 4)
