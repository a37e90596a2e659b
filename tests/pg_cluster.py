"""A throw-away PostgreSQL primary and its streaming replica on loopback, for tests and
benchmarks that need a read URL beside the write URL.

The system server's ``pg_hba.conf`` has no replication line, so the pair is built
from scratch: ``initdb`` into a temporary folder (as the ``postgres`` user when run
as root: PostgreSQL refuses to run as root), trust authentication for loopback and
for replication, a free port; then ``pg_basebackup -R`` of it into a second folder
started on another port as a hot standby. Only the absence of the PostgreSQL
binaries is a reason to skip (``missing_reason``); anything else that fails is an
error with the server's log attached.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROLE = "root"  # the login role the URLs use; made a superuser in the new cluster


def bin_dir() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl``: PG_BIN, else the newest Debian layout,
    else the PATH."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name)
    for folder in reversed(versions):
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def missing_reason() -> str | None:
    """Why a temporary cluster can't be made here, or None when it can."""
    folder = bin_dir()
    if folder is None:
        return "PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) not found"
    for tool in ("initdb", "pg_ctl", "pg_basebackup"):
        if not (folder / tool).exists():
            return f"PostgreSQL binary {tool} not found in {folder}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Cluster:
    """A running primary and replica: URLs for the application and for psycopg."""

    primary_port: int
    replica_port: int
    database: str = "postgres"

    def url(self, port: int, database: str | None = None) -> str:
        return f"postgresql+psycopg://{ROLE}@127.0.0.1:{port}/{database or self.database}"

    @property
    def primary_url(self) -> str:
        return self.url(self.primary_port)

    @property
    def replica_url(self) -> str:
        return self.url(self.replica_port)

    def conninfo(self, port: int, database: str | None = None) -> str:
        return f"host=127.0.0.1 port={port} user={ROLE} dbname={database or self.database}"

    def create_database(self, name: str) -> None:
        """A new database on the primary, waited for on the replica."""
        with psycopg.connect(self.conninfo(self.primary_port), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.wait_replayed()

    def wait_replayed(self, timeout: float = 30.0) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        if not self.replica_port:
            return
        with psycopg.connect(self.conninfo(self.primary_port), autocommit=True) as conn:
            target = conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0]  # type: ignore[index]
        with psycopg.connect(self.conninfo(self.replica_port), autocommit=True) as conn:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                row = conn.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (str(target),)
                ).fetchone()
                if row and row[0]:
                    return
                time.sleep(0.02)
        raise RuntimeError(f"the replica did not replay {target} within {timeout} s")


class _Runner:
    """Runs the server binaries as ``postgres`` when we are root."""

    def __init__(self, folder: Path) -> None:
        self.bin = folder
        self.as_root = os.geteuid() == 0
        self.owner = pwd.getpwnam("postgres") if self.as_root else None

    def own(self, path: Path) -> None:
        if self.owner is not None:
            os.chown(path, self.owner.pw_uid, self.owner.pw_gid)

    def __call__(self, tool: str, *args: str) -> None:
        cmd = [str(self.bin / tool), *args]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        if result.returncode != 0:
            raise RuntimeError(f"{tool} failed: {(result.stderr or result.stdout).strip()}")


HBA = """\
local all all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
"""


@contextmanager
def primary_and_replica(
    max_connections: int = 100, *, replica: bool = True, **settings: str
) -> Iterator[Cluster]:
    """Start a primary and a streaming hot standby of it; stop both and delete them after.

    ``max_connections`` is each server's (a standby needs at least the primary's);
    ``settings`` are further ``-c name=value`` for both. ``replica=False``: the primary
    alone (``replica_port`` is then 0).
    """
    reason = missing_reason()
    if reason:
        raise RuntimeError(reason)
    folder = bin_dir()
    assert folder is not None
    run = _Runner(folder)
    root = Path(tempfile.mkdtemp(prefix="sc-pg-cluster-"))
    run.own(root)
    primary, replica = root / "primary", root / "replica"
    ports = _free_port(), _free_port()
    options = {
        "max_connections": str(max_connections),
        "listen_addresses": "127.0.0.1",
        "unix_socket_directories": str(root),
        "wal_level": "replica",
        "max_wal_senders": "4",
        "hot_standby": "on",
        "fsync": "off",  # a throw-away cluster: durability costs time and buys nothing
        "shared_buffers": "128MB",
        **settings,
    }
    started: list[Path] = []
    try:
        run("initdb", "-D", str(primary), "-U", "postgres", "-A", "trust", "--no-sync")
        (primary / "pg_hba.conf").write_text(HBA)
        conf = "\n".join(f"{k} = '{v}'" for k, v in options.items())
        with (primary / "postgresql.conf").open("a") as fh:
            fh.write(f"\n{conf}\nport = {ports[0]}\n")
        _start(run, primary, root, started)
        with psycopg.connect(
            f"host=127.0.0.1 port={ports[0]} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE ROLE "{ROLE}" SUPERUSER LOGIN REPLICATION')
        if not replica:
            yield Cluster(ports[0], 0)
            return
        run("pg_basebackup", "-D", str(replica), "-h", "127.0.0.1", "-p", str(ports[0]),
            "-U", "postgres", "-R", "-X", "stream", "--no-sync")  # fmt: skip
        with (replica / "postgresql.conf").open("a") as fh:
            # As the guide tells administrators: without feedback the primary's vacuum
            # removes rows the standby's queries still read, and replay then waits for
            # those queries (seconds of lag under a floor of consoles).
            fh.write(f"\nport = {ports[1]}\nhot_standby_feedback = on\n")
        _start(run, replica, root, started)
        cluster = Cluster(*ports)
        cluster.wait_replayed()
        yield cluster
    finally:
        for data in reversed(started):
            with contextlib.suppress(Exception):  # already gone: nothing to stop
                run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _start(run: _Runner, data: Path, root: Path, started: list[Path]) -> None:
    log = root / f"{data.name}.log"
    try:
        run("pg_ctl", "-D", str(data), "-l", str(log), "-w", "-t", "60", "start")
    except RuntimeError as exc:
        tail = log.read_text()[-2000:] if log.exists() else ""
        raise RuntimeError(f"{exc}\n{tail}") from None
    started.append(data)
