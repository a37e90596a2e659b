"""``scale``: a floor of 50 headless consoles and an ingest writer on one PostgreSQL.

Each console is a process of its own running what the Live tab runs, without
windows (``QCoreApplication``): the change watcher thread LISTENing on the
feed, the ``SnapshotRefresher`` with its worker pool and the real snapshot op
(snapshot, forecast, acknowledgements, the board's rows rendered). The writer
commits ``RATE`` events a second for ``SCALE_SECONDS`` (default 120): every
50 ms one transaction of arrivals, answers and ends with its NOTIFY, one of the
arrivals to a marker queue, so a console can tell which commits it has seen.
A commit that comes late carries the events due since the last, as the queue_log
follower commits what arrived since its last read, so the writer keeps the rate
as long as the server takes its commits. The floor is ``bench_live``'s PostgreSQL
database (2,000 agents, 100 queues); the consoles read it on the real clock, with
the Live tab's pace (``SnapshotRefresher``) and forecast memo (``ForecastMemo``).
PostgreSQL on loopback only.

Figures:

- ``scale.snapshot_ms_p95``: one console's snapshot op on its worker, all consoles'
  calls. Target <= 100.
- ``scale.change_to_visible_ms_p95``: from the writer's commit of a marker arrival to
  a console's refresh that counts it, over every console and marker. Target <= 1,000.
- ``scale.pg_connections_max``: the most backends on the database at one poll (every
  0.5 s), consoles and writer; ``scale.pg_connections_per_console_max``. Targets <= 150
  and <= 3.
- ``scale.ingest_events_per_s``: events committed over the writer's run. Target >= 200.
  The writer offers exactly 200 a second, so the figure falls short of 200 by the
  last commit's lag; ``scale.ingest_lag_ms_p95`` and ``_max`` say how long after its
  events were due each commit landed: bounded while ingest keeps up, growing when not.
- ``scale.errors``: failed refreshes, console or writer crashes. Target 0.
- ``scale.unseen_commits``: (marker commit, console) pairs no refresh showed before the end.
- ``scale.refreshes_per_console_per_s``: how often a console refreshed (context).
- ``scale.server_cpu_cores``: the server processes' CPU over the run (context: the
  server's own share, apart from consoles and writer sharing its machine).
- ``scale.server_cpu_ms_per_refresh``: the server's CPU over the run per console
  refresh, the writer's commits included (context: what a dedicated server needs
  per refresh, to size one for a floor).
- ``scale.server_cpu_ms_per_refresh_reads``: the same for the consoles' reads alone
  (their pooled connections' backends); ``scale.server_cpu_cores_reads``, ``_feed``
  (the consoles' LISTEN backends, woken by every commit's notifications), ``_server``
  (WAL writer, checkpointer, autovacuum…) and ``_ingest`` (the writer, and this
  benchmark's polls) say where the server's time went (context).
- ``scale.console_cpu_cores``, ``scale.console_cpu_ms_per_refresh``: the console
  processes' own CPU over the run, in all and per refresh (context: on a real floor
  each runs on its own desk; here they share the server's machine).

``SCALE_CONSOLES`` and ``SCALE_SECONDS`` change the size and length of the run.

``SCALE_SERVER`` says where the floor runs (``scale_server``): a throw-away server sized
as an administrator would (``cluster``, the default where PostgreSQL's binaries are),
the same with a streaming read replica the consoles read from (``replica``), or the
system server as configured (``system``: its default max_connections = 100 cannot hold
50 consoles beside ingest).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import scale_server
from figures import Figure
from sqlalchemy.engine import make_url

CONSOLES = int(os.environ.get("SCALE_CONSOLES", "50"))
SECONDS = float(os.environ.get("SCALE_SECONDS", "120"))
RATE = 200  # events per second
TICK = 0.05  # seconds between the writer's commits
START_TIMEOUT = 600.0
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SOURCE = "bench-scale"

CONSOLE = """\
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QTimer
from supervisor_app.services.database import open_database
from supervisor_app.ui.common.change_watcher import ChangeWatcher, database_listener
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.shell.gc_policy import freeze_startup_objects
from supervisor_app.ui.live.refresh.forecast_memo import ForecastMemo
from supervisor_app.ui.live.refresh.snapshot_op import (
    read_forecast_now, snapshot_op, take_live_snapshot)
from supervisor_app.ui.live.refresh.snapshot_refresher import SnapshotRefresher

url, marker, log_path, stop_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
read_url = sys.argv[5] if len(sys.argv) > 5 else None
app = QCoreApplication(sys.argv[:1])
log = open(log_path, "w", buffering=1)
db = open_database(url, read_url=read_url)
shown = {}

def take(db, site_id=None):
    started = time.perf_counter()
    snap = take_live_snapshot(db, site_id)
    log.write(json.dumps(["snap", (time.perf_counter() - started) * 1000]) + "\\n")
    return snap

def delivered(prepared):
    if not shown:  # as MainWindow after its first refresh
        freeze_startup_objects()
    shown.clear()
    shown.update({c.source.agent_id: c for c in prepared.agents})
    offered = next(q.today.offered for q in prepared.snapshot.queues if q.queue_id == marker)
    log.write(json.dumps(["seen", time.time(), offered]) + "\\n")

def failed(exc, retry):
    log.write(json.dumps(["error", f"{type(exc).__name__}: {exc}"[:300]]) + "\\n")

workers = Workers()
memo = ForecastMemo(read_forecast_now)  # as LiveTab: read once per interval
refresher = SnapshotRefresher(
    workers, snapshot_op(take, lambda: 5.0, lambda: dict(shown), memo))
refresher.delivered.connect(delivered)
refresher.failed.connect(failed)
watcher = ChangeWatcher(database_listener(db))
def changed(tables, _when):  # LiveTab.on_changed
    memo.on_changed(tables)
    refresher.request()

watcher.changed.connect(changed)
watcher.connection_lost.connect(lambda e, _s: log.write(json.dumps(["error", e]) + "\\n"))

def check_stop():
    if os.path.exists(stop_path):
        refresher.stop()
        watcher.stop()
        workers.shutdown()
        app.quit()

timer = QTimer()
timer.timeout.connect(check_stop)
timer.start(200)
watcher.start()
refresher.set_database(db)
app.exec()
db.close()
log.write(json.dumps(["done"]) + "\\n")
"""

WRITER = """\
import json, random, sys, time, uuid
from datetime import UTC, datetime, timedelta
from sqlalchemy import select, update
from supervisor_app.domain.enums import Outcome
from supervisor_app.services.database import open_database
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Contact, Queue

url, marker, rate, seconds, tick, log_path = (
    sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]),
    sys.argv[6])
db = open_database(url)
log = open(log_path, "w", buffering=1)
rng = random.Random(16)
with db.sessions() as s:
    queues = [q for q in s.scalars(select(Queue.id)) if q != marker]
waiting, talking = [], []
events = marks = 0
started = time.monotonic()
next_at = started
while time.monotonic() - started < seconds:
    now = datetime.now(UTC)
    # The events due by now, as a follower commits the lines that came since its last read.
    due = max(2, round(rate * (time.monotonic() - started)) - events)
    try:
        with db.sessions.begin() as s:
            batch = [Contact(queue_id=marker, source="bench-scale", external_id=uuid.uuid4().hex,
                             arrived_at=now)]
            # Half answers and ends, as many as there are contacts to take them; arrivals
            # make up the rest, so each commit carries exactly the events due.
            updates = due // 2
            answer = waiting[: updates // 2]
            end = talking[: updates - len(answer)]
            del waiting[: len(answer)], talking[: len(end)]
            arrivals = due - 1 - len(answer) - len(end)
            batch += [Contact(queue_id=rng.choice(queues), source="bench-scale",
                              external_id=uuid.uuid4().hex, arrived_at=now)
                      for _ in range(arrivals)]
            s.add_all(batch)
            s.flush()
            if answer:
                s.execute(update(Contact).where(Contact.id.in_(answer)).values(answered_at=now))
            if end:
                s.execute(update(Contact).where(Contact.id.in_(end)).values(
                    ended_at=now, wrap_ended_at=now, outcome=Outcome.ANSWERED))
            announce(s.connection(), ["contacts"])
        waiting += [c.id for c in batch[1:]]
        talking += answer
        events += 1 + arrivals + len(answer) + len(end)
        marks += 1
        # How long after its last event was due this commit landed: bounded while ingest keeps up.
        lag = time.monotonic() - started - events / rate
        log.write(json.dumps(["commit", time.time(), marks, events, lag]) + "\\n")
    except Exception as exc:
        log.write(json.dumps(["error", f"{type(exc).__name__}: {exc}"[:300]]) + "\\n")
    next_at += tick
    time.sleep(max(0.0, next_at - time.monotonic()))
log.write(json.dumps(["done", time.monotonic() - started, events]) + "\\n")
db.close()
"""


def _note(text: str) -> None:
    print(f"# scale: {text}", file=sys.stderr, flush=True)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _records(path: Path) -> list[list]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line being written
    return out


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _clear(url: str) -> None:
    """Leave the cached floor as it was built: no contacts of an earlier run."""
    with psycopg.connect(_conninfo(url), autocommit=True) as conn:
        conn.execute("DELETE FROM contacts WHERE source = %s", (SOURCE,))


def _connections(conn: psycopg.Connection) -> dict[str, int]:
    """Backends on the database now, by application name (one connection, kept open:
    a poll must not need a free slot on a server that may have none left)."""
    rows = conn.execute(
        "SELECT application_name, count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1"
    ).fetchall()
    return {name: n for name, n in rows}


def _max_connections(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT current_setting('max_connections')::int").fetchone()
    assert row is not None
    return int(row[0])


def _marker(url: str) -> int:
    with psycopg.connect(_conninfo(url), autocommit=True) as conn:
        row = conn.execute("SELECT id FROM queues ORDER BY name LIMIT 1").fetchone()
    assert row is not None
    return int(row[0])


def _console(
    url: str,
    i: int,
    marker: int,
    work: Path,
    stop: Path,
    env: dict[str, str],
    read_url: str | None = None,
) -> subprocess.Popen[bytes]:
    """Console ``i``: its connections carry ``application_name`` scale-i, to count them."""

    def named(u: str) -> str:
        return (
            make_url(u)
            .update_query_dict({"application_name": f"scale-{i}"})
            .render_as_string(hide_password=False)
        )

    args = [named(url), str(marker), str(work / f"console-{i}.log"), str(stop)]
    args += [named(read_url)] if read_url else []
    return subprocess.Popen([sys.executable, "-c", CONSOLE, *args], env=env)


def _latencies(commits: list[list], seen: list[list]) -> list[float]:
    """Per marker commit, how long until this console's first refresh counting it."""
    if not seen:
        return []
    base = seen[0][2]
    out, k = [], 0
    for _, at, mark, *_rest in commits:
        while k < len(seen) and seen[k][2] - base < mark:
            k += 1
        if k == len(seen):
            break
        out.append(max(seen[k][1] - at, 0.0) * 1000)
    return out


def run() -> list[Figure]:
    with scale_server.floor_servers(CONSOLES) as servers:
        if servers is None:
            raise SystemExit("scale: PostgreSQL is unreachable; the scale group needs it")
        return _run(servers)


def _run(servers: scale_server.Servers) -> list[Figure]:
    url = servers.url
    host = make_url(url).host or "localhost"
    if host not in LOOPBACK:
        raise SystemExit(f"scale: runs against PostgreSQL on loopback only, not {host}")
    _clear(url)
    marker = _marker(url)
    pollers = [psycopg.connect(_conninfo(u), autocommit=True) for u in servers.polled]
    limit = _max_connections(pollers[0])
    if limit < CONSOLES * 3 + 2:
        _note(
            f"the server takes {limit} connections (max_connections) and {CONSOLES} consoles "
            f"may open up to {CONSOLES * 3}: expect refused connections"
        )
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        work = Path(folder)
        stop = work / "stop"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SUPERVISOR_APP_HOME=str(work))
        consoles = [
            _console(url, i, marker, work, stop, env, servers.read_url) for i in range(CONSOLES)
        ]
        writer: subprocess.Popen[bytes] | None = None
        peaks: list[list[dict[str, int]]] = []
        cpu, elapsed, console_cpu = scale_server.ServerCpu(), 0.0, 0.0
        base_cpu = 0.0
        try:
            deadline = time.monotonic() + START_TIMEOUT
            ready = 0
            while time.monotonic() < deadline:
                ready = sum(
                    any(r[0] == "seen" for r in _records(work / f"console-{i}.log"))
                    for i in range(CONSOLES)
                )
                if ready == CONSOLES or any(c.poll() is not None for c in consoles):
                    break
                time.sleep(1.0)
            _note(f"{ready} of {CONSOLES} consoles showing the floor ({servers.mode})")
            base_cpu = sum(_cpu_seconds(c.pid) for c in consoles)
            started = time.monotonic()
            writer = subprocess.Popen(
                [sys.executable, "-c", WRITER, url, str(marker), str(RATE), str(SECONDS),
                 str(TICK), str(work / "writer.log")],
                env=env,
            )  # fmt: skip
            while writer.poll() is None:
                peaks.append([_connections(p) for p in pollers])
                for p in pollers:
                    cpu.poll(p)
                time.sleep(0.5)
            time.sleep(3.0)  # the last commits reach the consoles
            elapsed = time.monotonic() - started
            console_cpu = sum(_cpu_seconds(c.pid) for c in consoles)
        finally:
            stop.touch()
            for c in consoles:
                try:
                    c.wait(60)
                except subprocess.TimeoutExpired:
                    c.kill()
            if writer is not None and writer.poll() is None:
                writer.kill()
            for p in pollers:
                p.close()
            _clear(url)
        figures = _figures(work, consoles, writer, peaks, elapsed)
        refreshes = next(f.value for f in figures if f.name == "scale.refreshes_per_console_per_s")
        count = refreshes * len(consoles) * elapsed or 1.0  # every console's refreshes
        per_refresh = (console_cpu - base_cpu) / count
        server_s = cpu.cores(elapsed) * elapsed
        return [
            *figures,
            Figure("scale.server_cpu_cores", cpu.cores(elapsed), "cores"),
            Figure("scale.server_cpu_ms_per_refresh", server_s / count * 1000, "ms"),
            Figure(
                "scale.server_cpu_ms_per_refresh_reads",
                cpu.cores(elapsed, "reads") * elapsed / count * 1000,
                "ms",
            ),
            *(
                Figure(f"scale.server_cpu_cores_{part}", cpu.cores(elapsed, part), "cores")
                for part in scale_server.ServerCpu.PARTS
            ),
            Figure("scale.console_cpu_cores", (console_cpu - base_cpu) / (elapsed or 1.0), "cores"),
            Figure("scale.console_cpu_ms_per_refresh", per_refresh * 1000.0, "ms"),
        ]


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) process ``pid`` has used so far; 0 once it has ended."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / scale_server.ServerCpu.TICK


def _figures(
    work: Path,
    consoles: list[subprocess.Popen[bytes]],
    writer: subprocess.Popen[bytes] | None,
    peaks: list[list[dict[str, int]]],
    elapsed: float,
) -> list[Figure]:
    written = _records(work / "writer.log")
    commits = [r for r in written if r[0] == "commit"]
    lags = [r[4] for r in commits]
    nan = float("nan")
    errors = sum(r[0] == "error" for r in written)
    errors += int(writer is None or writer.returncode != 0)
    done = [r for r in written if r[0] == "done"]
    events = done[0][2] if done else (commits[-1][3] if commits else 0)
    ran = done[0][1] if done else elapsed
    snaps: list[float] = []
    latencies: list[float] = []
    refreshes = 0
    for i, console in enumerate(consoles):
        records = _records(work / f"console-{i}.log")
        errors += sum(r[0] == "error" for r in records) + int(console.returncode != 0)
        snaps += [r[1] for r in records if r[0] == "snap"]
        seen = [r for r in records if r[0] == "seen"]
        refreshes += len(seen)
        latencies += _latencies(commits, seen)
    unseen = len(commits) * len(consoles) - len(latencies)
    texts = [r[1] for i in range(len(consoles)) for r in _records(work / f"console-{i}.log")
             if r[0] == "error"] + [r[1] for r in written if r[0] == "error"]  # fmt: skip
    for text in sorted(set(texts), key=texts.count, reverse=True)[:3]:
        _note(f"{texts.count(text)} x {text}")
    crashed = sum(c.returncode != 0 for c in consoles)
    if crashed:
        _note(f"{crashed} console processes ended with an error (refused at start?)")
    # The busiest server's backends at each poll; per console, its backends on one server.
    totals = [max(sum(server.values()) for server in poll) for poll in peaks] or [0]
    per_console = [
        n for poll in peaks for server in poll for name, n in server.items()
        if name.startswith("scale-")
    ] or [0]  # fmt: skip
    _note(
        f"{len(consoles)} consoles, {len(commits)} commits, {events} events in {ran:.0f} s; "
        f"snapshot median {statistics.median(snaps) if snaps else float('nan'):.0f} ms"
    )
    return [
        Figure("scale.snapshot_ms_p95", _percentile(snaps, 0.95) if snaps else float("nan"), "ms"),
        Figure(
            "scale.change_to_visible_ms_p95",
            _percentile(latencies, 0.95) if latencies else float("nan"),
            "ms",
        ),
        Figure("scale.pg_connections_max", max(totals), "connections"),
        Figure("scale.pg_connections_per_console_max", max(per_console), "connections"),
        Figure("scale.ingest_events_per_s", events / ran if ran else 0.0, "events/s"),
        Figure("scale.ingest_lag_ms_p95", _percentile(lags, 0.95) * 1000 if lags else nan, "ms"),
        Figure("scale.ingest_lag_ms_max", max(lags) * 1000 if lags else nan, "ms"),
        Figure("scale.errors", errors, "count"),
        Figure("scale.unseen_commits", unseen, "count"),
        Figure(
            "scale.refreshes_per_console_per_s", refreshes / len(consoles) / elapsed, "refreshes/s"
        ),
    ]
