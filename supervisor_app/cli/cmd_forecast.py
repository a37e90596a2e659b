"""``forecast generate`` and ``forecast accuracy``: a week's forecast from history, and how
good past forecasts were (WAPE), from the same services the Schedules tab uses."""

from __future__ import annotations

import argparse
import json

from supervisor_app.cli.args import add_site_option, local_date
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups


def register(groups: CommandGroups) -> None:
    forecast = groups.top.add_parser(
        "forecast", help="generate a week's forecast from history, or report its accuracy"
    )
    actions = forecast.add_subparsers(dest="forecast_command", required=True, metavar="ACTION")
    gen = actions.add_parser(
        "generate",
        help="forecast a week from the last weeks' contacts (recent weeks weigh more)",
        description="Per queue, weekday and interval: a weighted average of the last N weeks "
        "(weights N, N-1, ..., 1), public holidays left out, times --growth. Replaces the "
        "week's forecast.",
    )
    gen.add_argument("--week", type=local_date, required=True, help="the Monday of the week")
    gen.add_argument("--weeks", type=int, default=6, help="weeks of history (default 6)")
    gen.add_argument("--growth", type=float, default=1.0, help="volume factor, 1.05 = +5 %%")
    add_site_option(gen)
    acc = actions.add_parser(
        "accuracy", help="volume and handle-time WAPE of past weeks, per queue, as JSON"
    )
    acc.add_argument("--from", dest="first", type=local_date, required=True, help="first Monday")
    acc.add_argument("--to", dest="last", type=local_date, required=True, help="last Monday")
    add_site_option(acc)
    groups.add("forecast", "generate", _generate)
    groups.add("forecast", "accuracy", _accuracy)


def _generate(args: argparse.Namespace) -> int:
    from supervisor_app.services.planning import generate_forecast
    from supervisor_app.services.sites import resolve_site

    with opened_database(args.db) as db:
        site_id = resolve_site(db, args.site)
        r = generate_forecast(db, args.week, weeks=args.weeks, growth=args.growth, site_id=site_id)
    left_out = ", ".join(f"{d} {name}" for d, name in r.holidays_left_out) or "none"
    flagged = ", ".join(f"{d} {name}" for d, name in r.holidays_flagged) or "none"
    print(
        f"week of {r.week_start}: {r.intervals} intervals in {r.queues} queues, "
        f"{r.total_volume:,.0f} contacts; holidays left out: {left_out}; flagged: {flagged}"
    )
    return 0


def _accuracy(args: argparse.Namespace) -> int:
    from supervisor_app.services.planning import forecast_accuracy
    from supervisor_app.services.sites import resolve_site

    with opened_database(args.db) as db:
        rows = forecast_accuracy(db, args.first, args.last, site_id=resolve_site(db, args.site))
    print(json.dumps([
        {"week": r.week_start.isoformat(), "queue_id": r.queue_id, "queue": r.queue,
         "forecast": r.forecast_volume, "offered": r.actual_offered,
         "volume_wape": r.volume_wape, "aht_wape": r.aht_wape}
        for r in rows
    ], indent=2))  # fmt: skip
    return 0
