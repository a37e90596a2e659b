"""``kpi``: the KPI history on about a million contacts over six months, SQLite and PostgreSQL.

The database is the demo simulator's (``seed_demo``: 183 days, 154 agents, 8 queues,
2.7 million state spans), built once (minutes) and kept: a SQLite file in the temp dir,
a PostgreSQL database named after the same version. Figures (best of three after a
warm-up, milliseconds):

- ``kpi.month_by_queue_interval_ms``: October 2026 (a DST month) by interval,
  the whole report (contacts, percentiles, occupancy, adherence, surveys, FCR),
  read from the per-day rollups (``services.kpi_rollup``) once they are built;
- ``kpi.quarter_by_agent_ms``: August to October by agent, the whole report;
  ``*_part_ms``: the raw queries;
- ``kpi.all_183_days_summarise_ms``: every summary dropped, then kept as the
  writers keep them (``keep_summaries``: the seed after its load, the live writer
  as each day ends, ``db summarise``): what the history's summaries cost its
  writers, once;
- ``kpi.*_cold_ms``: this process's first report over the range, on the summaries
  the writers kept (a director's first quarter);
- ``kpi.quarter_by_agent_rebuild_ms``: the quarter's summaries dropped, then the
  report, which builds them from the raw rows: what a report costs over history
  no writer summarised (loaded by other means before ``db summarise``);
- ``kpi.century_range_ms``: the whole report from 2000-01-01 to 2100-01-01 (warm):
  days without data cost nothing, so it must cost about what the six months
  cost (target: ≤ 2 × ``kpi.month_by_queue_interval_ms``);
- ``kpi.week_by_queue_2000_agents_ms`` (warm), ``…_cold_ms``, ``…_rebuild_ms`` and
  ``…_summarise_ms``, the same meanings: this week by queue on the live
  benchmark's database (``live_db``: 2,000 agents, 100 queues, a full week of
  contacts), the clock pinned at the end of its Sunday;
- ``kpi.ratio_vs_pandas_*``: the raw SQL contact side (sums + percentiles) ÷
  pandas grouping the same contacts in memory (skipped without pandas);
  ``kpi.pg_*``: the same on PostgreSQL (skipped with a note when unreachable).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import live_db
import psycopg
from figures import Figure
from sqlalchemy import delete, select, text
from sqlalchemy.engine import make_url

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database, upgrade_database
from supervisor_app.services.kpi import (
    Grouping,
    keep_summaries,
    kpi_report,
    prepare_session,
    range_bounds,
    time_layout,
)
from supervisor_app.services.kpi import adherence as kpi_adherence
from supervisor_app.services.kpi import contacts as kpi_contacts
from supervisor_app.services.kpi import fcr as kpi_fcr
from supervisor_app.services.kpi import people as kpi_people
from supervisor_app.services.kpi import percentiles as kpi_percentiles
from supervisor_app.services.kpi import scope as kpi_scope
from supervisor_app.services.kpi.rollup_store import install_rollups
from supervisor_app.store.models import Contact, KpiRollupDay, Queue, SurveyResponse
from supervisor_app.store.sqlfunc_buckets import seconds_since

PG_ADMIN_URL = os.environ.get(
    "SUPERVISOR_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/postgres"
)
VERSION = "kpi1m_v2"
CACHE = Path(tempfile.gettempdir()) / "supervisor-bench-kpi"
SIZE = {"days": 183, "agents": 154, "queues": 8, "seed": 7}
UNTIL = datetime(2026, 12, 1, 12, tzinfo=UTC)
NOW = datetime(2026, 12, 1, tzinfo=UTC)
MONTH = (date(2026, 10, 1), date(2026, 10, 31), Grouping.INTERVAL)
QUARTER = (date(2026, 8, 1), date(2026, 10, 31), Grouping.AGENT)
REPEAT = 3
CENTURY = (date(2000, 1, 1), date(2100, 1, 1), Grouping.ALL)
# The large center: live_db's database built up to the last quarter-hour of Sunday
# 6 December and read at the week's end, so "this week" (Monday 30 November to that
# Sunday) is a full week of contacts, every day ended (today's would be summarised on
# every report, kept by none).
LARGE_VERSION = "live2000_week_v1"
LARGE_BUILT = datetime(2026, 12, 6, 23, 45, tzinfo=UTC)
LARGE_NOW = datetime(2026, 12, 7, 0, 0, tzinfo=UTC)
LARGE_WEEK = (date(2026, 11, 30), date(2026, 12, 6), Grouping.QUEUE)


def note(text: str) -> None:
    print(f"# kpi: {text}", file=sys.stderr, flush=True)


def _built(db: Database) -> bool:
    with db.sessions() as session:
        return session.scalar(select(Contact.id).limit(1)) is not None


def _seed(url: str) -> None:
    upgrade_database(url)  # as the owner would: a console never migrates PostgreSQL
    db = open_database(url)
    try:
        if not _built(db):
            note(f"building {db.display_url} (minutes, once)")
            summary = seed_demo(db, until=UNTIL, **SIZE)
            note(f"{summary.contacts:,} contacts in {summary.seconds:.0f} s")
            if db.dialect == "postgresql":  # statistics, as autovacuum would gather them
                with db.engine.connect() as conn:
                    conn.execute(text("ANALYZE"))
                    conn.commit()
    finally:
        db.close()


def sqlite_url() -> str:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{VERSION}.db"
    if not path.exists():
        partial = CACHE / f"{VERSION}.partial.db"
        for leftover in CACHE.glob(f"{VERSION}.partial.db*"):
            leftover.unlink()
        _seed(f"sqlite:///{partial}")
        partial.rename(path)
    return f"sqlite:///{path}"


def pg_url() -> str | None:
    admin = make_url(PG_ADMIN_URL)
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"supervisor_bench_{VERSION}"
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if exists.fetchone() is None:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        note(f"PostgreSQL skipped: {str(exc).strip().splitlines()[0]}")
        return None
    url = admin.set(database=name).render_as_string(hide_password=False)
    try:
        _seed(url)
    except BaseException:
        with psycopg.connect(conninfo, autocommit=True) as conn:  # don't keep half a build
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        raise
    return url


def once_ms(run: Callable[[], Any]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000.0


def best_ms(run: Callable[[], Any], repeat: int = REPEAT) -> float:
    run()  # warm the caches
    return min(once_ms(run) for _ in range(repeat))


def _parts(db: Database, first: date, last: date, by: Grouping) -> dict[str, Callable[[], Any]]:
    zone = ZoneInfo("Europe/London")
    start, end = range_bounds(first, last, zone)
    layout = time_layout(by, first, last, zone, 15) if by.is_time else None
    scope = kpi_scope.contact_scope(by, layout)
    w = kpi_people.window(start, end, NOW, by, layout)

    def part(f: Callable[..., Any], *args: Any) -> Callable[[], Any]:
        def run() -> Any:
            with db.sessions() as session:
                prepare_session(session)
                return f(session, *args)

        return run

    return {
        "contacts": part(kpi_contacts.contact_sums, scope, start, end),
        "percentiles": part(kpi_percentiles.percentiles, scope, start, end),
        "occupancy": part(kpi_people.occupancy_seconds, w),
        "adherence": part(kpi_adherence.adherence_seconds, w),
    }


def _summarised_by_writer(db: Database, name: str, now: datetime) -> list[Figure]:
    """Every summary dropped, then kept as the writers keep them (the seed after its load,
    the live writer as days end, ``db summarise``): what writing the history costs on top."""
    with db.engine.begin() as conn:
        conn.execute(delete(KpiRollupDay))
    kept = keep_summaries(db, now=now)
    if kept.refused is not None:
        raise RuntimeError(f"summaries refused: {kept.refused}")
    return [
        Figure(f"{name}_summarise_ms", kept.seconds * 1000.0, "ms"),
        Figure(f"{name}_summarised_days", kept.days, "days"),
    ]


def _rebuild_ms(db: Database, first: date, last: date, report: Callable[[], Any]) -> float:
    """The report over days whose summaries were dropped: what a report costs over history
    no writer summarised (a load by other means before ``db summarise``). The report
    builds and keeps them again, so the database is left as the writers left it."""
    with db.engine.begin() as conn:
        conn.execute(delete(KpiRollupDay).where(KpiRollupDay.day.between(first, last)))
    return once_ms(report)


def _engine_figures(url: str, prefix: str) -> list[Figure]:
    upgrade_database(url)  # a cached database from an earlier revision is brought up to date
    db = open_database(url)
    if install_rollups(db):  # a cached database from before revision 0006 had them
        note(f"added the KPI rollup tables to {db.display_url}")
    figures = []
    try:
        figures += _summarised_by_writer(db, f"kpi.{prefix}all_183_days", NOW)
        for name, (first, last, by) in (
            ("month_by_queue_interval", MONTH),
            ("quarter_by_agent", QUARTER),
        ):
            report = lambda f=first, t=last, b=by: kpi_report(db, f, t, b, now=NOW)  # noqa: E731
            # cold: this process's first report over the range, on the writers' summaries
            figures.append(Figure(f"kpi.{prefix}{name}_cold_ms", once_ms(report), "ms"))
            figures.append(Figure(f"kpi.{prefix}{name}_ms", best_ms(report), "ms"))
            parts = {k: best_ms(run, 1) for k, run in _parts(db, first, last, by).items()}
            if name.startswith("quarter"):
                figures += [
                    Figure(f"kpi.{prefix}quarter_{k}_part_ms", v, "ms") for k, v in parts.items()
                ]
                rebuilt = _rebuild_ms(db, first, last, report)
                figures.append(Figure(f"kpi.{prefix}{name}_rebuild_ms", rebuilt, "ms"))
            figures += _versus_pandas(db, f"{prefix}{name}", first, last, by, parts)
        century = lambda: kpi_report(db, *CENTURY, now=NOW)  # noqa: E731
        figures.append(Figure(f"kpi.{prefix}century_range_ms", best_ms(century), "ms"))
    finally:
        db.close()
    return figures


def _large_center_figures(url: str, prefix: str) -> list[Figure]:
    """This week by queue on 2,000 agents and 100 queues: the week summarised as the live
    writer summarises each day that ends, then this process's first report (cold), warm,
    and rebuilt from the raw rows."""
    upgrade_database(url)
    db = open_database(url)
    try:
        name = f"kpi.{prefix}week_by_queue_2000_agents"
        figures = _summarised_by_writer(db, name, LARGE_NOW)
        report = lambda: kpi_report(db, *LARGE_WEEK, now=LARGE_NOW)  # noqa: E731
        figures += [
            Figure(f"{name}_cold_ms", once_ms(report), "ms"),
            Figure(f"{name}_ms", best_ms(report), "ms"),
            Figure(f"{name}_rebuild_ms", _rebuild_ms(db, *LARGE_WEEK[:2], report), "ms"),
        ]
        return figures
    finally:
        db.close()


def large_sqlite_url() -> str:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{LARGE_VERSION}.db"
    if not path.exists():
        partial = CACHE / f"{LARGE_VERSION}.partial.db"
        for leftover in CACHE.glob(f"{LARGE_VERSION}.partial.db*"):
            leftover.unlink()
        note(f"building {partial} (minutes, once)")
        live_db.big_live_database(f"sqlite:///{partial}", now=LARGE_BUILT)
        partial.rename(path)
    return f"sqlite:///{path}"


def _versus_pandas(
    db: Database, name: str, first: date, last: date, by: Grouping, parts: dict[str, float]
) -> list[Figure]:
    try:
        import pandas  # noqa: F401
    except ImportError:
        note("pandas not installed: kpi.ratio_vs_pandas_* skipped (pip install pyworkforce)")
        return []
    frame = contact_frame(db, first, last, by, NOW)
    ms = best_ms(lambda: pandas_figures(frame))
    sql = parts["contacts"] + parts["percentiles"]
    return [
        Figure(f"kpi.pandas_{name}_ms", ms, "ms"),
        Figure(f"kpi.ratio_vs_pandas_{name}", sql / ms, "x"),
    ]


def run() -> Iterator[Figure]:
    """The figures as each engine's are measured: a failure on PostgreSQL (a minutes-long
    run) keeps SQLite's already printed."""
    yield from _engine_figures(sqlite_url(), "")
    yield from _large_center_figures(large_sqlite_url(), "")
    url = pg_url()
    if url is not None:
        yield from _engine_figures(url, "pg_")


def contact_frame(db: Database, first: date, last: date, by: Grouping, now: datetime) -> Any:
    """The range's contacts (and 72 h after it, for repeats) as a DataFrame of seconds."""
    import pandas as pd

    start, end = range_bounds(first, last, ZoneInfo("Europe/London"))
    horizon = end + kpi_fcr.FCR_WINDOW
    columns = {
        "arrived": seconds_since(start, Contact.arrived_at),
        "answered": seconds_since(start, Contact.answered_at),
        "ended": seconds_since(start, Contact.ended_at),
        "wrapped": seconds_since(start, Contact.wrap_ended_at),
        "outcome": Contact.outcome,
        "queue_id": Contact.queue_id,
        "agent_id": Contact.agent_id,
        "customer": Contact.customer_ref,
        "threshold": Queue.answer_threshold_seconds,
        "short_s": Queue.short_abandon_seconds,
        "csat": SurveyResponse.csat,
        "nps": SurveyResponse.nps,
    }
    query = (
        select(*(c.label(k) for k, c in columns.items()))
        .join(Queue, Queue.id == Contact.queue_id)
        .outerjoin(SurveyResponse, SurveyResponse.contact_id == Contact.id)
        .where(Contact.arrived_at >= start, Contact.arrived_at < horizon)
    )
    with db.sessions() as session:
        rows = session.execute(query).all()
    frame = pd.DataFrame(rows, columns=list(columns)).astype({"outcome": "string"})
    frame.attrs.update(by=by.value, seconds=(end - start).total_seconds())
    return frame


def pandas_figures(frame: Any) -> Any:
    """The contact figures per group, pandas only: what the SQL contact side computes."""
    import numpy as np
    import pandas as pd

    def pd_frame(**columns: Any) -> Any:
        return pd.DataFrame(columns)

    by, seconds = frame.attrs["by"], frame.attrs["seconds"]
    ordered = frame.sort_values(["customer", "queue_id", "arrived"])
    same = (ordered["customer"].shift(-1) == ordered["customer"]) & (
        ordered["queue_id"].shift(-1) == ordered["queue_id"]
    )
    gap = ordered["arrived"].shift(-1) - ordered["arrived"]
    repeat = (same & (gap <= kpi_fcr.FCR_WINDOW.total_seconds())).reindex(frame.index)
    df = frame[frame["arrived"] < seconds]
    repeat = repeat[df.index]
    if by == "interval":
        key = np.floor(df["arrived"] / 900.0).astype(int)
    else:
        df, repeat = df[df["answered"].notna()], repeat[df["answered"].notna()]
        key = df["agent_id"]
    wait = df["answered"] - df["arrived"]
    abandon_wait = df["ended"] - df["arrived"]
    abandoned = df["outcome"] == "abandoned"
    handled = df["answered"].notna() & df["ended"].notna()
    handle = (df["wrapped"].fillna(df["ended"]) - df["answered"]).where(handled)
    known = handled & df["customer"].notna()
    work = pd_frame(
        key=key,
        answered=df["answered"].notna(),
        abandoned=abandoned,
        short=abandoned & (abandon_wait <= df["short_s"]),
        within=df["answered"].notna() & (wait <= df["threshold"]),
        wait=wait,
        handled=handled,
        handle=handle,
        satisfied=df["csat"] >= 4,
        csat=df["csat"].notna(),
        promoter=df["nps"] >= 9,
        detractor=df["nps"] <= 6,
        nps=df["nps"].notna(),
        known=known,
        resolved=known & ~repeat.fillna(False).astype(bool),
    )
    groups = work.groupby("key")
    sums = groups.sum()
    sums["offered"] = groups.size()
    spread = groups[["wait", "handle"]].quantile([0.5, 0.9]).unstack()
    spread.columns = [f"{metric}_p{round(q * 100)}" for metric, q in spread.columns]
    figures = pd_frame(
        service_level=sums["within"] / (sums["offered"] - sums["short"]),
        asa=sums["wait"] / sums["answered"],
        aht=sums["handle"] / sums["handled"],
        abandon_rate=(sums["abandoned"] - sums["short"]) / (sums["offered"] - sums["short"]),
        csat=sums["satisfied"] / sums["csat"],
        nps=100.0 * (sums["promoter"] - sums["detractor"]) / sums["nps"],
        fcr=sums["resolved"] / sums["known"],
    )
    return figures.join(spread)
