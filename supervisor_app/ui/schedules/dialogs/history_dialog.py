"""An agent's or a week's schedule history: who changed what, when, and why."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules.dialogs.dialog_tables import fill, make_table
from supervisor_app.ui.schedules.week.week_io import history_op

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.schedules import HistoryEntry


class HistoryDialog(QDialog):
    def __init__(
        self,
        workers: Workers,
        db: Database,
        week_start: date,
        zone: ZoneInfo,
        agent: tuple[int, str] | None,
        on_failure: Callable[[BaseException], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("Schedule history"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workers, self.db, self.week_start, self.zone = workers, db, week_start, zone
        self.on_failure = on_failure
        self.entries: list[HistoryEntry] | None = None
        self.scope = QComboBox()
        self.scope.setObjectName("historyScope")
        self.scope.addItem(
            self.tr("Week of {week_start:%d %b %Y}").format(week_start=week_start), None
        )
        if agent is not None:
            self.scope.addItem(self.tr("{0} (all weeks)").format(agent[1]), agent[0])
            self.scope.setCurrentIndex(1)
        self.scope.currentIndexChanged.connect(self.refresh)
        self.count = QLabel(self.tr("Loading…"))
        self.table = make_table("historyTable", ["When", "Who", "What", "Reason"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.resize(820, 460)
        self.refresh()

    def refresh(self) -> None:
        agent_id = self.scope.currentData()
        week = None if agent_id is not None else self.week_start
        db = self.db
        self.count.setText(self.tr("Loading…"))
        self.workers.run(
            history_op(db, agent_id, week),
            on_success=self._show,
            on_failure=self.on_failure,
        )

    def _show(self, entries: list[HistoryEntry]) -> None:
        if not isValid(self):  # closed before the history arrived
            return
        self.entries = entries
        fill(
            self.table,
            [
                (
                    (
                        (f"{e.at.astimezone(self.zone):%Y-%m-%d %H:%M}", e.at.isoformat()),
                        e.actor,
                        e.summary,
                        e.reason,
                    ),
                    e,
                )
                for e in entries
            ],
        )
        self.count.setText(
            self.tr("{0} change(s), newest first").format(len(entries))
            if entries
            else self.tr("No changes recorded")
        )
