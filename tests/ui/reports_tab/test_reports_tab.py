"""The Reports tab driven with qtbot on a seeded SQLite file: preview, export, cancel,
a refused target, the remembered folder and the "open it?" offer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QUrl
from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.reports.request import ExportRequest
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.reports_tab import ReportsTab
from supervisor_app.ui.reports_tab.export_run import ExportRun

FIRST, LAST = date(2026, 11, 17), date(2026, 11, 18)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports-tab") / "demo.db"
    db = open_database(f"sqlite:///{path}")
    seed_demo(db, days=2, agents=10, queues=3, seed=4, until=datetime(2026, 11, 19, 9, tzinfo=UTC))
    db.close()
    return path


@pytest.fixture
def db(seeded: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{seeded}", upgrade=False)
    yield database
    database.close()


@pytest.fixture
def tab(qtbot: QtBot, workers: Workers, db: Database, tmp_path: Path) -> Iterator[ReportsTab]:
    widget = ReportsTab(workers, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(widget)
    widget.form.first.setDate(QDate(FIRST.year, FIRST.month, FIRST.day))
    widget.form.last.setDate(QDate(LAST.year, LAST.month, LAST.day))
    widget.resize(1000, 620)
    widget.show()
    widget.set_database(db)
    qtbot.waitUntil(lambda: widget.form.queues.count() == 3)
    qtbot.waitUntil(lambda: "Offered" in widget.preview.figures, timeout=10_000)
    yield widget
    widget.shutdown()
    workers.shutdown()


def test_preview_shows_the_kpi_figures(tab: ReportsTab, db: Database, qtbot: QtBot) -> None:
    figures = kpi_report(db, FIRST, LAST, "all").rows[0].figures
    assert tab.preview.figures["Offered"] == f"{figures.offered:,}"
    assert tab.preview.figures["Service level"] == f"{100 * figures.service_level:.1f}%"


def test_report_choice_enables_the_right_filters(tab: ReportsTab, qtbot: QtBot) -> None:
    tab.form.report.setCurrentIndex(tab.form.report.findData("scorecards"))
    assert not tab.form.queues.isEnabled() and tab.form.teams.isEnabled()
    assert not tab.form.period.isEnabled() and not tab.form.rows.isEnabled()
    assert tab.form.file.text().endswith("scorecards-2026-11-17-to-2026-11-18.xlsx")
    qtbot.waitUntil(lambda: "Agents" in tab.preview.figures, timeout=10_000)


def test_export_writes_the_file_remembers_the_folder_and_offers_to_open(
    tab: ReportsTab, qtbot: QtBot, tmp_path: Path, workers: Workers
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "service.xlsx"
    tab.form.queues.item(0).setCheckState(Qt.CheckState.Checked)
    tab.form.file.setText(str(target))
    opened: list[QUrl] = []
    tab.open_url = opened.append
    qtbot.keyClick(tab, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.done_box is not None, timeout=20_000)
    assert "Saved" in tab.status.text()
    book = CalamineWorkbook.from_path(str(target))
    assert book.sheet_names[0] == "Cover" and "Summary" in book.sheet_names
    queue = tab.form.queues.item(0).text()
    summary = book.get_sheet_by_name("Summary").to_python()
    assert [r[0] for r in summary[1:]] == [queue, "All queues"]
    tab.done_box.buttons()[0].click()  # Open
    assert opened == [QUrl.fromLocalFile(str(target))]
    again = ReportsTab(workers, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(again)
    assert again.form.folder == out_dir
    assert again.form.file.text().startswith(str(out_dir))


def test_a_refused_target_is_said_in_the_tab(tab: ReportsTab, qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    (tmp_path / f"~${target.name}").write_text("excel")  # Excel has it open
    tab.form.file.setText(str(target))
    with qtbot.assertNotEmitted(tab.failed):
        tab.export_button.click()
        qtbot.waitUntil(
            lambda: tab.run is None and "not written" in tab.status.text(), timeout=20_000
        )
    assert "open in a spreadsheet program" in tab.status.text()
    assert target.read_bytes() == b"old"
    assert tab.export_button.isEnabled()


def test_cancel_stops_the_export_and_keeps_the_old_file(
    qtbot: QtBot, workers: Workers, db: Database, tmp_path: Path
) -> None:
    parent = ReportsTab(workers, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(parent)
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    run = ExportRun(workers, parent)
    run.cancel()  # pressed before the first progress report: stops at once
    with qtbot.waitSignal(run.cancelled, timeout=20_000):
        run.start(db, ExportRequest("service", FIRST, LAST, rows=True), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_without_a_database_nothing_can_be_exported(
    qtbot: QtBot, workers: Workers, tmp_path: Path
) -> None:
    widget = ReportsTab(workers, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(widget)
    assert not widget.export_button.isEnabled()
    assert "Open a database" in widget.preview.status.text()
    widget.export()  # the shortcut with no database does nothing
    assert widget.run is None


def test_new_contacts_refresh_the_preview_other_tables_do_not(
    tab: ReportsTab, qtbot: QtBot
) -> None:
    before = tab._generation
    tab.on_changed(frozenset({"audit_log"}), datetime.now(UTC))
    qtbot.wait(600)
    assert tab._generation == before
    tab.on_changed(frozenset({"contacts"}), datetime.now(UTC))
    qtbot.waitUntil(lambda: tab._generation == before + 1, timeout=5_000)
    qtbot.waitUntil(lambda: "Offered" in tab.preview.figures, timeout=10_000)


def test_a_review_pack_for_the_chosen_agent_or_the_ticked_team(
    tab: ReportsTab, db: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    tab.form.report.setCurrentIndex(tab.form.report.findData("review"))
    form = tab.form
    assert form.agent.isEnabled() and not form.queues.isEnabled()
    # the first agent is chosen, so the preview has someone to show; teams wait for "whole team"
    code = form.agent.currentData()
    assert code and not form.teams.isEnabled()
    assert form.request().agents == (code,) and form.request().teams == ()
    assert f"review-{code}-2026-11-17" in form.file.text()
    qtbot.waitUntil(lambda: "Agent" in tab.preview.figures, timeout=10_000)
    assert f"({code})" in tab.preview.figures["Agent"]
    form.agent.setCurrentIndex(0)  # the ticked team, side by side
    assert form.teams.isEnabled()
    form.teams.item(0).setCheckState(Qt.CheckState.Checked)
    request = form.request()
    assert request.agents == () and request.teams == (form.teams.item(0).text(),)
    target = tmp_path / "team.xlsx"
    form.file.setText(str(target))
    tab.open_url = lambda _url: None
    qtbot.keyClick(tab, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.done_box is not None, timeout=20_000)
    book = CalamineWorkbook.from_path(str(target))
    assert book.sheet_names == [
        "Cover",
        "Scorecard",
        "Quality",
        "Coaching",
        "Training",
        "Definitions",
    ]
    tab.done_box.buttons()[-1].click()
