"""File › Import… takes quality evaluations too: a bad row is listed and blocks the file; a
good file is scored with its form version and written whole."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from supervisor_app.domain.quality import FormDefinition, Question, Section
from supervisor_app.ingest.files.preview import FileKind
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.people import evaluations_in, save_form
from supervisor_app.services.setup import list_agents
from supervisor_app.store.models import QaEvaluation
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.imports import ImportWizard
from supervisor_app.ui.imports.wizard import PREVIEW, RUN, VALIDATE

NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)
WAIT_MS = 60_000
# weights 1 and 3: "yes, no" scores 1 of 4 = 25 %; "yes, yes" 100 %
FORM = FormDefinition(
    (Section("Call", (Question("greet", "Greeted", 1.0), Question("solve", "Solved", 3.0))),)
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'e.db'}")
    seed_demo(database, days=2, agents=3, queues=1, seed=5, until=NOW, training=False)
    save_form(database, "Phone check", FORM, "admin")
    yield database
    database.close()


@pytest.fixture
def wizard(qtbot: QtBot, workers: Workers, db: Database) -> ImportWizard:
    w = ImportWizard(workers, db)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _count(db: Database) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(QaEvaluation)) or 0)


def _to_validation(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    page = wizard.file_page
    page.kind.setCurrentIndex(page.kind.findData(FileKind.EVALUATIONS))
    assert page.kind.currentText().startswith("Quality evaluations")
    page.path.setText(str(path))
    wizard.next()
    assert wizard.currentId() == PREVIEW
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=WAIT_MS)
    wizard.next()  # no mapping step: the columns are named
    assert wizard.currentId() == VALIDATE
    qtbot.waitUntil(lambda: wizard.validate_page.result is not None, timeout=WAIT_MS)


def test_evaluations_import_from_the_wizard(
    qtbot: QtBot, wizard: ImportWizard, db: Database, tmp_path: Path
) -> None:
    agent = list_agents(db)[0]
    path = tmp_path / "qa.csv"
    path.write_text(
        "agent,form,evaluator,evaluated_at,greet,solve\n"
        f"{agent.employee_code},Phone check,Eve,2026-12-01 10:00,yes,no\n"
        f"{agent.employee_code},Phone check,Eve,2026-12-02 10:00,yes,yes\n",
        encoding="utf-8",
    )
    before = _count(db)
    _to_validation(qtbot, wizard, path)
    assert "All 2 rows are valid" in wizard.validate_page.summary.text()
    with qtbot.waitSignal(wizard.import_finished, timeout=WAIT_MS) as finished:
        wizard.next()
        assert wizard.currentId() == RUN
    assert finished.args[0] == "2 evaluation(s) imported from qa.csv"
    assert _count(db) == before + 2
    mine = [
        e.score_pct
        for e in evaluations_in(
            db, agent_ids=[agent.id], start=NOW.date().replace(day=1), end=NOW.date()
        )
        if e.evaluator == "Eve"
    ]
    assert mine == [pytest.approx(25.0), pytest.approx(100.0)]


def test_a_bad_row_is_listed_and_nothing_is_written(
    qtbot: QtBot, wizard: ImportWizard, db: Database, tmp_path: Path
) -> None:
    agent = list_agents(db)[0]
    path = tmp_path / "bad.csv"
    path.write_text(
        "agent,form,evaluator,evaluated_at,greet,solve\n"
        f"{agent.employee_code},Phone check,Eve,2026-12-01 10:00,yes,no\n"
        "NOBODY,Phone check,Eve,2026-12-01 11:00,yes,yes\n",
        encoding="utf-8",
    )
    before = _count(db)
    _to_validation(qtbot, wizard, path)
    assert "no agent with employee code 'NOBODY'" in wizard.validate_page.model.index(0, 1).data()
    assert not wizard.validate_page.isComplete()
    assert _count(db) == before
