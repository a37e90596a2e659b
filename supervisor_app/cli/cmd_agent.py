"""``agent list|add|set|deactivate``: agents by employee code; team, cost, hours, hire date,
active.

An agent with history is never deleted: ``deactivate`` keeps every figure.
"""

from __future__ import annotations

import argparse
from typing import Any

from supervisor_app.cli.args import add_site_option
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.setup_common import (
    add_field_options,
    add_list_parser,
    emit,
    field_values,
    listed_site_id,
    pick,
    refusals,
    site_id,
)
from supervisor_app.domain.errors import UsageError

EDITABLE = ("name", "employee_code", "hourly_cost", "contracted_weekly_hours", "hire_date")
COLUMNS = (
    "employee_code",
    "name",
    "team",
    "site",
    "hourly_cost",
    "contracted_weekly_hours",
    "hire_date",
    "active",
    "skills",
)


def register(groups: CommandGroups) -> None:
    agent = groups.top.add_parser("agent", help="list, add or change agents (audited)")
    actions = agent.add_subparsers(dest="agent_command", metavar="ACTION", required=True)
    add_list_parser(actions, "the site's agents with their skills", every_site=True)
    add = actions.add_parser("add", help="add an agent")
    add.add_argument("agent_name", metavar="NAME")
    add_field_options(add, "agent", [n for n in EDITABLE if n != "name"])
    _team_options(add)
    change = actions.add_parser("set", help="change an agent (by employee code)")
    change.add_argument("code", metavar="CODE", help="the agent's employee code")
    add_field_options(change, "agent", EDITABLE)
    _team_options(change)
    change.add_argument("--no-team", action="store_true", help="take the agent out of its team")
    change.add_argument("--activate", action="store_true", help="make the agent active again")
    off = actions.add_parser("deactivate", help="make an agent inactive (kept with history)")
    off.add_argument("code", metavar="CODE", help="the agent's employee code")
    groups.add("agent", "list", refusals(_list))
    groups.add("agent", "add", refusals(_add))
    groups.add("agent", "set", refusals(_set))
    groups.add("agent", "deactivate", refusals(_deactivate))


def _team_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--team", metavar="TEAM", help="the agent's team")
    add_site_option(parser)


def _row(record: Any) -> dict[str, Any]:
    out = {c: getattr(record, c) for c in COLUMNS if c != "skills"}
    out["skills"] = {s.queue: s.proficiency for s in record.skills}
    return out


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.setup import list_agents

    with opened_database(args.db, upgrade=False) as db:
        wanted = listed_site_id(db, args)
        rows = [_row(a) for a in list_agents(db, wanted)]
    emit(rows, COLUMNS, args.format)
    return 0


def _team_id(db: Any, args: argparse.Namespace) -> int | None:
    from supervisor_app.services.setup import list_teams

    if args.team is None:
        return None
    team = pick(list_teams(db, site_id(db, args.site)), args.team, "team", lambda t: t.name)
    return int(team.id)


def _find(db: Any, code: str) -> Any:
    from supervisor_app.services.setup import list_agents

    return pick(
        list_agents(db),
        code,
        "agent with employee code",
        lambda a: a.employee_code,
        plural="employee codes",
    )


def _add(args: argparse.Namespace) -> int:
    from supervisor_app.domain.setup_fields import field, require
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import add_agent

    values: dict[str, Any] = {"name": field("agent", "name").parse(args.agent_name)}
    values |= field_values(args, "agent", EDITABLE)
    require("agent", values, ["employee_code"])
    with opened_database(args.db) as db:
        values["team_id"] = _team_id(db, args)
        # without a team the agent works at --site (optional with one site)
        site = site_id(db, args.site) if values["team_id"] is None else None
        agent = add_agent(db, values, current_actor(), site_id=site)
    print(f"added agent {agent.name} ({agent.employee_code}) in {agent.team or 'no team'}")
    return 0


def _set(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import update_agent

    changes: dict[str, Any] = field_values(args, "agent", EDITABLE)
    if args.activate:
        changes["active"] = True
    with opened_database(args.db) as db:
        if args.no_team:
            changes["team_id"] = None
        elif args.team is not None:
            changes["team_id"] = _team_id(db, args)
        if not changes:
            raise UsageError("nothing to change: give at least one option (see agent set --help)")
        agent = update_agent(db, _find(db, args.code), changes, current_actor())
    state = "active" if agent.active else "inactive"
    print(f"{agent.name} ({agent.employee_code}), {agent.team or 'no team'}, {state}")
    return 0


def _deactivate(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import deactivate_agent

    with opened_database(args.db) as db:
        agent = deactivate_agent(db, _find(db, args.code), current_actor())
    print(f"{agent.name} ({agent.employee_code}) is inactive; their history is kept")
    return 0
