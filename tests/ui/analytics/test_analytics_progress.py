"""While a figure is on its way the Analytics tab says what it computes and how far it is.

The KPI report is held back (a stand-in that reports half its days done, then
waits for the test) so the in-between state can be looked at: the page shows
the sentence, never the "open a database" one, and the bar shows it too.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from supervisor_app.services.database import Database
from supervisor_app.ui.analytics import AnalyticsTab, kpi_rows
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers

COMPUTING = re.compile(
    r"^Computing the KPI table for \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d… "
    r"50% of the days not yet summarised done$"
)


def test_a_slow_report_says_what_it_computes_and_how_far(
    qtbot: QtBot,
    workers: Workers,
    tmp_path: Path,
    record_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    real = kpi_rows.kpi_report

    def held_back(*args: Any, progress: Any = None, **kw: Any) -> Any:
        if progress is not None:
            progress(0.5)
        release.wait(10)
        return real(*args, progress=progress, **kw)

    monkeypatch.setattr(kpi_rows, "kpi_report", held_back)
    tab = AnalyticsTab(workers, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(tab)
    tab.show()
    try:
        tab.set_database(record_db)
        qtbot.waitUntil(lambda: "50%" in tab.kpi.stack.message.text(), timeout=10_000)
        assert tab.kpi.stack.empty and tab.busy()
        assert COMPUTING.match(tab.kpi.stack.message.text())
        assert COMPUTING.match(tab.bar.status.text())
        release.set()
        qtbot.waitUntil(lambda: not tab.busy(), timeout=10_000)
        assert tab.bar.status.text() == ""
        assert "Computing" not in tab.kpi.stack.message.text()
    finally:
        release.set()
        tab.shutdown()
