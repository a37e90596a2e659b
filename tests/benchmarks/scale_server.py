"""Where ``bench_scale`` runs its floor: the system server, or a throw-away one sized as a
center's administrator would size it, with or without a streaming read replica.

``SCALE_SERVER`` = ``cluster`` (the default where PostgreSQL's server binaries are
installed), ``replica`` or ``system``; see ``bench_scale``'s docstring.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import bench_live
import live_db

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for pg_cluster
import pg_cluster

# Per console at most 3 (the contract); the ingest writer; a reserve for administrators,
# monitoring and superuser_reserved_connections (3 by default).
PER_CONSOLE, INGEST, RESERVE = 3, 1, 10
FLOOR = "scale_floor"


def max_connections_for(consoles: int) -> int:
    """The ``max_connections`` the shared-database guide tells an administrator to set."""
    return consoles * PER_CONSOLE + INGEST + RESERVE


@dataclass(frozen=True)
class Servers:
    """The URL consoles and the writer use, the consoles' read URL, and every URL to poll."""

    mode: str
    url: str
    read_url: str | None

    @property
    def polled(self) -> list[str]:
        return [self.url] + ([self.read_url] if self.read_url else [])


def _note(text: str) -> None:
    print(f"# scale: {text}", file=sys.stderr, flush=True)


@contextmanager
def floor_servers(consoles: int) -> Iterator[Servers | None]:
    """The servers for a run of ``consoles``; None when the system server is unreachable."""
    missing = pg_cluster.missing_reason()
    mode = os.environ.get("SCALE_SERVER") or ("system" if missing else "cluster")
    if mode == "system":
        url = bench_live._pg_url()
        yield None if url is None else Servers(mode, url, None)
        return
    if mode not in ("cluster", "replica"):
        raise SystemExit(f"scale: SCALE_SERVER must be system, cluster or replica, not {mode}")
    if missing:
        raise SystemExit(f"scale: SCALE_SERVER={mode} needs a temporary cluster: {missing}")
    limit = max_connections_for(consoles)
    with pg_cluster.primary_and_replica(limit, replica=mode == "replica") as cluster:
        _note(f"temporary {mode} on port {cluster.primary_port}, max_connections = {limit}")
        cluster.create_database(FLOOR)
        url = cluster.url(cluster.primary_port, FLOOR)
        started = time.perf_counter()
        live_db.big_live_database(url)
        cluster.wait_replayed(timeout=600)
        _note(f"built the floor in {time.perf_counter() - started:.0f} s")
        read = cluster.url(cluster.replica_port, FLOOR) if mode == "replica" else None
        yield Servers(mode, url, read)


class ServerCpu:
    """CPU time the server's processes spent during the run, read from ``/proc`` (the
    server is on this machine: loopback only). Backends are found through
    ``pg_stat_activity`` at each poll; each one's time is counted from its first sighting
    to its last, so the figure is the server's share of the machine, apart from the
    consoles' and the writer's own.

    Each backend is put in one part (``PARTS``), to say where the server's time goes:
    the consoles' reads (their pooled connections, named ``scale-N``), their change feed
    (a connection that has run ``LISTEN``), the server's own processes (WAL writer,
    checkpointer, autovacuum…) and the rest (the ingest writer, the benchmark's polls).
    """

    TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    PARTS = ("reads", "feed", "server", "ingest")

    def __init__(self) -> None:
        self.first: dict[int, int] = {}
        self.last: dict[int, int] = {}
        self.part: dict[int, str] = {}

    def poll(self, conn: object) -> None:
        rows = conn.execute(  # type: ignore[attr-defined]
            "SELECT pid, backend_type, application_name, query FROM pg_stat_activity"
        ).fetchall()
        for pid, backend_type, name, query in rows:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended, or not on this machine
            ticks = int(fields[11]) + int(fields[12])  # utime + stime
            self.first.setdefault(pid, ticks)
            self.last[pid] = ticks
            if self.part.get(pid) != "feed":  # once a listener, always one
                self.part[pid] = _part(backend_type, name or "", query or "")

    def cores(self, seconds: float, part: str | None = None) -> float:
        """Average cores the server (or one of its ``PARTS``) kept busy over ``seconds``."""
        pids = [p for p in self.last if part is None or self.part.get(p) == part]
        used = sum(self.last[p] - self.first[p] for p in pids) / self.TICK
        return used / seconds if seconds else 0.0


def _part(backend_type: str, name: str, query: str) -> str:
    if backend_type != "client backend":
        return "server"
    if query.lstrip().upper().startswith("LISTEN"):
        return "feed"
    return "reads" if name.startswith("scale-") else "ingest"
