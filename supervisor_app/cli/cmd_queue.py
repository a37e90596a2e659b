"""``queue list|add|set``: a site's queues, their targets, planning and alert limits.

Targets (service-level %, answer threshold, short abandons) are effective-dated:
``--from DATE`` says from which local date they apply (default today at the site).
"""

from __future__ import annotations

import argparse
from typing import Any

from supervisor_app.cli.args import add_site_option, local_date
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
from supervisor_app.domain.setup_fields import QUEUE_FIELDS

EDITABLE = tuple(f.name for f in QUEUE_FIELDS)
# a list shows every field a user may set, with the site after the name and the state last
COLUMNS = ("name", "site", *EDITABLE[1:], "active")


def register(groups: CommandGroups) -> None:
    queue = groups.top.add_parser("queue", help="list, add or change queues (audited)")
    actions = queue.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    add_list_parser(actions, "the site's queues with targets and limits", every_site=True)
    add = actions.add_parser(
        "add",
        help="add a queue (80 %% in 20 s unless given; edit it afterwards with queue set)",
    )
    add.add_argument("queue_name", metavar="NAME")
    add_site_option(add)
    add_field_options(add, "queue", [n for n in EDITABLE if n != "name"])
    change = actions.add_parser(
        "set", help="change a queue; targets apply from --from DATE (default today)"
    )
    change.add_argument("queue_name", metavar="NAME")
    add_site_option(change)
    add_field_options(change, "queue", EDITABLE)
    change.add_argument(
        "--from",
        dest="effective_from",
        type=local_date,
        metavar="DATE",
        help="first local date the new target, threshold or short-abandon time applies "
        "(default today at the site); history before it keeps the old values",
    )
    state = change.add_mutually_exclusive_group()
    state.add_argument("--deactivate", action="store_true", help="stop using the queue")
    state.add_argument("--activate", action="store_true", help="use the queue again")
    groups.add("queue", "list", refusals(_list))
    groups.add("queue", "add", refusals(_add))
    groups.add("queue", "set", refusals(_set))


def row(record: Any) -> dict[str, Any]:
    return {c: getattr(record, c) for c in COLUMNS}


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.setup import list_queues

    with opened_database(args.db, upgrade=False) as db:
        wanted = listed_site_id(db, args)
        rows = [row(r) for r in list_queues(db, wanted)]
    emit(rows, COLUMNS, args.format)
    return 0


def _add(args: argparse.Namespace) -> int:
    from supervisor_app.domain.setup_fields import field, require
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import add_queue

    values = {"name": field("queue", "name").parse(args.queue_name)}
    values |= field_values(args, "queue", EDITABLE)
    require("queue", values, ["channel"])
    with opened_database(args.db) as db:
        queue = add_queue(db, site_id(db, args.site), values, current_actor())
    print(
        f"added queue {queue.name} at {queue.site}: {queue.sl_target_percent:g} % in "
        f"{queue.threshold_seconds} s"
    )
    return 0


def _set(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.setup import list_queues, update_queue

    changes: dict[str, Any] = field_values(args, "queue", EDITABLE)
    if args.deactivate or args.activate:
        changes["active"] = bool(args.activate)
    if not changes:
        raise UsageError("nothing to change: give at least one option (see queue set --help)")
    with opened_database(args.db) as db:
        seen = pick(
            list_queues(db, site_id(db, args.site)), args.queue_name, "queue", lambda q: q.name
        )
        queue = update_queue(db, seen, changes, current_actor(), args.effective_from)
    state = "" if queue.active else " (inactive)"
    print(
        f"{queue.name} at {queue.site}{state}: {queue.sl_target_percent:g} % in "
        f"{queue.threshold_seconds} s, short abandons up to {queue.short_abandon_seconds} s"
        + _dated(changes, args.effective_from)
    )
    return 0


def _dated(changes: dict[str, Any], effective_from: Any) -> str:
    """``; from 2027-01-01: answer threshold 25 s``: a change dated ahead (or before a
    later change) leaves today's values above as they are, so say what it sets."""
    from supervisor_app.domain.setup_fields import DATED_QUEUE_FIELDS, field

    dated = sorted(DATED_QUEUE_FIELDS & changes.keys())
    if effective_from is None or not dated:
        return ""
    items = (field("queue", k) for k in dated)
    said = ", ".join(
        f"{f.label[0].lower()}{f.label[1:]} {changes[f.name]:g} {f.unit}" for f in items
    )
    return f"; from {effective_from}: {said}"
