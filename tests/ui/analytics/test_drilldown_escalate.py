"""The drill-down's Escalate… (button or Ctrl+E) hands the selected contact to the tab."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from supervisor_app.services.analytics import DrillContact, DrillDown
from supervisor_app.ui.analytics.drilldown_dialog import DrillDownDialog


def contact(contact_id: int, queue: str) -> DrillContact:
    arrived = datetime(2026, 12, 1, 9, contact_id, tzinfo=ZoneInfo("Europe/London"))
    return DrillContact(
        contact_id, f"ext-{contact_id}", arrived, queue, None, "abandoned", 40.0, None,
        False, False, None, None,
    )  # fmt: skip


def test_escalate_hands_over_the_selected_contact(qtbot: QtBot) -> None:
    asked: list[DrillContact] = []

    def escalate(_dialog: QWidget, chosen: DrillContact) -> None:
        asked.append(chosen)

    drill = DrillDown("Abandoned · Sales", (contact(1, "Sales"), contact(2, "Billing")), False)
    dialog = DrillDownDialog(drill, escalate=escalate)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.escalate_button.isVisible() and not dialog.escalate_button.isEnabled()
    dialog.table.selectRow(1)
    assert dialog.escalate_button.isEnabled()
    dialog.activateWindow()
    dialog.table.setFocus()
    qtbot.waitUntil(dialog.table.hasFocus)
    qtbot.keyClick(dialog.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert [c.contact_id for c in asked] == [2]


def test_without_a_database_there_is_no_escalate_button(qtbot: QtBot) -> None:
    dialog = DrillDownDialog(DrillDown("x", (contact(1, "Sales"),), False))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.escalate_button.isVisible()
