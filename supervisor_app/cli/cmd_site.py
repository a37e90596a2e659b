"""``site show`` and ``site set``: the site's choices that change how figures read."""

from __future__ import annotations

import argparse

from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.domain.kpi import ServiceLevelVariant


def register(groups: CommandGroups) -> None:
    site = groups.top.add_parser("site", help="show or change the site's settings")
    actions = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    actions.add_parser("show", help="the site's name, time zone, interval and service level")
    change = actions.add_parser(
        "set",
        help="change the site's settings (audited)",
        description="--service-level-variant picks the service level every view, report and "
        "command shows as 'service level': offered = answered in time ÷ (offered − short "
        "abandons), answered = answered in time ÷ answered, answered_and_late_abandons = "
        "answered in time ÷ (answered + abandons after the threshold).",
    )
    change.add_argument(
        "--service-level-variant",
        required=True,
        choices=[v.value for v in ServiceLevelVariant],
        help="the headline service level",
    )
    groups.add("site", "show", _show)
    groups.add("site", "set", _set)


def _show(args: argparse.Namespace) -> int:
    from supervisor_app.services.sites import site_settings

    with opened_database(args.db, upgrade=False) as db:
        settings = site_settings(db)
    print(f"site: {settings.name}")
    print(f"time zone: {settings.timezone}")
    print(f"interval: {settings.interval_minutes} minutes")
    print(f"service level: {settings.service_level_variant.value}")
    return 0


def _set(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.sites import set_service_level_variant

    with opened_database(args.db) as db:
        settings = set_service_level_variant(db, args.service_level_variant, current_actor())
    print(
        f"{settings.name}: service level is now the {settings.service_level_variant.value} variant"
    )
    return 0
