"""``team list|add|set``: a site's teams; rename one or move it to another site.
``team supervisor add|remove|list``: who supervises which team (``cmd_team_supervisor``)."""

from __future__ import annotations

import argparse

from supervisor_app.cli import cmd_team_supervisor
from supervisor_app.cli.args import add_site_option
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.setup_common import (
    add_field_options,
    add_list_parser,
    emit,
    field_values,
    pick,
    refusals,
    site_id,
)
from supervisor_app.domain.errors import UsageError

COLUMNS = ("name", "site", "agent_count")


def register(groups: CommandGroups) -> None:
    team = groups.top.add_parser("team", help="list, add, rename or move teams (audited)")
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    add_list_parser(actions, "the site's teams and how many agents each has")
    add = actions.add_parser("add", help="add a team to a site")
    add.add_argument("team_name", metavar="NAME")
    add_site_option(add)
    change = actions.add_parser("set", help="rename a team or move it to another site")
    change.add_argument("team_name", metavar="NAME")
    add_site_option(change)
    add_field_options(change, "team", ["name"])
    change.add_argument("--move-to", metavar="SITE", help="the site the team moves to")
    cmd_team_supervisor.register_actions(actions)
    groups.add("team", "list", refusals(_list))
    groups.add("team", "add", refusals(_add))
    groups.add("team", "set", refusals(_set))
    groups.add("team", "supervisor", cmd_team_supervisor.run)


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.setup import list_teams

    with opened_database(args.db, upgrade=False) as db:
        teams = list_teams(db, site_id(db, args.site))
    emit([{c: getattr(t, c) for c in COLUMNS} for t in teams], COLUMNS, args.format)
    return 0


def _add(args: argparse.Namespace) -> int:
    from supervisor_app.domain.setup_fields import field
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import add_team

    name = field("team", "name").parse(args.team_name)
    with opened_database(args.db) as db:
        team = add_team(db, site_id(db, args.site), name, current_actor())
    print(f"added team {team.name} at {team.site}")
    return 0


def _set(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import list_teams, update_team

    changes: dict[str, object] = field_values(args, "team", ["name"])
    with opened_database(args.db) as db:
        if args.move_to is not None:
            changes["site_id"] = site_id(db, args.move_to)
        if not changes:
            raise UsageError("nothing to change: give --name or --move-to")
        seen = pick(
            list_teams(db, site_id(db, args.site)), args.team_name, "team", lambda t: t.name
        )
        team = update_team(db, seen, changes, current_actor())
    print(f"team {team.name} at {team.site}")
    return 0
