"""Fixtures for the Live tab extras: real databases with a few hand-made rows, a worker
pool shut down before those databases close, and a check that a panel left nothing running."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from supervisor_app.domain.enums import Channel, Severity
from supervisor_app.services.database import Database, open_database
from supervisor_app.store.models import Escalation, Queue, Site
from supervisor_app.ui.common.workers import Workers

OpenDb = Callable[[str], Database]


@pytest.fixture
def open_db() -> Iterator[OpenDb]:
    """``open_db(url)``: a Database (each call a separate engine, as a second console has)."""
    opened: list[Database] = []

    def make(url: str) -> Database:
        db = open_database(url)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


@pytest.fixture
def pool(qtbot: QtBot, open_db: OpenDb) -> Iterator[Workers]:
    """Workers that are shut down (ops finished) before the databases are closed."""
    workers = Workers()
    yield workers
    workers.shutdown()


def assert_quiet(widget: QWidget, workers: Workers) -> None:
    """Closed, a widget has no timer running and no op left in flight."""
    widget.close()
    assert workers.shutdown()
    active = [t for t in widget.findChildren(QTimer) if t.isActive()]
    assert not active, f"timers still running after close: {active}"


def add_escalations(db: Database, now: datetime | None = None) -> dict[str, int]:
    """A site, two queues and three open escalations; their ids by customer."""
    now = now or datetime.now(UTC)
    with db.sessions() as s:
        site = Site(name="North", timezone="Europe/London")
        sales = Queue(site=site, name="Sales", channel=Channel.VOICE)
        billing = Queue(site=site, name="Billing", channel=Channel.CHAT)
        s.add_all([site, sales, billing])
        s.flush()
        rows = {
            "C-100": Escalation(
                queue_id=sales.id,
                customer_ref="C-100",
                reason="Wants a manager",
                severity=Severity.HIGH,
                created_at=now - timedelta(minutes=12),
            ),
            "C-200": Escalation(
                queue_id=billing.id,
                customer_ref="C-200",
                reason="Charged twice for March",
                severity=Severity.CRITICAL,
                created_at=now - timedelta(minutes=3),
            ),
            "C-300": Escalation(
                queue_id=sales.id,
                customer_ref="C-300",
                reason="Complaint letter",
                severity=Severity.LOW,
                created_at=now - timedelta(seconds=30),
            ),
        }
        s.add_all(rows.values())
        s.commit()
        return {k: v.id for k, v in rows.items()}
