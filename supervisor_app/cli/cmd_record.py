"""``record add|list|acknowledge``: restricted records about an agent (audited).

Warnings, improvement plans and other documentation, visible on a shared
PostgreSQL only to admins and the supervisors of the agent's team (the database
refuses everyone else, in one line: "restricted").
"""

from __future__ import annotations

import argparse
from datetime import date

from supervisor_app.cli.args import local_date
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.setup_common import add_format, emit

COLUMNS = ("id", "agent", "kind", "issued_on", "review_on", "acknowledged_on", "text")
KINDS = {"warning": "warning", "improvement-plan": "improvement_plan", "other": "other"}


def register(groups: CommandGroups) -> None:
    record = groups.top.add_parser(
        "record", help="restricted records: warnings, improvement plans (audited)"
    )
    actions = record.add_subparsers(dest="record_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a restricted record about an agent")
    add.add_argument("--agent", required=True, metavar="CODE", help="the agent's employee code")
    add.add_argument("--kind", required=True, choices=tuple(KINDS), help="what it is")
    add.add_argument("--text", required=True, help="what it says")
    add.add_argument("--issued", type=local_date, default=None, help="issued on (default today)")
    add.add_argument("--review", type=local_date, default=None, help="the review date")
    listing = actions.add_parser("list", help="the restricted records you may see")
    listing.add_argument("--agent", metavar="CODE", help="one agent's records")
    add_format(listing)
    ack = actions.add_parser("acknowledge", help="the day the agent acknowledged a record")
    ack.add_argument("record_id", metavar="ID", type=int, help="the record's id (record list)")
    ack.add_argument("--on", type=local_date, default=None, help="the day (default today)")
    groups.add("record", "add", _add)
    groups.add("record", "list", _list)
    groups.add("record", "acknowledge", _acknowledge)


def _add(args: argparse.Namespace) -> int:
    from supervisor_app.domain.people_records import RecordKind
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.people import add_record, find_agent

    issued = args.issued or date.today()
    with opened_database(args.db, upgrade=False) as db:
        agent_id, name = find_agent(db, args.agent)
        new = add_record(
            db,
            agent_id,
            RecordKind(KINDS[args.kind]),
            args.text,
            issued,
            current_actor(),
            review_on=args.review,
        )
    print(f"restricted record {new} ({args.kind}) for {name}, issued {issued:%Y-%m-%d}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.people import find_agent, list_records

    with opened_database(args.db, upgrade=False) as db:
        agent = find_agent(db, args.agent)[0] if args.agent else None
        records = list_records(db, agent)
    rows = [
        {
            "id": r.record_id,
            "agent": r.agent_name,
            "kind": r.kind.value.replace("_", "-"),
            "issued_on": r.issued_on.isoformat(),
            "review_on": r.review_on.isoformat() if r.review_on else "",
            "acknowledged_on": r.acknowledged_on.isoformat() if r.acknowledged_on else "",
            "text": r.text,
        }
        for r in records
    ]
    emit(rows, COLUMNS, args.format)
    return 0


def _acknowledge(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.people import acknowledge_record

    on = args.on or date.today()
    with opened_database(args.db, upgrade=False) as db:
        acknowledge_record(db, args.record_id, on, current_actor())
    print(f"restricted record {args.record_id}: acknowledged by the agent on {on:%Y-%m-%d}")
    return 0
