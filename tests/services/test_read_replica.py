"""A console reading from a streaming replica, on a real primary and hot standby.

The pair is a throw-away cluster (``tests/pg_cluster.py``); these tests skip only
when the PostgreSQL server binaries are absent, and say so. Lag is made on purpose
by pausing the standby's replay (``pg_wal_replay_pause``), so that a notification
from the primary surely arrives before the replica has the write it announces.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pg_cluster
import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.errors import DatabaseError
from supervisor_app.services.database import Database, open_database, upgrade_database
from supervisor_app.services.live import take_snapshot
from supervisor_app.store.changes import ChangeListener, announce
from supervisor_app.store.location import resolve_read_url
from supervisor_app.store.models import Contact, Queue, Site
from supervisor_app.store.replica import lsn_value

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
DB_NAME = "sc_replica_test"


@pytest.fixture(scope="module")
def pair() -> Iterator[pg_cluster.Cluster]:
    reason = pg_cluster.missing_reason()
    if reason:
        print(f"read-replica tests skipped: {reason}")
        pytest.skip(reason)
    with pg_cluster.primary_and_replica() as cluster:
        cluster.create_database(DB_NAME)
        upgrade_database(cluster.url(cluster.primary_port, DB_NAME))
        primary = open_database(cluster.url(cluster.primary_port, DB_NAME))
        with primary.sessions.begin() as s:
            site = Site(name="North", timezone="Europe/London")
            s.add_all([site, Queue(site=site, name="Sales", channel=Channel.VOICE)])
        primary.close()
        cluster.wait_replayed()
        yield cluster


@pytest.fixture
def db(pair: pg_cluster.Cluster) -> Iterator[Database]:
    database = open_database(
        pair.url(pair.primary_port, DB_NAME), read_url=pair.url(pair.replica_port, DB_NAME)
    )
    yield database
    database.close()
    _replay(pair, pause=False)
    pair.wait_replayed()
    with psycopg.connect(pair.conninfo(pair.primary_port, DB_NAME), autocommit=True) as conn:
        conn.execute("DELETE FROM contacts")
    pair.wait_replayed()


def _replay(pair: pg_cluster.Cluster, *, pause: bool) -> None:
    with psycopg.connect(pair.conninfo(pair.replica_port), autocommit=True) as conn:
        conn.execute("SELECT pg_wal_replay_pause()" if pause else "SELECT pg_wal_replay_resume()")


def _waiting_on_replica(pair: pg_cluster.Cluster) -> int:
    with psycopg.connect(pair.conninfo(pair.replica_port, DB_NAME)) as conn:
        return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])  # type: ignore[index]


def _add_waiting_contact(db: Database, external_id: str) -> None:
    """One caller waiting on Sales since a minute before NOW, announced on the feed."""
    with db.sessions.begin() as s:
        queue_id = s.scalar(select(Queue.id).where(Queue.name == "Sales"))
        s.add(Contact(queue_id=queue_id, source="test", external_id=external_id,
                      arrived_at=NOW - timedelta(minutes=1)))  # fmt: skip
        s.flush()
        announce(s.connection(), ["contacts"])


def _sales_waiting(db: Database) -> int:
    snap = take_snapshot(db, NOW)
    return next(q.waiting for q in snap.queues if q.name == "Sales")


def test_reads_come_from_the_replica_and_writes_go_to_the_primary(db: Database) -> None:
    with db.reading() as s:
        assert s.scalar(text("SELECT pg_is_in_recovery()")) is True
        with pytest.raises(DBAPIError, match="read-only transaction"):
            s.execute(text("DELETE FROM contacts"))
    with db.sessions() as s:
        assert s.scalar(text("SELECT pg_is_in_recovery()")) is False
    _add_waiting_contact(db, "w1")
    with psycopg.connect(db.url.replace("postgresql+psycopg", "postgresql")) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1  # type: ignore[index]


def test_a_notified_write_is_shown_once_the_replica_has_replayed_it(
    db: Database, pair: pg_cluster.Cluster
) -> None:
    assert _sales_waiting(db) == 0
    with ChangeListener(db.engine, db.barrier) as listener:
        _replay(pair, pause=True)
        _add_waiting_contact(db, "w2")
        assert listener.wait(10) == {"contacts"}
    assert db.barrier is not None and db.barrier.target > 0
    # The replica really is behind: a read that did not wait would show nobody waiting.
    assert _waiting_on_replica(pair) == 0
    resume = threading.Timer(0.5, _replay, (pair,), {"pause": False})
    started = time.monotonic()
    resume.start()
    waiting = _sales_waiting(db)
    elapsed = time.monotonic() - started
    resume.join()
    assert waiting == 1  # the one caller added above
    assert 0.4 <= elapsed < 0.5 + db.barrier.lag_wait_s


def test_a_replica_that_stays_behind_delays_a_refresh_only_by_the_bound(
    db: Database, pair: pg_cluster.Cluster
) -> None:
    assert db.barrier is not None
    db.barrier.lag_wait_s = 0.3
    with ChangeListener(db.engine, db.barrier) as listener:
        _replay(pair, pause=True)
        _add_waiting_contact(db, "w3")
        assert listener.wait(10) == {"contacts"}
    started = time.monotonic()
    assert _sales_waiting(db) == 0  # what the replica has: not stuck waiting
    assert 0.3 <= time.monotonic() - started < 2.0
    _replay(pair, pause=False)
    deadline = time.monotonic() + 10
    while _sales_waiting(db) != 1:  # the next refresh (a notification, the safety timer)
        assert time.monotonic() < deadline, "the replica never showed the write"
        time.sleep(0.05)


def test_a_wrong_read_url_is_one_clear_line(pair: pg_cluster.Cluster) -> None:
    closed = pg_cluster._free_port()
    with pytest.raises(DatabaseError) as caught:
        open_database(pair.url(pair.primary_port, DB_NAME), read_url=pair.url(closed, DB_NAME))
    message = str(caught.value)
    assert "\n" not in message and message.startswith("read database (replica):")
    assert str(closed) in message
    with pytest.raises(DatabaseError, match=r"read database .*needs a shared"):
        open_database(pair.url(pair.primary_port, DB_NAME), read_url="sqlite:///x.db")
    with pytest.raises(DatabaseError, match="is at revision none"):  # an empty database
        open_database(pair.url(pair.primary_port, DB_NAME), read_url=pair.replica_url)


def test_read_url_comes_from_the_flag_then_the_environment_then_the_settings(
    monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    assert resolve_read_url() is None
    settings = _isolated_home / "config" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('[database]\nread_url = "postgresql://ro@replica:5432/cc"\n')
    assert resolve_read_url() == "postgresql+psycopg://ro@replica:5432/cc"
    monkeypatch.setenv("SUPERVISOR_APP_READ_DB", "postgresql://ro@env:5432/cc")
    assert resolve_read_url() == "postgresql+psycopg://ro@env:5432/cc"
    assert resolve_read_url("postgresql://ro@flag/cc") == "postgresql+psycopg://ro@flag/cc"


def test_lsn_text_orders_as_the_wal_does() -> None:
    # 0x16 << 32 | 0xB374D848, worked by hand: 22 * 4294967296 + 3010779208
    assert lsn_value("16/B374D848") == 22 * 4_294_967_296 + 3_010_779_208
    assert lsn_value("0/FFFFFFFF") < lsn_value("1/0")
    assert lsn_value(None) == 0
