"""The escalations panel against a real database, on both engines: two supervisors, one
customer, and the second is told who got there first instead of overwriting them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from supervisor_app.domain.enums import EscalationStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.store.models import AuditEntry, Escalation
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.live.panels.escalations_model import AGE, CUSTOMER, OWNER, STATUS
from supervisor_app.ui.live.panels.escalations_panel import EscalationsPanel

from .conftest import OpenDb, add_escalations, assert_quiet

Messages = list[tuple[str, str]]


def make_panel(
    qtbot: QtBot, pool: Workers, actor: str, messages: Messages, **kw
) -> EscalationsPanel:
    panel = EscalationsPanel(
        pool,
        show_message=lambda _parent, title, text: messages.append((title, text)),
        actor=lambda: actor,
        **kw,
    )
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    return panel


def loaded(qtbot: QtBot, panel: EscalationsPanel) -> None:
    qtbot.waitUntil(lambda: panel.loaded and not panel.refresher.busy() and not panel.busy)


def cell(panel: EscalationsPanel, escalation_id: int, column: int) -> str:
    position = panel.model.position_of(escalation_id)
    assert position is not None
    return panel.model.index(position, column).data()


def test_second_supervisor_is_told_who_took_it(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, db_url: str
) -> None:
    ids = add_escalations(open_db(db_url))
    ana_msgs: Messages = []
    ben_msgs: Messages = []
    ana = make_panel(qtbot, pool, "ana@ws-2", ana_msgs)
    ben = make_panel(qtbot, pool, "ben@ws-5", ben_msgs)
    ana.set_database(open_db(db_url))
    ben.set_database(open_db(db_url))  # a separate engine: another console on the same data
    loaded(qtbot, ana)
    loaded(qtbot, ben)
    assert ana.model.rowCount() == ben.model.rowCount() == 3
    target = ids["C-200"]

    ana.select_id(target)
    assert ana.take_action.isEnabled()
    ana.take_action.trigger()
    qtbot.waitUntil(lambda: cell(ana, target, OWNER) == "ana@ws-2")
    loaded(qtbot, ana)
    assert cell(ana, target, STATUS).startswith("Taken")

    ben.select_id(target)  # Ben still sees it open, at the version before Ana took it
    assert cell(ben, target, STATUS) == "Open"
    ben.take_action.trigger()
    qtbot.waitUntil(lambda: bool(ben_msgs))
    loaded(qtbot, ben)

    [(title, text)] = ben_msgs
    assert "ana@ws-2" in text and "taken" in text
    assert title == "Someone else got there first"
    assert cell(ben, target, OWNER) == "ana@ws-2"
    assert not ana_msgs
    with open_db(db_url).sessions() as s:
        esc = s.get(Escalation, target)
        assert esc is not None
        assert (esc.owner, esc.status) == ("ana@ws-2", EscalationStatus.TAKEN)
        takes = s.scalars(select(AuditEntry.actor).where(AuditEntry.action == "take")).all()
        assert takes == ["ana@ws-2"]
    assert_quiet(ana, pool)
    assert_quiet(ben, pool)


def test_note_and_resolve_ask_for_text_then_apply(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str
) -> None:
    ids = add_escalations(open_db(sqlite_url))
    answers = iter(["Called back, waiting for refund", "Refund issued"])
    asked: list[str] = []

    def ask(_parent: object, title: str, _label: str) -> str:
        asked.append(title)
        return next(answers)

    panel = make_panel(qtbot, pool, "ana@ws-2", [], ask=ask)
    panel.set_database(open_db(sqlite_url))
    loaded(qtbot, panel)
    target = ids["C-100"]
    panel.select_id(target)
    panel.note_action.trigger()
    qtbot.waitUntil(
        lambda: "Called back" in (panel.model.row(panel.model.position_of(target)).notes or "")
    )
    loaded(qtbot, panel)
    panel.select_id(target)
    panel.resolve_action.trigger()
    qtbot.waitUntil(lambda: panel.model.position_of(target) is None)
    loaded(qtbot, panel)
    assert asked == ["Add note", "Resolve escalation"]
    assert panel.model.rowCount() == 2
    assert_quiet(panel, pool)


def test_a_cancelled_prompt_does_nothing(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str
) -> None:
    ids = add_escalations(open_db(sqlite_url))
    panel = make_panel(qtbot, pool, "ana@ws-2", [], ask=lambda *_a: None)
    panel.set_database(open_db(sqlite_url))
    loaded(qtbot, panel)
    panel.select_id(ids["C-100"])
    panel.resolve_action.trigger()
    assert not panel.busy
    assert panel.model.rowCount() == 3
    assert_quiet(panel, pool)


def test_age_ticks_every_second(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str
) -> None:
    ids = add_escalations(open_db(sqlite_url))
    panel = make_panel(qtbot, pool, "ana@ws-2", [])
    panel.set_database(open_db(sqlite_url))
    loaded(qtbot, panel)
    first = cell(panel, ids["C-300"], AGE)
    assert first.endswith("s") and "m" not in first  # about thirty seconds old
    qtbot.waitUntil(lambda: cell(panel, ids["C-300"], AGE) != first, timeout=2500)
    assert panel.ticker.isActive()
    panel.hide()
    assert not panel.ticker.isActive()  # no ticking for a hidden tab
    assert_quiet(panel, pool)


def test_most_severe_first_and_rows_named(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str
) -> None:
    add_escalations(open_db(sqlite_url))
    panel = make_panel(qtbot, pool, "ana@ws-2", [])
    panel.set_database(open_db(sqlite_url))
    loaded(qtbot, panel)
    shown = [panel.proxy.index(r, CUSTOMER).data() for r in range(panel.proxy.rowCount())]
    assert shown == ["C-200", "C-100", "C-300"]
    assert panel.status.title.text() == "Escalations · 3 open"
    panel.view.selectRow(0)
    qtbot.keyClick(panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    header, line = QGuiApplication.clipboard().text().splitlines()
    assert header.split("\t") == [
        "Severity",
        "Age",
        "Customer",
        "Queue",
        "Reason",
        "Status",
        "Owner",
    ]
    assert line.split("\t")[2:] == ["C-200", "Billing", "Charged twice for March", "Open", ""]
    assert line.split("\t")[1].startswith("0:03:")
    assert_quiet(panel, pool)


def test_a_failed_refresh_keeps_the_rows_and_says_so(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supervisor_app.services import live as escalations

    add_escalations(open_db(sqlite_url))
    panel = make_panel(qtbot, pool, "ana@ws-2", [])
    panel.set_database(open_db(sqlite_url))
    loaded(qtbot, panel)

    def unreachable(_db: object, _site_id: int | None = None) -> None:
        raise UserError("Can't reach the database server at db.example:5432")

    monkeypatch.setattr(escalations, "open_escalations", unreachable)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.status.note.isVisible())
    loaded(qtbot, panel)
    assert "Can't reach the database server" in panel.status.note.text()
    assert "showing data from" in panel.status.note.text()
    assert panel.model.rowCount() == 3
    assert_quiet(panel, pool)


def test_closing_the_window_stops_the_ticking(qtbot: QtBot, pool: Workers) -> None:
    """The main window's leak check finds no timer running once it is closed."""
    from PySide6.QtWidgets import QTabWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    panel = EscalationsPanel(pool)
    tabs.addTab(panel, "Escalations")
    tabs.addTab(QWidget(), "Other")
    tabs.show()
    qtbot.waitExposed(tabs)
    assert panel.ticker.isActive()
    tabs.setCurrentIndex(1)
    assert not panel.ticker.isActive()  # a tab out of sight does not tick
    tabs.setCurrentIndex(0)
    assert panel.ticker.isActive()
    tabs.close()
    assert not [t for t in tabs.findChildren(QTimer) if t.isActive()]
