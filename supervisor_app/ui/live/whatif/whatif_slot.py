"""Feeding the what-if panel beside the Queues table: which queue, from which refresh.

The queue is the one selected in the Queues table (the bold total row: all
queues), else the queue filter's choice (none: all queues). The panel is shown
again on every applied refresh, and when the selection or the filter changes,
with the last snapshot and the forecast its worker read (``Prepared.forecast``):
no query here. The refresh worker also works out the figures (``request()``,
read as each refresh starts, names the queue and choices), as adding up every
queue's day and Erlang A take a millisecond or two a refresh; only a change of
queue or choice between refreshes is worked out on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from supervisor_app.ui.live.board.queue_cells import TOTAL_KEY
from supervisor_app.ui.live.board.queue_model import QueueModel
from supervisor_app.ui.live.board.table_view import LiveTableView
from supervisor_app.ui.live.filters_bar import FiltersBar
from supervisor_app.ui.live.whatif.situation import WhatIfKey, WhatIfResult
from supervisor_app.ui.live.whatif.whatif_panel import WhatIfPanel

if TYPE_CHECKING:
    from supervisor_app.services.live import LiveSnapshot
    from supervisor_app.services.planning import IntervalForecast


class WhatIfSlot:
    def __init__(
        self, panel: WhatIfPanel, view: LiveTableView, queues: QueueModel, filters: FiltersBar
    ) -> None:
        self.panel, self.view, self.queues, self.filters = panel, view, queues, filters
        self._last: tuple[LiveSnapshot, Mapping[int, IntervalForecast] | None] | None = None
        view.selectionModel().selectionChanged.connect(self.update)
        filters.changed.connect(self.update)

    def queue_id(self) -> int | None:
        """The selected queue (None: all queues); without a selection, the filter's."""
        selection = self.view.selectionModel()
        rows = {i.row() for i in selection.selectedIndexes()}
        if rows:
            current = selection.currentIndex().row()
            key = self.queues.key_at(current if current in rows else min(rows))
            return None if key == TOTAL_KEY else key
        return self.filters.queue_id()

    def request(self) -> WhatIfKey:
        """For the refresh worker: the queue and choices to work the figures out for."""
        return self.panel.request(self.queue_id())

    def refreshed(
        self,
        snapshot: LiveSnapshot,
        forecast: Mapping[int, IntervalForecast] | None,
        result: WhatIfResult | None = None,
    ) -> None:
        self._last = (snapshot, forecast)
        self.panel.show(snapshot, self.queue_id(), forecast, result)

    def update(self) -> None:
        if self._last is not None:
            snapshot, forecast = self._last
            self.panel.show(snapshot, self.queue_id(), forecast)
