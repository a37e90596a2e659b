"""A double-click on a Quality cell lists the evaluations the score averages, not contacts;
and the contact drill-down offers Evaluate… only to roles that may evaluate."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from supervisor_app.domain.quality import FormDefinition, Question, Section
from supervisor_app.services.analytics import DrillContact, DrillDown
from supervisor_app.services.database import Database
from supervisor_app.services.people import evaluate, save_form
from supervisor_app.store.models import Contact, QaEvaluation
from supervisor_app.ui.analytics import AnalyticsTab
from supervisor_app.ui.analytics.drilldown_dialog import DrillDownDialog
from supervisor_app.ui.analytics.quality_drill import QualityDrillDialog
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers

MON, TUE = date(2026, 11, 2), date(2026, 11, 3)
# two yes/no questions, weights 1 and 3: "yes, no" = 1/4 = 25 %, "yes, yes" = 100 %
FORM = FormDefinition(
    (Section("Call", (Question("a", "Greeted", 1.0), Question("b", "Solved", 3.0))),)
)
ANSWERED = DrillContact(
    1, "c1", datetime(2026, 11, 2, 9, 5, tzinfo=UTC), "Sales", "Ann", "answered", 10.0, 240.0,
    True, False, None, None,
)  # fmt: skip


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


def _evaluate_c1_and_c2(db: Database) -> None:
    """Ann's c1 scored 25 %, Bob's c2 100 %, both on Monday 2 November (Sales)."""
    version = save_form(db, "Calls", FORM, "admin")
    with db.sessions() as session:
        answered = dict(session.execute(
            select(Contact.external_id, Contact.id).where(Contact.external_id.in_(["c1", "c2"]))
        ).all())  # fmt: skip
        agents = dict(session.execute(select(Contact.id, Contact.agent_id)).all())
    for ref, answers in (("c1", {"a": "yes", "b": "no"}), ("c2", {"a": "yes", "b": "yes"})):
        cid = answered[ref]
        evaluate(db, agent_id=agents[cid], form_version_id=version.version_id, answers=answers,
                 actor="eve", contact_id=cid)  # fmt: skip
    with db.sessions.begin() as session:  # evaluated on the record's Monday, not today
        session.execute(
            update(QaEvaluation).values(evaluated_at=datetime(2026, 11, 2, 12, tzinfo=UTC))
        )


def test_a_quality_cell_lists_its_evaluations(
    qtbot: QtBot, tab: AnalyticsTab, record_db: Database
) -> None:
    _evaluate_c1_and_c2(record_db)
    tab.bar.grouping.setCurrentText("Queue")
    tab.bar.first.setDate(QDate(MON.year, MON.month, MON.day))
    tab.bar.last.setDate(QDate(TUE.year, TUE.month, TUE.day))
    qtbot.waitUntil(lambda: not tab.busy() and tab.kpi.model.report is not None, timeout=10_000)
    rows = {dict(r.key).get("queue"): r for r in tab.kpi.model.report.rows}
    tab.drill_down(rows["Sales"].key, "qa_score")
    qtbot.waitUntil(lambda: isinstance(tab.last_dialog, QualityDrillDialog), timeout=10_000)
    dialog = tab.last_dialog
    assert isinstance(dialog, QualityDrillDialog)
    table = dialog.table
    got = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(2)]
    assert [row[0] for row in got] == ["Ann", "Bob"]
    assert [row[2:5] for row in got] == [
        ["Calls v1", "eve", "25.0 %"],
        ["Calls v1", "eve", "100.0 %"],
    ]
    assert [row[5] for row in got] == ["c1 (Sales)", "c2 (Sales)"]
    # (25 + 100) / 2 = 62.5: the cell's quality score
    assert dialog.summary.text().endswith("2 evaluation(s), mean 62.5 %")
    dialog.close()
    tab.drill_down(rows["Support"].key, "qa_score")  # no evaluation of Support's contacts
    qtbot.waitUntil(lambda: tab.last_dialog is not dialog, timeout=10_000)
    empty = tab.last_dialog
    assert isinstance(empty, QualityDrillDialog) and not empty.table.isVisibleTo(empty)
    assert "no evaluation in this group and range" in empty.summary.text()
    empty.close()


@pytest.mark.parametrize("allowed", [True, False])
def test_evaluate_is_offered_only_when_the_role_may(
    qtbot: QtBot, tab: AnalyticsTab, allowed: bool
) -> None:
    tab.set_permissions(escalate=allowed, evaluate=allowed)
    drill = DrillDown("Answered · Sales", (ANSWERED,), False)
    tab._show_drill(drill)
    dialog = tab.last_dialog
    assert isinstance(dialog, DrillDownDialog)
    dialog.table.selectRow(0)
    menu = dialog.context_menu()
    evaluate_action = next(a for a in menu.actions() if a.text() == "Evaluate…")
    assert evaluate_action.isVisible() is allowed
    assert dialog.escalate_button.isVisibleTo(dialog) is allowed
    dialog.close()
