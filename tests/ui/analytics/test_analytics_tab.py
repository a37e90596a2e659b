"""The Analytics tab on the hand-made record of ``conftest.py``, driven like a user would.

Sales, Monday 2 – Tuesday 3 November: offered c1 c2 c3 c4 c6 c8 = 6; answered
c1 c2 c6 c8 = 4; abandoned c3 (3 s, short) and c4 (45 s, after the 20 s
threshold); in time c1 (10 s), c6 (5 s), c8 (20 s) = 3, not c2 (30 s).
SL = 3 ÷ (6 − 1) = 60.0 %; ÷ answered = 3 ÷ 4 = 75.0 %; ÷ (answered + late
abandons) = 3 ÷ (4 + 1) = 60.0 %. Support: c5 (25 s ≤ 30) and c7 (40 s): 1 ÷ 2 = 50.0 %.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from supervisor_app.domain.enums import Channel
from supervisor_app.services.database import Database, open_database
from supervisor_app.store.models import Queue, Site
from supervisor_app.ui.analytics import AnalyticsTab
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers

MON, TUE = date(2026, 11, 2), date(2026, 11, 3)  # the range of the record in conftest.py


@pytest.fixture
def tab(
    qtbot: QtBot, workers: Workers, tmp_path: Path, record_db: Database
) -> Iterator[AnalyticsTab]:
    widget = AnalyticsTab(workers, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show()
    widget.set_database(record_db)
    qtbot.waitUntil(lambda: widget.options is not None and not widget.busy(), timeout=10_000)
    yield widget
    widget.shutdown()


def choose(qtbot: QtBot, tab: AnalyticsTab, first: date, last: date, by: str = "Queue") -> None:
    tab.bar.grouping.setCurrentText(by)
    tab.bar.first.setDate(QDate(first.year, first.month, first.day))
    tab.bar.last.setDate(QDate(last.year, last.month, last.day))
    qtbot.waitUntil(lambda: not tab.busy(), timeout=10_000)


def cell(tab: AnalyticsTab, row: int, title: str) -> str:
    model = tab.kpi.proxy
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == title
    )
    return model.index(row, column).data()


def test_table_fills_with_the_report_figures(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE)
    assert tab.bar.preset.currentText() == "Custom"
    assert [cell(tab, r, "Queue") for r in range(2)] == ["Sales", "Support"]
    assert [
        cell(tab, 0, t) for t in ("Offered", "Answered", "Abandoned", "Short ab.", "In time")
    ] == [
        "6",
        "4",
        "2",
        "1",
        "3",
    ]
    assert cell(tab, 0, "SL") == "60.0%"
    assert cell(tab, 1, "SL") == "50.0%"
    # ASA Sales: (10 + 30 + 5 + 20) ÷ 4 = 16.25 s → 0:16.
    # AHT: (240 + 120 + 90 + 60) ÷ 4 = 127.5 s → 2:08 (rounded half to even).
    assert (cell(tab, 0, "ASA"), cell(tab, 0, "AHT")) == ("0:16", "2:08")


def test_variants_side_by_side(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE)
    column = tab.kpi.model.figure_column("sl_answered")
    assert tab.kpi.table.isColumnHidden(column)
    tab.kpi.variants.click()
    assert not tab.kpi.table.isColumnHidden(column)
    assert (cell(tab, 0, "SL"), cell(tab, 0, "SL ÷ ans."), cell(tab, 0, "SL ÷ ans.+late ab.")) == (
        "60.0%",
        "75.0%",
        "60.0%",
    )


def test_sorting_is_numeric(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE)
    tab.kpi.table.sortByColumn(tab.kpi.model.figure_column("offered"), Qt.SortOrder.AscendingOrder)
    assert [cell(tab, r, "Queue") for r in range(2)] == ["Support", "Sales"]  # 2 before 6


def test_filters_keep_rows(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE)
    tab.bar.queue.setCurrentText("Support")
    qtbot.waitUntil(lambda: not tab.busy())
    assert tab.kpi.proxy.rowCount() == 1 and cell(tab, 0, "Queue") == "Support"
    tab.bar.queue.setCurrentText("All queues")
    choose(qtbot, tab, MON, TUE, by="Agent")
    assert tab.bar.team.isEnabled() and tab.bar.queue.isEnabled()
    tab.bar.team.setCurrentText("Red")
    qtbot.waitUntil(lambda: not tab.busy())
    assert [cell(tab, r, "Agent") for r in range(tab.kpi.proxy.rowCount())] == ["Ann", "Bob"]


def test_filters_narrow_time_and_all_groupings(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE, by="All")
    assert tab.bar.queue.isEnabled() and tab.bar.team.isEnabled()
    tab.bar.queue.setCurrentText("Support")
    qtbot.waitUntil(lambda: not tab.busy())
    # Support: c5 (25 s, in time) and c7 (40 s, late): 1 ÷ 2.
    assert (cell(tab, 0, "Offered"), cell(tab, 0, "SL")) == ("2", "50.0%")
    tab.bar.queue.setCurrentText("All queues")
    tab.bar.team.setCurrentText("Red")
    choose(qtbot, tab, MON, TUE, by="Day")
    # Red answered c1 (10 s) and c2 (30 s) on Monday, c6 (5 s) and c8 (20 s) on Tuesday.
    assert [cell(tab, r, "Offered") for r in range(2)] == ["2", "2"]
    assert [cell(tab, r, "SL") for r in range(2)] == ["50.0%", "100.0%"]


def test_drill_down_opens_the_contacts_behind_a_figure(
    qtbot: QtBot, tab: AnalyticsTab, tmp_path: Path
) -> None:
    choose(qtbot, tab, MON, TUE)
    view = tab.kpi.table
    index = tab.kpi.proxy.index(0, tab.kpi.model.figure_column("abandoned"))
    view.scrollTo(index)
    point = view.visualRect(index).center()
    # A real double-click: press, release, then the double-click event (Qt wants the press).
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: tab.last_dialog is not None, timeout=10_000)
    dialog = tab.last_dialog
    assert dialog is not None
    model = dialog.model
    # Sales' abandons, in arrival order: c3 (3 s, short) and c4 (45 s).
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["c3", "c4"]
    assert [model.index(r, 5).data() for r in range(2)] == ["0:03", "0:45"]
    target = tmp_path / "abandoned.csv"
    dialog.export_to(target)
    assert target.read_text(encoding="utf-8").splitlines()[1].startswith("c3,2026-11-02T09:10:00")
    dialog.close()


def test_drill_down_of_a_time_group(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE, by="Interval")
    rows = tab.kpi.model.rows
    nine = next(i for i, r in enumerate(rows) if r.key[0][1].startswith("2026-11-02T09:00"))
    tab.drill_down(rows[nine].key, "offered")
    qtbot.waitUntil(lambda: tab.last_dialog is not None, timeout=10_000)
    model = tab.last_dialog.model
    # 09:00–09:15 on Monday: c1 09:05, c3 09:10, c4 09:12.
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["c1", "c3", "c4"]
    tab.last_dialog.close()


def test_ctrl_c_copies_rows_with_headers(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE)
    view = tab.kpi.table
    view.setFocus()
    view.selectRow(0)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    header, row = QGuiApplication.clipboard().text().splitlines()
    assert header.startswith("Queue\tOffered\tAnswered\tAbandoned\tShort ab.\tIn time\tSL\tASA")
    assert row.startswith("Sales\t6\t4\t2\t1\t3\t60.0%\t0:00:16")


def test_a_new_range_drops_the_answer_in_flight(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE)
    shown: list[object] = []
    tab.kpi.model.modelReset.connect(lambda: shown.append(tab.kpi.model.report))
    # Three changes before any answer can be delivered: only the last one is shown.
    tab.bar.last.setDate(QDate(2026, 11, 2))
    assert tab.busy() and tab.bar.busy.isVisible()
    tab.bar.grouping.setCurrentText("Team")
    tab.bar.grouping.setCurrentText("Queue")
    qtbot.waitUntil(lambda: not tab.busy(), timeout=10_000)
    qtbot.wait(200)  # let the superseded answers arrive, to be dropped
    assert len(shown) == 1  # one answer shown: the last one asked for
    assert not tab.bar.busy.isVisible()
    # Monday alone: Sales c1 c2 c3 c4, Support c5.
    assert (cell(tab, 0, "Offered"), cell(tab, 1, "Offered")) == ("4", "1")
    report = tab.kpi.model.report
    assert report is not None and (report.first, report.last, report.by) == (MON, MON, "queue")


def test_empty_states(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, date(2026, 12, 1), date(2026, 12, 2))
    assert tab.kpi.stack.empty
    assert "No contacts between 2026-12-01 and 2026-12-02" in tab.kpi.stack.message.text()
    tab.bar.first.setDate(QDate(2026, 12, 5))
    assert "ends before it starts" in tab.kpi.stack.message.text()
    tab.set_database(None)
    assert "Open a database" in tab.kpi.stack.message.text()


def test_other_pages_query_when_shown(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE)
    tab.pages.setCurrentWidget(tab.heatmap)
    qtbot.waitUntil(lambda: not tab.busy() and not tab.heatmap.stack.empty, timeout=10_000)
    # Monday 09:00 holds c1, c3, c4 (one Monday in the range) → "3.0".
    row = [f"{s:%H:%M}" for s in tab.heatmap.model.slots].index("09:00")
    assert tab.heatmap.model.index(row, 0).data() == "3.0"
    tab.pages.setCurrentWidget(tab.trend)
    qtbot.waitUntil(lambda: not tab.busy() and tab.trend.report is not None, timeout=10_000)
    # SL by day: Monday in time c1 c5 ÷ (5 offered − 1 short) = 50 %; Tuesday c6 c8 ÷ 3.
    assert tab.trend.readout_at(0) == "2026-11-02: SL 50.0% (target 90.0%)"
    assert tab.trend.readout_at(1) == "2026-11-03: SL 66.7% (target 90.0%)"

    comments = tab.comments
    tab.pages.setCurrentWidget(comments)
    qtbot.waitUntil(lambda: not tab.busy() and not comments.stack.empty, timeout=10_000)

    def texts() -> list[str]:
        return [comments.model.index(r, 5).data() for r in range(comments.model.rowCount())]

    assert texts() == ["Waited far too long", "Quick and kind"]  # newest first
    comments.max_score.setValue(2)
    qtbot.waitUntil(lambda: not tab.busy() and texts() == ["Waited far too long"], timeout=10_000)
    comments.max_score.setValue(5)
    comments.words.setText("KIND")  # queried after a pause in typing
    qtbot.waitUntil(lambda: not tab.busy() and texts() == ["Quick and kind"], timeout=10_000)
    comments.words.setText("refund")
    qtbot.waitUntil(lambda: not tab.busy() and comments.stack.empty, timeout=10_000)
    assert comments.stack.message.text() == "No comments match in this range."


def test_scorecards_for_a_month(qtbot: QtBot, tab: AnalyticsTab) -> None:
    assert tab.options is not None
    tab.options = replace(tab.options, today=date(2026, 11, 20))  # "this month": 1–20 Nov
    tab.pages.setCurrentWidget(tab.scorecard)
    tab.scorecard.period.setCurrentText("This month")
    qtbot.waitUntil(lambda: not tab.busy() and not tab.scorecard.stack.empty, timeout=10_000)
    model = tab.scorecard.model
    lines = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    assert lines == [
        ("Blue", "Cat"),
        ("Blue", "Team median"),
        ("Red", "Ann"),
        ("Red", "Bob"),
        ("Red", "Team median"),
    ]
    # AHT (column 4): Ann (240 + 90) ÷ 2 = 165 s → 2:45, rank 2 of 2; Bob (120 + 60) ÷ 2 = 90 s
    # → 1:30, rank 1; median (165 + 90) ÷ 2 = 127.5 s → 2:08.
    assert [model.index(r, 4).data() for r in (2, 3, 4)] == ["2:45", "1:30", "2:08"]
    assert [model.index(r, 5).data() for r in (2, 3, 4)] == ["2 of 2", "1 of 2", ""]
    assert "01 Nov 2026 – 20 Nov 2026" in tab.scorecard.note.text()
    tab.bar.team.setCurrentText("Blue")
    qtbot.waitUntil(lambda: not tab.busy(), timeout=10_000)
    assert model.rowCount() == 2


def test_news_of_new_contacts_marks_a_range_ending_today(qtbot: QtBot, tab: AnalyticsTab) -> None:
    assert tab.options is not None
    today = tab.options.today
    choose(qtbot, tab, today, today)
    tab.on_changed(frozenset({"contacts"}), datetime(2026, 11, 25, 10, 30, tzinfo=UTC))
    assert "New data since 10:30" in tab.bar.status.text()
    tab.bar.refresh_requested.emit()
    assert "New data" not in tab.bar.status.text()  # it says what it computes instead
    qtbot.waitUntil(lambda: not tab.busy(), timeout=10_000)
    assert tab.bar.status.text() == ""


def test_column_layout_is_remembered_per_grouping(
    qtbot: QtBot, tab: AnalyticsTab, workers: Workers, tmp_path: Path, record_db: Database
) -> None:
    choose(qtbot, tab, MON, TUE)
    header = tab.kpi.table.horizontalHeader()
    sl = tab.kpi.model.figure_column("service_level")
    header.moveSection(header.visualIndex(sl), 1)  # SL next to the queue name
    tab.shutdown()

    again = AnalyticsTab(workers, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(again)
    again.set_database(record_db)
    qtbot.waitUntil(lambda: again.options is not None and not again.busy(), timeout=10_000)
    choose(qtbot, again, MON, TUE)
    assert again.kpi.table.horizontalHeader().visualIndex(sl) == 1
    choose(qtbot, again, MON, TUE, by="Day")  # another grouping, its own layout
    day_sl = again.kpi.model.figure_column("service_level")
    assert again.kpi.table.horizontalHeader().visualIndex(day_sl) == day_sl
    again.shutdown()


def test_models_pass_the_model_tester(
    qtbot: QtBot, tab: AnalyticsTab, qtmodeltester: ModelTester
) -> None:
    choose(qtbot, tab, MON, TUE)
    qtmodeltester.check(tab.kpi.model)
    tab.pages.setCurrentWidget(tab.heatmap)
    qtbot.waitUntil(lambda: not tab.busy() and tab.heatmap.model.rowCount() > 0, timeout=10_000)
    qtmodeltester.check(tab.heatmap.model)
    tab.options = replace(tab.options, today=date(2026, 11, 20))
    tab.pages.setCurrentWidget(tab.scorecard)
    tab.scorecard.period.setCurrentText("This month")
    qtbot.waitUntil(lambda: not tab.busy() and tab.scorecard.model.rowCount() > 0, timeout=10_000)
    qtmodeltester.check(tab.scorecard.model)


def test_a_database_without_a_site_says_what_to_do(
    qtbot: QtBot, workers: Workers, tmp_path: Path
) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'empty.db'}")
    widget = AnalyticsTab(workers, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(widget)
    try:
        widget.set_database(db)
        qtbot.waitUntil(lambda: not widget.busy(), timeout=10_000)
        assert widget.options is None
        assert widget.kpi.stack.message.text().startswith(
            "The database has no site yet: run `supervisor-app demo seed`"
        )
    finally:
        widget.shutdown()
        db.close()


def test_enter_drills_down_like_a_double_click(qtbot: QtBot, tab: AnalyticsTab) -> None:
    choose(qtbot, tab, MON, TUE)
    view = tab.kpi.table
    view.setFocus()
    # Support's "Answered": c5 and c7.
    view.setCurrentIndex(tab.kpi.proxy.index(1, tab.kpi.model.figure_column("answered")))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.last_dialog is not None, timeout=10_000)
    model = tab.last_dialog.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["c5", "c7"]
    assert tab.last_dialog.summary.text() == "Answered — Support · 2 contacts"
    tab.last_dialog.close()


def test_new_queues_reload_the_filters(
    qtbot: QtBot, tab: AnalyticsTab, record_db: Database
) -> None:
    with record_db.sessions() as s:
        site = s.query(Site).one()
        s.add(Queue(site_id=site.id, name="Billing", channel=Channel.EMAIL))
        s.commit()
    tab.on_changed(frozenset({"queues"}), datetime(2026, 11, 25, 10, 30, tzinfo=UTC))
    qtbot.waitUntil(
        lambda: not tab.busy() and tab.bar.queue.findText("Billing") >= 0, timeout=10_000
    )
