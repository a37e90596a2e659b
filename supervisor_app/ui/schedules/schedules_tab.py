"""The Schedules tab: the week grid, its toolbar and legend, the coverage chart, save and publish.

Every tab answers the same four calls from the main window: ``set_database``
when a database opens, ``on_changed`` when its tables change, ``shutdown``
on close, and it emits ``failed`` with an exception it could not handle.
``undo_stack`` is the editor's ``QUndoStack`` (for the Edit menu); the tab
also has its own Ctrl+Z / Ctrl+Shift+Z.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QMenu,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

from supervisor_app.domain.errors import UserError
from supervisor_app.ui.common.failures import first_line
from supervisor_app.ui.common.header_state import ViewStateStore
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people import open_agent_profile
from supervisor_app.ui.schedules.dialogs.side_dialogs import SideDialogs
from supervisor_app.ui.schedules.generate_flow import GenerateFlow
from supervisor_app.ui.schedules.grid.clipboard import GridClipboard, context_menu
from supervisor_app.ui.schedules.grid.grid_hit import Hit
from supervisor_app.ui.schedules.grid.grid_view import ScheduleGrid
from supervisor_app.ui.schedules.grid.rows import teams_and_skills
from supervisor_app.ui.schedules.legend import Legend
from supervisor_app.ui.schedules.planning.coverage_slot import (
    CoverageFeed,
    make_coverage,
    make_planning_panels,
)
from supervisor_app.ui.schedules.tab_layout import lay_out
from supervisor_app.ui.schedules.toolbar import ScheduleToolbar
from supervisor_app.ui.schedules.unsaved import Confirm, ask_unsaved, monday_of
from supervisor_app.ui.schedules.week.draft import ScheduleDraft
from supervisor_app.ui.schedules.week.save_flow import SaveFlow
from supervisor_app.ui.schedules.week.week_io import Loaded, load_op

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

SPLIT_KEY = "schedules/split"
SCHEDULE_TABLES = frozenset({"shifts", "shift_activities", "time_off", "agents", "teams"})


class SchedulesTab(QWidget):
    failed = Signal(object)
    week_loaded = Signal(object)  # the ScheduleWeek just loaded

    def __init__(
        self,
        workers: Workers,
        settings: WindowSettings | None = None,
        *,
        actor: Callable[[], str | None] = lambda: None,
        confirm: Confirm = ask_unsaved,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.setObjectName("schedules")
        self.workers = workers
        self._settings = settings
        self.confirm = confirm
        self.db: Database | None = None
        self.site_id: int | None = None  # the window's site (None: the database's only one)
        self.week_start = monday_of(today())
        self.loading = False
        self.note = ""  # the last thing done that the status should keep saying (a publish)
        self.may_save = True  # False for roles that only read schedules (set_permissions)
        self.draft = ScheduleDraft(self)
        self.undo_stack = self.draft.undo_stack
        self.toolbar = ScheduleToolbar(self)
        self.grid = ScheduleGrid(self.draft)
        self.clipboard = GridClipboard(self.grid)
        self.legend = Legend()
        self.coverage = make_coverage(workers)
        self.coverage_feed = CoverageFeed(self.coverage, self.draft, self)
        self.planning_panels = make_planning_panels(workers) if self.coverage is not None else []
        self._focused_once = False
        self.saver = SaveFlow(workers, self.draft, self, actor)
        self.dialogs = SideDialogs(self, actor)
        self.generator = GenerateFlow(
            workers, self.draft, self, lambda: (self.db, self.week_start, self.site_id)
        )
        self.message, self.split, self.stack = lay_out(self)
        self.store = ViewStateStore(settings or WindowSettings())
        self.store.restore_splitter(SPLIT_KEY, self.split)
        self.toolbar.show_week(self.week_start)
        self._wire()
        self._sync_status()

    def _wire(self) -> None:
        tb, g, d = self.toolbar, self.grid, self.draft
        tb.prev_week.triggered.connect(lambda: self.go_to_week(self.week_start - timedelta(days=7)))
        tb.next_week.triggered.connect(lambda: self.go_to_week(self.week_start + timedelta(days=7)))
        tb.week_picked.connect(lambda day: self.go_to_week(monday_of(day)))
        tb.view_picked.connect(self._show_view)
        tb.zoom_in.triggered.connect(lambda: g.zoom(1))
        tb.zoom_out.triggered.connect(lambda: g.zoom(-1))
        tb.filter_changed.connect(g.set_filter)
        tb.save.triggered.connect(self.save)
        # Their shortcuts work wherever the focus is in the tab, not only on the toolbar.
        self.addActions([tb.save, tb.prev_week, tb.next_week, tb.zoom_in, tb.zoom_out])
        tb.generate.triggered.connect(self.generator.start)
        self.generator.done.connect(self._on_generated)
        tb.publish.triggered.connect(self.dialogs.publish)
        tb.time_off.triggered.connect(self.dialogs.time_off)
        tb.templates.triggered.connect(self.dialogs.templates)
        tb.audit.triggered.connect(lambda: self.dialogs.history(g.cursor_agent_id()))
        d.changed.connect(self._sync_status)
        d.loaded.connect(self._on_draft_loaded)
        d.undo_stack.cleanChanged.connect(lambda _c: self._sync_status())
        self.saver.busy_changed.connect(lambda _b: self._sync_status())
        self.saver.failed.connect(self._on_failed)
        g.context_requested.connect(self._menu)
        g.template_requested.connect(self.dialogs.double_click)
        g.profile_requested.connect(self._open_profile)
        g.keys.create_shift = self.dialogs.create_from_template
        g.keys.clipboard = self.clipboard
        self.undo_shortcuts = []
        for keys, slot in (("Ctrl+Z", d.undo_stack.undo), ("Ctrl+Shift+Z", d.undo_stack.redo)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.undo_shortcuts.append(shortcut)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.yield_undo_shortcuts()

    def yield_undo_shortcuts(self) -> None:
        """In a window whose Edit menu has Undo/Redo on the same keys, the tab's own step
        aside: two active shortcuts on one key would cancel each other out (Qt calls it
        ambiguous and runs neither)."""
        theirs = {
            seq.toString()
            for action in self.window().findChildren(QAction)
            for seq in action.shortcuts()
        }
        for shortcut in self.undo_shortcuts:
            shortcut.setEnabled(shortcut.key().toString() not in theirs)

    def _open_profile(self, agent_id: int) -> None:
        if self.db is not None:
            open_agent_profile(self.window(), self.workers, self.db, agent_id)

    # -- what the main window calls ----------------------------------------------------
    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.saver.db = db
        self.dialogs.db = db
        self.coverage_feed.set_database(db)
        for panel, _title in self.planning_panels:
            panel.set_database(db)
        if db is not None:
            self.load()

    def set_site(self, site_id: int | None) -> None:
        """Plan the site ``site_id``: its roster, week, rules, templates and forecasts."""
        if site_id == self.site_id:
            return
        self.site_id = site_id
        self.coverage_feed.set_site(site_id)
        for panel, _title in self.planning_panels:
            panel.set_site(site_id)
        if self.db is None:
            return
        if self.draft.dirty:  # unsaved edits stay on screen; saving them moves on
            self.saver.after = self.load
            self.toolbar.status.setToolTip(
                self.tr("Save your edits to open the chosen site's week")
            )
            return
        self.load()
        self.dialogs.refresh_templates()

    def on_changed(self, tables: frozenset[str], _when: datetime) -> None:
        """Someone wrote schedules: reload if nothing is unsaved, else say so (save shows who)."""
        if not tables & SCHEDULE_TABLES or self.db is None or self.saver.busy:
            return
        if self.draft.dirty:
            self.toolbar.status.setToolTip(
                self.tr("Others changed schedules; saving will show any conflict")
            )
            return
        self.load()

    def shutdown(self) -> None:
        """Remember the splitter, stop the chart's timers; the window shuts the workers down."""
        self.store.save_splitter(SPLIT_KEY, self.split)
        self.coverage_feed.stop()

    def confirm_close(self) -> bool:
        """Ask about unsaved edits before the window closes; False: don't close now.

        "Save" starts the save and answers False; the window is closed again once the
        save lands cleanly (a conflict shows its dialog instead, and the window stays).
        """
        if not self.draft.dirty:
            return True
        answer = self.confirm(self, "closing")
        if answer == "save":
            window = self.window()
            self.saver.after = window.close
            self.save()
            return False
        return answer == "discard"

    # -- loading -----------------------------------------------------------------------
    def go_to_week(self, monday: date) -> None:
        if monday == self.week_start and self.draft.week is not None:
            return
        if self.draft.dirty:
            answer = self.confirm(self, "changing week")
            if answer == "cancel":
                self.toolbar.show_week(self.week_start)
                return
            if answer == "save":
                self.saver.after = lambda: self._load_week(monday)
                self.save()
                return
        self._load_week(monday)

    def _load_week(self, monday: date) -> None:
        self.note = ""
        self.week_start = monday
        self.toolbar.show_week(monday)
        self.load()

    def load(self) -> None:
        if self.db is None:
            return
        self.loading = True
        self._sync_status()
        week_start = self.week_start
        self.workers.run(
            load_op(self.db, week_start, self.site_id),
            on_success=lambda loaded: self._loaded(week_start, loaded),
            on_failure=self._on_failed,
        )

    def _loaded(self, week_start: date, loaded: Loaded) -> None:
        self.loading = False
        if week_start != self.week_start:
            return  # the planner moved on meanwhile
        if (
            self.draft.dirty
            and self.draft.week is not None
            and self.draft.week.week_start == week_start
        ):
            return  # edits made while it loaded win; a save reconciles
        self.draft.settings = loaded.settings
        self.draft.load(loaded.week)
        self.week_loaded.emit(loaded.week)

    def _on_failed(self, exc: BaseException) -> None:
        self.loading = False
        self._sync_status()
        if isinstance(exc, UserError):
            if self.draft.week is None:
                self.message.setText(str(exc))
                self.stack.setCurrentIndex(0)
            else:
                QMessageBox.warning(self, self.tr("Schedules"), str(exc))
            return
        self.toolbar.status.setText(first_line(exc))
        self.failed.emit(exc)

    # -- reactions ---------------------------------------------------------------------
    def _on_draft_loaded(self) -> None:
        week = self.draft.week
        if week is None:
            return
        self.stack.setCurrentIndex(1)
        self.toolbar.show_week(week.week_start)
        if not self._focused_once:  # the grid, not the week box, takes the keys at first
            self._focused_once = True
            self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
        teams, skills = teams_and_skills(week.agents)
        self.toolbar.set_choices(teams, skills)
        if not week.agents:
            self.message.setText(self.tr("No agents in this site yet: import agents first."))
            self.stack.setCurrentIndex(0)
        self.dialogs.refresh_templates()

    def _on_generated(self, text: str) -> None:
        self.note = text
        self._sync_status()

    def _sync_status(self) -> None:
        d, tb = self.draft, self.toolbar
        if not isValid(d.undo_stack) or not isValid(tb):
            return  # the tab is being destroyed; the stack says goodbye on its way out
        parts = []
        if self.loading:
            parts.append("Loading…")
        if self.saver.busy:
            parts.append("Saving…")
        if d.week is not None:
            n = len(d.violations)
            parts.append(f"{n} rule break{'s' if n != 1 else ''}" if n else "No rule breaks")
            if d.dirty:
                parts.append("unsaved changes")
        if self.note:
            parts.append(self.note)
        tb.status.setText(" · ".join(parts))
        tb.save.setEnabled(self.may_save and d.dirty and not self.saver.busy)
        tb.generate.setEnabled(
            self.may_save and d.week is not None and not self.saver.busy and not self.generator.busy
        )

    def set_permissions(self, *, save: bool, publish: bool) -> None:
        """Hide Save, Publish… and Generate… from a role the database would refuse them to."""
        tb = self.toolbar
        self.may_save = save
        tb.save.setVisible(save)
        tb.generate.setVisible(save)
        tb.publish.setVisible(publish)
        tb.publish.setEnabled(publish)
        self._sync_status()

    def save(self) -> None:
        self.saver.save()

    def _show_view(self, day: int) -> None:
        """-1: the week; 0..6: that day, in the grid and in the coverage chart below it."""
        if day < 0:
            self.grid.show_week()
            return
        self.grid.show_day(day)
        self.coverage_feed.show_day(day)

    def build_menu(self, hit: Hit) -> QMenu:
        """The right-click menu for ``hit`` (not shown: ``_menu`` pops it up)."""
        templates = self.dialogs.template_actions(hit)
        return context_menu(self.grid, self.clipboard, hit, templates, self.dialogs.history)

    def _menu(self, hit: Hit, pos: QPoint) -> None:
        self.build_menu(hit).popup(pos)
