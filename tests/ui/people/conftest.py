"""A small seeded SQLite database for the profile's tests: one site, 8 agents, 40 days
up to 7 December 2026 (so November is a whole month of figures)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("profile") / "seeded.db"
    db = open_database(f"sqlite:///{path}")
    seed_demo(db, days=40, agents=8, queues=2, seed=3, until=NOW, training=False)
    db.close()
    return path


@pytest.fixture
def db(seeded_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A fresh copy per test: tests that save don't see each other's rows."""
    copy = tmp_path / "profile.db"
    shutil.copy(seeded_file, copy)
    database = open_database(f"sqlite:///{copy}")
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _profiles_closed() -> Iterator[None]:
    """Profiles delete themselves when closed; any a failed test left open is closed here."""
    yield
    from shiboken6 import isValid

    from supervisor_app.ui.people import profile_dialog

    for dialog in list(profile_dialog._open.values()):
        if isValid(dialog):
            dialog.close()
    profile_dialog._open.clear()
