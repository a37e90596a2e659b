"""The demo's training record: a few courses, the queues requiring them, and completions.

Made so the demo shows each case without drowning the schedule in red: every
active agent holds the courses their queues require, about one in eight of those
completions expires within the next 30 days (the due list has something to
show), and one agent skilled for a sales queue let Sales compliance expire ten
days ago, so the schedule's training rule flags their shifts on that queue.
Each completion is the last of a chain of renewals, each taken before the one
before it expired, back to before the history's first day, so past weeks are
covered too. Deterministic: the same roster and days give the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from supervisor_app.domain.training import expiry
from supervisor_app.services.database import Database
from supervisor_app.services.people import add_course
from supervisor_app.services.setup import list_agents, list_queues
from supervisor_app.services.writers.files import CompletionRow, write_completions

ACTOR = "demo seed"
EXPIRED_DAYS_AGO = 10
SOON_EVERY = 8  # one required completion in this many expires within 30 days
RENEW_EARLY_DAYS = 20  # a renewal is taken this many days before the last one expires


@dataclass(frozen=True, slots=True)
class DemoCourse:
    name: str
    valid_days: int | None
    required_by: str  # which queues: "all", or a word their name contains; "": none


COURSES = (
    DemoCourse("Data protection", 365, "all"),
    DemoCourse("Sales compliance", 180, "sales"),
    DemoCourse("Complaint handling", 730, "support"),
    DemoCourse("Email writing", None, ""),  # optional: taken by email agents, never expires
)


def _requires(course: DemoCourse, queue: str) -> bool:
    return course.required_by == "all" or (
        bool(course.required_by) and course.required_by in queue.casefold()
    )


def seed_training(db: Database, today: date, history_days: int) -> int:
    """Write the demo's courses and completions as of ``today``, holding since
    ``history_days`` before it; returns the completions written."""
    since = today - timedelta(days=history_days)
    queues = list_queues(db)
    ids = {}
    for course in COURSES:
        needing = [q.id for q in queues if _requires(course, q.name)]
        ids[course.name] = add_course(db, course.name, course.valid_days, needing, ACTOR).id
    agents = [a for a in list_agents(db) if a.active]
    agents.sort(key=lambda a: a.id)
    rows: list[CompletionRow] = []
    lapsed: int | None = None  # the one agent whose Sales compliance expired
    n = 0
    for i, agent in enumerate(agents):
        skilled = [s.queue.casefold() for s in agent.skills]
        for k, course in enumerate(COURSES):
            if course.required_by:
                if not any(_requires(course, q) for q in skilled):
                    continue
            elif not any("email" in q for q in skilled) or i % 2:
                continue
            if course.name == "Sales compliance" and lapsed is None:
                lapsed = agent.id
                done = today - timedelta(days=course.valid_days or 0) - timedelta(EXPIRED_DAYS_AGO)
            else:
                done = _completed(course, today, i, k, soon=n % SOON_EVERY == SOON_EVERY - 1)
                n += 1
            for day in _renewals(done, since, course.valid_days):
                rows.append(
                    CompletionRow(agent.id, ids[course.name], day, expiry(day, course.valid_days))
                )
    return write_completions(db, rows, ACTOR, None, source="demo seed")


def _renewals(last: date, since: date, valid_days: int | None) -> list[date]:
    """``last`` and the renewals before it, each taken ``RENEW_EARLY_DAYS`` before the
    previous one expired, until one was taken on or before ``since``."""
    days = [last]
    if valid_days is not None:
        step = timedelta(days=max(valid_days - RENEW_EARLY_DAYS, 1))
        while days[-1] > since:
            days.append(days[-1] - step)
    return days


def _completed(course: DemoCourse, today: date, i: int, k: int, *, soon: bool) -> date:
    """A completion day: expiring 5 to 29 days after ``today`` when ``soon``, else holding at
    least 60 more days (a course that never expires: some day in the last two years)."""
    spread = (i * 37 + k * 11) % 997
    if course.valid_days is None:
        return today - timedelta(days=1 + spread % 700)
    if soon:
        return today - timedelta(days=course.valid_days) + timedelta(days=5 + spread % 25)
    return today - timedelta(days=1 + spread % (course.valid_days - 60))
