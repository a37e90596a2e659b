"""The trend's target line follows the targets in force on each day (``conftest.py``'s record).

Sales answers within 20 s on Monday 2 November; from Tuesday 3 November its
threshold is 4 s and its target 95 %. Monday: in time c1 (10 s) and c5 (Support,
25 s ≤ 30), offered 5, short c3: SL 2 ÷ (5 − 1) = 50 %, target 90 % (the stricter
of Sales' 80 % and Support's 90 %). Tuesday: c6 (5 s) and c8 (20 s) now miss 4 s,
c7 (Support, 40 s) misses 30 s: SL 0 ÷ 3 = 0 %, target 95 % (Sales' new one).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from conftest import TUE
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_analytics_tab import MON, choose

from supervisor_app.services.database import Database
from supervisor_app.services.targets import set_queue_targets
from supervisor_app.store.models import Queue
from supervisor_app.ui.analytics import AnalyticsTab
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers


@pytest.fixture
def changed(record_db: Database) -> Database:
    with record_db.sessions() as s:
        sales = s.scalar(select(Queue.id).where(Queue.name == "Sales"))
        set_queue_targets(
            s,
            sales,
            TUE,
            sl_target_percent=95,
            threshold_seconds=4,
            now=datetime(2026, 11, 20, tzinfo=UTC),
        )
        s.commit()
    return record_db


@pytest.fixture
def tab(
    qtbot: QtBot, workers: Workers, tmp_path: Path, changed: Database
) -> Iterator[AnalyticsTab]:
    widget = AnalyticsTab(workers, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show()
    widget.set_database(changed)
    qtbot.waitUntil(lambda: widget.options is not None and not widget.busy(), timeout=10_000)
    yield widget
    widget.shutdown()


def test_the_target_line_steps_where_the_target_changed(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE)
    tab.pages.setCurrentWidget(tab.trend)
    qtbot.waitUntil(lambda: not tab.busy() and tab.trend.report is not None, timeout=10_000)
    assert tab.trend.readout_at(0) == "2026-11-02: SL 50.0% (target 90.0%)"
    assert tab.trend.readout_at(1) == "2026-11-03: SL 0.0% (target 95.0%)"
    xs, ys = tab.trend.target.getData()
    assert list(ys) == [90.0, 95.0] and list(xs) == [-0.5, 0.5, 1.5]
    assert "target 90.0% to 95.0%, as in force each day" in tab.trend.readout.text()
    assert np.isfinite(ys).all()
