"""`db upgrade` semantics: idempotent, backed up, and refusing what it must not touch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from supervisor_app.domain.errors import DatabaseError
from supervisor_app.services.database import open_database, upgrade_database
from supervisor_app.store.engine import make_engine
from supervisor_app.store.migrate import backup_sqlite, head_revision


def test_upgrade_creates_every_table_and_is_idempotent(db_url: str) -> None:
    first = upgrade_database(db_url)
    second = upgrade_database(db_url)
    assert first.revision == second.revision == head_revision()
    engine = make_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert {"sites", "contacts", "agent_state_spans", "shifts", "audit_log"} <= tables


def test_backup_is_a_consistent_copy(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(100)])
    copy = backup_sqlite(path, "0001")
    assert copy.parent == tmp_path and copy.name.startswith("live.db.0001.")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*), sum(x) FROM t").fetchone() == (100, 4950)


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"minutes of the Tuesday meeting\n" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a Supervisor Console database"):
        upgrade_database(f"sqlite:///{path}")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_database_of_another_application_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseError, match="no Supervisor Console schema"):
        upgrade_database(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert names == ["invoices"]


def test_a_newer_schema_is_refused(db_url: str) -> None:
    upgrade_database(db_url)
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="newer than this build knows"):
        upgrade_database(db_url)
    with pytest.raises(DatabaseError, match="newer than this build knows"):
        open_database(db_url, upgrade=False)


def test_missing_folder_is_reported_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder"
    with pytest.raises(DatabaseError, match="does not exist"):
        upgrade_database(f"sqlite:///{missing / 'x.db'}")
    assert not (tmp_path / "no").exists()


def test_unreachable_server_is_one_clear_line() -> None:
    # Port 1 on loopback: nothing listens there, so the refusal is immediate.
    with pytest.raises(DatabaseError, match=r"can't connect to postgresql\+psycopg://u:\*\*\*@"):
        upgrade_database("postgresql://u:secret@127.0.0.1:1/db")


def test_unsupported_scheme_is_refused() -> None:
    with pytest.raises(DatabaseError, match="only sqlite"):
        upgrade_database("mysql://root@localhost/x")


def test_migrating_an_older_sqlite_file_backs_it_up_first(tmp_path: Path) -> None:
    from alembic import command

    from supervisor_app.store.migrate import alembic_config

    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with engine.begin() as conn:
        cfg = alembic_config(url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(
            text("INSERT INTO sites (name, timezone, interval_minutes) VALUES ('N', 'UTC', 15)")
        )
    engine.dispose()

    result = upgrade_database(url)

    assert result.revision == head_revision() != "0001"
    assert result.backup_file is not None and result.backup_file.startswith("old.db.0001.")
    backup = tmp_path / result.backup_file
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT name FROM sites").fetchall() == [("N",)]
