"""``audit list [--entity E] [--since DATE]``: who changed what, when, before and after."""

from __future__ import annotations

import argparse

from supervisor_app.cli.args import local_date
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.setup_common import add_format, emit, refusals
from supervisor_app.domain.errors import UsageError

COLUMNS = ("at", "actor", "entity", "entity_id", "action", "before", "after")
TABLE_COLUMNS = ("at", "actor", "entity", "entity_id", "action", "change")


def register(groups: CommandGroups) -> None:
    audit = groups.top.add_parser("audit", help="the audit trail of changes people made")
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="changes, newest first")
    listing.add_argument("--entity", help="only this kind: site, queue, team, agent, skill…")
    listing.add_argument(
        "--since", type=local_date, metavar="DATE", help="from this UTC date, YYYY-MM-DD"
    )
    listing.add_argument(
        "--limit", type=int, default=1000, metavar="N", help="at most N rows (1000)"
    )
    add_format(listing)
    groups.add("audit", "list", refusals(_list))


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.setup import audit_entities, describe_change, list_audit

    if args.limit < 1:
        raise UsageError(f"--limit: {args.limit} refused: a whole number of rows, 1 or more")
    with opened_database(args.db, upgrade=False) as db:
        rows = list_audit(db, entity=args.entity, since=args.since, limit=args.limit)
        if args.entity and not rows:
            _check_entity(args.entity, audit_entities(db))
    out = [
        {
            "at": r.at.isoformat(),
            "actor": r.actor,
            "entity": r.entity,
            "entity_id": r.entity_id,
            "action": r.action,
            "before": r.before,
            "after": r.after,
            "change": describe_change(r),
        }
        for r in rows
    ]
    if args.format == "table":
        emit(out, TABLE_COLUMNS, "table")
    else:
        emit([{c: r[c] for c in COLUMNS} for r in out], COLUMNS, args.format)
    return 0


def _check_entity(entity: str, named: list[str]) -> None:
    """An ``--entity`` the trail has never named is most likely a typo ("agents"): say
    which it names rather than print an empty list that reads as "nothing changed"."""
    if named and entity not in named:
        raise UsageError(
            f"--entity: no change to {entity!r} is recorded; the audit trail names "
            + ", ".join(named)
        )
