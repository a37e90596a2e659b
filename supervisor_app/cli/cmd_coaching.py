"""``coaching add|list|done``: coaching notes about an agent, their follow-ups (audited).

A note may be about one contact (``--contact`` its external id) or one period
(``--period FROM TO``). ``coaching list --due`` lists the follow-ups due by today
and not done, which the Live tab's alerts show too; ``coaching done ID`` marks one
done. Bad input is one line naming the option (exit 2).
"""

from __future__ import annotations

import argparse
from datetime import date

from supervisor_app.cli.args import local_date
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.setup_common import add_format, emit

COLUMNS = (
    "id",
    "noted_at",
    "agent",
    "author",
    "topic",
    "text",
    "actions",
    "follow_up_on",
    "followed_up_on",
    "about",
)


def register(groups: CommandGroups) -> None:
    coaching = groups.top.add_parser("coaching", help="coaching notes and follow-ups (audited)")
    actions = coaching.add_subparsers(dest="coaching_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="note a coaching conversation with an agent")
    add.add_argument("--agent", required=True, metavar="CODE", help="the agent's employee code")
    add.add_argument("--topic", required=True, help="what it was about, in a few words")
    add.add_argument("--text", required=True, help="what was said")
    add.add_argument("--actions", default="", help="the actions agreed")
    add.add_argument("--follow-up", type=local_date, metavar="DATE", help="when to follow up")
    about = add.add_mutually_exclusive_group()
    about.add_argument("--contact", metavar="EXTERNAL_ID", help="the contact it is about")
    about.add_argument(
        "--period", nargs=2, type=local_date, metavar=("FROM", "TO"), help="the days it is about"
    )
    listing = actions.add_parser("list", help="coaching notes, newest first")
    listing.add_argument("--agent", metavar="CODE", help="one agent's notes")
    listing.add_argument("--due", action="store_true", help="only follow-ups due and not done")
    listing.add_argument("--today", type=local_date, default=None, help=argparse.SUPPRESS)
    add_format(listing)
    done = actions.add_parser("done", help="mark a note's follow-up done")
    done.add_argument("note_id", metavar="ID", type=int, help="the note's id (coaching list)")
    done.add_argument("--on", type=local_date, default=None, help="the day (default today)")
    groups.add("coaching", "add", _add)
    groups.add("coaching", "list", _list)
    groups.add("coaching", "done", _done)


def _add(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.people import add_note, find_agent, find_contact

    with opened_database(args.db, upgrade=False) as db:
        agent_id, name = find_agent(db, args.agent)
        contact = find_contact(db, args.contact) if args.contact else None
        note = add_note(
            db,
            agent_id,
            topic=args.topic,
            text=args.text,
            actions=args.actions,
            actor=current_actor(),
            follow_up_on=args.follow_up,
            contact_id=contact,
            period=tuple(args.period) if args.period else None,
        )
    follow = f"; follow up on {args.follow_up:%Y-%m-%d}" if args.follow_up else ""
    print(f"coaching note {note} for {name}{follow}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.people import find_agent, list_notes

    with opened_database(args.db, upgrade=False) as db:
        agent = find_agent(db, args.agent)[0] if args.agent else None
        due = (args.today or date.today()) if args.due else None
        notes = list_notes(db, agent, due_on=due)
    rows = [
        {
            "id": n.note_id,
            "noted_at": n.noted_at.strftime("%Y-%m-%d %H:%M UTC"),
            "agent": n.agent_name,
            "author": n.author,
            "topic": n.topic,
            "text": n.text,
            "actions": n.actions,
            "follow_up_on": n.follow_up_on.isoformat() if n.follow_up_on else "",
            "followed_up_on": n.followed_up_on.isoformat() if n.followed_up_on else "",
            "about": _about(n.contact_ref, n.period_start, n.period_end),
        }
        for n in notes
    ]
    emit(rows, COLUMNS, args.format)
    return 0


def _about(contact: str | None, start: date | None, end: date | None) -> str:
    if contact:
        return f"contact {contact}"
    if start and end:
        return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
    return ""


def _done(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.people import mark_follow_up_done

    on = args.on or date.today()
    with opened_database(args.db, upgrade=False) as db:
        mark_follow_up_done(db, args.note_id, None, on, current_actor())
    print(f"coaching note {args.note_id}: follow-up done on {on:%Y-%m-%d}")
    return 0
