"""KPI rollups: per local day summaries of the KPI history, and the day versions that guard them.

Every table that feeds a KPI has database triggers (``rollup_trigger_ddl``)
that bump ``kpi_day_versions`` for each UTC day a written row touches (old and
new values; an open state span reaches today), whoever writes: the app, an
import, the simulator or a ``psql`` user. SQLite's are row triggers; PostgreSQL's
statement triggers with transition tables bump the days from the statement's
first to its last. A trigger only bumps version rows that exist: a day gets its
row when a rollup first depends on it (``services.kpi_rollup_store``
explains why no write is missed), so writes to days nobody rolled up cost an
index probe. A rollup day records the sum of the versions it depends on;
versions only grow, so the sum changes whenever one is bumped and the day is
rebuilt. Day ``-1`` stands for every day: a change of the site's zone bumps it.
A queue's targets are effective-dated (``queue_targets``): a row written,
changed or removed bumps the UTC days of the local days it governs, from its
``effective_from`` to the queue's next row (``_dated_*``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Connection,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    inspect,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from supervisor_app.store.base import Base

EVERY_DAY = -1  # the version row every rollup depends on


class KpiDayVersion(Base):
    __tablename__ = "kpi_day_versions"

    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # UTC
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class KpiRollupDay(Base):
    """One site's local day's rollup and what it was built from (UTC days
    ``dep_first..dep_last``). Each site keeps its days in its own zone."""

    __tablename__ = "kpi_rollup_days"

    site_id: Mapped[int] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    dep_first: Mapped[int] = mapped_column(Integer)
    dep_last: Mapped[int] = mapped_column(Integer)
    version_sum: Mapped[int] = mapped_column(BigInteger)


class KpiRollupContacts(Base):
    """Contact sums of one local day at a grain: 0 = (quarter-hour, queue), 1 = (queue, agent).

    At grain 1 ``agent_id`` is the answering agent, None for contacts nobody answered.
    ``waits`` and ``handles`` are the group's answer waits and handle times, sorted,
    as little-endian float64 bytes (for exact percentiles of any union of groups).
    """

    __tablename__ = "kpi_rollup_contacts"
    __table_args__ = (
        ForeignKeyConstraint(
            ["site_id", "day"],
            ["kpi_rollup_days.site_id", "kpi_rollup_days.day"],
            ondelete="CASCADE",
        ),
        Index("ix_kpi_rollup_contacts_site_day_grain", "site_id", "day", "grain"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(Integer)
    day: Mapped[date] = mapped_column(Date)
    grain: Mapped[int] = mapped_column(SmallInteger)
    bucket: Mapped[int] = mapped_column(Integer)  # quarter-hour of the local day; −1 at grain 1
    queue_id: Mapped[int] = mapped_column(Integer)
    agent_id: Mapped[int | None] = mapped_column(Integer)
    offered: Mapped[int] = mapped_column(Integer)
    answered: Mapped[int] = mapped_column(Integer)
    abandoned: Mapped[int] = mapped_column(Integer)
    short_abandoned: Mapped[int] = mapped_column(Integer)
    abandoned_after_threshold: Mapped[int] = mapped_column(Integer)
    answered_within_threshold: Mapped[int] = mapped_column(Integer)
    timed_out: Mapped[int] = mapped_column(Integer)
    transferred: Mapped[int] = mapped_column(Integer)
    escalated: Mapped[int] = mapped_column(Integer)
    answer_wait_seconds: Mapped[float] = mapped_column(Float)
    handled: Mapped[int] = mapped_column(Integer)
    handle_seconds: Mapped[float] = mapped_column(Float)
    longest_wait_seconds: Mapped[float | None] = mapped_column(Float)
    csat_satisfied: Mapped[int] = mapped_column(Integer)
    csat_responses: Mapped[int] = mapped_column(Integer)
    nps_promoters: Mapped[int] = mapped_column(Integer)
    nps_detractors: Mapped[int] = mapped_column(Integer)
    nps_responses: Mapped[int] = mapped_column(Integer)
    fcr_resolved: Mapped[int] = mapped_column(Integer)
    fcr_handled: Mapped[int] = mapped_column(Integer)
    waits: Mapped[bytes] = mapped_column(LargeBinary)
    handles: Mapped[bytes] = mapped_column(LargeBinary)


class KpiRollupAgentTime(Base):
    """Agent time of one local day, per quarter-hour (``agent_id`` None) or per agent
    (``bucket`` None)."""

    __tablename__ = "kpi_rollup_agent_time"
    __table_args__ = (
        ForeignKeyConstraint(
            ["site_id", "day"],
            ["kpi_rollup_days.site_id", "kpi_rollup_days.day"],
            ondelete="CASCADE",
        ),
        Index("ix_kpi_rollup_agent_time_site_day", "site_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(Integer)
    day: Mapped[date] = mapped_column(Date)
    bucket: Mapped[int | None] = mapped_column(Integer)
    agent_id: Mapped[int | None] = mapped_column(Integer)
    handling_seconds: Mapped[float] = mapped_column(Float)
    available_seconds: Mapped[float] = mapped_column(Float)
    scheduled_seconds: Mapped[float] = mapped_column(Float)
    adherent_seconds: Mapped[float] = mapped_column(Float)


# (table, expression of the first UTC day a row touches, of the last) with ``{t}`` the
# row (SQLite: NEW/OLD; PostgreSQL: the transition table's alias) and ``{day}`` the
# engine's day-of-a-timestamp function. Open spans reach today.
_WATCHED = (
    ("contacts", "{day}({t}.arrived_at)", "{day}({t}.arrived_at)"),
    (
        "survey_responses",
        "{day}((SELECT c.arrived_at FROM contacts c WHERE c.id = {t}.contact_id))",
        "{day}((SELECT c.arrived_at FROM contacts c WHERE c.id = {t}.contact_id))",
    ),
    ("agent_state_spans", "{day}({t}.started_at)", "{day}(COALESCE({t}.ended_at, {now}))"),
    ("shifts", "{day}({t}.starts_at)", "{day}({t}.ends_at)"),
    ("shift_activities", "{day}({t}.starts_at)", "{day}({t}.ends_at)"),
    ("adherence_approvals", "{day}({t}.starts_at)", "{day}({t}.ends_at)"),
)
# Columns whose change alters every day's figures.
_GLOBAL = (("sites", "timezone, interval_minutes"),)
# Tables of effective-dated settings: a row governs its queue's local days from
# ``effective_from`` up to (not including) the queue's next row.
_DATED = ("queue_targets",)
_SQLITE_DAY = "CAST(julianday({0}) - 2440587.5 AS INTEGER)"


def bump_every_day(conn: Connection) -> None:
    """Invalidate every KPI rollup: for loaders that write with the triggers dropped."""
    if not inspect(conn).has_table(KpiDayVersion.__tablename__):
        return  # a schema from before the rollups
    conn.execute(
        text(
            "INSERT INTO kpi_day_versions (day, version) VALUES (:day, 1) "
            "ON CONFLICT (day) DO UPDATE SET version = kpi_day_versions.version + 1"
        ),
        {"day": EVERY_DAY},
    )


def rollup_triggers_present(conn: Connection) -> bool:
    """Whether every version trigger is in place. A later SQLite migration that rebuilds a
    watched table (``batch_alter_table``) drops its triggers; rollups are then not trusted."""
    if conn.dialect.name == "postgresql":
        sql = "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'kpi\\_v\\_%' AND NOT tgisinternal"
    else:
        sql = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'kpi_v_%'"
    expected = (len(_WATCHED) + len(_DATED)) * len(_OPS) + len(_GLOBAL)
    return conn.execute(text(sql)).scalar() == expected


def rollup_trigger_ddl(dialect: str) -> list[str]:
    """Statements creating the version triggers on ``dialect`` ("sqlite" or "postgresql").

    Revisions 0006 and 0011 hold the copies they ran, frozen; a change here needs a
    revision of its own.
    """
    return _postgresql() if dialect == "postgresql" else _sqlite()


_OPS = ("ins", "upd", "del")


def _sqlite_bump(first: str, last: str, row: str) -> str:
    def day(expr: str) -> str:
        return _SQLITE_DAY.format(expr)

    lo = first.format(t=row, day="", now="'now'")
    hi = last.format(t=row, day="", now="'now'")
    return (
        "UPDATE kpi_day_versions SET version = version + 1 "
        f"WHERE day BETWEEN {day(lo)} AND {day(hi)};"
    )


def _sqlite() -> list[str]:
    out = []
    for table, first, last in _WATCHED:
        for op, rows in (("ins", ("NEW",)), ("upd", ("OLD", "NEW")), ("del", ("OLD",))):
            body = " ".join(_sqlite_bump(first, last, r) for r in rows)
            event = {"ins": "INSERT", "upd": "UPDATE", "del": "DELETE"}[op]
            out.append(
                f"CREATE TRIGGER IF NOT EXISTS kpi_v_{table}_{op} AFTER {event} ON {table} "
                f"FOR EACH ROW BEGIN {body} END"
            )
    for table, columns in _GLOBAL:
        out.append(
            f"CREATE TRIGGER IF NOT EXISTS kpi_v_{table}_upd AFTER UPDATE OF {columns} ON {table} "
            f"FOR EACH ROW BEGIN UPDATE kpi_day_versions SET version = version + 1 "
            f"WHERE day = {EVERY_DAY}; END"
        )
    for table in _DATED:
        for op, rows in (("ins", ("NEW",)), ("upd", ("OLD", "NEW")), ("del", ("OLD",))):
            body = " ".join(_sqlite_dated_bump(table, r, op == "ins") for r in rows)
            event = {"ins": "INSERT", "upd": "UPDATE", "del": "DELETE"}[op]
            out.append(
                f"CREATE TRIGGER IF NOT EXISTS kpi_v_{table}_{op} AFTER {event} ON {table} "
                f"FOR EACH ROW BEGIN {body} END"
            )
    return out


# A dated row of local day F, until the queue's next row N (exclusive), governs the UTC
# days F − 1 (a zone ahead of UTC starts F the day before) to N (one behind ends N − 1
# on day N); with no next row, every later day. Day −1 (every day) is left alone. A
# queue's first row, inserted with the queue, bumps nothing while it has no contacts.
_NO_END = 2_147_483_647


def _sqlite_dated_bump(table: str, row: str, only_with_contacts: bool) -> str:
    day = _SQLITE_DAY
    following = (
        f"(SELECT {day.format('min(n.effective_from)')} FROM {table} n "
        f"WHERE n.queue_id = {row}.queue_id AND n.effective_from > {row}.effective_from)"
    )
    guard = (
        f" AND EXISTS (SELECT 1 FROM contacts c WHERE c.queue_id = {row}.queue_id)"
        if only_with_contacts
        else ""
    )
    return (
        "UPDATE kpi_day_versions SET version = version + 1 "
        f"WHERE day <> {EVERY_DAY} AND day BETWEEN {day.format(f'{row}.effective_from')} - 1 "
        f"AND COALESCE({following}, {_NO_END}){guard};"
    )


def _pg_dated_bump(table: str, rows: str, only_with_contacts: bool) -> str:
    following = (
        f"(SELECT min(n.effective_from) FROM {table} n "
        "WHERE n.queue_id = r.queue_id AND n.effective_from > r.effective_from)"
    )
    guard = (
        " WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.queue_id = r.queue_id)"
        if only_with_contacts
        else ""
    )
    return (
        "UPDATE kpi_day_versions v SET version = v.version + 1 "
        "FROM (SELECT min(r.effective_from - DATE '1970-01-01') - 1 AS lo, "
        f"max(COALESCE({following} - DATE '1970-01-01', {_NO_END})) AS hi "
        f"FROM {rows} r{guard}) b "
        f"WHERE v.day <> {EVERY_DAY} AND v.day BETWEEN b.lo AND b.hi;"
    )


_PG_DAY = "floor(extract(epoch FROM {0}) / 86400)::int"


def _pg_bump(first: str, last: str, rows: str) -> str:
    def day(expr: str) -> str:
        return _PG_DAY.format(expr)

    lo, hi = (e.format(t="r", day="", now="now()") for e in (first, last))
    return (
        "UPDATE kpi_day_versions v SET version = v.version + 1 "
        f"FROM (SELECT min({day(lo)}) AS lo, max({day(hi)}) AS hi FROM {rows} r) b "
        "WHERE v.day BETWEEN b.lo AND b.hi;"
    )


def _postgresql() -> list[str]:
    out = []
    for table, first, last in _WATCHED:
        out.append(
            f"CREATE OR REPLACE FUNCTION kpi_v_{table}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP <> 'DELETE' THEN {_pg_bump(first, last, 'kpi_new')} END IF;\n"
            f"  IF TG_OP <> 'INSERT' THEN {_pg_bump(first, last, 'kpi_old')} END IF;\n"
            "  RETURN NULL;\n"
            "END $$"
        )
        for op, event, refs in (
            ("ins", "INSERT", "NEW TABLE AS kpi_new"),
            ("upd", "UPDATE", "OLD TABLE AS kpi_old NEW TABLE AS kpi_new"),
            ("del", "DELETE", "OLD TABLE AS kpi_old"),
        ):
            out.append(
                f"CREATE OR REPLACE TRIGGER kpi_v_{table}_{op} AFTER {event} ON {table} "
                f"REFERENCING {refs} FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_{table}()"
            )
    out.append(
        "CREATE OR REPLACE FUNCTION kpi_v_every_day() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        f"  UPDATE kpi_day_versions SET version = version + 1 WHERE day = {EVERY_DAY};\n"
        "  RETURN NULL;\n"
        "END $$"
    )
    for table, columns in _GLOBAL:
        out.append(
            f"CREATE OR REPLACE TRIGGER kpi_v_{table}_upd AFTER UPDATE OF {columns} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_every_day()"
        )
    for table in _DATED:
        for op, event, refs, bumps in (
            ("ins", "INSERT", "NEW TABLE AS kpi_new", (("kpi_new", True),)),
            (
                "upd",
                "UPDATE",
                "OLD TABLE AS kpi_old NEW TABLE AS kpi_new",
                (("kpi_old", False), ("kpi_new", False)),
            ),
            ("del", "DELETE", "OLD TABLE AS kpi_old", (("kpi_old", False),)),
        ):
            body = " ".join(_pg_dated_bump(table, rows, guard) for rows, guard in bumps)
            out.append(
                f"CREATE OR REPLACE FUNCTION kpi_v_{table}_{op}() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$\nBEGIN\n  {body}\n  RETURN NULL;\nEND $$"
            )
            out.append(
                f"CREATE OR REPLACE TRIGGER kpi_v_{table}_{op} AFTER {event} ON {table} "
                f"REFERENCING {refs} FOR EACH STATEMENT EXECUTE FUNCTION kpi_v_{table}_{op}()"
            )
    return out
