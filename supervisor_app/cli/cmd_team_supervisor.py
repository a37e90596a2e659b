"""``team supervisor add|remove|list``: who supervises which team (audited).

A supervisor's alert list shows the coaching follow-ups of the teams they
supervise, and on a shared PostgreSQL only they (and admins) may see the team's
restricted records. LOGIN is the person's database login (``user list``).
"""

from __future__ import annotations

import argparse

from supervisor_app.cli.args import add_site_option
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.setup_common import add_format, emit, pick, site_id

COLUMNS = ("site", "team", "login")


def register_actions(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``supervisor`` action under ``team``, with its own actions."""
    sup = actions.add_parser("supervisor", help="who supervises which team")
    sub = sup.add_subparsers(dest="supervisor_command", metavar="ACTION", required=True)
    for name, help_text in (("add", "LOGIN supervises TEAM"), ("remove", "no longer")):
        change = sub.add_parser(name, help=help_text)
        change.add_argument("team_name", metavar="TEAM")
        change.add_argument("login", metavar="LOGIN", help="the database login")
        add_site_option(change)
    listing = sub.add_parser("list", help="every team's supervisors")
    listing.add_argument("--site", help="one site's teams (default: every site)")
    add_format(listing)


def run(args: argparse.Namespace) -> int:
    """``team supervisor ACTION``."""
    return {"add": _change, "remove": _change, "list": _list}[args.supervisor_command](args)


def _change(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.people import add_team_supervisor, remove_team_supervisor
    from supervisor_app.services.setup import list_teams

    adding = args.supervisor_command == "add"
    with opened_database(args.db, upgrade=False) as db:
        team = pick(
            list_teams(db, site_id(db, args.site)), args.team_name, "team", lambda t: t.name
        )
        change = add_team_supervisor if adding else remove_team_supervisor
        change(db, int(team.id), args.login, current_actor())
    print(f"{args.login} {'supervises' if adding else 'no longer supervises'} team {team.name}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.people import list_team_supervisors

    with opened_database(args.db, upgrade=False) as db:
        lines = list_team_supervisors(db)
    if args.site:
        lines = [x for x in lines if x.site.casefold() == args.site.strip().casefold()]
    emit([{"site": x.site, "team": x.team, "login": x.login} for x in lines], COLUMNS, args.format)
    return 0
