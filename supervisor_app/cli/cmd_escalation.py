"""``escalation list`` and ``escalation add``: the escalations list, and raising one by hand."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from supervisor_app.cli.args import add_site_option
from supervisor_app.cli.list_text import LIST_FORMATS, render_rows
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import PROG, CommandGroups
from supervisor_app.domain.enums import EscalationStatus
from supervisor_app.domain.escalation_fields import DEFAULT_PRIORITY, PRIORITIES

if TYPE_CHECKING:
    from supervisor_app.services.live import EscalationRow

COLUMNS = (
    "id",
    "created_at",
    "queue",
    "customer_ref",
    "priority",
    "status",
    "reason",
    "raised_by",
    "owner",
    "resolution",
)


def register(groups: CommandGroups) -> None:
    escalation = groups.top.add_parser("escalation", help="list escalations, or raise one")
    actions = escalation.add_subparsers(dest="escalation_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="escalations, newest first")
    listing.add_argument(
        "--status",
        choices=[s.value for s in EscalationStatus],
        help="only escalations in this state (default: all)",
    )
    listing.add_argument("--format", choices=LIST_FORMATS, default="table", help="default table")
    add_site_option(listing, allow_all=True)
    add = actions.add_parser(
        "add",
        help="raise an escalation by hand (audited; every console shows it)",
        description="Raises an open escalation for a customer who needs a supervisor. Every "
        "console's Escalations list shows it within the live refresh.",
    )
    add.add_argument("--queue", required=True, metavar="Q", help="the queue's name")
    add.add_argument(
        "--customer", required=True, metavar="REF", help="customer reference (account, ticket…)"
    )
    add.add_argument("--reason", required=True, metavar="TEXT", help="why (at most 200 characters)")
    add.add_argument(
        "--priority",
        choices=tuple(PRIORITIES),
        default=DEFAULT_PRIORITY,
        help=f"default {DEFAULT_PRIORITY}",
    )
    add.add_argument(
        "--site",
        metavar="NAME",
        help="the queue's site, when another site has a queue of that name",
    )
    groups.add("escalation", "list", _list)
    groups.add("escalation", "add", _add)


def as_record(row: EscalationRow) -> dict[str, Any]:
    from supervisor_app.domain.escalation_fields import priority_of

    return {
        "id": row.id,
        "created_at": row.created_at.isoformat(timespec="seconds"),
        "queue": row.queue_name,
        "customer_ref": row.customer_ref,
        "priority": priority_of(row.severity),
        "status": row.status.value,
        "reason": row.reason,
        "raised_by": row.raised_by,
        "owner": row.owner,
        "resolution": row.resolution,
    }


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.live import list_escalations
    from supervisor_app.services.sites import resolve_site_or_all

    status = None if args.status is None else EscalationStatus(args.status)
    with opened_database(args.db, upgrade=False) as db:
        site_id = resolve_site_or_all(db, args.site)
        rows = list_escalations(db, status, site_id=site_id)
    sys.stdout.write(render_rows([as_record(r) for r in rows], COLUMNS, args.format))
    return 0


def _add(args: argparse.Namespace) -> int:
    from supervisor_app.domain.escalation_fields import EscalationDraft
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.live import EscalationFieldError, check_draft, raise_escalation
    from supervisor_app.services.sites import resolve_site

    draft = EscalationDraft(args.queue, args.customer, args.reason, args.priority)
    try:
        check_draft(draft)  # before the database is opened: bad input writes nothing
        with opened_database(args.db) as db:
            # No --site: the queue's name alone says which, unless two sites share it.
            site_id = None if args.site is None else resolve_site(db, args.site)
            row = raise_escalation(db, draft, current_actor(), site_id=site_id)
    except EscalationFieldError as exc:
        print(f"{PROG}: error: --{exc.field}: {exc.reason}", file=sys.stderr)
        return 2
    print(f"escalation {row.id} raised on {row.queue_name} for {row.customer_ref}")
    return 0
