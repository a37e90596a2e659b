"""What the two "how good was the plan" panels share: the last N complete weeks, asked on a
worker, shown in a sorted table with a note; an error replaces the note only until
figures have been shown once (then the old figures stay, and the status says it failed).

``AccuracyPanel`` (forecast against contacts) and ``PlanAccuracyPanel`` (expected
against achieved service level) differ in what they ask and how a row reads; each
names its query (``_make_op``) and its rows (``_on_data``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QSpinBox, QWidget

from supervisor_app.ui.common.refresh_status import RefreshStatus
from supervisor_app.ui.common.refresher import Refresher
from supervisor_app.ui.common.site_refreshed import SiteRefreshed
from supervisor_app.ui.schedules.planning.coverage_controls import monday_of
from supervisor_app.ui.schedules.planning.sorted_table import (
    lay_out_table_panel,
    note_label,
    sorted_table,
)

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.ui.common.workers import Op, Workers


class PastWeeksPanel(SiteRefreshed, QWidget):
    """A table of figures over the last ``weeks`` complete weeks up to ``set_last_week``."""

    def __init__(
        self,
        workers: Workers,
        parent: QWidget | None,
        *,
        name: str,
        title: str,
        weeks: tuple[int, int],
    ) -> None:
        """``weeks``: the most a planner may pick, and the number shown at first."""
        super().__init__(parent)
        self.setObjectName(name)
        self.rows: list[Any] | None = None
        self._last_week = monday_of(date.today()) - timedelta(days=7)
        self.site_id: int | None = None  # the window's site
        self.refresher = Refresher(workers, self._make_op, self._on_data, self._on_error, self)
        self.status = RefreshStatus(title, self)
        self.weeks = QSpinBox()
        self.weeks.setRange(1, weeks[0])
        self.weeks.setValue(weeks[1])
        self.weeks.setPrefix(self.tr("last "))
        self.weeks.setSuffix(self.tr(" weeks"))
        self.weeks.valueChanged.connect(self.refresher.invalidate)

    def _lay_out(self, headers: Sequence[str], controls: Sequence[QWidget]) -> None:
        """The table with these column titles under the title, ``controls`` and the note."""
        self.table, self.model = sorted_table(headers, self)
        self.note = note_label(self.tr("Loading…"))
        lay_out_table_panel(
            self, self.status.title, list(controls), self.status.note, self.note, self.table
        )

    def set_last_week(self, week_start: date) -> None:
        self._last_week = monday_of(week_start)
        self.refresher.invalidate()

    def _make_op(self, db: Database) -> Op[Any]:
        raise NotImplementedError

    def _on_data(self, rows: Any) -> None:
        raise NotImplementedError

    def _on_error(self, exc: BaseException) -> None:
        text = self.status.failed(exc)
        if self.rows is None:
            self.note.setText(text)
