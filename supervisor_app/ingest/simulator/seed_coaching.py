"""The demo's coaching notes and restricted records: what a supervisor would have kept
over the seeded weeks, so the profile's log, the Live tab's follow-up alerts and the
review pack have something real to show.

Deterministic for (seed, until): about one agent in three gets one to three notes
over the last four weeks, some about a contact they took or a week of theirs; a few
follow-ups fall due today (the site's local day of ``until``), a few are overdue,
others come in the next days, and the older ones are done. Two agents get a
restricted record. Written through the same services a supervisor uses, so each
has its audit row.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain.people_records import RecordKind
from supervisor_app.services.database import Database
from supervisor_app.services.people import (
    add_note,
    add_record,
    contacts_answered_by,
    find_contact,
    mark_follow_up_done,
)
from supervisor_app.services.setup import list_agents, list_sites

AUTHOR = "demo-supervisor@floor"
SHARE = 3  # one agent in SHARE gets notes
# (topic, what was said, agreed actions)
TOPICS = (
    (
        "Hold times",
        "Holds of over two minutes on billing questions; the answers are in the "
        "knowledge base under Invoices.",
        "Search the knowledge base before holding; ask the floor walker after 60 s.",
    ),
    (
        "Call opening",
        "Greeting skipped the name and the recording notice on several calls.",
        "Use the opening script for a week; supervisor listens to five calls.",
    ),
    (
        "Wrap-up time",
        "After-call work averages well above the team's; notes are written in full sentences.",
        "Use the note templates; aim for under 45 s of wrap-up.",
    ),
    (
        "Adherence",
        "Back from breaks late on three days this fortnight.",
        "Set a reminder two minutes before each break ends.",
    ),
    (
        "Praise",
        "Calmed an angry caller and solved the issue on the first contact.",
        "Share the approach at the next team huddle.",
    ),
    (
        "Transfers",
        "Transfers to the wrong queue; the customer had to repeat everything.",
        "Review the routing guide; warm transfers only.",
    ),
    (
        "Customer survey",
        "Two low satisfaction scores mention not being listened to.",
        "Summarise the customer's issue back before answering.",
    ),
)
RECORDS = (
    (
        RecordKind.IMPROVEMENT_PLAN,
        "Adherence under 85 % for three weeks. Plan: weekly "
        "check-ins, break reminders, review after four weeks.",
    ),
    (RecordKind.WARNING, "Written warning: third unexcused absence this quarter."),
)


def seed_coaching(db: Database, until: datetime, seed: int) -> int:
    """Write the demo's notes and records; returns how many notes."""
    rng = random.Random(f"coaching-{seed}")
    zones = {s.id: ZoneInfo(s.timezone) for s in list_sites(db)}
    agents = [a for a in list_agents(db) if a.active and a.site_id in zones]
    chosen = agents[::SHARE]
    notes = 0
    for n, agent in enumerate(chosen):
        zone = zones[agent.site_id]  # type: ignore[index]
        today = until.astimezone(zone).date()
        for k in range(1 + rng.randrange(3)):
            topic, text, actions = TOPICS[rng.randrange(len(TOPICS))]
            days_ago = rng.randrange(1, 28) if k else rng.randrange(3, 12)
            day = today - timedelta(days=days_ago)
            noted_at = datetime.combine(day, time(9 + rng.randrange(8), rng.randrange(60)), zone)
            # a few first notes fall due today, the other first notes in the coming days;
            # older notes' follow-ups came a week or two after them (done, if past)
            if k == 0:
                follow = today + timedelta(days=0 if n % 5 == 0 else 1 + rng.randrange(6))
            else:
                follow = day + timedelta(days=7 + rng.randrange(7))
            contact = period = None
            if k == 1:
                refs = contacts_answered_by(db, agent.id, noted_at, 5)
                contact = find_contact(db, refs[-1]) if refs else None
            elif k == 2:
                period = (day - timedelta(days=7), day - timedelta(days=1))
            note = add_note(
                db,
                agent.id,
                topic=topic,
                text=text,
                actions=actions,
                actor=AUTHOR,
                follow_up_on=None if topic == "Praise" else follow,
                contact_id=contact,
                period=period,
                noted_at=noted_at,
            )
            notes += 1
            if topic != "Praise" and follow < today - timedelta(days=2):
                mark_follow_up_done(db, note, None, follow, AUTHOR)  # older ones were done
    for (kind, text), agent in zip(RECORDS, agents[1 :: max(1, len(agents) // 2)], strict=False):
        today = until.astimezone(zones[agent.site_id]).date()  # type: ignore[index]
        add_record(
            db,
            agent.id,
            kind,
            text,
            today - timedelta(days=10),
            AUTHOR,
            review_on=today + timedelta(days=18),
        )
    return notes
