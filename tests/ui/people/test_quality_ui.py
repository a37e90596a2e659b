"""Quality in the window, driven as a user would: a form edited in Setup becomes version 2,
the evaluation dialog scores live as questions are answered (the same score is kept), the
profile's quality section lists it, and the drill-down's context menu offers Evaluate…
Screenshots of the form page and the dialog at 1366×768 go to the test's folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QTableWidgetItem
from pytestqt.qtbot import QtBot

from supervisor_app.domain.quality import AnswerType, FormDefinition, Question, Section
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.analytics import DrillContact, DrillDown
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.people import (
    evaluations_in,
    list_forms,
    review_candidates,
    save_form,
)
from supervisor_app.ui.analytics.drilldown_dialog import DrillDownDialog
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people import EvaluationDialog, ProfileContext, QualitySection
from supervisor_app.ui.setup import SetupDialog

NOW = datetime.now(UTC)
WAIT = 20_000
FORM = FormDefinition(
    (
        Section(
            "Opening",
            (
                Question("greet", "Greeted the customer by name", 1.0),
                Question("verify", "Verified the customer's identity", 3.0, auto_fail=True),
            ),
        ),
        Section(
            "Resolution",
            (
                Question("solve", "Solved the problem", 4.0),
                Question("tone", "Tone and courtesy", 2.0, AnswerType.SCALE),
            ),
        ),
    )
)


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    seed_demo(database, days=2, agents=4, queues=1, seed=4, until=NOW)
    yield database
    database.close()


def _shot(widget: object, name: str, tmp_path: Path) -> Path:
    """The widget as a PNG in the test's folder (``SUPERVISOR_SCREENSHOTS``, if set, keeps it)."""
    folder = Path(os.environ.get("SUPERVISOR_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    assert widget.grab().save(str(path))  # type: ignore[attr-defined]
    return path


def test_a_form_edit_in_setup_is_version_two(
    qtbot: QtBot, workers: Workers, db: Database, tmp_path: Path
) -> None:
    dialog = SetupDialog(workers, db)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    dialog.show_page("quality")
    page = dialog.quality
    page.reload()
    qtbot.waitUntil(lambda: page.forms.count() == 1, timeout=WAIT)  # the demo's form
    page.new_form()
    page.name.setText("Calls")
    page.table.item(0, 2).setText("Greeted the customer by name")
    page.table.item(0, 1).setText("greet")
    page.add_question()
    page.table.item(1, 1).setText("verify")
    page.table.item(1, 2).setText("Verified identity")
    check = page.table.cellWidget(1, 5)
    assert isinstance(check, QCheckBox)
    check.setChecked(True)
    page.add_question("Resolution")
    page.table.item(2, 1).setText("tone")
    kind = page.table.cellWidget(2, 4)
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData(AnswerType.SCALE.value))
    page.save()
    qtbot.waitUntil(lambda: "version 1" in page.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.forms.count() == 2, timeout=WAIT)
    weight = page.table.cellWidget(0, 3)
    assert isinstance(weight, QDoubleSpinBox)
    weight.setValue(2.0)
    page.save()
    qtbot.waitUntil(lambda: "version 2" in page.message.text(), timeout=WAIT)
    calls = next(f for f in list_forms(db) if f.name == "Calls")
    assert (calls.versions, calls.questions) == (2, 3)
    qtbot.waitUntil(lambda: "Version 2" in page.version.text(), timeout=WAIT)
    _shot(dialog, "setup-quality-forms.png", tmp_path)
    bad = QTableWidgetItem("verify")  # a key used twice is refused before anything is sent
    page.table.setItem(0, 1, bad)
    page.save()
    assert "used twice" in page.message.text()


def test_the_dialog_scores_live_and_keeps_that_score(
    qtbot: QtBot, workers: Workers, db: Database, tmp_path: Path
) -> None:
    save_form(db, "Calls", FORM, "admin")
    contact = review_candidates(db, NOW - timedelta(days=2), NOW)[0]
    dialog = EvaluationDialog(db, workers, contact_id=contact.contact_id)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.form_choice.count() == 2, timeout=WAIT)
    dialog.form_choice.setCurrentIndex(dialog.form_choice.findText("Calls (version 1)"))
    qtbot.waitUntil(lambda: dialog.answer_boxes["greet"].isVisible(), timeout=WAIT)
    assert not dialog.save_button.isEnabled()
    dialog.set_answer("greet", "partial")
    dialog.set_answer("solve", "yes")
    # so far 0.5 + 4 of 1 + 4 → 90 %
    assert dialog.score.text().endswith("90.0 %")
    dialog.set_answer("verify", "yes")
    dialog.set_answer("tone", "3")
    # 0.5 + 3 + 4 + 2×0.5 = 8.5 of 10 → 85 %
    assert dialog.score.text() == "Score: 85.0 %"
    _shot(dialog, "evaluation-dialog.png", tmp_path)
    dialog.set_answer("verify", "no")
    assert "0 %" in dialog.score.text() and "auto-fail" in dialog.score.text()
    dialog.set_answer("verify", "yes")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        dialog.save()
    line = saved.args[0]
    assert line.score_pct == pytest.approx(85.0)
    assert line.agent_id == contact.agent_id and line.contact_ref == contact.external_id


def test_the_quality_section_lists_the_agents_evaluations(
    qtbot: QtBot, workers: Workers, db: Database
) -> None:
    today = date.today()
    agent_id = review_candidates(db, NOW - timedelta(days=2), NOW)[0].agent_id
    reloaded: list[bool] = []
    context = ProfileContext(
        db, workers, agent_id, "Agent", 1, today, lambda: reloaded.append(True)
    )
    section = QualitySection(context)
    qtbot.addWidget(section)
    lines = QualitySection.fetch(db, agent_id, today)
    year = evaluations_in(db, agent_ids=[agent_id], start=today - timedelta(days=365), end=today)
    assert lines == list(reversed(year))
    section.show_data(lines)
    assert section.table.rowCount() == len(lines)
    if lines:
        assert section.table.item(0, 1).text().startswith(f"{lines[0].score_pct:.1f}")
    opened = section.open_evaluation()
    qtbot.addWidget(opened)
    qtbot.waitUntil(lambda: opened.form_choice.count() >= 1, timeout=WAIT)
    for question in opened.form().definition.questions:  # type: ignore[union-attr]
        opened.set_answer(question.key, "na" if question.key != "resolve" else "yes")
    with qtbot.waitSignal(opened.saved, timeout=WAIT):
        opened.save()
    qtbot.waitUntil(lambda: reloaded == [True], timeout=WAIT)


def test_the_drill_down_offers_evaluate_for_answered_contacts(qtbot: QtBot) -> None:
    row = DrillContact(7, "c-7", NOW, "Sales", "Ann", "answered", 3.0, 200.0, True, False, 5, 9)
    asked: list[int] = []
    drill = DrillDown("AHT", (row,), False)
    dialog = DrillDownDialog(drill, evaluate=lambda _d, c: asked.append(c.contact_id))
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    menu = dialog.context_menu()
    evaluate = next(a for a in menu.actions() if a.text() == "Evaluate…")
    assert evaluate.isEnabled()
    evaluate.trigger()
    assert asked == [7]


def test_calibration_lists_contacts_scored_twice(
    qtbot: QtBot, workers: Workers, db: Database
) -> None:
    from supervisor_app.services.people import calibration, evaluate
    from supervisor_app.ui.people import CalibrationDialog

    version = save_form(db, "Calls", FORM, "admin")
    contact = review_candidates(db, NOW - timedelta(days=2), NOW)[-1]
    answers = {"greet": "yes", "verify": "yes", "solve": "yes"}
    for who, tone in (("ann", "5"), ("bob", "1")):  # 100 % and 8 of 10 = 80 %
        evaluate(
            db,
            agent_id=contact.agent_id,
            form_version_id=version.version_id,
            answers={**answers, "tone": tone},
            actor=who,
            contact_id=contact.contact_id,
        )
    today = date.today()
    expected = calibration(db, today - timedelta(days=30), today)
    dialog = CalibrationDialog(db, workers, today)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == len(expected), timeout=WAIT)
    refs = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    row = refs.index(contact.external_id)
    assert dialog.table.item(row, 3).text() == "ann: 100.0 %, bob: 80.0 %"
    assert dialog.table.item(row, 4).text() == "20.0"  # 100 − 80
    assert dialog.table.item(row, 5).text() == "10.0"  # each 10 from the mean of 90
