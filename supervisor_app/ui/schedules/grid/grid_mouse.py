"""Mouse gestures on the grid: create by dragging a free row, move, resize by the edges.

While the button is down only a ghost moves (nothing is edited), so one gesture
is one undo step. Every position snaps to the site's interval. A shift dragged
up or down lands on the agent under the pointer (when the selection is one
agent's); Ctrl+click adds to or removes from the selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent

from supervisor_app.ui.schedules.grid.grid_hit import Hit
from supervisor_app.ui.schedules.grid.grid_paint import Ghost
from supervisor_app.ui.schedules.week import draft_edits as de

if TYPE_CHECKING:
    from supervisor_app.ui.schedules.grid.grid_view import ScheduleGrid


@dataclass
class Drag:
    mode: str  # create | band | move | start | end | act-move | act-start | act-end
    hit: Hit
    press_x: float  # content x of the press
    moved: bool = False


class GridMouse:
    def __init__(self, grid: ScheduleGrid) -> None:
        self.g = grid
        self.drag: Drag | None = None

    def _cx(self, event: QMouseEvent) -> float:
        return event.position().x() + self.g.horizontalScrollBar().value()

    def press(self, event: QMouseEvent) -> None:
        g = self.g
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = g.hit(event.position().toPoint())
        if hit is None or g.scale is None:
            return
        g.cursor_row = hit.row_index
        g.cursor_time = g.scale.floor_time_at(self._cx(event))
        if hit.row.agent is None:
            g.viewport().update()
            return
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        draft = g.draft
        keys = draft.selection.keys
        shift_key = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if hit.shift is None:
            if not ctrl:
                draft.select(())
            self.drag = Drag("band" if shift_key else "create", hit, self._cx(event))
        elif hit.activity is not None:
            draft.select((hit.shift.key,), hit.activity.key)
            mode = {"start": "act-start", "end": "act-end"}.get(hit.edge or "", "act-move")
            self.drag = Drag(mode, hit, self._cx(event))
        elif ctrl:
            key = hit.shift.key
            draft.select(tuple(k for k in keys if k != key) if key in keys else (*keys, key))
        else:
            if hit.shift.key not in keys:
                draft.select((hit.shift.key,))
            self.drag = Drag(hit.edge or "move", hit, self._cx(event))
        g.viewport().update()

    def _delta(self, event: QMouseEvent) -> timedelta:
        s = self.g.scale
        assert s is not None and self.drag is not None
        minutes = s.minutes_at(self._cx(event) - self.drag.press_x)
        return timedelta(minutes=round(minutes / s.interval) * s.interval)

    def _target_agent(self, event: QMouseEvent) -> int | None:
        row = self.g.row_at_y(event.position().y())
        return None if row is None or row.agent is None else row.agent.agent_id

    def move(self, event: QMouseEvent) -> None:
        g, d = self.g, self.drag
        if d is None:
            self._hover(event)
            return
        if not d.moved and abs(self._cx(event) - d.press_x) < 3 and d.mode != "create":
            row = g.row_at_y(event.position().y())
            if row is d.hit.row or row is None:
                return
        d.moved = True
        g.ghosts = self._ghosts(event)
        g.viewport().update()

    def _ghosts(self, event: QMouseEvent) -> list[Ghost]:
        d, s = self.drag, self.g.scale
        assert d is not None and s is not None
        plan = self._plan(event)
        if plan is None:
            return []
        if d.mode == "create":
            agent_id, start, end = plan
            return [Ghost(agent_id, start, end)]
        if d.mode == "band":
            agents, start, end = plan
            return [Ghost(a, start, end) for a in agents]
        if d.mode == "move":
            delta, to_agent = plan
            return [
                Ghost(to_agent or sh.agent_id, sh.starts_at + delta, sh.ends_at + delta)
                for sh in self.g.draft.selected_shifts()
            ]
        agent_id, start, end = plan[0], plan[1], plan[2]
        return [Ghost(agent_id, start, end)]

    def _plan(self, event: QMouseEvent) -> tuple | None:
        """Where the gesture would land: (agent, start, end), or (delta, to_agent) for a move."""
        d, s = self.drag, self.g.scale
        assert d is not None and s is not None
        hit, step = d.hit, timedelta(minutes=s.interval)
        if d.mode == "band":
            return self._band(event)
        if d.mode == "create":
            assert hit.row.agent is not None
            a = s.snapped_time_at(d.press_x)
            b = s.snapped_time_at(self._cx(event))
            a, b = min(a, b), max(a, b)
            return (hit.row.agent.agent_id, a, b) if b - a >= step else None
        if d.mode == "move":
            delta = self._delta(event)
            to_agent = self._target_agent(event)
            agents = {sh.agent_id for sh in self.g.draft.selected_shifts()}
            if to_agent is None or agents == {to_agent} or len(agents) != 1:
                to_agent = None
            return delta, to_agent
        shift = hit.shift
        assert shift is not None
        t = s.snapped_time_at(self._cx(event))
        if d.mode == "start":
            return shift.agent_id, min(t, shift.ends_at - step), shift.ends_at
        if d.mode == "end":
            return shift.agent_id, shift.starts_at, max(t, shift.starts_at + step)
        act = hit.activity
        assert act is not None
        if d.mode == "act-move":
            delta = self._delta(event)
            length = act.ends_at - act.starts_at
            start = min(max(act.starts_at + delta, shift.starts_at), shift.ends_at - length)
            return shift.agent_id, start, start + length
        lo, hi = shift.starts_at, shift.ends_at
        if d.mode == "act-start":
            return shift.agent_id, min(max(t, lo), act.ends_at - step), act.ends_at
        return shift.agent_id, act.starts_at, max(min(t, hi), act.starts_at + step)

    def _band(self, event: QMouseEvent) -> tuple[list[int], object, object]:
        """Shift+drag on free space: the agents of the rows crossed and the time swept."""
        d, g, s = self.drag, self.g, self.g.scale
        assert d is not None and s is not None
        here = g.row_at_y(event.position().y())
        last = g.rows.index(here) if here is not None else len(g.rows) - 1
        lo, hi = sorted((d.hit.row_index, last))
        agents = [r.agent.agent_id for r in g.rows[lo : hi + 1] if r.agent is not None]
        a, b = sorted((s.time_at(d.press_x), s.time_at(self._cx(event))))
        return agents, a, b

    def release(self, event: QMouseEvent) -> None:
        d = self.drag
        if d is None or event.button() != Qt.MouseButton.LeftButton:
            return
        plan = self._plan(event) if d.moved else None
        self.drag = None
        self.g.ghosts = []
        self.g.viewport().update()
        if plan is not None:
            self.commit(d, plan)

    def commit(self, d: Drag, plan: tuple) -> None:
        draft = self.g.draft
        week = draft.week
        assert week is not None
        hit = d.hit
        if d.mode == "band":
            agents, start, end = plan
            index = draft.index
            keys = tuple(
                sh.key
                for a in agents
                for sh in index.of(a)
                if sh.starts_at < end and sh.ends_at > start
            )
            draft.select(tuple(dict.fromkeys((*draft.selection.keys, *keys))))
        elif d.mode == "create":
            agent_id, start, end = plan
            draft.edit("Create shift", de.create_shift(week, agent_id, start, end))
        elif d.mode == "move":
            delta, to_agent = plan
            if not delta and to_agent is None:
                return
            keys = draft.selection.keys
            text = "Move shift" if len(keys) == 1 else f"Move {len(keys)} shifts"
            draft.edit(text, de.move(week, keys, delta, to_agent))
        elif d.mode in ("start", "end"):
            assert hit.shift is not None
            _, start, end = plan
            draft.edit("Resize shift", de.resize(week, hit.shift.key, start, end))
        else:
            assert hit.shift is not None and hit.activity is not None
            _, start, end = plan
            name = hit.activity.kind.value.replace("_", "-")
            verb = "Move" if d.mode == "act-move" else "Resize"
            edited = de.change_activity(week, hit.shift.key, hit.activity.key, start, end)
            draft.edit(f"{verb} {name}", edited, hit.activity.key)

    def double_click(self, event: QMouseEvent) -> None:
        g = self.g
        hit = g.hit(event.position().toPoint())
        if hit is None or hit.row.agent is None or hit.shift is not None or g.zone is None:
            return
        g.template_requested.emit(hit.row.agent.agent_id, hit.time.astimezone(g.zone).date())

    def _hover(self, event: QMouseEvent) -> None:
        hit = self.g.hit(event.position().toPoint())
        vp = self.g.viewport()
        if hit is not None and hit.edge is not None:
            vp.setCursor(Qt.CursorShape.SizeHorCursor)
        elif hit is not None and hit.shift is not None:
            vp.setCursor(Qt.CursorShape.SizeAllCursor)
        elif hit is not None and hit.row.agent is not None:
            vp.setCursor(Qt.CursorShape.CrossCursor)
        else:
            vp.unsetCursor()
