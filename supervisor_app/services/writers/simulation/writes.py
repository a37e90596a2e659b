"""What the traffic simulator stores: its roster (written and read back), and history in bulk.

The simulator (``supervisor_app.ingest.simulator``) builds rows; this module is
where they meet the database, because only services open transactions. The
plain records the two share are defined here, the lowest layer both can see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from types import TracebackType
from typing import Any

import numpy as np
from sqlalchemy import Connection, String, Table, cast, func, select

from supervisor_app.domain.enums import ActivityKind, Channel
from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.store import bulk
from supervisor_app.store.base import UTCDateTime
from supervisor_app.store.changes import announce
from supervisor_app.store.models import (
    Agent,
    AgentSkill,
    Base,
    Contact,
    Queue,
    Site,
    Team,
    bump_every_day,
)

SOURCE = "simulator"
ReserveIds = Callable[[str, int], int]
# The tables a seed fills in bulk (the roster's few rows go through Core).
BULK_TABLES = (
    "contacts",
    "agent_state_spans",
    "survey_responses",
    "escalations",
    "shifts",
    "shift_activities",
    "time_off",
    "forecasts",
)
DEMO_SITE_NAME = "Demo Contact Centre"


@dataclass(frozen=True, slots=True)
class QueueSpec:
    id: int
    name: str
    channel: Channel
    service_level_target_pct: float
    answer_threshold_seconds: int
    short_abandon_seconds: int
    waiting_amber: int | None = None
    waiting_red: int | None = None
    longest_wait_amber_seconds: int | None = None
    longest_wait_red_seconds: int | None = None
    service_level_amber_pct: float | None = None
    service_level_red_pct: float | None = None


@dataclass(frozen=True, slots=True)
class AgentSpec:
    id: int
    team_id: int | None
    employee_code: str
    name: str
    hourly_cost: Decimal
    contracted_weekly_hours: int
    # (queue id, proficiency 1..10), the primary skill first.
    skills: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class TeamSpec:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class RosterSpec:
    """Who works where: one site, its teams, queues and skilled agents."""

    site_id: int
    site_name: str
    timezone: str
    interval_minutes: int
    teams: tuple[TeamSpec, ...]
    queues: tuple[QueueSpec, ...]
    agents: tuple[AgentSpec, ...]


@dataclass(frozen=True, slots=True)
class ActivitySpec:
    kind: ActivityKind
    starts: float  # UTC epoch seconds, like every timestamp the simulator handles
    ends: float


@dataclass(frozen=True, slots=True)
class ShiftSpec:
    agent_id: int
    starts: float
    ends: float
    activities: tuple[ActivitySpec, ...] = ()


@dataclass(frozen=True, slots=True)
class RowBatch:
    """Rows of one table, column by column, ids included.

    Timestamp columns hold UTC epoch seconds (NaN for NULL), as a numpy array or
    a list; every other column holds values the driver takes as they are.
    """

    table: str
    columns: Mapping[str, Sequence[Any] | np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0


def write_roster(conn: Connection, roster: RosterSpec) -> None:
    """The site, teams, queues, agents and skills, with the ids the roster carries.

    Few rows, so they go through SQLAlchemy Core and its type handling (Decimal
    costs on SQLite, for one).
    """
    conn.execute(
        Site.__table__.insert(),
        [
            {
                "id": roster.site_id,
                "name": roster.site_name,
                "timezone": roster.timezone,
                "interval_minutes": roster.interval_minutes,
            }
        ],
    )
    if roster.teams:
        conn.execute(
            Team.__table__.insert(),
            [{"id": t.id, "site_id": roster.site_id, "name": t.name} for t in roster.teams],
        )
    queue_rows = [asdict(q) | {"site_id": roster.site_id} for q in roster.queues]
    conn.execute(Queue.__table__.insert(), queue_rows)
    agent_fields = ("id", "team_id", "employee_code", "name", "hourly_cost")
    conn.execute(
        Agent.__table__.insert(),
        [
            {f: getattr(a, f) for f in agent_fields}
            | {
                "site_id": roster.site_id,
                "contracted_weekly_hours": Decimal(a.contracted_weekly_hours),
                "active": True,
            }
            for a in roster.agents
        ],
    )
    conn.execute(
        AgentSkill.__table__.insert(),
        [
            {"agent_id": a.id, "queue_id": q, "proficiency": p}
            for a in roster.agents
            for q, p in a.skills
        ],
    )


def read_rosters(db: Database, names: Sequence[str]) -> list[RosterSpec]:
    """The demo sites named ``names`` that exist, as the seed (or an earlier run) left them."""
    return [r for r in (read_roster(db, name) for name in names) if r is not None]


def read_roster(db: Database, name: str = DEMO_SITE_NAME) -> RosterSpec | None:
    """The demo site ``name`` as the seed (or an earlier run) left it, or None."""
    with db.sessions() as session:
        site = session.scalars(select(Site).where(Site.name == name)).one_or_none()
        if site is None:
            return None
        teams = session.execute(
            select(Team.id, Team.name).where(Team.site_id == site.id).order_by(Team.id)
        ).all()
        queues = session.scalars(
            select(Queue).where(Queue.site_id == site.id).order_by(Queue.id)
        ).all()
        queue_ids = {q.id for q in queues}
        rows = session.execute(
            select(
                Agent.id,
                Agent.team_id,
                Agent.employee_code,
                Agent.name,
                cast(Agent.hourly_cost, String),  # no float round trip on SQLite
                cast(Agent.contracted_weekly_hours, String),
            )
            .where(Agent.active, Agent.team_id.in_([t.id for t in teams]))
            .order_by(Agent.id)
        ).all()
        skills: dict[int, list[tuple[int, int]]] = {}
        for agent_id, queue_id, proficiency in session.execute(
            select(AgentSkill.agent_id, AgentSkill.queue_id, AgentSkill.proficiency)
            .where(AgentSkill.agent_id.in_([r[0] for r in rows]))
            .order_by(AgentSkill.agent_id, AgentSkill.proficiency.desc(), AgentSkill.queue_id)
        ):
            if queue_id in queue_ids:
                skills.setdefault(agent_id, []).append((queue_id, proficiency))
        agents = tuple(
            AgentSpec(a, t, code, name, Decimal(cost), round(float(hours)), tuple(skills[a]))
            for a, t, code, name, cost, hours in rows
            if a in skills
        )
        return RosterSpec(
            site.id,
            site.name,
            site.timezone,
            site.interval_minutes,
            tuple(TeamSpec(i, n) for i, n in teams),
            tuple(QueueSpec(*(getattr(q, f.name) for f in fields(QueueSpec))) for q in queues),
            agents,
        )


def create_roster(db: Database, build: Callable[[ReserveIds], RosterSpec]) -> RosterSpec:
    """Write the roster ``build`` makes, with ids after those already in use."""
    with db.engine.begin() as conn:
        next_id: dict[str, int] = {}

        def reserve(table_name: str, count: int) -> int:
            if table_name not in next_id:
                column = table(table_name).c.id
                next_id[table_name] = (conn.scalar(select(func.max(column))) or 0) + 1
            first = next_id[table_name]
            next_id[table_name] = first + count
            return first

        roster = build(reserve)
        write_roster(conn, roster)
        bulk.reset_id_sequences(conn, [table(t) for t in ("sites", "teams", "queues", "agents")])
        announce(conn, ["sites", "teams", "queues", "agents", "agent_skills"])
    return roster


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def batch_rows(dialect: str, batch: RowBatch) -> list[tuple[Any, ...]]:
    """The batch as row tuples for the bulk path: timestamps as engine text, plain Python values."""
    tbl = table(batch.table)
    values: list[Sequence[Any]] = []
    for name, column in batch.columns.items():
        if isinstance(tbl.c[name].type, UTCDateTime):
            values.append(bulk.timestamp_texts(dialect, column))
        elif isinstance(column, np.ndarray):
            values.append(column.tolist())
        else:
            values.append(column)
    return list(zip(*values, strict=True))


def write_batch(conn: Connection, batch: RowBatch) -> None:
    """Insert one batch through the bulk path."""
    if len(batch):
        rows = batch_rows(conn.dialect.name, batch)
        bulk.insert_rows(conn, table(batch.table), list(batch.columns), rows)


class SeedWriter:
    """One all-or-nothing transaction for a whole demo seed.

    Entering refuses a database that already holds contacts (a seed is history,
    it can't be merged into someone else's) and reads where each table's ids
    may start, so the simulator pre-assigns ids and related rows need no round
    trips. Secondary indexes (and PostgreSQL's foreign keys) are dropped for the
    load and rebuilt before the commit (``bulk.drop_checks``), and so are the KPI
    rollup version triggers; every rollup is invalidated instead. Leaving
    commits, or rolls everything back on an exception.
    """

    SQLITE_CACHE_KIB = 256 * 1024
    FLUSH_ROWS = 50_000

    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn: Connection | None = None
        self._next_id: dict[str, int] = {}
        self._written: set[str] = set()
        self._pending: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        self._pending_rows = 0
        self._restore: list[str] = []

    @property
    def conn(self) -> Connection:
        assert self._conn is not None, "use SeedWriter as a context manager"
        return self._conn

    def __enter__(self) -> SeedWriter:
        self._conn = self._db.engine.connect()
        try:
            self._conn.begin()
            if self._conn.dialect.name == "sqlite":
                self._conn.exec_driver_sql(f"PRAGMA cache_size=-{self.SQLITE_CACHE_KIB}")
            self._prepare()
            self._restore = bulk.drop_checks(self._conn, [table(t) for t in BULK_TABLES])
        except BaseException:
            self._close()
            raise
        return self

    def _prepare(self) -> None:
        conn = self.conn
        if conn.scalar(select(Contact.id).limit(1)) is not None:
            raise UserError(
                f"{self._db.display_url} already holds contacts; a demo seed needs a database "
                "without contact history (use a new file or an empty database)"
            )

    def reserve_ids(self, table_name: str, count: int) -> int:
        """The first of ``count`` fresh ids for ``table_name``, never handed out twice.

        Read per table on first use, so the seed touches only the tables it writes.
        """
        if table_name not in self._next_id:
            column = Base.metadata.tables[table_name].c.id
            self._next_id[table_name] = (self.conn.scalar(select(func.max(column))) or 0) + 1
        first = self._next_id[table_name]
        self._next_id[table_name] = first + count
        return first

    def write_roster(self, roster: RosterSpec) -> None:
        if self.conn.scalar(select(Site.id).where(Site.name == roster.site_name)) is not None:
            raise UserError(
                f"{self._db.display_url} already has a site named {roster.site_name!r}; "
                "seed into an empty database"
            )
        write_roster(self.conn, roster)
        self._written.update({"sites", "teams", "queues", "agents"})

    def write(self, batch: RowBatch) -> None:
        """Queue a batch; rows go in ``FLUSH_ROWS`` at a time (fewer, larger statements)."""
        if not len(batch):
            return
        columns = tuple(batch.columns)
        key = (batch.table, columns)
        self._pending.setdefault(key, []).extend(batch_rows(self.conn.dialect.name, batch))
        self._pending_rows += len(batch)
        self._written.add(batch.table)
        if self._pending_rows >= self.FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        """Insert what is queued, parents before children so foreign keys hold."""
        order = {t.name: k for k, t in enumerate(Base.metadata.sorted_tables)}
        for name, columns in sorted(self._pending, key=lambda key: order[key[0]]):
            bulk.insert_rows(self.conn, table(name), columns, self._pending[name, columns])
        self._pending.clear()
        self._pending_rows = 0

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self._flush()
                bulk.restore_checks(self.conn, self._restore)
                bump_every_day(self.conn)  # the KPI version triggers were off for the load
                bulk.reset_id_sequences(self.conn, [table(t) for t in sorted(self._written)])
                self.conn.commit()
            else:
                self.conn.rollback()
        finally:
            self._close()

    def _close(self) -> None:
        conn = self.conn
        try:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
        finally:
            conn.close()
            self._conn = None
