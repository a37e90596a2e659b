"""Fixtures for the file-import tests: an upgraded database on each engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from supervisor_app.services.database import Database, open_database


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    yield database
    database.close()
