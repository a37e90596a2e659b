"""Raising an escalation from the console, on both engines: by hand from the Escalations
panel (Ctrl+E), with each field's problem shown at the field, and about a stored contact."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import select

from supervisor_app.domain.enums import EscalationStatus, Outcome, Severity
from supervisor_app.store.models import Contact, Escalation, Queue
from supervisor_app.ui.common.raise_escalation import ContactChoice, RaiseEscalationDialog
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.live.panels.escalations_model import CUSTOMER
from supervisor_app.ui.live.panels.escalations_panel import EscalationsPanel

from .conftest import OpenDb, add_escalations


def test_ctrl_e_raises_one_by_hand_with_checks_at_each_field(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, db_url: str
) -> None:
    db = open_db(db_url)
    add_escalations(db)
    panel = EscalationsPanel(pool, actor=lambda: "ana@ws-2")
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    panel.set_database(db)
    qtbot.waitUntil(lambda: panel.loaded)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = panel.raise_dialog
    assert isinstance(dialog, RaiseEscalationDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.queue.count() == 2 or bool(dialog.message.text()))
    assert dialog.message.text() == ""
    assert [dialog.queue.itemText(i) for i in range(2)] == ["Billing", "Sales"]
    assert not dialog.raise_button.isEnabled()

    dialog.queue.setCurrentText("Marketing")
    dialog.customer.setText("ACC-9")
    dialog.reason.setText("x" * 201)
    assert dialog.errors["reason"].text() == "at most 200 characters, got 201"
    assert dialog.errors["reason"].isVisible() and not dialog.raise_button.isEnabled()
    dialog.reason.setText("Wants the March charge refunded")
    assert not dialog.errors["reason"].isVisible() and dialog.raise_button.isEnabled()
    dialog.priority.setCurrentIndex(dialog.priority.findData("urgent"))
    dialog.submit()  # "Marketing" is no queue: the database says so, at the field
    qtbot.waitUntil(lambda: dialog.errors["queue"].isVisible())
    assert dialog.errors["queue"].text().startswith("no queue named 'Marketing'")
    assert dialog.isVisible() and dialog.reason.text() == "Wants the March charge refunded"

    dialog.queue.setCurrentText("Sales")
    dialog.submit()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())  # closed, then deleted
    with db.sessions() as s:
        esc = s.scalars(select(Escalation).where(Escalation.customer_ref == "ACC-9")).one()
        assert (esc.severity, esc.status, esc.raised_by) == (
            Severity.CRITICAL,
            EscalationStatus.OPEN,
            "ana@ws-2",
        )
    qtbot.waitUntil(lambda: panel.model.position_of(esc.id) is not None)
    qtbot.waitUntil(lambda: panel.selected() is not None and panel.selected().id == esc.id)
    assert panel.model.index(panel.model.position_of(esc.id), CUSTOMER).data() == "ACC-9"


def test_raised_about_a_contact_takes_its_queue_and_customer(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, db_url: str
) -> None:
    db = open_db(db_url)
    add_escalations(db)
    with db.sessions() as s:
        queue_id = s.scalar(select(Queue.id).where(Queue.name == "Billing"))
        contact = Contact(
            queue_id=queue_id,
            source="pbx",
            external_id="1772442000.11",
            customer_ref="CUST-42",
            arrived_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
            outcome=Outcome.ABANDONED,
        )
        s.add(contact)
        s.commit()
        contact_id = contact.id
    dialog = RaiseEscalationDialog(
        pool,
        db,
        contacts=[ContactChoice(contact_id, "09:00 · Billing · abandoned", "Billing")],
        queues=["Billing"],
        actor=lambda: "ben@ws-5",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.queue.currentText() == "Billing" and not dialog.queue.isEnabled()
    assert not dialog.customer.isEnabled()
    dialog.reason.setText("Hung up after 10 minutes, call back")
    with qtbot.waitSignal(dialog.raised) as raised:
        dialog.submit()
    row = raised.args[0]
    assert (row.queue_name, row.customer_ref, row.raised_by) == ("Billing", "CUST-42", "ben@ws-5")
    with db.sessions() as s:
        assert s.get(Contact, contact_id).escalated is True  # type: ignore[union-attr]


def test_by_hand_on_the_windows_site_when_two_sites_share_a_queue_name(
    qtbot: QtBot, pool: Workers, open_db: OpenDb, db_url: str
) -> None:
    """London and New York both have "Sales" (``two_sites.py``); the panel shows New York,
    so the dialog offers New York's queues and the escalation lands on its "Sales" (it
    was refused as "a queue at several sites" on the two-site demo)."""
    from two_sites import build_two_sites

    db = open_db(db_url)
    ids = build_two_sites(db)
    panel = EscalationsPanel(pool, actor=lambda: "ana@ws-2")
    qtbot.addWidget(panel)
    panel.show()
    panel.set_database(db)
    panel.set_site(ids.new_york)
    qtbot.waitUntil(lambda: panel.loaded)
    dialog = panel.raise_escalation()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.queue.count() == 1 or bool(dialog.message.text()))
    assert dialog.queue.itemText(0) == "Sales" and dialog.message.text() == ""
    dialog.queue.setCurrentText("Sales")
    dialog.customer.setText("NY-1")
    dialog.reason.setText("Asks for a team leader")
    dialog.submit()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible())
    with db.sessions() as s:
        esc = s.scalars(select(Escalation).where(Escalation.customer_ref == "NY-1")).one()
        assert esc.queue_id == ids.new_york_sales
