"""``skill set|remove AGENT QUEUE``: an agent's skill on a queue, with proficiency 1-10."""

from __future__ import annotations

import argparse

from supervisor_app.cli.args import add_site_option
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.setup_common import add_field_options, pick, refusals, site_id


def register(groups: CommandGroups) -> None:
    skill = groups.top.add_parser("skill", help="give or take an agent's skill (audited)")
    actions = skill.add_subparsers(dest="skill_command", metavar="ACTION", required=True)
    give = actions.add_parser("set", help="give the skill, or change its proficiency")
    take = actions.add_parser("remove", help="take the skill away")
    for parser in (give, take):
        parser.add_argument("agent", metavar="AGENT", help="the agent's employee code")
        parser.add_argument("queue", metavar="QUEUE", help="the queue's name")
        add_site_option(parser)
    add_field_options(give, "skill", ["proficiency"])
    groups.add("skill", "set", refusals(_set))
    groups.add("skill", "remove", refusals(_remove))


def _targets(db: object, args: argparse.Namespace) -> tuple[int, int, str, str]:
    from supervisor_app.services.setup import list_agents, list_queues

    agent = pick(
        list_agents(db),
        args.agent,
        "agent with employee code",  # type: ignore[arg-type]
        lambda a: a.employee_code,
        plural="employee codes",
    )
    queue = pick(
        list_queues(db, site_id(db, args.site)),
        args.queue,
        "queue",  # type: ignore[arg-type]
        lambda q: q.name,
    )
    return agent.id, queue.id, agent.name, queue.name


def _set(args: argparse.Namespace) -> int:
    from supervisor_app.domain.setup_fields import field
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import set_skill

    level = field("skill", "proficiency").parse(args.f_proficiency or "5")
    with opened_database(args.db) as db:
        agent_id, queue_id, agent, queue = _targets(db, args)
        changed = set_skill(db, [agent_id], queue_id, level, current_actor())
    print(f"{agent}: {queue} at proficiency {level}" + ("" if changed else " (unchanged)"))
    return 0


def _remove(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import remove_skill

    with opened_database(args.db) as db:
        agent_id, queue_id, agent, queue = _targets(db, args)
        removed = remove_skill(db, [agent_id], queue_id, current_actor())
    print(f"{agent}: {queue} removed" if removed else f"{agent} had no {queue} skill")
    return 0
