"""The Live tab: wires the refresh pipeline to the models, the filters, alerts and extras.

The main window hands it the database session's news (opened, changed, lost,
connected); it asks for snapshots, applies them as differences, ticks the
clocks once a second, and says plainly when the numbers are not live.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from supervisor_app.domain.alerts import Threshold
from supervisor_app.domain.errors import UserError
from supervisor_app.ui.common.failures import first_line
from supervisor_app.ui.common.header_state import ViewStateStore
from supervisor_app.ui.common.resources import icon
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.live.alerts.alert_feed import DEFAULT_ADHERENCE_MINUTES, AlertFeed
from supervisor_app.ui.live.alerts.alerts_panel import AlertsPanel
from supervisor_app.ui.live.alerts.follow_ups import FollowUpAlerts
from supervisor_app.ui.live.alerts.notifier import Notifier, SwitchableNotifier, TrayNotifier
from supervisor_app.ui.live.board.agent_cells import COL
from supervisor_app.ui.live.board.agent_model import AgentModel
from supervisor_app.ui.live.board.queue_model import QueueModel
from supervisor_app.ui.live.filter_sync import FilterSync
from supervisor_app.ui.live.layout import LiveLayout
from supervisor_app.ui.live.panels.extras import Extras, ExtrasHost
from supervisor_app.ui.live.refresh.forecast_memo import ForecastMemo
from supervisor_app.ui.live.refresh.freshness import Freshness
from supervisor_app.ui.live.refresh.snapshot_op import (
    ForecastNow,
    Prepared,
    ReadAcks,
    Take,
    no_acknowledgements,
    read_acknowledgements,
    read_forecast_now,
    snapshot_op,
    take_live_snapshot,
)
from supervisor_app.ui.live.refresh.snapshot_refresher import SAFETY_MS, STALL_MS, SnapshotRefresher
from supervisor_app.ui.live.whatif.whatif_slot import WhatIfSlot
from supervisor_app.ui.people import open_agent_profile

if TYPE_CHECKING:
    from supervisor_app.domain.alerts import Alert
    from supervisor_app.services.database import Database
    from supervisor_app.services.live import LiveSnapshot
    from supervisor_app.ui.common.workers import Report

log = logging.getLogger(__name__)


def _default_acks(take: Take) -> ReadAcks:
    """The database's acknowledgements for real snapshots; none beside scripted ones."""
    return read_acknowledgements if take is take_live_snapshot else no_acknowledgements


TICK_MS = 1_000
EXTRAS_EVERY_S = 5.0  # the charts and escalations follow the snapshots, at most this often
ADHERENCE_SETTING = "live/adherence_alert_minutes"
WAITING = QT_TRANSLATE_NOOP("LiveTab", "Waiting for the database…")


class LiveTab(QWidget):
    failed = Signal(object)  # a refresh failed with a bug: the window reports it (once)
    refreshed = Signal(object)  # the LiveSnapshot just applied

    def __init__(
        self,
        workers: Workers,
        settings: WindowSettings | None = None,
        *,
        take: Take = take_live_snapshot,
        forecast: ForecastNow | None = None,
        acknowledgements: ReadAcks | None = None,
        notifier: Notifier | None = None,
        is_window_active: Callable[[], bool] | None = None,
        extras: Extras | None = None,
        safety_ms: int = SAFETY_MS,
        stall_ms: int = STALL_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("live")
        self.workers = workers
        self.store = ViewStateStore(settings or WindowSettings())
        minutes = self.store.value(ADHERENCE_SETTING, DEFAULT_ADHERENCE_MINUTES)
        self.queue_model = QueueModel(self)
        self.agent_model = AgentModel(self, red_minutes=minutes)
        self.feed = AlertFeed(minutes)
        self.notifier = SwitchableNotifier(notifier or TrayNotifier(icon("live"), self))
        self.alerts = AlertsPanel(self.notifier, is_window_active)
        self.follow_ups = FollowUpAlerts(workers, self.alerts, self.site_today, self)
        self.extras = extras or ExtrasHost(workers)
        self.ui = LiveLayout(self, self.queue_model, self.agent_model, self.alerts, self.extras)
        self.ui.restore(self.store)
        self.filters = FilterSync(self.ui, self.queue_model, self.agent_model, self.extras)
        self.freshness = Freshness(self.ui.banner, self)
        self.whatif = WhatIfSlot(
            self.ui.whatif, self.ui.queue_view, self.queue_model, self.ui.filters
        )
        # The database's forecast, read once per interval (``forecast`` stands in for tests).
        self.forecast_memo = ForecastMemo(read_forecast_now)
        self.refresher = SnapshotRefresher(
            workers,
            snapshot_op(
                take,
                lambda: self.agent_model.red_minutes,
                self.agent_model.rows.all,
                forecast or self.forecast_memo,
                self.whatif.request,
                acknowledgements or _default_acks(take),
                lambda: self.site_id,
            ),
            safety_ms=safety_ms,
            stall_ms=stall_ms,
            parent=self,
        )
        self.db: Database | None = None
        self.open_profile = open_agent_profile  # tests put a recorder here
        self.site_id: int | None = None  # the window's site (None: the database's only one)
        self.snapshot: LiveSnapshot | None = None
        self._reported: str | None = None
        self._extras_at = 0.0
        self.clock = QTimer(self)
        self.clock.setInterval(TICK_MS)
        self.clock.timeout.connect(self.tick)
        self._wire()
        self.filters.set_empty(self.tr(WAITING))

    def _wire(self) -> None:
        ui = self.ui
        self.refresher.delivered.connect(self._apply)
        self.refresher.failed.connect(self._on_failed)
        self.refresher.stalled.connect(self.freshness.snapshot_stalled)
        ui.filters.refresh_requested.connect(self.refresh_now)
        ui.agent_view.doubleClicked.connect(self._open_timeline)
        self.alerts.count_changed.connect(self._alerts_counted)
        self.alerts.acknowledged.connect(self._share_acknowledgements)
        self.alerts.follow_up_opened.connect(self._open_follow_up)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.focus_search)
        refresh = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        refresh.activated.connect(self.refresh_now)

    # -- what the main window calls ----------------------------------------------------
    def apply_preferences(self, adherence_minutes: float, notifications: bool) -> None:
        """File › Settings… changed: agents turn red after ``adherence_minutes`` from the next
        refresh on, and tray messages follow ``notifications``."""
        self.agent_model.red_minutes = float(adherence_minutes)
        self.feed.adherence = Threshold(None, float(adherence_minutes))
        self.notifier.enabled = notifications
        self.refresher.request()

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.extras.set_database(db)
        self.refresher.set_database(db)
        self.follow_ups.set_database(db)
        if db is not None:
            self.clock.start()

    def set_permissions(self, *, escalate: bool) -> None:
        """Hide the escalation commands from a role the database would refuse them to."""
        self.extras.set_may_escalate(escalate)

    def set_site(self, site_id: int | None) -> None:
        """Show the site ``site_id``: its queues, agents, intervals and escalations."""
        if site_id == self.site_id:
            return
        self.site_id = site_id
        self.extras.set_site(site_id)
        self.follow_ups.set_site(site_id)
        if self.db is not None:
            self.refresher.set_database(self.db)  # drop the other site's answer, fetch now

    def on_changed(self, tables: frozenset[str], _when: datetime) -> None:
        self.forecast_memo.on_changed(tables)
        self.refresher.request()
        self.follow_ups.on_changed(tables)

    def on_connection_lost(self, error: str, retry_in: float) -> None:
        self.freshness.watcher_lost(error, retry_in)

    def on_connected(self) -> None:
        if self.freshness.watcher_back() and self.db is not None:
            self.refresh_now()  # notifications sent while away are lost: reload in full

    def refresh_now(self) -> None:
        self.forecast_memo.forget()
        self.refresher.refresh_now()
        self.extras.refresh()
        self._extras_at = time.monotonic()

    def focus_search(self) -> None:
        self.ui.agent_tools.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.agent_tools.search.selectAll()

    def shutdown(self) -> None:
        """Save the layout and stop every timer; the window then shuts the workers down."""
        self.ui.save(self.store)
        self.clock.stop()
        self.refresher.stop()
        self.extras.shutdown()
        self.notifier.close()

    # -- refreshes ---------------------------------------------------------------------
    def _apply(self, prepared: Prepared) -> None:
        first_look = self.snapshot is None
        snap = self.snapshot = prepared.snapshot
        zone = ZoneInfo(snap.timezone)
        self.queue_model.apply(snap.queues, snap.agents, snap.taken_at, all_queues=prepared.totals)
        self.agent_model.apply(prepared.agents)
        self.alerts.set_zone(zone)
        self.alerts.add(self.feed.feed(snap, prepared.out_of_adherence), first_look)
        if prepared.acks is not None:
            self.alerts.apply_shared(prepared.acks)
        self.follow_ups.tick()
        self.filters.snapshot_applied(snap, prepared.teams)
        self.freshness.snapshot_ok(snap.taken_at, zone)
        self.ui.filters.updated.setText(self.tr("Updated {0}").format(self.freshness.data_time()))
        self._reported = None
        self.ui.fit_to_data()
        self.whatif.refreshed(snap, prepared.forecast, prepared.whatif)
        if time.monotonic() - self._extras_at >= EXTRAS_EVERY_S:
            self._extras_at = time.monotonic()
            self.extras.refresh()
        self.refreshed.emit(snap)

    def _on_failed(self, exc: BaseException, retry_in: float) -> None:
        if retry_in > 0:
            self.freshness.snapshot_failed(first_line(exc), retry_in)
            return
        if self.snapshot is None:
            self.filters.set_empty(str(exc) if isinstance(exc, UserError) else first_line(exc))
        if isinstance(exc, UserError):
            return  # e.g. no site yet: the next change or safety refresh tries again
        log.error("live snapshot failed", exc_info=exc)
        if first_line(exc) != self._reported:
            self._reported = first_line(exc)
            self.failed.emit(exc)

    def tick(self) -> None:
        now = datetime.now().astimezone()
        self.queue_model.tick(now)
        self.agent_model.tick(now)
        if self.freshness.stale:
            self.ui.banner.tick()

    # -- actions -------------------------------------------------------------------------
    def _alerts_counted(self, new: int) -> None:
        tabs = self.ui.side_tabs
        tabs.setTabText(
            tabs.indexOf(self.alerts),
            self.tr("Alerts ({new})").format(new=new) if new else self.tr("Alerts"),
        )

    def _share_acknowledgements(self, alerts: list[Alert], note: str | None) -> None:
        """Store the acknowledgements made here, so every console clears those alerts."""
        db = self.db
        if db is None:
            return
        keys = [(a.subject, a.metric, a.raised_at) for a in alerts]

        def op(_report: Report) -> None:
            from supervisor_app.services.audit import current_actor
            from supervisor_app.services.live import AlertKey, acknowledge_alerts

            acknowledge_alerts(db, [AlertKey(*k) for k in keys], current_actor(), note)

        def failed(exc: BaseException) -> None:
            self.alerts.summary.setText(
                self.tr("Not shared with the other consoles: {0}").format(first_line(exc))
            )
            if not isinstance(exc, UserError):
                log.error("acknowledgements could not be stored", exc_info=exc)

        self.workers.run(op, on_success=lambda _: self.refresher.request(), on_failure=failed)

    def site_today(self) -> date:
        """The shown site's local day (the machine's before the first snapshot)."""
        zone = ZoneInfo(self.snapshot.timezone) if self.snapshot is not None else None
        return datetime.now(zone).date()

    def _open_follow_up(self, note_id: int) -> None:
        """An alert for a coaching follow-up: its note, with Follow-up done."""
        if self.db is None:
            return
        from supervisor_app.ui.people import FollowUpDialog  # the dialog's module, on first use

        dialog = FollowUpDialog(self.db, self.workers, note_id, self.site_today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done.connect(lambda _note: self.follow_ups.refresher.request())
        dialog.show()

    def _open_timeline(self, index: QModelIndex) -> None:
        """Double-click on an agent's name: their profile; anywhere else on the row: their day."""
        if self.db is None or not index.isValid():
            return
        agent_id = self.agent_model.key_at(index.row())
        if index.column() == COL["name"]:
            self.open_profile(self.window(), self.workers, self.db, agent_id)
        else:
            self.extras.open_timeline(self, self.db, agent_id)
