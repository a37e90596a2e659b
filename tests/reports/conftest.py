"""A small simulated history, seeded once per module on each engine, for the report tests.

Four local days (Sunday 15 to Wednesday 18 November 2026, two ISO weeks), 12 agents,
3 queues. Figures in the
workbooks are checked against ``kpi_report`` (the ``kpi`` command's service)
and against plain SQL written in the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from report_readback import UNTIL

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database, upgrade_database


def _reset_pg(url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def demo_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'demo.db'}"
    else:
        url = request.getfixturevalue("pg_server_url")
        _reset_pg(url)
        upgrade_database(url)  # as its owner would: a console never migrates it
    db = open_database(url)
    seed_demo(db, days=4, agents=12, queues=3, seed=3, until=UNTIL)
    yield db
    db.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "report.xlsx"
