"""``staffing``: one interval's Erlang C (or Erlang A) requirement as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from supervisor_app.cli.registry import PROG, CommandGroups
from supervisor_app.domain.errors import UserError


def register(groups: CommandGroups) -> None:
    staffing = groups.top.add_parser(
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
    groups.add("staffing", None, _staffing)


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
