"""Whether what the Live tab shows is live, and if not, what the banner says about it.

Three facts decide it: the change feed is down (the watcher says so and when it
retries), snapshots are failing for want of a connection (the refresher's
back-off), or a snapshot is taking far too long. Either of the first two shows
"reconnecting" with a countdown; the last, "slow to answer". Data stay on
screen throughout; only a successful snapshot or a reconnect clears the banner.
"""

from __future__ import annotations

import time
from datetime import datetime, tzinfo

from PySide6.QtCore import QObject, Signal

from supervisor_app.ui.live import figure_text as fmt
from supervisor_app.ui.live.refresh.stale_banner import StaleBanner


class Freshness(QObject):
    stale_changed = Signal(bool)

    def __init__(self, banner: StaleBanner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.banner = banner
        self.data_at: datetime | None = None
        self.zone: tzinfo | None = None
        self._watcher: tuple[str, float] | None = None  # reason, retry at (monotonic)
        self._snapshots: tuple[str, float] | None = None
        self._stalled = False
        self.stale = False

    def watcher_lost(self, reason: str, retry_in: float) -> None:
        self._watcher = (reason, time.monotonic() + retry_in)
        self._show()

    def watcher_back(self) -> bool:
        """The feed reconnected; True if it had been lost (the caller reloads in full)."""
        was_lost = self._watcher is not None
        self._watcher = None
        self._show()
        return was_lost

    def snapshot_failed(self, reason: str, retry_in: float) -> None:
        self._snapshots = (reason, time.monotonic() + retry_in)
        self._stalled = False
        self._show()

    def snapshot_stalled(self) -> None:
        self._stalled = True
        self._show()

    def snapshot_ok(self, taken_at: datetime, zone: tzinfo | None) -> None:
        self.data_at, self.zone = taken_at, zone
        self._snapshots, self._stalled = None, False
        self._show()

    def data_time(self) -> str:
        return fmt.clock(self.data_at, self.zone) if self.data_at else ""

    def _show(self) -> None:
        lost = self._snapshots or self._watcher
        if lost is not None:
            reason, retry_at = lost
            self.banner.show_lost(self.data_time(), retry_at, reason)
        elif self._stalled:
            self.banner.show_stalled(self.data_time())
        else:
            self.banner.hide()
        stale = lost is not None or self._stalled
        if stale != self.stale:
            self.stale = stale
            self.stale_changed.emit(stale)
