"""``user add|list|set|remove``: people on a shared PostgreSQL database (issue 14).

A person is a PostgreSQL login in one group role, optionally limited to sites.
A password is never an argument (it would sit in the shell history and the
process list): ``--password-prompt`` asks for it (twice on a terminal; one line
from standard input when piped), else the login has none.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from supervisor_app.cli.list_text import LIST_FORMATS, render_rows
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.domain.errors import UsageError

_ROLES = "admin, planner, supervisor, director or ingest"


def register(groups: CommandGroups) -> None:
    user = groups.top.add_parser(
        "user", help="people on a shared PostgreSQL database: logins, roles and sites"
    )
    sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="create a login in one role, optionally limited to sites")
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--role", required=True, help=_ROLES)
    add.add_argument(
        "--site", action="append", default=[], metavar="S", help="limit to this site (repeat)"
    )
    add.add_argument(
        "--password-prompt",
        action="store_true",
        help="ask for the password (else the login has none: .pgpass, peer or an admin sets it)",
    )
    groups.add("user", "add", _add)

    listing = sub.add_parser("list", help="every login in a console role, with its sites")
    listing.add_argument("--format", choices=LIST_FORMATS, default="table")
    groups.add("user", "list", _list)

    change = sub.add_parser("set", help="change a person's role or sites")
    change.add_argument("login", metavar="LOGIN")
    change.add_argument("--role", help=_ROLES)
    where = change.add_mutually_exclusive_group()
    where.add_argument("--site", action="append", metavar="S", help="limit to these sites")
    where.add_argument("--all-sites", action="store_true", help="remove the site limits")
    groups.add("user", "set", _set)

    remove = sub.add_parser("remove", help="drop a person's login")
    remove.add_argument("login", metavar="LOGIN")
    groups.add("user", "remove", _remove)


def db_roles(args: argparse.Namespace) -> int:
    """``db roles``: registered by ``cmd_database`` with the other ``db`` actions."""
    from supervisor_app.services.security import apply_roles

    with opened_database(args.db, shared=True) as db:
        created = apply_roles(db)
    made = f"created {', '.join(created)}; " if created else ""
    print(f"{db.display_url}: {made}grants, row-level security and people functions in place")
    return 0


def _add(args: argparse.Namespace) -> int:
    from supervisor_app.services.security import add_user, check_login, group_role

    check_login(args.login)
    group_role(args.role)
    password = _read_password(args.login) if args.password_prompt else None
    with opened_database(args.db, shared=True) as db:
        person = add_user(db, args.login, args.role, args.site, password)
    where = ", ".join(person.sites) or "every site"
    print(f"{person.login}: {person.role}, {where}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.security import list_users

    with opened_database(args.db, shared=True) as db:
        people = list_users(db)
    rows = [
        {"login": p.login, "role": p.role, "sites": ", ".join(p.sites) or "all"} for p in people
    ]
    if args.format != "table":
        rows = [{**r, "sites": list(p.sites)} for r, p in zip(rows, people, strict=True)]
    sys.stdout.write(render_rows(rows, ("login", "role", "sites"), args.format))
    return 0


def _set(args: argparse.Namespace) -> int:
    from supervisor_app.services.security import check_login, group_role, set_user

    check_login(args.login)
    if args.role is not None:
        group_role(args.role)
    if args.role is None and args.site is None and not args.all_sites:
        raise UsageError("user set: give --role, --site or --all-sites")
    sites = [] if args.all_sites else args.site
    with opened_database(args.db, shared=True) as db:
        set_user(db, args.login, args.role, sites)
    print(f"{args.login}: changed")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from supervisor_app.services.security import check_login, remove_user

    check_login(args.login)
    with opened_database(args.db, shared=True) as db:
        remove_user(db, args.login)
    print(f"{args.login}: removed")
    return 0


def _read_password(login: str) -> str:
    """Twice on a terminal (they must match); one line from standard input when piped."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"password for {login}: ")
        if getpass.getpass("again: ") != first:
            raise UsageError("the two passwords differ; nothing was changed")
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    if not first:
        raise UsageError("empty password; leave out --password-prompt for a login without one")
    return first
