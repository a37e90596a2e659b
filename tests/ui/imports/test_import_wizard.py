"""The import wizard driven as a user would: pick, preview, map, validate, import, cancel."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from supervisor_app.ingest.files.mapping import MAPPINGS_DIR, load_mapping
from supervisor_app.ingest.files.preview import FileKind
from supervisor_app.services.database import Database, open_database
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.imports import ImportWizard
from supervisor_app.ui.imports.mapping_page import AS_MAPPING
from supervisor_app.ui.imports.wizard import MAPPING, PREVIEW, RUN, VALIDATE

DATA = Path(__file__).resolve().parents[2] / "data" / "shared"
WAIT_MS = 60_000


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'w.db'}")
    yield database
    database.close()


@pytest.fixture
def wizard(qtbot: QtBot, workers: Workers, db: Database) -> ImportWizard:
    w = ImportWizard(workers, db)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def count(db: Database, table: str) -> int:
    path = db.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def pick(wizard: ImportWizard, path: Path, kind: FileKind = FileKind.CONTACTS) -> None:
    page = wizard.file_page
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.path.setText(str(path))
    assert page.isComplete()


def to_preview(qtbot: QtBot, wizard: ImportWizard, path: Path, kind: FileKind) -> None:
    pick(wizard, path, kind)
    wizard.next()
    assert wizard.currentId() == PREVIEW
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=WAIT_MS)


def test_our_columns_from_pick_to_import(
    qtbot: QtBot, wizard: ImportWizard, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "Contact_ID;Queue;Channel;Arrived_at;Ended_at\n"
        "1;Sales;voice;2024-03-01 09:00:00;2024-03-01 09:01:00\n"
        "2;Sales;chat;2024-03-01 09:05:00;2024-03-01 09:06:00\n",
        encoding="utf-8-sig",
    )
    to_preview(qtbot, wizard, path, FileKind.CONTACTS)
    assert "utf-8-sig, semicolon-separated" in wizard.preview_page.format.text()
    assert wizard.preview_page.model.rowCount() == 2
    wizard.next()
    assert wizard.currentId() == MAPPING
    combos = wizard.mapping_page.combos
    # Guessed from the header, whatever its case.
    assert combos["contact_id"].currentData() == "Contact_ID"
    assert combos["ended_at"].currentData() == "Ended_at"
    assert combos["agent"].currentData() is None
    wizard.next()
    assert wizard.currentId() == VALIDATE
    qtbot.waitUntil(wizard.validate_page.isComplete, timeout=WAIT_MS)
    assert "All 2 rows are valid" in wizard.validate_page.summary.text()
    with qtbot.waitSignal(wizard.import_finished, timeout=WAIT_MS) as finished:
        wizard.next()
        assert wizard.currentId() == RUN
    assert finished.args[0].startswith("2 contacts imported from c.csv")
    assert count(db, "contacts") == 2
    assert wizard.run_page.progress.value() == 100


def test_a_shipped_mapping_and_saving_it(
    qtbot: QtBot, wizard: ImportWizard, db: Database, tmp_path: Path
) -> None:
    source = DATA / "simulated_call_centre" / "simulated_call_centre.csv"
    assert source.is_file(), f"{source}: the real test files live in tests/data/shared"
    path = tmp_path / "sim.csv"
    lines = source.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:101]))  # the header and 100 calls
    to_preview(qtbot, wizard, path, FileKind.CONTACTS)
    wizard.next()
    page = wizard.mapping_page
    page.use_mapping(MAPPINGS_DIR / "simulated_call_centre.toml")
    assert page.combos["contact_id"].currentData() == "call_id"
    assert page.combos["arrived_at"].currentText() == f"{AS_MAPPING}: date + call_started"
    assert page.start.currentText() == "simulated_call_centre"
    assert page.time_format.text() == "%I:%M:%S %p"
    saved = tmp_path / "mine.toml"
    page.save_to(saved)
    reloaded = load_mapping(saved)
    assert reloaded.fields == load_mapping("simulated_call_centre").fields
    wizard.next()
    qtbot.waitUntil(wizard.validate_page.isComplete, timeout=WAIT_MS)
    with qtbot.waitSignal(wizard.import_finished, timeout=WAIT_MS):
        wizard.next()
    assert count(db, "contacts") == 100


def test_invalid_rows_are_listed_and_block_the_import(
    qtbot: QtBot, wizard: ImportWizard, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "contact_id,queue,channel,arrived_at,ended_at\n"
        "1,Sales,fax,2024-03-01 09:00:00,2024-03-01 09:01:00\n"
        "2,Sales,voice,2024-03-01 09:05:00,2024-03-01 09:04:00\n"
    )
    to_preview(qtbot, wizard, path, FileKind.CONTACTS)
    wizard.next()
    wizard.next()
    page = wizard.validate_page
    qtbot.waitUntil(lambda: page.result is not None, timeout=WAIT_MS)
    assert not page.isComplete()
    assert "2 rows are invalid" in page.summary.text()
    rows = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert rows == [2, 3]
    assert "channel 'fax'" in page.model.index(0, 1).data()
    assert "ended_at" in page.model.index(1, 1).data()
    assert count(db, "contacts") == 0


def test_forecast_skips_the_mapping_step(
    qtbot: QtBot, wizard: ImportWizard, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "f.csv"
    path.write_text("queue,interval_start,volume,aht_seconds\nNope,2024-03-01 09:00,1,60\n")
    to_preview(qtbot, wizard, path, FileKind.FORECAST)
    wizard.next()
    assert wizard.currentId() == VALIDATE
    qtbot.waitUntil(lambda: wizard.validate_page.result is not None, timeout=WAIT_MS)
    assert "queue 'Nope' does not exist" in wizard.validate_page.model.index(0, 1).data()


def test_cancel_rolls_the_import_back(qtbot: QtBot, wizard: ImportWizard, db: Database) -> None:
    source = DATA / "anonymous_bank" / "data_anonymous_bank_february.txt"
    assert source.is_file(), f"{source}: the real test files live in tests/data/shared"
    to_preview(qtbot, wizard, source, FileKind.CONTACTS)
    wizard.next()
    wizard.mapping_page.use_mapping(MAPPINGS_DIR / "anonymous_bank.toml")
    wizard.next()
    qtbot.waitUntil(wizard.validate_page.isComplete, timeout=WAIT_MS)
    with qtbot.waitSignal(wizard.import_stopped, timeout=WAIT_MS):
        wizard.next()
        wizard.run_page.cancel()
    assert "cancelled: nothing was written" in wizard.run_page.status.text()
    assert count(db, "contacts") == 0


def test_unreadable_file_says_why(qtbot: QtBot, wizard: ImportWizard, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    pick(wizard, path)
    wizard.next()
    qtbot.waitUntil(lambda: "can't be read" in wizard.preview_page.format.text(), timeout=WAIT_MS)
    assert not wizard.preview_page.isComplete()


def test_the_same_wizard_imports_again_after_restart(
    qtbot: QtBot, wizard: ImportWizard, db: Database, tmp_path: Path
) -> None:
    for n in (1, 2):
        path = tmp_path / f"c{n}.csv"
        path.write_text(
            f"contact_id,queue,channel,arrived_at,ended_at\n"
            f"id{n},Sales,voice,2024-03-01 09:00:00,2024-03-01 09:01:00\n"
        )
        wizard.restart()
        to_preview(qtbot, wizard, path, FileKind.CONTACTS)
        wizard.next()
        wizard.next()
        qtbot.waitUntil(wizard.validate_page.isComplete, timeout=WAIT_MS)
        with qtbot.waitSignal(wizard.import_finished, timeout=WAIT_MS):
            wizard.next()
    assert count(db, "contacts") == 2
