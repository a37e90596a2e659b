"""The keyboard equivalent of every mouse gesture (listed for users in ``legend.KEYS``).

A dotted cursor cell (an agent, one interval) is where keyboard edits happen;
arrows move it, or move the selection when there is one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.domain.schedule_types import PlannedShift
from supervisor_app.ui.schedules.week import draft_edits as de

if TYPE_CHECKING:
    from supervisor_app.ui.schedules.grid.clipboard import GridClipboard
    from supervisor_app.ui.schedules.grid.grid_view import ScheduleGrid

ACTIVITY_KEYS: dict[int, ActivityKind] = {
    Qt.Key.Key_B: ActivityKind.BREAK,
    Qt.Key.Key_L: ActivityKind.LUNCH,
    Qt.Key.Key_T: ActivityKind.TRAINING,
    Qt.Key.Key_M: ActivityKind.MEETING,
    Qt.Key.Key_C: ActivityKind.COACHING,
    Qt.Key.Key_O: ActivityKind.OFF_PHONE,
}
DEFAULT_SHIFT = timedelta(hours=8)

Mods = Qt.KeyboardModifier


class GridKeys:
    def __init__(self, grid: ScheduleGrid) -> None:
        self.g = grid
        self.create_shift: Callable[[int, object], bool] | None = None  # set by the tab: template
        self.clipboard: GridClipboard | None = None  # set by the tab

    def handle(self, e: QKeyEvent) -> bool:
        g = self.g
        if g.scale is None or g.draft.week is None:
            return False
        key, mods = e.key(), e.modifiers()
        shift, alt, ctrl = (
            bool(mods & Mods.ShiftModifier),
            bool(mods & Mods.AltModifier),
            bool(mods & Mods.ControlModifier),
        )
        step = timedelta(minutes=g.scale.interval)
        if ctrl and key in (Qt.Key.Key_C, Qt.Key.Key_V) and self.clipboard is not None:
            if key == Qt.Key.Key_C:
                self.clipboard.copy(whole_week=shift)
            else:
                self.clipboard.paste()
            return True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not ctrl:
            sign = -1 if key == Qt.Key.Key_Left else 1
            if g.draft.selection:
                if shift:
                    self._resize(sign * step, start_edge=alt)
                else:
                    self._move(sign * step)
            else:
                self._cursor_time(sign * step)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not ctrl:
            sign = -1 if key == Qt.Key.Key_Up else 1
            if alt and g.draft.selection:
                self._move_to_neighbour(sign)
            else:
                self._cursor_row(sign)
            return True
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and not ctrl:
            rows = max(g.viewport().height() // 24 - 1, 1)
            self._cursor_row(rows if key == Qt.Key.Key_PageDown else -rows)
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return self._next_shift(-1 if key == Qt.Key.Key_Backtab or shift else 1)
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._delete()
            return True
        if key == Qt.Key.Key_Escape:
            g.draft.select(())
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Insert):
            self._create()
            return True
        if key == Qt.Key.Key_Space:
            self._select_at_cursor(add=ctrl)
            return True
        if not ctrl and not alt and key in ACTIVITY_KEYS:
            self._add_activity(ACTIVITY_KEYS[Qt.Key(key)])
            return True
        return False

    # -- cursor ------------------------------------------------------------------------
    def _cursor_time(self, delta: timedelta) -> None:
        g = self.g
        assert g.scale is not None and g.cursor_time is not None
        t = g.cursor_time + delta
        if g.scale.start <= t < g.scale.end:
            g.cursor_time = t
            g.ensure_time_visible(t)
        g.viewport().update()

    def _cursor_row(self, delta: int) -> None:
        g = self.g
        agents = [i for i, r in enumerate(g.rows) if r.agent is not None]
        if not agents:
            return
        if g.cursor_row is None or g.cursor_row not in agents:
            g.cursor_row = agents[0]
        else:
            pos = agents.index(g.cursor_row)
            g.cursor_row = agents[min(max(pos + delta, 0), len(agents) - 1)]
        g.ensure_row_visible(g.cursor_row)
        g.viewport().update()
        g.names.update()

    def _ensure_cursor(self) -> int | None:
        if self.g.cursor_agent_id() is None:
            self._cursor_row(0)
        return self.g.cursor_agent_id()

    def _shift_at_cursor(self) -> PlannedShift | None:
        g = self.g
        agent_id = g.cursor_agent_id()
        if agent_id is None or g.cursor_time is None:
            return None
        t = g.cursor_time
        return next((s for s in g.draft.index.of(agent_id) if s.starts_at <= t < s.ends_at), None)

    def _select_at_cursor(self, add: bool) -> None:
        shift = self._shift_at_cursor()
        draft = self.g.draft
        if shift is None:
            return
        keys = draft.selection.keys if add else ()
        draft.select(tuple(dict.fromkeys((*keys, shift.key))))

    def _next_shift(self, sign: int) -> bool:
        g = self.g
        agent_id = self._ensure_cursor()
        if agent_id is None or g.cursor_time is None:
            return False
        shifts = g.draft.index.of(agent_id)
        t = g.cursor_time
        pick = (
            next((s for s in shifts if s.starts_at > t), None)
            if sign > 0
            else next((s for s in reversed(shifts) if s.starts_at < t), None)
        )
        if pick is None:
            return True
        g.cursor_time = pick.starts_at
        g.ensure_time_visible(pick.starts_at)
        g.draft.select((pick.key,))
        return True

    # -- edits -------------------------------------------------------------------------
    def _move(self, delta: timedelta) -> None:
        draft = self.g.draft
        week, sel = draft.week, draft.selection
        assert week is not None
        if sel.activity is not None:
            shift = draft.index.by_key[sel.keys[0]]
            act = next(a for a in shift.activities if a.key == sel.activity)
            start, end = act.starts_at + delta, act.ends_at + delta
            if start < shift.starts_at or end > shift.ends_at:
                return
            name = act.kind.value.replace("_", "-")
            draft.edit(
                f"Move {name}", de.change_activity(week, shift.key, act.key, start, end), act.key
            )
            return
        text = "Move shift" if len(sel.keys) == 1 else f"Move {len(sel.keys)} shifts"
        draft.edit(text, de.move(week, sel.keys, delta))
        if self.g.cursor_time is not None:
            self.g.cursor_time += delta

    def _resize(self, delta: timedelta, *, start_edge: bool) -> None:
        draft, g = self.g.draft, self.g
        week, sel = draft.week, draft.selection
        assert week is not None and g.scale is not None
        step = timedelta(minutes=g.scale.interval)
        shift = draft.index.by_key[sel.keys[0]]
        if sel.activity is not None:
            act = next(a for a in shift.activities if a.key == sel.activity)
            start = act.starts_at + (delta if start_edge else timedelta(0))
            end = act.ends_at + (timedelta(0) if start_edge else delta)
            if end - start < step or start < shift.starts_at or end > shift.ends_at:
                return
            name = act.kind.value.replace("_", "-")
            draft.edit(
                f"Resize {name}", de.change_activity(week, shift.key, act.key, start, end), act.key
            )
            return
        start = shift.starts_at + (delta if start_edge else timedelta(0))
        end = shift.ends_at + (timedelta(0) if start_edge else delta)
        if end - start >= step:
            draft.edit("Resize shift", de.resize(week, shift.key, start, end))

    def _move_to_neighbour(self, sign: int) -> None:
        g, draft = self.g, self.g.draft
        shifts = draft.selected_shifts()
        agents = {s.agent_id for s in shifts}
        if len(agents) != 1 or draft.week is None:
            return
        rows = [i for i, r in enumerate(g.rows) if r.agent is not None]
        here = next((i for i in rows if g.rows[i].agent.agent_id in agents), None)  # type: ignore[union-attr]
        if here is None:
            return
        pos = rows.index(here) + sign
        if not 0 <= pos < len(rows):
            return
        target = g.rows[rows[pos]].agent
        assert target is not None
        draft.edit(
            f"Move to {target.name}",
            de.move(draft.week, draft.selection.keys, timedelta(0), target.agent_id),
        )
        g.cursor_row = rows[pos]
        g.ensure_row_visible(rows[pos])

    def _delete(self) -> None:
        draft = self.g.draft
        week, sel = draft.week, draft.selection
        if week is None or not sel:
            return
        if sel.activity is not None:
            shift = draft.index.by_key[sel.keys[0]]
            act = next(a for a in shift.activities if a.key == sel.activity)
            name = act.kind.value.replace("_", "-")
            draft.edit(f"Delete {name}", de.delete_activity(week, shift.key, act.key))
            return
        text = "Delete shift" if len(sel.keys) == 1 else f"Delete {len(sel.keys)} shifts"
        draft.edit(text, de.delete(week, sel.keys))

    def _create(self) -> None:
        g = self.g
        agent_id = self._ensure_cursor()
        if agent_id is None or g.cursor_time is None or g.draft.week is None or g.zone is None:
            return
        if self.create_shift is not None and self.create_shift(
            agent_id, g.cursor_time.astimezone(g.zone).date()
        ):
            return
        start = g.cursor_time
        end = min(start + DEFAULT_SHIFT, g.scale.end) if g.scale else start + DEFAULT_SHIFT
        g.draft.edit("Create shift", de.create_shift(g.draft.week, agent_id, start, end))

    def _add_activity(self, kind: ActivityKind) -> None:
        """Into the selected shift (or the one under the cursor), at the cursor or mid-shift."""
        g, draft = self.g, self.g.draft
        sel = draft.selected_shifts()
        shift = sel[0] if len(sel) == 1 else self._shift_at_cursor()
        if shift is None or draft.week is None or g.cursor_time is None or g.scale is None:
            return
        t = g.cursor_time
        if not shift.starts_at <= t < shift.ends_at:
            middle = shift.starts_at + (shift.ends_at - shift.starts_at) / 2
            minutes = g.scale.snap_minutes((middle - g.scale.start).total_seconds() / 60)
            t = g.scale.start + timedelta(minutes=minutes)
        week, keys, act_key = de.add_activity(draft.week, shift, kind, t)
        draft.edit(f"Add {kind.value.replace('_', '-')}", (week, keys), act_key)
