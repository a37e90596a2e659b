"""The coverage panel on a real database: loads through workers, shows a draft without one."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QShortcut
from pytestqt.qtbot import QtBot

from supervisor_app.domain.coverage import coverage
from supervisor_app.domain.schedule_types import PlannedShift
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.planning import coverage_week
from supervisor_app.services.schedules import load_week
from supervisor_app.ui.common.header_state import ViewStateStore
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules.planning.coverage_model import rows_of
from supervisor_app.ui.schedules.planning.coverage_panel import CoveragePanel

from .floor import WEEK, build_week, t


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    build_week(database)
    yield database
    database.close()


@pytest.fixture
def panel(qtbot: QtBot, db: Database) -> Iterator[CoveragePanel]:
    workers = Workers()
    widget = CoveragePanel(workers)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_week(WEEK)
    widget.set_database(db)
    qtbot.waitUntil(lambda: widget.current is not None and not widget.refresher.busy())
    yield widget
    widget.close()
    assert workers.shutdown()


def test_loads_the_saved_week_and_draws_it(
    panel: CoveragePanel, db: Database, tmp_path: Path
) -> None:
    want = coverage_week(db, WEEK)
    assert panel.current == want
    assert not panel.draft_shown
    # Monday's chart: required and scheduled summed over both queues, step curves on edges.
    x, y = panel.chart.required.getData()
    monday = [i for i, s in enumerate(want.starts) if s < t("00:00", 1)]
    assert len(x) == len(monday) + 1  # step curves: the intervals' edges
    req = np.array([sum(q.required[i] for q in want.queues) for i in monday], dtype=float)
    assert np.allclose(y, req)
    under = panel.chart.under.opts
    assert len(under["x0"]) == sum(1 for i in monday if sum(q.gap[i] for q in want.queues) < -1e-9)
    assert panel.model.rowCount() > 0
    panel.grab().save(str(tmp_path / "coverage_panel.png"))


def test_sorts_filters_and_copies(panel: CoveragePanel, qtbot: QtBot) -> None:
    panel.controls.queue_combo.setCurrentIndex(panel.controls.queue_combo.findText("Billing"))
    assert {r.queue for r in panel.model.rows} == {"Billing"}
    panel.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)  # gap, worst first
    gaps = [panel.proxy.index(r, 6).data(Qt.ItemDataRole.UserRole + 1) for r in range(3)]
    assert gaps == sorted(gaps)
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text().splitlines()
    assert text[0].split("\t")[:3] == ["Interval", "Queue", "Forecast"]
    assert text[1].split("\t")[1] == "Billing"


def test_show_draft_recomputes_without_the_database(
    panel: CoveragePanel, db: Database, tmp_path: Path
) -> None:
    week = load_week(db, WEEK)
    more = tuple(PlannedShift(a.agent_id, t("16:00"), t("19:00")) for a in week.agents[:6])
    draft = dataclasses.replace(week, shifts=week.shifts + more)
    db.close()  # a draft needs no database
    panel.show_draft(draft)
    assert panel.draft_shown
    evening = panel.current.starts.index(t("17:00"))
    sales = next(q for q in panel.current.queues if q.name == "Sales")
    billing = next(q for q in panel.current.queues if q.name == "Billing")
    # Six extra agents 16:00–19:00, two of them (0 and 3) shared with Billing.
    assert sales.scheduled[evening] + billing.scheduled[evening] == pytest.approx(6.0)
    assert "unsaved draft" in panel.summary.text()
    panel.grab().save(str(tmp_path / "coverage_draft.png"))


def test_next_week_loads_and_is_empty(panel: CoveragePanel, qtbot: QtBot) -> None:
    panel.step_week(1)
    assert panel.week_start() == WEEK + timedelta(days=7)
    qtbot.waitUntil(lambda: panel.current.week_start == WEEK + timedelta(days=7))
    assert panel.summary.text().startswith("No forecast for this week yet")
    assert panel.model.rowCount() == 0
    assert not panel.controls.scale.isEnabled()


def test_layout_is_remembered(panel: CoveragePanel, tmp_path: Path, qtbot: QtBot) -> None:
    store = ViewStateStore(tmp_path / "window.ini")
    header = panel.table.horizontalHeader()
    header.resizeSection(1, 177)
    header.moveSection(6, 2)  # the gap next to the interval
    panel.save_state(store)
    workers = Workers()
    other = CoveragePanel(workers)
    qtbot.addWidget(other)
    other.restore_state(store)
    assert other.table.horizontalHeader().sectionSize(1) == 177
    assert other.table.horizontalHeader().visualIndex(6) == 2
    assert workers.shutdown()


def test_a_draft_edit_patches_the_table_to_what_a_rebuild_shows(
    panel: CoveragePanel, db: Database
) -> None:
    """In place (no model reset), yet row for row what a fresh table of the draft holds."""
    week = load_week(db, WEEK)
    resets: list[int] = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    late = tuple(PlannedShift(a.agent_id, t("20:00"), t("23:00")) for a in week.agents[:3])
    first = dataclasses.replace(week, shifts=week.shifts + late)
    panel.show_draft(first)
    panel.show_draft(dataclasses.replace(first, shifts=first.shifts[:-1]))  # one undone
    assert resets == []
    assert panel.model.rows == rows_of(panel.current, None, True)
    inputs = panel.loaded.inputs
    undone = dataclasses.replace(first, shifts=first.shifts[:-1])
    assert panel.current == coverage(undone, inputs.demands, inputs.holidays)


def test_toolbar_fits_800_px_and_week_keys_stay_in_the_panel(
    panel: CoveragePanel, qtbot: QtBot, tmp_path: Path
) -> None:
    assert panel.minimumSizeHint().width() <= 800
    panel.resize(800, 700)
    qtbot.wait(10)
    assert panel.controls.scale.geometry().right() <= panel.controls.width()
    panel.grab().save(str(tmp_path / "coverage_800.png"))
    contexts = {s.context() for s in panel.controls.findChildren(QShortcut)}
    assert contexts == {Qt.ShortcutContext.WidgetWithChildrenShortcut}
