"""The week being edited: the loaded original, the draft, its violations and the selection.

Edits never mutate anything: a command swaps one frozen week for another, and
the undo stack keeps both, so undo is exact and cheap (the weeks share their
unchanged shifts). ``changed`` fires after every swap with the violations
already recomputed, so the grid and the coverage chart redraw from one state.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from supervisor_app.domain.schedule_rules import RuleSettings
from supervisor_app.domain.schedule_types import PlannedShift, ScheduleWeek, TimeOffBand
from supervisor_app.ui.schedules.week.draft_edits import Edited
from supervisor_app.ui.schedules.week.recheck import recheck
from supervisor_app.ui.schedules.week.violations import GridViolation
from supervisor_app.ui.schedules.week.week_index import WeekIndex


@dataclass(frozen=True)
class Selection:
    """Selected shifts by key, or one activity (then its shift is the one selected)."""

    keys: tuple[str, ...] = ()
    activity: str | None = None  # the activity's key, inside keys[0]

    def __bool__(self) -> bool:
        return bool(self.keys)


class ScheduleDraft(QObject):
    changed = Signal()  # the week, violations or selection changed
    loaded = Signal()  # a new original (load or reload): filters and labels may change

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.original: ScheduleWeek | None = None
        self.week: ScheduleWeek | None = None
        self.violations: list[GridViolation] = []
        self.index = WeekIndex()
        self.selection = Selection()
        self.settings: RuleSettings | None = None
        self._undoing = False

    @property
    def dirty(self) -> bool:
        return self.week is not None and not self.undo_stack.isClean()

    def load(self, week: ScheduleWeek) -> None:
        """A fresh week from the database: no undo history, nothing unsaved."""
        self.undo_stack.clear()
        self.original = week
        self.selection = Selection()
        self.week = None  # a full rule check: settings may have changed too
        self._set(week)
        self.undo_stack.setClean()
        self.loaded.emit()

    def rebase(self, original: ScheduleWeek, week: ScheduleWeek) -> None:
        """After a save or a partial reload: a new original, the draft kept as ``week``."""
        self.original = original
        self.undo_stack.clear()
        present = {s.key for s in week.shifts}
        self.selection = Selection(tuple(k for k in self.selection.keys if k in present))
        self.week = None  # a full rule check
        self._set(week)
        if week == original:
            self.undo_stack.setClean()
        else:
            self.undo_stack.resetClean()
        self.loaded.emit()

    def select(self, keys: tuple[str, ...], activity: str | None = None) -> None:
        self.selection = Selection(keys, activity)
        self.changed.emit()

    def selected_shifts(self) -> list[PlannedShift]:
        return [s for k in self.selection.keys if (s := self.index.by_key.get(k)) is not None]

    def edit(self, text: str, edited: Edited, activity: str | None = None) -> None:
        """Push one undoable edit; ``activity`` (within the only edited shift) stays selected."""
        assert self.week is not None
        week, keys = edited
        if week is self.week or week == self.week:
            return
        after = Selection(keys, activity if len(keys) == 1 else None)
        self.undo_stack.push(WeekEdit(self, text, self.week, week, self.selection, after))

    def set_time_off(self, bands: tuple[TimeOffBand, ...]) -> None:
        """Time off decided elsewhere (it is saved at once, not with the draft): no undo step."""
        if self.original is None or self.week is None:
            return
        self.original = replace(self.original, time_off=bands)
        self._set(replace(self.week, time_off=bands))

    def _set(self, week: ScheduleWeek, selection: Selection | None = None) -> None:
        current = self.week
        if self._undoing and current is not None and week.time_off is not current.time_off:
            week = replace(week, time_off=current.time_off)
        previous = self.week
        self.week = week
        if selection is not None:
            self.selection = selection
        self.index = recheck(self.index if previous else None, previous, week, self.settings)
        self.violations = self.index.all_violations()
        self.selection = self._still_there(self.selection)
        self.changed.emit()

    def _still_there(self, selection: Selection) -> Selection:
        """The selection without what the new week no longer has (a reload, a colleague)."""
        by_key = self.index.by_key
        keys = tuple(k for k in selection.keys if k in by_key)
        if keys == selection.keys and selection.activity is None:
            return selection
        activity = selection.activity
        if activity is not None and not (
            keys and any(a.key == activity for a in by_key[keys[0]].activities)
        ):
            activity = None
        return Selection(keys, activity)

    def _replay(self, week: ScheduleWeek, selection: Selection) -> None:
        """Undo/redo: the stored week, but with today's time off (decided outside the draft)."""
        self._undoing = True
        try:
            self._set(week, selection)
        finally:
            self._undoing = False


class WeekEdit(QUndoCommand):
    """One planner edit: the week before and after, and what was selected in each."""

    def __init__(
        self,
        draft: ScheduleDraft,
        text: str,
        before: ScheduleWeek,
        after: ScheduleWeek,
        sel_before: Selection,
        sel_after: Selection,
    ) -> None:
        super().__init__(text)
        self._draft = draft
        self._before, self._after = before, after
        self._sel_before, self._sel_after = sel_before, sel_after

    def redo(self) -> None:
        self._draft._replay(self._after, self._sel_after)

    def undo(self) -> None:
        self._draft._replay(self._before, self._sel_before)
