"""A tab that builds its view the first time it is shown.

The Schedules, Analytics and Reports views pull in SQLAlchemy, numpy,
pyqtgraph and openpyxl through their services. Built with the window, they
would put those imports before the first paint; built on first sight (after
that paint, from the event loop), they cost the user nothing until wanted.
Until then the tab remembers the database it was given and forwards it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

if TYPE_CHECKING:
    from supervisor_app.services.database import Database


class LazyTab(QWidget):
    failed = Signal(object)
    created = Signal(object)  # the view, once built

    def __init__(self, key: str, make: Callable[[], Any]) -> None:
        super().__init__()
        self.setObjectName(key)
        self._make = make
        self.page: Any = None
        self._db: Database | None = None
        self._site: tuple[int | None] | None = None  # the picker's choice, once made
        self._layout = QStackedLayout(self)
        waiting = QLabel(self.tr("Loading…"))
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(waiting)

    def ensure(self) -> Any:
        """The view, built now if it wasn't yet."""
        if self.page is None:
            page = self._make()
            page.failed.connect(self.failed)
            self._layout.addWidget(page)
            self._layout.setCurrentWidget(page)
            self.page = page
            if self._site is not None:
                page.set_site(self._site[0])
            if self._db is not None:
                page.set_database(self._db)
            self.created.emit(page)
        return self.page

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.page is None:
            QTimer.singleShot(0, self._build_if_visible)

    def _build_if_visible(self) -> None:
        if self.page is None and self.isVisible():
            self.ensure()

    def set_database(self, db: Database) -> None:
        self._db = db
        if self.page is not None:
            self.page.set_database(db)

    def set_site(self, site_id: int | None) -> None:
        self._site = (site_id,)
        if self.page is not None:
            self.page.set_site(site_id)

    def on_changed(self, tables: frozenset[str], when: datetime) -> None:
        if self.page is not None:
            self.page.on_changed(tables, when)

    def shutdown(self) -> None:
        if self.page is not None:
            self.page.shutdown()
