"""``import``, queue_log part: lines per second of a 1,000,000-line log, and follow latency.

The log is generated here with the simulator's voice profile (hourly arrival
shape, lognormal talk times, exponential patience, time-outs, transfers) and
written as Asterisk would: members added in the morning, breaks and lunch as
pauses, ENTERQUEUE, RINGNOANSWER, CONNECT, COMPLETEAGENT/COMPLETECALLER,
TRANSFER, ABANDON, EXITWITHTIMEOUT. Targets: ≥ 50,000 lines/s on SQLite;
``--follow`` shows an appended line to another reader within 1,000 ms.
"""

from __future__ import annotations

import heapq
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import numpy as np
import psycopg
from figures import Figure
from sqlalchemy import text
from sqlalchemy.engine import make_url

from supervisor_app.domain.enums import Channel
from supervisor_app.ingest.queue_log import follow_queue_log, import_queue_log
from supervisor_app.ingest.simulator.profiles import PROFILES
from supervisor_app.services.database import open_database, upgrade_database

PG_ADMIN_URL = os.environ.get(
    "SUPERVISOR_TEST_PG_URL", "postgresql+psycopg://root@127.0.0.1:5432/postgres"
)
LINES = 1_000_000
AGENTS = 75
QUEUES = ("sales", "support", "billing", "retention")
CALLS_PER_DAY = 8_000
START = 1_767_225_600  # 2026-01-01 00:00 UTC
FOLLOW_SAMPLES = 20


def generate_log(path: Path, lines: int = LINES, seed: int = 8) -> int:
    """Write ``lines`` queue_log lines to ``path``; returns how many calls they hold."""
    profile = PROFILES[Channel.VOICE]
    rng = np.random.default_rng(seed)
    hourly = np.asarray(profile.hourly_shape) / sum(profile.hourly_shape)
    agents = [f"PJSIP/{100 + i}" for i in range(AGENTS)]
    out: list[tuple[float, str]] = []
    calls = day = 0
    while len(out) < lines:
        base = START + day * 86_400
        for i, agent in enumerate(agents):
            on = base + 8 * 3600 + 60 * (i % 30)
            for queue in QUEUES[: 2 + i % 3]:
                out.append((on, f"NONE|{queue}|{agent}|ADDMEMBER|"))
            out.append((on + 10_800 + 37 * i, f"NONE|NONE|{agent}|PAUSEALL|Break"))
            out.append((on + 11_700 + 37 * i, f"NONE|NONE|{agent}|UNPAUSEALL|"))
            out.append((on + 16_200 + 41 * i, f"NONE|NONE|{agent}|PAUSEALL|Lunch"))
            out.append((on + 18_000 + 41 * i, f"NONE|NONE|{agent}|UNPAUSEALL|"))
            for queue in QUEUES[: 2 + i % 3]:
                out.append(
                    (base + 20 * 3600 + 60 * (i % 30), f"NONE|{queue}|{agent}|REMOVEMEMBER|")
                )
        n = rng.poisson(CALLS_PER_DAY)
        arrivals = np.sort(
            base + rng.choice(24, size=n, p=hourly) * 3600 + rng.uniform(0, 3600, size=n)
        )
        talks = rng.lognormal(
            np.log(profile.handle_mean_s) - profile.handle_sigma**2 / 2,
            profile.handle_sigma,
            size=n,
        )
        patience = rng.exponential(profile.patience_mean_s, size=n)
        draws = rng.random((n, 4))
        free = [(base + 8 * 3600 + 60 * (i % 30), a) for i, a in enumerate(agents)]
        heapq.heapify(free)
        for k in range(n):
            t = float(arrivals[k])
            callid = f"{int(t)}.{calls}"
            queue = QUEUES[int(draws[k, 0] * len(QUEUES))]
            out.append((t, f"{callid}|{queue}|NONE|ENTERQUEUE||0{600_000_000 + k}|1"))
            free_at, agent = free[0]
            answer = max(t, free_at) + 2
            wait = answer - t
            give_up = min(patience[k], profile.max_wait_s)
            calls += 1
            if wait > give_up:
                event = "EXITWITHTIMEOUT" if give_up >= profile.max_wait_s else "ABANDON"
                out.append((t + give_up, f"{callid}|{queue}|NONE|{event}|1|1|{int(give_up)}"))
                continue
            if draws[k, 1] < 0.2:
                ringer = agents[int(draws[k, 2] * AGENTS)]
                out.append((answer - 1, f"{callid}|{queue}|{ringer}|RINGNOANSWER|15000"))
            talk = float(talks[k])
            end = answer + talk
            out.append((answer, f"{callid}|{queue}|{agent}|CONNECT|{int(wait)}|{callid}1|2"))
            if draws[k, 3] < profile.transfer_rate:
                ending = f"TRANSFER|200|from-internal|{int(wait)}|{int(talk)}|1"
            else:
                ending = f"{'COMPLETEAGENT' if draws[k, 3] < 0.5 else 'COMPLETECALLER'}|"
                ending += f"{int(wait)}|{int(talk)}|1"
            out.append((end, f"{callid}|{queue}|{agent}|{ending}"))
            heapq.heapreplace(free, (end + profile.wrap_mean_s, agent))
        day += 1
    out.sort(key=lambda pair: pair[0])
    with path.open("w") as handle:
        handle.writelines(f"{int(t)}|{line}\n" for t, line in out[:lines])
    return calls


def _lines_per_s(url: str, log: Path) -> tuple[float, float]:
    """Lines per second of wall time, and of this process's CPU time (SQLite works
    in-process; on a busy machine the second says what the code costs)."""
    db = open_database(url)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        summary = import_queue_log(db, log)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        db.close()
    assert summary.lines == LINES and summary.skipped == 0, summary
    return summary.lines / seconds, summary.lines / cpu


def _follow_latency_ms(url: str, folder: Path) -> float:
    """Median time from a line appended to its contact readable on another connection."""
    db = open_database(url)
    log = folder / f"live_{uuid.uuid4().hex[:6]}"
    log.write_text(f"{START}|NONE|NONE|NONE|QUEUESTART|\n")
    stop = threading.Event()
    follower = threading.Thread(target=follow_queue_log, args=(db, log, stop), daemon=True)
    follower.start()
    reader = db.engine.connect()
    samples: list[float] = []
    try:
        for k in range(FOLLOW_SAMPLES):
            key = f"{START + k}.{k}"
            appended = time.perf_counter()
            with log.open("a") as handle:
                handle.write(f"{START + k}|{key}|live|NONE|ENTERQUEUE||555|1\n")
            while True:
                seen = reader.execute(
                    text("SELECT count(*) FROM contacts WHERE external_id LIKE :k"),
                    {"k": f"{key}|%"},
                ).scalar_one()
                reader.rollback()
                if seen:
                    break
                if time.perf_counter() - appended > 10:
                    raise RuntimeError("the follower did not pick up an appended line in 10 s")
                time.sleep(0.002)
            samples.append((time.perf_counter() - appended) * 1000)
            time.sleep(0.05)
    finally:
        stop.set()
        follower.join(timeout=10)
        reader.close()
        db.close()
    return statistics.median(samples)


def _pg_database() -> tuple[str, str] | None:
    admin = make_url(PG_ADMIN_URL)
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"supervisor_bench_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        print(f"# import: PostgreSQL skipped: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
        return None
    url = admin.set(database=name).render_as_string(hide_password=False)
    upgrade_database(url)  # as the owner would: a console never migrates PostgreSQL
    return conninfo, url


def _drop(conninfo: str, url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        log = folder / "queue_log"
        calls = generate_log(log)
        wall, cpu = _lines_per_s(f"sqlite:///{folder / 'bench.db'}", log)
        figures = [
            Figure("import.queue_log_calls", calls, "calls"),
            Figure("import.queue_log_lines_per_s", wall, "lines/s"),
            Figure("import.queue_log_cpu_lines_per_s", cpu, "lines/s"),
            Figure(
                "import.follow_latency_ms",
                _follow_latency_ms(f"sqlite:///{folder / 'follow.db'}", folder),
                "ms",
            ),
        ]
        pg = _pg_database()
        if pg is not None:
            conninfo, url = pg
            try:
                figures.append(
                    Figure("import.queue_log_pg_lines_per_s", _lines_per_s(url, log)[0], "lines/s")
                )
                _drop(conninfo, url)
                conninfo, url = _pg_database() or pg
                figures.append(
                    Figure("import.follow_pg_latency_ms", _follow_latency_ms(url, folder), "ms")
                )
            finally:
                _drop(conninfo, url)
    return figures


if __name__ == "__main__":  # run from this folder: python bench_import_queue_log.py
    for figure in run():
        print(f"{figure.name} {figure.value:.6g} {figure.unit}")
