"""The Queues table model: one row per queue, the bold total last, longest wait ticking."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from supervisor_app.ui.common.copy_table import COPY_ROLE
from supervisor_app.ui.live.board.cells import Cells
from supervisor_app.ui.live.board.queue_cells import (
    LONGEST,
    QUEUE_COLUMNS,
    Totals,
    queue_cells,
    tick_queue,
    total_cells,
    totals,
)
from supervisor_app.ui.live.board.table_model import (
    BACKGROUND,
    DISPLAY,
    FOREGROUND,
    TOOLTIP,
    KeyedTableModel,
)

if TYPE_CHECKING:
    from supervisor_app.services.live import AgentRow, QueueRow

TICK_ROLES = [DISPLAY, COPY_ROLE, BACKGROUND, FOREGROUND, TOOLTIP]


class QueueModel(KeyedTableModel):
    """Fixed order (queues by name, total pinned last); not sortable by the user."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(QUEUE_COLUMNS, sortable=False, parent=parent)
        # Fifteen columns beside the what-if panel on a 1366-pixel screen: two-line titles.
        self.wrap_titles = True
        self.rows.sort(None, False)
        self.queue_filter: frozenset[int] | None = None

    def apply(
        self,
        queues: Sequence[QueueRow],
        agents: Sequence[AgentRow],
        now: datetime | None = None,
        *,
        all_queues: Totals | None = None,
    ) -> None:
        """Show these queues (those in ``queue_filter``, if set) and their total.

        ``all_queues``: the total over every queue, if the worker already added it up.
        """
        now = now or datetime.now(UTC)
        shown = [q for q in queues if self.queue_filter is None or q.queue_id in self.queue_filter]
        known = self.rows.all()
        rows: list[Cells] = []
        for q in shown:
            prev = known.get(q.queue_id)
            rows.append(prev if prev is not None and prev.signature == q else queue_cells(q, now))
        if shown:
            whole = all_queues if all_queues is not None and len(shown) == len(queues) else None
            rows.append(total_cells(whole or totals(shown, agents), now))
        self.rows.update(rows)

    def tick(self, now: datetime | None = None) -> None:
        """Move the longest-wait clocks; one dataChanged over the rows that changed."""
        stamp = (now or datetime.now(UTC)).timestamp()
        changed = [i for i, cells in enumerate(self.rows.shown()) if tick_queue(cells, stamp)]
        if changed:
            self.emit_column(LONGEST, changed[0], changed[-1], TICK_ROLES)

    def queue_ids(self) -> Iterable[int]:
        return (c.key for c in self.rows.shown() if c.source is not None)
