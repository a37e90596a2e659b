"""The agent's day dialog: lanes and exceptions from the real service, and approving one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from supervisor_app.store.models import AuditEntry
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.live.panels.agent_timeline import AgentTimelineDialog, open_agent_timeline
from supervisor_app.ui.live.panels.exceptions_table import BUTTON

from .conftest import OpenDb, assert_quiet
from .floor import NOW, build_floor

Prompts = list[tuple[str, str]]


def opened(
    qtbot: QtBot,
    pool: Workers,
    db: object,
    agent_id: int,
    prompts: Prompts,
    messages: list[str] | None = None,
) -> AgentTimelineDialog:
    def ask(_parent: object, title: str, label: str) -> str:
        prompts.append((title, label))
        return "Fire drill on the third floor"

    dialog = open_agent_timeline(
        None,
        pool,
        db,
        agent_id,
        now=NOW,
        ask=ask,
        actor=lambda: "ana@ws-2",
        show_message=lambda _p, _t, text: (messages if messages is not None else []).append(text),
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # the test inspects it
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.day is not None and not dialog.refresher.busy())
    return dialog


def test_shows_the_day_and_approving_marks_the_exception_approved(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, db_url: str
) -> None:
    db = open_db(db_url)
    agent_id = build_floor(db)
    prompts: Prompts = []
    dialog = opened(qtbot, pool, db, agent_id, prompts)
    assert dialog.isVisible() and not dialog.isModal()
    day = dialog.day
    assert day is not None
    assert "Maria Lopez" in dialog.windowTitle()
    spans = [
        (dialog.exceptions.item(r, 0).text(), dialog.exceptions.item(r, 1).text())
        for r in range(dialog.exceptions.rowCount())
    ]
    assert spans == [("08:00", "08:06"), ("10:30", "10:42")]
    assert dialog.exceptions.item(1, 4).text() == "Break"
    assert all(b is not None for b in dialog.exceptions.buttons)

    button = dialog.exceptions.buttons[1]
    assert button is not None
    button.click()
    qtbot.waitUntil(lambda: dialog.day is not day and not dialog.busy)
    qtbot.waitUntil(lambda: not dialog.refresher.busy())
    [(title, label)] = prompts
    assert title == "Approve exception" and "10:30–10:42" in label
    assert dialog.exceptions.item(1, 5).text() == (
        "Approved by ana@ws-2: Fire drill on the third floor"
    )
    assert dialog.exceptions.buttons[1] is None  # approved: nothing left to approve
    assert dialog.exceptions.cellWidget(1, BUTTON) is None
    assert dialog.exceptions.cellWidget(0, BUTTON) is not None
    assert dialog.exceptions.item(0, 5).text() == "Not approved"
    with db.sessions() as s:
        audit = s.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.reason)).all()
    assert [tuple(a) for a in audit] == [("ana@ws-2", "approve", "Fire drill on the third floor")]
    assert_quiet(dialog, pool)


def test_lanes_carry_tooltips_for_every_kind_of_span(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str
) -> None:
    db = open_db(sqlite_url)
    dialog = opened(qtbot, pool, db, build_floor(db), [])
    dialog.resize(1000, 560)
    dialog.timeline.grab()  # paints, which lays out the hit areas
    tips = [text for _rect, text in dialog.timeline.hits]
    assert any(t.startswith("Scheduled: Break\n10:15–10:30") for t in tips)
    assert any(t.startswith("Break\n10:15–10:42") and "Reason: Coffee" in t for t in tips)
    assert sum(t.startswith("Contact in Sales") for t in tips) == 4
    assert any(t.startswith("Out of adherence 10:30–10:42") for t in tips)
    assert "adherence" in dialog.summary.text()
    assert_quiet(dialog, pool)


def test_an_unknown_agent_says_so(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str
) -> None:
    db = open_db(sqlite_url)
    build_floor(db)
    dialog = open_agent_timeline(None, pool, db, 9999, now=NOW)
    qtbot.waitUntil(lambda: "9999" in dialog.summary.text())
    assert dialog.summary.text().startswith("Couldn't load: ")
    assert dialog.status.title.text() == "Couldn't load the agent's day"
    dialog.close()
    pool.shutdown()


def test_closing_before_the_day_arrives_is_harmless(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, sqlite_url: str
) -> None:
    db = open_db(sqlite_url)
    agent_id = build_floor(db)
    dialog = open_agent_timeline(None, pool, db, agent_id, now=NOW)
    dialog.close()  # deleted on close, while the query may still run
    qtbot.waitUntil(lambda: not pool.busy())


def test_escalate_a_contact_of_the_day(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, db_url: str
) -> None:
    from supervisor_app.store.models import Contact, Escalation

    db = open_db(db_url)
    agent_id = build_floor(db)
    dialog = opened(qtbot, pool, db, agent_id, [])
    assert dialog.day is not None and dialog.day.contacts
    assert dialog.escalate_button.isEnabled()
    dialog.escalate_button.click()
    raising = dialog.escalate_dialog
    assert raising is not None and raising.isVisible()
    newest = max(dialog.day.contacts, key=lambda c: c.arrived_at)
    assert raising.contact.currentData() == newest.id  # newest first in the list
    assert raising.queue.currentText() == newest.queue and not raising.queue.isEnabled()
    raising.reason.setText("Customer asked for a supervisor")
    with qtbot.waitSignal(raising.raised) as raised:
        raising.submit()
    assert raised.args[0].raised_by == "ana@ws-2"
    with db.sessions() as s:
        esc = s.scalars(select(Escalation)).one()
        assert esc.contact_id == newest.id
        assert s.get(Contact, newest.id).escalated is True  # type: ignore[union-attr]
    assert_quiet(dialog, pool)
