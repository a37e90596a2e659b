"""A made-up but plausible week for rendering and benchmarks: no database needed.

500 agents in 10 teams over 6 queues, London time (the week of Monday 30
November 2026), staggered 8.5-hour shifts Monday to Friday with two breaks and
a lunch, some weekend work, some time off, and a few deliberate rule breaks
(a missing lunch, a short rest) so violations show. Fixed seed.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain.enums import ActivityKind, ShiftStatus, TimeOffStatus
from supervisor_app.domain.schedule_types import (
    PlannedActivity,
    PlannedShift,
    RosterAgent,
    ScheduleWeek,
    TimeOffBand,
)

ZONE = "Europe/London"
MONDAY = date(2026, 11, 30)
TEAMS = (
    "Billing",
    "Claims",
    "Collections",
    "Onboarding",
    "Payments",
    "Renewals",
    "Retention",
    "Sales",
    "Support",
    "Tech",
)
QUEUES = ("Billing", "Claims", "General", "Sales", "Tech", "VIP")
FIRST = (
    "Ana",
    "Ben",
    "Chloé",
    "Dev",
    "Elif",
    "Femi",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kemal",
    "Lea",
    "Mia",
    "Noor",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sami",
    "Tariq",
)
LAST = (
    "Adams",
    "Baker",
    "Costa",
    "Dubois",
    "Evans",
    "Fischer",
    "García",
    "Hughes",
    "Ivanova",
    "Jensen",
    "Khan",
    "Lopez",
    "Moreau",
    "Novak",
    "Okafor",
    "Patel",
    "Rossi",
    "Silva",
    "Tanaka",
    "Weber",
)


def local(day: int, minutes: int) -> datetime:
    moment = datetime.combine(MONDAY + timedelta(days=day), time(0), tzinfo=ZoneInfo(ZONE))
    return (moment + timedelta(minutes=minutes)).astimezone(UTC)


def shift_on(
    agent_id: int,
    day: int,
    start: int,
    *,
    lunch: bool = True,
    status: ShiftStatus = ShiftStatus.DRAFT,
) -> PlannedShift:
    s, e = local(day, start), local(day, start + 510)
    acts = [
        PlannedActivity(ActivityKind.BREAK, s + timedelta(minutes=120), s + timedelta(minutes=135)),
        PlannedActivity(ActivityKind.BREAK, s + timedelta(minutes=390), s + timedelta(minutes=405)),
    ]
    if lunch:
        acts.append(
            PlannedActivity(
                ActivityKind.LUNCH, s + timedelta(minutes=240), s + timedelta(minutes=270)
            )
        )
    return PlannedShift(
        agent_id, s, e, tuple(sorted(acts, key=lambda a: a.starts_at)), status=status
    )


def week_of(agents: int = 500, seed: int = 7) -> ScheduleWeek:
    rng = random.Random(seed)
    roster, shifts, off = [], [], []
    for i in range(1, agents + 1):
        name = f"{FIRST[(i * 3 + i // 10) % len(FIRST)]} {LAST[(i * 13 + i // 20) % len(LAST)]}"
        skills = tuple(sorted(rng.sample(QUEUES, rng.randint(1, 3))))
        roster.append(RosterAgent(i, name, TEAMS[i % len(TEAMS)], skills, 40.0, 21.0))
        start = 420 + 30 * rng.randint(0, 10)  # 07:00 to 12:00
        days = [0, 1, 2, 3, 4] if i % 4 else [1, 2, 3, 4, 5]
        if i % 20 == 0:  # Thursday and Friday off (every fifth of them still planned Thursday)
            days = [d for d in days if d not in (3, 4) or (d == 3 and i % 100 == 0)]
            off.append(
                TimeOffBand(
                    i, local(3, 0), local(5, 0), TimeOffStatus.APPROVED, "Holiday", id=i, version=1
                )
            )
        if i % 33 == 0:
            off.append(
                TimeOffBand(
                    i,
                    local(4, 0),
                    local(5, 0),
                    TimeOffStatus.REQUESTED,
                    "Dentist",
                    id=1000 + i,
                    version=1,
                )
            )
        for d in days:
            late = 600 if (i % 47 == 0 and d == 2) else 0  # late one day: a short rest the next
            status = ShiftStatus.PUBLISHED if i % 3 == 0 else ShiftStatus.DRAFT
            shifts.append(
                shift_on(i, d, start + late, lunch=not (i % 29 == 0 and d == 1), status=status)
            )
    return ScheduleWeek(MONDAY, ZONE, 15, tuple(roster), tuple(shifts), tuple(off))
