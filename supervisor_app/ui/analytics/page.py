"""What every Analytics page answers to, so the tab can run their queries the same way.

A page turns the bar's selection into an op (run off the GUI thread by the
tab, newest request wins) and shows its result, or a sentence saying why
there is nothing to show. ``requery`` asks the tab to query again when the
page's own controls change what it needs.
"""

from __future__ import annotations

from typing import Any, Protocol

from supervisor_app.domain.periods import Grouping
from supervisor_app.services.analytics import AnalyticsOptions
from supervisor_app.services.database import Database
from supervisor_app.ui.analytics.empty_stack import EmptyStack
from supervisor_app.ui.analytics.range_bar import Selection
from supervisor_app.ui.common.workers import Op


class AnalyticsPage(Protocol):
    stack: EmptyStack  # the page's view, or a sentence in its place

    def controls(self, by: Grouping) -> tuple[bool, bool, bool]:
        """Whether the bar's grouping, queue filter and team filter mean anything here."""
        ...

    def query(self, db: Database, selection: Selection, options: AnalyticsOptions) -> Op[Any]: ...

    def show_result(self, result: Any) -> None: ...

    def show_message(self, text: str) -> None: ...

    def save_layout(self) -> None: ...
