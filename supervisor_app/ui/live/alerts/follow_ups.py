"""Coaching follow-ups due today or overdue, as alerts in the Live tab's list.

Read on a worker (``services.people.due_follow_ups``: on a shared database, the
teams the login supervises) when the Live tab opens a database or a site, when
coaching notes change, and at most once a minute with the snapshots (so a new day
brings its follow-ups). Each names the agent and the topic; its metric carries the
note's id, so opening it leads to the note, and marking the follow-up done removes
it at the next read. The day is the site's local day, from ``today``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from supervisor_app.domain.alerts import Alert
from supervisor_app.ui.common.refresher import Refresher

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.people import FollowUpDue
    from supervisor_app.ui.common.workers import Op, Workers
    from supervisor_app.ui.live.alerts.alerts_panel import AlertsPanel

log = logging.getLogger(__name__)
METRIC_PREFIX = "follow_up:"
EVERY_S = 60.0
# A new database is handed to the refresher this long after: the first read imports the
# people services on a worker, which would otherwise compete with the floor's first paint.
FIRST_READ_DELAY_MS = 1500
WATCHED = frozenset({"coaching_notes", "team_supervisors", "agents"})


def note_of(metric: str) -> int | None:
    """The coaching note an alert's metric names, or None for a queue or agent alert."""
    if not metric.startswith(METRIC_PREFIX):
        return None
    return int(metric.removeprefix(METRIC_PREFIX))


def follow_up_alert(due: FollowUpDue, now: datetime) -> Alert:
    """The topic comes first: in a narrow alert list the end of the line is elided, and
    "coaching follow-up overdu…" five times over tells the supervisor nothing."""
    if due.overdue:
        message = QCoreApplication.translate(
            "FollowUps", "{topic}: coaching follow-up overdue since {day}"
        ).format(day=due.follow_up_on.isoformat(), topic=due.topic)
    else:
        message = QCoreApplication.translate("FollowUps", "{topic}: coaching follow-up due today")
        message = message.format(topic=due.topic)
    return Alert(now, due.agent_name, f"{METRIC_PREFIX}{due.note_id}", 0.0, 0.0, message)


class FollowUpAlerts(QObject):
    def __init__(
        self,
        workers: Workers,
        panel: AlertsPanel,
        today: Callable[[], date],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel, self.today = panel, today
        self.site_id: int | None = None
        self._read_at = 0.0
        self._db: Database | None = None
        self.refresher = Refresher(workers, self._op, self._apply, self._failed, self)

    def set_database(self, db: Database | None) -> None:
        self._db = db
        if db is None:
            self.refresher.set_database(None)
            return
        QTimer.singleShot(FIRST_READ_DELAY_MS, self, lambda: self._hand_over(db))

    def _hand_over(self, db: Database) -> None:
        if db is self._db:  # not replaced meanwhile
            self.refresher.set_database(db)

    def set_site(self, site_id: int | None) -> None:
        self.site_id = site_id
        self.refresher.invalidate()

    def on_changed(self, tables: frozenset[str]) -> None:
        if not tables or tables & WATCHED:
            self.refresher.request()

    def tick(self) -> None:
        """With each snapshot: read again once a minute (a new day, a note seen late)."""
        if time.monotonic() - self._read_at >= EVERY_S:
            self.refresher.request()

    def _op(self, db: Database) -> Op[Any]:
        today, site = self.today(), self.site_id
        self._read_at = time.monotonic()

        def op(_report: Any) -> list[FollowUpDue]:
            from supervisor_app.services.people import due_follow_ups

            return due_follow_ups(db, today, site)

        return op

    def _apply(self, dues: list[FollowUpDue]) -> None:
        now = datetime.now(UTC)
        self.panel.set_follow_ups({d.note_id: follow_up_alert(d, now) for d in dues})

    def _failed(self, exc: BaseException) -> None:
        # A side dish like the acknowledgements: the live figures go on without it.
        log.warning("coaching follow-ups could not be read", exc_info=exc)
