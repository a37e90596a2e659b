"""pytest-alembic wiring: the package's migrations, on each engine in turn."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.config import Config
from sqlalchemy import Engine

from supervisor_app.store.engine import make_engine
from supervisor_app.store.migrate import alembic_config as package_alembic_config


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database on each engine in turn: these tests migrate it themselves."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_empty_url"
    return request.getfixturevalue(name)


@pytest.fixture
def alembic_config() -> Config:
    return package_alembic_config()


@pytest.fixture
def alembic_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    try:
        yield engine
    finally:
        engine.dispose()
