"""``rules show|set``: a site's labour rules, the limits the schedule checks apply."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from supervisor_app.cli.args import add_site_option
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.setup_common import (
    add_field_options,
    add_format,
    emit,
    field_values,
    refusals,
    site_id,
)
from supervisor_app.domain.errors import UsageError
from supervisor_app.domain.setup_fields import RULE_FIELDS

EDITABLE = tuple(f.name for f in RULE_FIELDS)


def _requirement(text: str) -> tuple[int, ...]:
    try:
        parts = tuple(int(p) for p in text.split(":"))
    except ValueError:
        parts = ()
    if len(parts) not in (3, 5):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not SHIFT_MIN:BREAKS:LUNCHES[:BREAK_MIN:LUNCH_MIN]"
        )
    return parts


def register(groups: CommandGroups) -> None:
    rules = groups.top.add_parser("rules", help="show or change a site's labour rules")
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="the site's labour rules")
    add_site_option(show)
    add_format(show)
    change = actions.add_parser("set", help="change the site's labour rules (audited)")
    add_site_option(change)
    add_field_options(change, "rules", EDITABLE)
    change.add_argument(
        "--break-rule",
        dest="requirements",
        action="append",
        type=_requirement,
        metavar="SHIFT:BREAKS:LUNCHES[:BREAK:LUNCH]",
        help="replaces the break rules (repeat for each): shifts at least SHIFT minutes "
        "long need BREAKS breaks of BREAK minutes (15) and LUNCHES lunches of LUNCH (30)",
    )
    groups.add("rules", "show", refusals(_show))
    groups.add("rules", "set", refusals(_set))


def _emit(record: object, fmt: str) -> None:
    values = record.values()  # type: ignore[attr-defined]
    rows = [{"rule": k, "value": v} for k, v in values.items() if k != "requirements"]
    if fmt == "json":
        emit([values | {"site": record.site}], [], "json")  # type: ignore[attr-defined]
        return
    rows += [
        {"rule": f"break rule {n}", "value": r}
        for n, r in enumerate(values["requirements"], start=1)
    ]
    emit(rows, ("rule", "value"), fmt)


def _show(args: argparse.Namespace) -> int:
    from supervisor_app.services.setup import load_rules

    with opened_database(args.db, upgrade=False) as db:
        record = load_rules(db, site_id(db, args.site))
    _emit(record, args.format)
    return 0


def _set(args: argparse.Namespace) -> int:
    from supervisor_app.domain.errors import UserError
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import (
        BreakRule,
        check_requirements,
        load_rules,
        save_rules,
    )

    changes = field_values(args, "rules", EDITABLE)
    reqs = None if args.requirements is None else [BreakRule(*r) for r in args.requirements]
    if reqs is not None:
        try:
            check_requirements(reqs)
        except UserError as exc:
            raise UsageError(str(exc)) from None
    if not changes and reqs is None:
        raise UsageError("nothing to change: give at least one option (see rules set --help)")
    with opened_database(args.db) as db:
        seen = load_rules(db, site_id(db, args.site))
        record = save_rules(db, seen, changes, current_actor(), reqs)
    print(
        f"saved the labour rules of {record.site}: "
        + ", ".join(f"{k}={v}" for k, v in asdict(record).items() if k in changes)
    )
    return 0
