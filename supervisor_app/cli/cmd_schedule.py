"""``schedule check|publish|generate``: a week's labour rules, publishing it, generating a
draft (``schedule simulate`` lives in ``cmd_schedule_simulate``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from supervisor_app.cli.args import add_site_option, local_date
from supervisor_app.cli.cmd_schedule_simulate import add_simulate
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import PROG, CommandGroups
from supervisor_app.domain.schedule_rules import Violation

# ``domain.autoschedule.Keep``'s values, written out: importing the solver's package to
# build the parser would slow every start of the console (a test compares the two).
KEEP_CHOICES = ("published", "all", "none")


def register(groups: CommandGroups) -> None:
    schedule = groups.top.add_parser(
        "schedule", help="check, publish or generate a week of schedules"
    )
    sub = schedule.add_subparsers(dest="schedule_command", metavar="ACTION", required=True)
    check = sub.add_parser(
        "check",
        help="print the week's labour-rule violations (exit 2 if there are any)",
        description="Checks shift length, rest, weekly hours against contract, breaks and lunch, "
        "activities, time off and overlaps with the site's rule settings.",
    )
    _week_argument(check)
    groups.add("schedule", "check", _check)

    publish = sub.add_parser(
        "publish",
        help="publish the week's draft shifts (refused while rules are broken, unless overridden)",
        description="Marks every shift of the week published, recording who and when. A week "
        "with violations is refused unless --override-reason says why (kept in the audit trail).",
    )
    _week_argument(publish)
    publish.add_argument(
        "--override-reason", metavar="TEXT", help="publish despite violations, for this reason"
    )
    groups.add("schedule", "publish", _publish)
    add_simulate(sub, groups)

    generate = sub.add_parser(
        "generate",
        help="generate the week's shifts, breaks and lunches with CP-SAT and save them as a draft",
        description="Assigns shifts to the site's active agents so that productive agents meet "
        "the forecast's requirement per queue and interval as closely as possible, within the "
        "labour rules, contracts, approved time off and skills. Saved as draft shifts (never "
        "published); prints the before/after summary.",
    )
    _week_argument(generate)
    generate.add_argument(
        "--keep",
        choices=KEEP_CHOICES,
        default="published",
        help="existing shifts that stay as they are (default: published)",
    )
    generate.add_argument(
        "--time-limit",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="stop the search after this long with the best week found (default: 30)",
    )
    generate.add_argument("--format", choices=("table", "json"), default="table")
    groups.add("schedule", "generate", _generate)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 24 * 3600:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 86400 seconds: {text}")
    return value


def _week_argument(parser: argparse.ArgumentParser) -> None:
    add_site_option(parser)
    parser.add_argument(
        "--week",
        type=local_date,
        required=True,
        metavar="DATE",
        help="the Monday the week starts (local date of the site, YYYY-MM-DD)",
    )


def _print_violations(violations: Sequence[Violation], timezone: str) -> None:
    """One tab-separated line per violation, in the site's local time."""
    zone = ZoneInfo(timezone)
    for v in violations:
        start = v.starts_at.astimezone(zone)
        print(f"agent {v.agent_id}\t{start:%a %Y-%m-%d %H:%M}\t{v.rule.value}\t{v.message}")


def _check(args: argparse.Namespace) -> int:
    from supervisor_app.services.schedules import check_schedule, site_timezone
    from supervisor_app.services.sites import resolve_site

    with opened_database(args.db, upgrade=False) as db:
        site_id = resolve_site(db, args.site)
        violations = check_schedule(db, args.week, site_id)
        zone = site_timezone(db, site_id)
    _print_violations(violations, zone)
    print(f"week of {args.week}: {len(violations)} violation(s)")
    return 2 if violations else 0


def _publish(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.schedules import PublishRefused, publish_week, site_timezone
    from supervisor_app.services.sites import resolve_site

    with opened_database(args.db, upgrade=False) as db:
        site_id = resolve_site(db, args.site)
        try:
            done = publish_week(db, args.week, current_actor(), args.override_reason, site_id)
        except PublishRefused as exc:
            _print_violations(exc.violations, site_timezone(db, site_id))
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            return 1
    override = f", overriding {done.violation_count} violation(s)" if done.override_reason else ""
    print(
        f"week of {done.week_start} published by {done.published_by} at "
        f"{done.published_at:%Y-%m-%d %H:%M} UTC: {done.shift_count} shift(s){override}"
    )
    return 0


def _generate(args: argparse.Namespace) -> int:
    from supervisor_app.domain.autoschedule import Keep
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.planning import coverage_inputs
    from supervisor_app.services.schedules import generate_and_save
    from supervisor_app.services.sites import resolve_site

    with opened_database(args.db, upgrade=False) as db:
        site_id = resolve_site(db, args.site)
        demands = coverage_inputs(db, args.week, site_id=site_id).demands
        generated, saved = generate_and_save(
            db,
            args.week,
            demands,
            current_actor(),
            site_id=site_id,
            keep=Keep(args.keep),  # the choices above are Keep's values
            time_limit=args.time_limit,
        )
    s = generated.summary
    figures = {
        "week": args.week.isoformat(),
        "under_staffed_before": s.under_staffed_before,
        "under_staffed_after": s.under_staffed_after,
        "over_staffed_before": s.over_staffed_before,
        "over_staffed_after": s.over_staffed_after,
        "rule_breaks": s.rule_breaks,
        "rule_breaks_before": s.rule_breaks_before,
        "cost_before": s.cost_before,
        "cost": s.cost,
        "shifts": s.shifts,
        "optimal": s.optimal,
        "seconds": s.seconds,
        "expected_service_level": dict(s.expected_service_level),
        "expected_service_level_before": dict(s.expected_service_level_before),
        "saved": len(saved.created) + len(saved.updated) + len(saved.deleted),
        "conflicts": len(saved.conflicts),
    }
    if args.format == "json":
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            if not key.startswith("expected_service_level"):
                print(f"{key}\t{value}")
        before = dict(s.expected_service_level_before)
        for queue, level in s.expected_service_level:
            was = _percent(before.get(queue))
            print(f"expected_service_level {queue}\t{was} -> {_percent(level)}")
    for conflict in saved.conflicts:
        print(f"{PROG}: not saved: {conflict.message}", file=sys.stderr)
    return 1 if saved.conflicts else 0


def _percent(level: float | None) -> str:
    return "-" if level is None else f"{level:.1%}"
