"""The toolbar's commands beside editing: publish, time off, templates, history.

Each opens a non-blocking dialog and runs its service call on a worker; what
it changes is reloaded without touching the planner's unsaved shift edits
(time off and templates are saved at once, shifts only with the draft).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox
from shiboken6 import isValid

from supervisor_app.domain.schedule_types import ScheduleWeek, ShiftTemplate, TimeOffBand
from supervisor_app.ui.schedules.dialogs.history_dialog import HistoryDialog
from supervisor_app.ui.schedules.dialogs.publish_dialog import PublishDialog
from supervisor_app.ui.schedules.dialogs.templates_dialog import TemplatesDialog
from supervisor_app.ui.schedules.dialogs.time_off_dialog import Request, TimeOffDialog
from supervisor_app.ui.schedules.grid.grid_hit import Hit
from supervisor_app.ui.schedules.week import draft_edits as de
from supervisor_app.ui.schedules.week import week_io as io

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.schedules import Publication
    from supervisor_app.ui.schedules.schedules_tab import SchedulesTab

DEFAULT_START = time(9, 0)


class SideDialogs:
    def __init__(self, tab: SchedulesTab, actor: Callable[[], str | None]) -> None:
        self.tab = tab
        self.actor = lambda: actor() or io.actor()
        self.db: Database | None = None
        self.template_list: list[ShiftTemplate] = []
        self.open_dialog: object | None = None  # the last dialog opened (tests use it)

    # -- templates -----------------------------------------------------------------------
    def refresh_templates(self) -> None:
        if self.db is None:
            return
        db = self.db
        self.tab.workers.run(
            io.templates_op(db, self.tab.site_id),
            on_success=self._templates_loaded,
            on_failure=self.tab._on_failed,
        )

    def _templates_loaded(self, templates: list[ShiftTemplate]) -> None:
        self.template_list = templates
        combo = self.tab.toolbar.template
        current = combo.currentText()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for t in templates:
            combo.addItem(t.name, t)
        combo.setCurrentIndex(max(combo.findText(current), 0))
        combo.blockSignals(False)
        if isinstance(self.open_dialog, TemplatesDialog) and isValid(self.open_dialog):
            self.open_dialog.show_templates(templates)

    def create_from_template(
        self, agent_id: int, day: object, tpl: ShiftTemplate | None = None
    ) -> bool:
        """A shift from ``tpl`` (default: the toolbar's) on local ``day``; False without one."""
        draft = self.tab.draft
        tpl = tpl or self.tab.toolbar.template.currentData()
        if draft.week is None or not isinstance(day, date):
            return False
        if tpl is None:
            return False
        draft.edit(
            f"Create shift ({tpl.name})", de.create_from_template(draft.week, agent_id, day, tpl)
        )
        return True

    def double_click(self, agent_id: int, day: date) -> None:
        """Double-click on a free day: the chosen template, else 09:00–17:00."""
        draft = self.tab.draft
        if self.create_from_template(agent_id, day) or draft.week is None:
            return
        zone = ZoneInfo(draft.week.timezone)
        start = datetime.combine(day, DEFAULT_START, tzinfo=zone)
        draft.edit(
            "Create shift", de.create_shift(draft.week, agent_id, start, start + timedelta(hours=8))
        )

    def template_actions(self, hit: Hit) -> list[tuple[str, Callable[[], None]]]:
        g = self.tab.grid
        if hit.row.agent is None or g.zone is None:
            return []
        agent_id, day = hit.row.agent.agent_id, hit.time.astimezone(g.zone).date()
        return [
            (t.name, lambda t=t: self.create_from_template(agent_id, day, t))  # type: ignore[misc]
            for t in self.template_list
        ]

    def templates(self) -> None:
        week = self.tab.draft.week
        if week is None or self.db is None:
            return
        shifts = self.tab.draft.selected_shifts()
        dialog = TemplatesDialog(
            self.template_list, shifts[0] if shifts else None, ZoneInfo(week.timezone), self.tab
        )
        db, user = self.db, self.actor()
        dialog.save_requested.connect(
            lambda t: self._run(
                io.save_template_op(db, t, user, week.site_id),
                lambda _x: self.refresh_templates(),
            )
        )
        dialog.delete_requested.connect(
            lambda t: self._run(
                io.delete_template_op(db, t, user),
                lambda _x: self.refresh_templates(),
            )
        )
        self._show(dialog)

    # -- time off ------------------------------------------------------------------------
    def time_off(self) -> None:
        week = self.tab.draft.week
        if week is None or self.db is None:
            return
        dialog = TimeOffDialog(week, self.tab.grid.cursor_agent_id(), self.tab)
        db, user = self.db, self.actor()

        def request(req: Request) -> None:
            agent_id, start, end, reason = req
            op = io.request_time_off_op(db, agent_id, start, end, user, reason)
            self._run(op, self._reload_time_off)

        def decide(band: TimeOffBand, approve: bool) -> None:
            self._run(io.decide_time_off_op(db, band, approve, user), self._reload_time_off)

        dialog.requested.connect(request)
        dialog.decided.connect(decide)
        self._show(dialog)

    def _reload_time_off(self, _result: object = None) -> None:
        draft = self.tab.draft
        if self.db is None or draft.week is None:
            return

        def done(fresh: ScheduleWeek) -> None:
            draft.set_time_off(fresh.time_off)
            if isinstance(self.open_dialog, TimeOffDialog) and isValid(self.open_dialog):
                self.open_dialog.show_bands(fresh.time_off)

        self.tab.workers.run(
            io.reload_op(self.db, draft.week.week_start, draft.week.site_id),
            on_success=done,
            on_failure=self.tab._on_failed,
        )

    # -- publish and history -------------------------------------------------------------
    def publish(self) -> None:
        tab = self.tab
        draft = tab.draft
        if draft.week is None or self.db is None:
            return
        if draft.dirty:
            box = QMessageBox.question(
                tab,
                QCoreApplication.translate("SideDialogs", "Publish"),
                QCoreApplication.translate(
                    "SideDialogs", "Save your changes first? Only saved shifts are published."
                ),
            )
            if box != QMessageBox.StandardButton.Yes:
                return
            tab.saver.after = self.publish
            tab.save()
            return
        dialog = PublishDialog(draft.week, draft.violations, tab)
        db, user, week_start = self.db, self.actor(), draft.week.week_start
        site_id = draft.week.site_id

        def publish() -> None:
            reason = dialog.override_reason()  # read here: the op runs on a pool thread
            self._run(io.publish_op(db, week_start, user, reason, site_id), self._published)

        dialog.accepted.connect(publish)
        self._show(dialog)

    def _published(self, pub: Publication) -> None:
        zone = self.tab.grid.zone
        when = pub.published_at.astimezone(zone) if zone else pub.published_at
        self.tab.note = (
            f"Published {pub.shift_count} shift(s) at {when:%H:%M} by {pub.published_by}"
        )
        self.tab.load()

    def history(self, agent_id: int | None = None) -> None:
        week = self.tab.draft.week
        if week is None or self.db is None:
            return
        names = {a.agent_id: a.name for a in week.agents}
        agent = (agent_id, names[agent_id]) if agent_id in names else None
        dialog = HistoryDialog(
            self.tab.workers,
            self.db,
            week.week_start,
            ZoneInfo(week.timezone),
            agent,
            self.tab._on_failed,
            self.tab,
        )
        self._show(dialog)

    # -- plumbing --------------------------------------------------------------------------
    def _run(self, op: io.Op, then: Callable[[Any], None]) -> None:
        self.tab.workers.run(op, on_success=then, on_failure=self.tab._on_failed)

    def _show(self, dialog: object) -> None:
        self.open_dialog = dialog
        dialog.open()  # type: ignore[attr-defined]
