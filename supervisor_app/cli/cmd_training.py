"""``training course list|add``, ``training complete``, ``training due``: the training record.

A course may be required by queues; an agent skilled for such a queue must hold
it on the days they are scheduled (``schedule check`` says so otherwise).
Changes are audited.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from supervisor_app.cli.args import add_site_option, local_date
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.setup_common import add_format, emit, pick, site_id
from supervisor_app.domain.errors import UsageError

COURSE_COLUMNS = ("name", "valid_days", "required_by")
DUE_COLUMNS = ("employee_code", "agent", "course", "queues", "expires_on", "overdue")


def register(groups: CommandGroups) -> None:
    training = groups.top.add_parser("training", help="courses, completions, who is due (audited)")
    actions = training.add_subparsers(dest="training_command", metavar="ACTION", required=True)
    course = actions.add_parser("course", help="list or add courses")
    course_actions = course.add_subparsers(dest="course_command", metavar="ACTION", required=True)
    listing = course_actions.add_parser("list", help="every course and the queues requiring it")
    add_format(listing)
    add = course_actions.add_parser("add", help="add a course")
    add.add_argument("course_name", metavar="NAME")
    add.add_argument("--valid-days", type=int, help="days a completion holds (default: for good)")
    add.add_argument(
        "--requires", metavar="QUEUE", nargs="+", default=[], help="queues that require it"
    )
    add_site_option(add)
    done = actions.add_parser("complete", help="record that an agent completed a course")
    done.add_argument("code", metavar="CODE", help="the agent's employee code")
    done.add_argument("course_name", metavar="COURSE")
    done.add_argument("--on", type=local_date, default=None, help="the day (default today)")
    due = actions.add_parser("due", help="agents whose required training is missing or expiring")
    due.add_argument("--within", type=int, default=30, help="days ahead (default 30)")
    due.add_argument("--today", type=local_date, default=None, help=argparse.SUPPRESS)
    add_site_option(due)
    add_format(due)
    groups.add("training", "course", _course)
    groups.add("training", "complete", _complete)
    groups.add("training", "due", _due)


def _course(args: argparse.Namespace) -> int:
    """``training course list|add``: one more level of actions under ``course``."""
    return {"list": _list_courses, "add": _add_course}[args.course_command](args)


def _list_courses(args: argparse.Namespace) -> int:
    from supervisor_app.services.people import list_courses

    with opened_database(args.db, upgrade=False) as db:
        rows = [
            {"name": c.name, "valid_days": c.valid_days, "required_by": ", ".join(c.queues)}
            for c in list_courses(db)
        ]
    emit(rows, COURSE_COLUMNS, args.format)
    return 0


def _add_course(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.people import add_course
    from supervisor_app.services.setup import list_queues

    with opened_database(args.db) as db:
        queues = list_queues(db, site_id(db, args.site)) if args.requires else []
        ids = [int(pick(queues, q, "queue", lambda r: r.name).id) for q in args.requires]
        course = add_course(db, args.course_name, args.valid_days, ids, current_actor())
    held = f"{course.valid_days} days" if course.valid_days else "for good"
    required = ", ".join(course.queues) or "no queue"
    print(f"added course {course.name}: holds {held}; required by {required}")
    return 0


def _complete(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.people import list_courses, record_completion
    from supervisor_app.services.setup import list_agents

    with opened_database(args.db) as db:
        agent = pick(list_agents(db), args.code, "agent with employee code", _code)
        course = pick(list_courses(db), args.course_name, "course", lambda c: c.name)
        on = args.on or date.today()
        expires = record_completion(db, int(agent.id), course.id, on, current_actor())
    until = f"holds until {expires:%Y-%m-%d}" if expires else "holds for good"
    print(f"{agent.name} completed {course.name} on {on:%Y-%m-%d}: {until}")
    return 0


def _due(args: argparse.Namespace) -> int:
    from supervisor_app.services.people import training_due
    from supervisor_app.services.sites import resolve_site_or_all

    if not 0 <= args.within <= 366:
        raise UsageError(f"--within {args.within} refused: 0 to 366 days")
    with opened_database(args.db, upgrade=False) as db:
        site = resolve_site_or_all(db, args.site)
        due = training_due(db, args.today or date.today(), args.within, site_id=site)
    rows = [
        {
            "employee_code": d.employee_code,
            "agent": d.agent,
            "course": d.course,
            "queues": ", ".join(d.queues),
            "expires_on": d.expires_on.isoformat() if d.expires_on else "never completed",
            "overdue": d.overdue,
        }
        for d in due
    ]
    emit(rows, DUE_COLUMNS, args.format)
    return 0


def _code(agent: Any) -> str:
    return str(agent.employee_code)
