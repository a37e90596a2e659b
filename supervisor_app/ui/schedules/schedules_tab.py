"""The Schedules tab: what it says until its view lands (see ``ui/placeholders``).

Every tab answers the same four calls from the main window: ``set_database``
when a database opens, ``on_changed`` when its tables change, ``shutdown``
on close, and it emits ``failed`` with an exception it could not handle.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from supervisor_app.ui.placeholders import EmptyState, spec_for
from supervisor_app.ui.settings import WindowSettings
from supervisor_app.ui.workers import Workers

if TYPE_CHECKING:
    from supervisor_app.services.database import Database


class SchedulesTab(QWidget):
    failed = Signal(object)

    def __init__(self, workers: Workers, settings: WindowSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("schedules")
        self._workers = workers
        self._settings = settings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        empty = EmptyState(spec_for("schedules"))
        empty.setObjectName("schedulesEmpty")
        layout.addWidget(empty)

    def set_database(self, db: Database) -> None:
        """Nothing to load yet."""

    def on_changed(self, tables: frozenset[str], when: datetime) -> None:
        """Nothing to refresh yet."""

    def shutdown(self) -> None:
        """Nothing running yet."""
