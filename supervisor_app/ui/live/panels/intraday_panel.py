"""Today by interval: offered against forecast, service level against target, agents available,
and waiting contacts over the last hour.

The Live tab core builds this panel, hands it the database and the queue/team
filter, and calls ``refresh()`` on every change notification; fetches coalesce
(``Refresher``), and a failed one keeps the last charts with a note saying so.
pyqtgraph is imported here in ``__init__``, never when this module is imported,
so the main window paints before the charting library loads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from supervisor_app.ui.common.local_time import hm
from supervisor_app.ui.common.refresh_status import RefreshStatus
from supervisor_app.ui.common.refresher import Refresher
from supervisor_app.ui.common.theme import set_tone
from supervisor_app.ui.common.workers import Op, Report, Workers
from supervisor_app.ui.live.panels.intraday_style import current_index, readout_html

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.live import IntradaySeries

Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def has_data(series: IntradaySeries) -> bool:
    """Anything worth a chart: a contact, a forecast or an agent today."""
    return any(p.offered or p.forecast or p.agents_available for p in series.points)


class IntradayPanel(QWidget):
    def __init__(
        self, workers: Workers, parent: QWidget | None = None, *, clock: Clock = _utcnow
    ) -> None:
        super().__init__(parent)
        from supervisor_app.ui.live.panels.intraday_charts import IntradayCharts

        self.setObjectName("intradayPanel")
        self._clock = clock
        self._queue_ids: frozenset[int] | None = None
        self._site_id: int | None = None  # the window's site
        self._team_ids: frozenset[int] | None = None
        self.series: IntradaySeries | None = None
        self.shown_at: datetime | None = None
        self.refresher = Refresher(workers, self._make_op, self._on_data, self._on_error, self)
        self.status = RefreshStatus("Today by interval", self)
        self.readout = QLabel()
        self.readout.setObjectName("intradayReadout")
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)  # a narrow tab wraps the figures rather than widening
        set_tone(self.readout, "body")
        self.charts = IntradayCharts()
        self.charts.hovered.connect(self._show_readout)
        self.empty = QLabel(self.tr("Loading today's intervals…"))
        self.empty.setObjectName("intradayEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-size: 14px;")
        set_tone(self.empty, "muted")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.charts)

        header = QHBoxLayout()
        header.addWidget(self.status.title)
        header.addStretch(1)
        header.addWidget(self.status.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.readout)
        layout.addWidget(self.stack, 1)

    # -- what the Live tab calls -------------------------------------------------------
    def set_database(self, db: Database | None) -> None:
        self.refresher.set_database(db)

    def set_filter(self, queue_ids: frozenset[int] | None, team_ids: frozenset[int] | None) -> None:
        """Show these queues and teams (None: all); fetches again if that is a change."""
        if (queue_ids, team_ids) != (self._queue_ids, self._team_ids):
            self._queue_ids, self._team_ids = queue_ids, team_ids
            self.refresher.invalidate()

    def set_site(self, site_id: int | None) -> None:
        """Show this site's day (None: the database's only site); fetches again."""
        if site_id != self._site_id:
            self._site_id = site_id
            self.refresher.invalidate()

    def refresh(self) -> None:
        self.refresher.request()

    # -- fetching ----------------------------------------------------------------------
    def _make_op(self, db: Database) -> Op[tuple[IntradaySeries, datetime]]:
        queue_ids, team_ids, now = self._queue_ids, self._team_ids, self._clock()
        site_id = self._site_id

        def op(_report: Report) -> tuple[IntradaySeries, datetime]:
            from supervisor_app.services.live import intraday

            series = intraday(db, queue_ids=queue_ids, team_ids=team_ids, now=now, site_id=site_id)
            return series, now

        return op

    def _on_data(self, result: tuple[IntradaySeries, datetime]) -> None:
        from supervisor_app.ui.live.panels.intraday_arrays import intraday_arrays

        series, now = result
        self.series, self.shown_at = series, now
        local = hm(now, series.timezone)
        self.status.succeeded(f"Today by interval · {series.timezone} · as of {local}", local)
        self.charts.show_data(
            intraday_arrays(series, now), series.waiting_last_hour, now, series.timezone
        )
        shown = has_data(series)
        self.readout.setVisible(shown)
        if shown:
            self.stack.setCurrentWidget(self.charts)
        else:
            self.empty.setText(
                self.tr(
                    "No contacts, forecast or agents yet today (site time {local}).\nThe "
                    "charts appear with the first interval that has any."
                ).format(local=local)
            )
            self.stack.setCurrentWidget(self.empty)
        self._show_readout(None)

    def _on_error(self, exc: BaseException) -> None:
        """Keep what is on screen; the note says the refresh failed and when the data is from."""
        text = self.status.failed(exc)
        if self.series is None:
            self.empty.setText(text)

    def _show_readout(self, index: int | None) -> None:
        if self.series is None or self.shown_at is None:
            return
        if index is None:
            index = current_index(self.series, self.shown_at)
        self.readout.setText(readout_html(self.series, index))
