"""``site list|add|set|show``: the sites and the choices that change how their figures read."""

from __future__ import annotations

import argparse
from typing import Any

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

EDITABLE = (
    "name",
    "timezone",
    "interval_minutes",
    "country_code",
    "fte_weekly_hours",
    "service_level_variant",
)
COLUMNS = EDITABLE  # a list shows every field a user may set, in the same order
VARIANTS_HELP = (
    "--service-level-variant picks the service level every view, report and command shows "
    "as 'service level': offered = answered in time ÷ (offered − short abandons), answered = "
    "answered in time ÷ answered, answered_and_late_abandons = answered in time ÷ (answered "
    "+ abandons after the threshold)."
)


def register(groups: CommandGroups) -> None:
    site = groups.top.add_parser("site", help="list, add or change sites (audited)")
    actions = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every site with its settings")
    add_format(listing)
    show = actions.add_parser("show", help="one site's name, time zone, interval, service level")
    add_site_option(show)
    add = actions.add_parser("add", help="add a site", description=VARIANTS_HELP)
    add.add_argument("site_name", metavar="NAME", help="the new site's name")
    add_field_options(add, "site", [n for n in EDITABLE if n != "name"])
    change = actions.add_parser(
        "set", help="change a site's settings (audited)", description=VARIANTS_HELP
    )
    add_site_option(change)
    add_field_options(change, "site", EDITABLE)
    groups.add("site", "list", refusals(_list))
    groups.add("site", "show", refusals(_show))
    groups.add("site", "add", refusals(_add))
    groups.add("site", "set", refusals(_set))


def _row(record: Any) -> dict[str, Any]:
    return (
        {"name": record.name}
        | {k: v for k, v in record.values().items() if k != "name"}
        | {"interval_minutes": record.interval_minutes}
    )


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.setup import list_sites

    with opened_database(args.db, upgrade=False) as db:
        rows = [_row(r) for r in list_sites(db)]
    emit(rows, COLUMNS, args.format)
    return 0


def _show(args: argparse.Namespace) -> int:
    from supervisor_app.services.setup import list_sites

    with opened_database(args.db, upgrade=False) as db:
        wanted = site_id(db, args.site)
        site = next(s for s in list_sites(db) if s.id == wanted)
    print(f"site: {site.name}")
    print(f"time zone: {site.timezone}")
    print(f"interval: {site.interval_minutes} minutes")
    print(f"holiday country: {site.country_code or '(from the time zone)'}")
    print(f"full-time week: {site.fte_weekly_hours:g} hours")
    print(f"service level: {site.service_level_variant}")
    return 0


def _add(args: argparse.Namespace) -> int:
    from supervisor_app.domain.setup_fields import field, require
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import add_site

    values = {"name": field("site", "name").parse(args.site_name)}
    values |= field_values(args, "site", EDITABLE)
    require("site", values, ["timezone"])
    with opened_database(args.db) as db:
        site = add_site(db, values, current_actor())
    print(f"added site {site.name} ({site.timezone}, {site.interval_minutes}-minute intervals)")
    return 0


def _set(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import list_sites, update_site

    changes = field_values(args, "site", EDITABLE)
    with opened_database(args.db) as db:
        wanted = site_id(db, args.site)
        seen = next(s for s in list_sites(db) if s.id == wanted)
        site = update_site(db, seen, changes, current_actor())
    print(
        f"{site.name}: {site.timezone}, {site.interval_minutes}-minute intervals, "
        f"service level is the {site.service_level_variant} variant"
    )
    return 0
