"""The intraday charts, the escalations queue and the agent timeline, hosted in the Live tab.

The panels are built when the database opens, not with the window: the charts
load pyqtgraph as they are built, and the window's first paint must not wait
for that. Until then each slot shows a line saying what will appear there.
Their modules (the panels, the escalation form, the agent's day) are imported
then too, so the window's start compiles none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.ui.common.workers import Workers
    from supervisor_app.ui.live.panels.escalations_panel import EscalationsPanel
    from supervisor_app.ui.live.panels.intraday_panel import IntradayPanel


class Extras(Protocol):
    """What the Live tab needs of its extras (``ExtrasHost``, or a stand-in in tests)."""

    intraday_slot: QWidget
    escalations_slot: QWidget

    def set_database(self, db: Database | None) -> None: ...
    def set_filter(
        self, queue_ids: frozenset[int] | None, team_ids: frozenset[int] | None
    ) -> None: ...
    def set_site(self, site_id: int | None) -> None: ...
    def set_may_escalate(self, allowed: bool) -> None: ...
    def refresh(self) -> None: ...
    def open_timeline(self, parent: QWidget, db: Database, agent_id: int) -> object: ...
    def shutdown(self) -> None: ...


def _slot(name: str, text: str) -> QStackedWidget:
    stack = QStackedWidget()
    stack.setObjectName(name)
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setEnabled(False)
    stack.addWidget(label)
    return stack


class ExtrasHost:
    """Owns the two panels' slots; builds the panels on the first ``set_database``."""

    def __init__(self, workers: Workers) -> None:
        self._workers = workers
        self.intraday_slot = _slot("intradaySlot", "Today's intervals appear here once connected.")
        self.escalations_slot = _slot("escalationsSlot", "Open escalations appear here.")
        self.intraday: IntradayPanel | None = None
        self.escalations: EscalationsPanel | None = None
        self._filter: tuple[frozenset[int] | None, frozenset[int] | None] = (None, None)
        self._site_id: int | None = None
        self._may_escalate = True

    def set_database(self, db: Database | None) -> None:
        if db is not None and self.intraday is None:
            from supervisor_app.ui.live.panels.escalations_panel import EscalationsPanel
            from supervisor_app.ui.live.panels.intraday_panel import IntradayPanel

            self.intraday = IntradayPanel(self._workers, self.intraday_slot)
            self.intraday.set_filter(*self._filter)
            self.intraday.set_site(self._site_id)
            self.intraday_slot.addWidget(self.intraday)
            self.intraday_slot.setCurrentWidget(self.intraday)
            self.escalations = EscalationsPanel(self._workers, self.escalations_slot)
            self.escalations.set_site(self._site_id)
            self.escalations.set_may_change(self._may_escalate)
            self.escalations_slot.addWidget(self.escalations)
            self.escalations_slot.setCurrentWidget(self.escalations)
        for panel in (self.intraday, self.escalations):
            if panel is not None:
                panel.set_database(db)

    def set_filter(self, queue_ids: frozenset[int] | None, team_ids: frozenset[int] | None) -> None:
        self._filter = (queue_ids, team_ids)
        if self.intraday is not None:
            self.intraday.set_filter(queue_ids, team_ids)

    def set_site(self, site_id: int | None) -> None:
        self._site_id = site_id
        for panel in (self.intraday, self.escalations):
            if panel is not None:
                panel.set_site(site_id)

    def set_may_escalate(self, allowed: bool) -> None:
        """Whether the session's role may raise and work on escalations (now or once built)."""
        self._may_escalate = allowed
        if self.escalations is not None:
            self.escalations.set_may_change(allowed)

    def refresh(self) -> None:
        for panel in (self.intraday, self.escalations):
            if panel is not None:
                panel.refresh()

    def open_timeline(self, parent: QWidget, db: Database, agent_id: int) -> object:
        from supervisor_app.ui.live.panels.agent_timeline import open_agent_timeline

        return open_agent_timeline(parent, self._workers, db, agent_id)

    def shutdown(self) -> None:
        """No fetch may start once the window's workers are shutting down."""
        for panel in (self.intraday, self.escalations):
            if panel is not None:
                panel.refresher.stop()
