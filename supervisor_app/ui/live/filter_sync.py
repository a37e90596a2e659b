"""Keeping the Queues table, the agent board and the extras in step with the filter controls.

The queue and team combos filter every part of the tab (the intraday charts too);
state and name only the board. Each change re-filters in place (rows leave and
enter), and the board says how many agents it shows, or why it shows none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from supervisor_app.ui.live.board.agent_model import AgentModel
from supervisor_app.ui.live.board.queue_model import QueueModel
from supervisor_app.ui.live.layout import LiveLayout
from supervisor_app.ui.live.panels.extras import Extras

if TYPE_CHECKING:
    from supervisor_app.services.live import LiveSnapshot

NO_MATCH = QT_TRANSLATE_NOOP("FilterSync", "No agent matches the filter.")


class FilterSync:
    def __init__(
        self, ui: LiveLayout, queues: QueueModel, agents: AgentModel, extras: Extras
    ) -> None:
        self.ui, self.queues, self.agents, self.extras = ui, queues, agents, extras
        self.snapshot: LiveSnapshot | None = None
        ui.filters.changed.connect(self.apply)
        ui.agent_tools.changed.connect(self.apply)

    def snapshot_applied(self, snap: LiveSnapshot, teams: list[str]) -> None:
        """New data: the combos offer its queues and teams; the empty texts say what is missing."""
        self.snapshot = snap
        self.ui.filters.set_choices([(q.queue_id, q.name) for q in snap.queues], teams)
        self.set_empty("No queues yet." if not snap.queues else "", agents="No agents yet.")

    def apply(self) -> None:
        """The user changed a filter: re-filter the tables, tell the extras."""
        filters, snap = self.ui.filters, self.snapshot
        queue_id, team = filters.queue_id(), filters.team_name()
        self.agents.set_filter(self.ui.agent_tools.agent_filter(queue_id, team))
        self.queues.queue_filter = None if queue_id is None else frozenset({queue_id})
        if snap is not None:
            self.queues.apply(snap.queues, snap.agents, snap.taken_at)
        self.extras.set_filter(self.queues.queue_filter, self.team_ids(team))
        self.count_agents()

    def team_ids(self, team: str | None) -> frozenset[int] | None:
        """The ids of the chosen team, for the extras (the combo shows names)."""
        if team is None or self.snapshot is None:
            return None
        ids = {a.team_id for a in self.snapshot.agents if (a.team or "") == team}
        return frozenset(i for i in ids if i is not None) or None

    def count_agents(self) -> None:
        total, shown = len(self.agents.rows.all()), self.agents.rowCount()
        self.ui.agent_tools.set_count(shown, total)
        if total and not shown:
            self.ui.agent_view.set_empty_text(QCoreApplication.translate("FilterSync", NO_MATCH))

    def set_empty(self, queues: str, *, agents: str | None = None) -> None:
        self.ui.queue_view.set_empty_text(queues)
        self.ui.agent_view.set_empty_text(queues if agents is None else agents)
        self.count_agents()
