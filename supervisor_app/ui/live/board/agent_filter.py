"""Which agents the board shows: by team, by queue they are skilled for, by state, by name.

A plain value (no Qt): the board compares it with the last one and only
re-filters when it differs, and a test can build one by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from supervisor_app.domain.enums import AgentState
from supervisor_app.ui.live.board.cells import Cells


@dataclass(frozen=True, slots=True)
class AgentFilter:
    team: str | None = None  # a team name; "" for agents without a team
    queue_id: int | None = None
    state: AgentState | None = None
    text: str = ""  # part of the name, any case

    def active(self) -> bool:
        return any((self.team is not None, self.queue_id is not None, self.state, self.needle))

    @property
    def needle(self) -> str:
        return self.text.strip().casefold()

    def accepts(self, cells: Cells) -> bool:
        agent = cells.source
        if self.team is not None and (agent.team or "") != self.team:
            return False
        if self.queue_id is not None and self.queue_id not in agent.queue_ids:
            return False
        if self.state is not None and agent.state is not self.state:
            return False
        needle = self.needle
        return not needle or needle in cells.order[0]
