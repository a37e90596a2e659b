"""The Live view's benchmark database: 2,000 agents, 100 queues, ~1M contacts, 300 waiting.

Built with the demo simulator's own pieces (roster, day-by-day history, bulk
writer), not ``seed_demo``: that command caps queues at 50 and stops at last
midnight, while the benchmark wants 100 queues and a floor that is busy at the
moment it measures. That moment is pinned (``pinned_now``): one minute before
midnight at the end of a Monday, the busiest weekday of the demand profiles, so
"today so far" is a whole busy day, the worst case, whatever the hour the
benchmark runs. The simulation runs through the end of that day and every row
is then cut at the pinned moment: later arrivals are dropped, later answers, ends, wrap-ups,
state changes and escalation steps are undone (the rows are still open), and
the open state span of each agent is the one the clock is in. Contacts waiting
at that moment are then topped up to ``WAITING`` with fresh arrivals from the
last few minutes (source ``bench-waiting``). Today's published shifts come with
the simulated plan.

Building takes a minute or two (1.09M contacts, 2.8M state spans); on a database
that already holds contacts ``big_live_database`` builds nothing, so a runner can
keep the file (or PostgreSQL database) between runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import select

from supervisor_app.ingest.simulator.history import simulate_history
from supervisor_app.ingest.simulator.roster import ONE_SITE, build_roster
from supervisor_app.services.database import Database, open_database, upgrade_database
from supervisor_app.services.kpi import keep_summaries
from supervisor_app.services.writers.simulation import RowBatch, SeedWriter
from supervisor_app.store import bulk
from supervisor_app.store.models import Contact

AGENTS = 2_000
QUEUES = 100
# The simulator makes ~36 contacts per agent-day (weekends fewer): 14 days of
# 2,000 agents plus today so far come to about a million.
DAYS = 14
WAITING = 300
SEED = 20_261_125
AHEAD_DAYS = 6
SOURCE = "bench-waiting"


# A Monday: the demand profiles' busiest weekday. Fixed, so the database is the same
# whichever day it is built.
PINNED_DAY = date(2026, 11, 30)


def pinned_now() -> datetime:
    """The moment the benchmark floor stands at: 23:59 local at the end of ``PINNED_DAY``."""
    local = datetime.combine(PINNED_DAY, time(23, 59), ZoneInfo(ONE_SITE.timezone))
    return local.astimezone(UTC)


def big_live_database(url: str, *, now: datetime | None = None) -> None:
    """Make ``url`` (an empty database, or one this built before) the benchmark database,
    cut at ``now`` (default ``pinned_now()``)."""
    upgrade_database(url)  # as the owner would: a console never migrates PostgreSQL
    db = open_database(url)
    try:
        if not _already_built(db):
            cut = (now or pinned_now()).timestamp()
            _build(db, cut)
            _analyze(db)
            # As the live writer keeps them when each day ends (ingest.simulator.live).
            keep_summaries(db, now=datetime.fromtimestamp(cut, UTC))
        _analyze(db)
    finally:
        db.close()


def _analyze(db: Database, *, force: bool = False) -> None:
    """Give PostgreSQL's planner statistics now rather than whenever autovacuum gets to it.

    Right after a bulk load it has none, and guesses badly (minutes, not
    milliseconds, for some queries). SQLite is left as the application finds
    it: nothing runs ``ANALYZE`` there.
    """
    if db.dialect != "postgresql":
        return
    with db.engine.connect() as conn:
        analyzed = conn.exec_driver_sql(
            "SELECT COALESCE(last_analyze, last_autoanalyze) FROM pg_stat_user_tables "
            "WHERE relname = 'contacts'"
        ).scalar()
    if analyzed is None or force:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")


def _already_built(db: Database) -> bool:
    """A database with contacts is taken as built (a seed refuses one anyway)."""
    with db.sessions() as session:
        return session.scalar(select(Contact.id).limit(1)) is not None


def _build(db: Database, cut: float) -> None:
    rng = np.random.default_rng(SEED)
    with SeedWriter(db) as writer:
        roster = build_roster(AGENTS, QUEUES, SEED, writer.reserve_ids)
        writer.write_roster(roster)
        today = datetime.fromtimestamp(cut, ZoneInfo(roster.timezone)).date()
        waiting = 0
        for chunk in simulate_history(
            roster,
            seed=SEED,
            first_day=today - timedelta(days=DAYS),
            days=DAYS + 1,
            ahead_days=AHEAD_DAYS,
            reserve_ids=writer.reserve_ids,
        ):
            for batch in chunk.batches:
                kept = _cut(batch, cut)
                if kept is not None and len(kept):
                    writer.write(kept)
                    if kept.table == "contacts":
                        waiting += _waiting(kept)
        queue_ids = np.array([q.id for q in roster.queues])
        writer.write(_waiting_contacts(max(WAITING - waiting, 0), cut, queue_ids, writer, rng))


def _arrays(batch: RowBatch) -> dict[str, np.ndarray]:
    out = {}
    for name, column in batch.columns.items():
        values = np.asarray(column)
        out[name] = values.astype(object) if values.dtype.kind in "UOb" else values
    return out


def _cut(batch: RowBatch, cut: float) -> RowBatch | None:
    """The batch as it stood at ``cut`` (epoch seconds), or None if nothing of it existed."""
    rule = _RULES.get(batch.table)
    if rule is None or not len(batch):
        return batch
    return rule(_arrays(batch), cut)


def _later(values: np.ndarray, cut: float) -> np.ndarray:
    return ~np.isnan(values) & (values > cut)


def _cut_contacts(c: dict[str, np.ndarray], cut: float) -> RowBatch:
    keep = c["arrived_at"] <= cut
    c = {k: v[keep] for k, v in c.items()}
    c["agent_id"] = c["agent_id"].astype(object)
    unanswered = _later(c["answered_at"], cut)
    c["answered_at"][unanswered] = np.nan
    c["agent_id"][unanswered] = None
    open_ = unanswered | _later(c["ended_at"], cut)
    c["ended_at"][open_] = np.nan
    c["outcome"][open_] = None
    c["escalated"] = np.where(open_, False, c["escalated"]).astype(bool)
    c["wrap_ended_at"][open_ | _later(c["wrap_ended_at"], cut)] = np.nan
    return RowBatch("contacts", c)


def _cut_spans(c: dict[str, np.ndarray], cut: float) -> RowBatch:
    keep = c["started_at"] <= cut
    c = {k: v[keep] for k, v in c.items()}
    c["ended_at"][_later(c["ended_at"], cut)] = np.nan
    return RowBatch("agent_state_spans", c)


def _cut_surveys(c: dict[str, np.ndarray], cut: float) -> RowBatch:
    keep = ~_later(c["answered_at"], cut)
    return RowBatch("survey_responses", {k: v[keep] for k, v in c.items()})


def _cut_escalations(c: dict[str, np.ndarray], cut: float) -> RowBatch:
    keep = ~np.isnan(c["created_at"]) & (c["created_at"] <= cut)
    c = {k: v[keep] for k, v in c.items()}
    untaken = _later(c["taken_at"], cut)
    unresolved = untaken | _later(c["resolved_at"], cut)
    c["status"][unresolved] = "taken"
    c["status"][untaken] = "open"
    c["owner"][untaken] = None
    c["taken_at"][untaken] = np.nan
    c["resolved_at"][unresolved] = np.nan
    c["resolution"][unresolved] = None
    return RowBatch("escalations", c)


_RULES: dict[str, Callable[[dict[str, np.ndarray], float], RowBatch]] = {
    "contacts": _cut_contacts,
    "agent_state_spans": _cut_spans,
    "survey_responses": _cut_surveys,
    "escalations": _cut_escalations,
}


def _waiting(contacts: RowBatch) -> int:
    answered = np.asarray(contacts.columns["answered_at"], dtype=float)
    ended = np.asarray(contacts.columns["ended_at"], dtype=float)
    return int(np.count_nonzero(np.isnan(answered) & np.isnan(ended)))


def _waiting_contacts(
    n: int, cut: float, queue_ids: np.ndarray, writer: SeedWriter, rng: np.random.Generator
) -> RowBatch:
    """``n`` callers who arrived in the last five minutes and are still waiting."""
    first = writer.reserve_ids("contacts", n) if n else 0
    arrived = np.sort(cut - rng.uniform(0.0, 300.0, size=n))
    nothing = np.full(n, np.nan)
    return RowBatch(
        "contacts",
        {
            "id": np.arange(first, first + n),
            "queue_id": rng.choice(queue_ids, size=n),
            "source": [SOURCE] * n,
            "external_id": [f"wait-{i:04d}" for i in range(n)],
            "customer_ref": [f"W{i:06d}" for i in range(n)],
            "arrived_at": arrived,
            "answered_at": nothing,
            "ended_at": nothing,
            "wrap_ended_at": nothing,
            "outcome": [None] * n,
            "agent_id": [None] * n,
            "escalated": [False] * n,
        },
    )


# The 10-million-contact floor: the same, with its history copied further back.
TEN_MILLION = 10_000_000


def ten_million_database(url: str) -> None:
    """Make ``url`` the benchmark floor with at least ``TEN_MILLION`` contacts.

    Built set-based, minutes not an hour: the floor of ``big_live_database``, then
    its history before the pinned day copied whole, shifted back by
    ``DAYS + 1`` days a copy, with ``INSERT … SELECT`` (secondary indexes and the
    version triggers dropped for the load and rebuilt after, in one transaction).
    Today's contacts are not copied: the pinned day stays the same busy Monday.
    """
    big_live_database(url)
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            total = conn.exec_driver_sql("SELECT count(*) FROM contacts").scalar_one()
            if total >= TEN_MILLION:
                return
            _copy_history(conn, total)
            conn.commit()
        _analyze(db, force=True)
    finally:
        db.close()


def _copy_history(conn: Any, total: int) -> None:
    day_start = datetime.combine(PINNED_DAY, time(0), ZoneInfo(ONE_SITE.timezone))
    cut = day_start.astimezone(UTC).replace(tzinfo=None)
    pg = conn.dialect.name == "postgresql"
    mark = "%(cut)s" if pg else "?"
    history = conn.exec_driver_sql(
        f"SELECT count(*), max(id) FROM contacts WHERE arrived_at < {mark}",
        {"cut": cut} if pg else (cut.isoformat(" "),),
    ).one()
    copies = -(-(TEN_MILLION - total) // history[0])
    top = conn.exec_driver_sql("SELECT max(id) FROM contacts").scalar_one()
    tables = [Contact.__table__]
    restore = bulk.drop_checks(conn, tables)  # type: ignore[list-item]
    triggers = _drop_live_triggers(conn)
    for k in range(1, copies + 1):
        days = k * (DAYS + 1)
        if pg:
            shift = {c: f"{c} - interval '{days} days'" for c in _TIMES}
        else:
            shift = {
                c: f"strftime('%Y-%m-%d %H:%M:%S', substr({c}, 1, 19), '-{days} days') "
                f"|| substr({c}, 20)"
                for c in _TIMES
            }
        head = ["id", "queue_id", "source", "external_id", "customer_ref"]
        tail = ["outcome", "agent_id", "escalated"]
        columns = ", ".join([*head, *_TIMES, *tail])
        copied = [f"id + {k * top}", "queue_id", "source", f"external_id || '~{k}'"]
        values = ", ".join([*copied, "customer_ref", *shift.values(), *tail])
        conn.exec_driver_sql(
            f"INSERT INTO contacts ({columns}) SELECT {values} FROM contacts "
            f"WHERE arrived_at < {mark} AND id <= {top}",
            {"cut": cut} if pg else (cut.isoformat(" "),),
        )
    for sql in triggers:
        conn.exec_driver_sql(sql)
    bulk.restore_checks(conn, restore)
    if pg:
        bulk.reset_id_sequences(conn, tables)  # type: ignore[arg-type]


_TIMES = ("arrived_at", "answered_at", "ended_at", "wrap_ended_at")


def _drop_live_triggers(conn: Any) -> list[str]:
    """Drop the live view's version triggers on ``contacts``; return the DDL to restore them.

    The copies are history, months before the pinned day: no quarter-hour the
    live view keeps is touched.
    """
    if conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql(
            "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "
            "AND c.relname = 'contacts' AND t.tgname LIKE 'live\\_b\\_%%'"
        ).all()
        for name, _ in rows:
            conn.exec_driver_sql(f"DROP TRIGGER {name} ON contacts")
    else:
        rows = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'contacts' AND name LIKE 'live_b_%'"
        ).all()
        for name, _ in rows:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
    return [sql for _, sql in rows]
