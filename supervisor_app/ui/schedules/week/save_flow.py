"""Saving the draft: write what is safe, show what was refused, reload or overwrite on request.

The save runs on a worker (``week_io.save_op``) and comes back with the week
as committed. Refused cells keep the planner's edits and the original they
were loaded with (``save_merge``), so nothing is lost and nothing is silently
overwritten; the conflict dialog then offers to reload just those cells or
to overwrite them, with a reason, as an explicit choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from supervisor_app.domain.schedule_diff import Cell, diff_weeks
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.schedules.dialogs.conflict_dialog import OVERWRITE, RELOAD, ConflictDialog
from supervisor_app.ui.schedules.week.draft import ScheduleDraft
from supervisor_app.ui.schedules.week.save_merge import after_save, merge_cells, take_theirs
from supervisor_app.ui.schedules.week.week_io import Saved, reload_op, save_op

if TYPE_CHECKING:
    from supervisor_app.domain.schedule_types import ScheduleWeek
    from supervisor_app.services.database import Database


class SaveFlow(QObject):
    busy_changed = Signal(bool)
    saved = Signal(object)  # SaveResult, after the draft was rebased
    conflicts_shown = Signal(object)  # the ConflictDialog (tests answer it)
    failed = Signal(object)

    def __init__(
        self,
        workers: Workers,
        draft: ScheduleDraft,
        parent_widget: QWidget,
        actor: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__(parent_widget)
        self.workers = workers
        self.draft = draft
        self.parent_widget = parent_widget
        self.actor = actor
        self.db: Database | None = None
        self.busy = False
        self.after: Callable[[], None] | None = None  # run once a clean save lands

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def save(self, overwrite: frozenset[Cell] = frozenset(), reason: str | None = None) -> bool:
        """Start a save; False if there is nothing to save or one is running."""
        d = self.draft
        if self.db is None or self.busy or d.original is None or d.week is None:
            return False
        if not d.dirty and not overwrite:
            return False
        self._set_busy(True)
        original, edited = d.original, d.week
        self.workers.run(
            save_op(
                self.db, original, edited, user=self.actor(), overwrite=overwrite, reason=reason
            ),
            on_success=lambda saved: self._saved(original, edited, saved),
            on_failure=self._failed,
        )
        return True

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.after = None
        self.failed.emit(exc)

    def _saved(self, original: ScheduleWeek, edited: ScheduleWeek, saved: Saved) -> None:
        self._set_busy(False)
        d, result = self.draft, saved.result
        if d.week is not edited:  # edits made while saving stay on top of the committed week
            new_original, _ = after_save(original, edited, saved.fresh, result.refused_cells)
            d.rebase(new_original, self._replay(edited, d.week, saved.fresh, result.refused_cells))
        elif not result.conflicts:
            d.load(saved.fresh)
        else:
            d.rebase(*after_save(original, edited, saved.fresh, result.refused_cells))
        self.saved.emit(result)
        if result.conflicts:
            self.after = None
            dialog = ConflictDialog(result.conflicts, len(result.saved_ids), self.parent_widget)
            dialog.chosen.connect(lambda choice, reason: self._answer(dialog, choice, reason))
            dialog.open()
            self.conflicts_shown.emit(dialog)
        elif self.after is not None:
            after, self.after = self.after, None
            after()

    @staticmethod
    def _replay(
        edited: ScheduleWeek,
        now: ScheduleWeek | None,
        fresh: ScheduleWeek,
        refused: frozenset[Cell],
    ) -> ScheduleWeek:
        """The draft now, rebuilt on the committed week: edits after the save began are kept."""
        assert now is not None
        zone = ZoneInfo(fresh.timezone)
        touched = {cell for ch in diff_weeks(edited, now) for cell in ch.cells(zone)}
        return merge_cells(merge_cells(fresh, edited, refused), now, touched)

    def _answer(self, dialog: ConflictDialog, choice: str, reason: str) -> None:
        cells = frozenset((c.agent_id, c.day) for c in dialog.conflicts)
        if choice == RELOAD:
            self.reload_cells(cells)
        elif choice == OVERWRITE:
            self.save(overwrite=dialog.overwritable_cells(), reason=reason)

    def reload_cells(self, cells: frozenset[Cell]) -> None:
        """Their version of ``cells``; every other unsaved edit stays."""
        d = self.draft
        if self.db is None or d.original is None:
            return
        self._set_busy(True)

        def done(fresh: ScheduleWeek) -> None:
            self._set_busy(False)
            if d.original is None or d.week is None:
                return
            d.rebase(*take_theirs(d.original, d.week, fresh, cells))

        self.workers.run(
            reload_op(self.db, d.original.week_start, d.original.site_id),
            on_success=done,
            on_failure=self._failed,
        )
