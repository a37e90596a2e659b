"""Publishing a week: what rules are still broken, and the written reason to publish anyway."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from supervisor_app.domain.schedule_rules import Violation
from supervisor_app.domain.schedule_types import ScheduleWeek
from supervisor_app.ui.schedules.dialogs.dialog_tables import fill, make_table

MAX_ROWS = 500


class PublishDialog(QDialog):
    def __init__(
        self, week: ScheduleWeek, violations: list[Violation], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle(
            self.tr("Publish the week of {week_start:%d %b %Y}").format(week_start=week.week_start)
        )
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        zone = ZoneInfo(week.timezone)
        names = {a.agent_id: a.name for a in week.agents}
        layout = QVBoxLayout(self)
        shifts = len(week.shifts)
        if violations:
            text = (
                f"{shifts} shift(s) will become visible to the live view and the reports.<br>"
                f"<b>{len(violations)} rule break(s) remain.</b> Fix them, or publish anyway with "
                "a reason (it is kept in the audit trail)."
            )
        else:
            text = f"{shifts} shift(s) will become visible to the live view and the reports."
        head = QLabel(text)
        head.setWordWrap(True)
        layout.addWidget(head)
        self.reason = QLineEdit()
        self.reason.setObjectName("publishReason")
        self.reason.setPlaceholderText(self.tr("Why publish with these rule breaks (required)"))
        if violations:
            table = make_table("publishViolations", ["Agent", "When", "Rule"])
            fill(
                table,
                [
                    (
                        (
                            names.get(v.agent_id, f"agent {v.agent_id}"),
                            (
                                f"{v.starts_at.astimezone(zone):%a %d %H:%M}",
                                v.starts_at.isoformat(),
                            ),
                            v.message,
                        ),
                        v,
                    )
                    for v in violations[:MAX_ROWS]
                ],
            )
            layout.addWidget(table, 1)
            layout.addWidget(self.reason)
        self.needs_reason = bool(violations)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.publish_button = buttons.addButton("Publish", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason.textChanged.connect(self._sync)
        self._sync()
        self.resize(640, 380 if violations else 140)

    def _sync(self) -> None:
        self.publish_button.setEnabled(not self.needs_reason or bool(self.reason.text().strip()))

    def override_reason(self) -> str | None:
        return self.reason.text().strip() or None
