"""Copy and paste of days and weeks, and the grid's right-click menu.

The clip survives a change of week, so "copy this week, go to next week,
paste" copies a week forward; pasting a day on another day or agent copies it
there. Every paste is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from supervisor_app.domain.enums import ActivityKind
from supervisor_app.ui.schedules import palette as pal
from supervisor_app.ui.schedules.grid.grid_hit import Hit
from supervisor_app.ui.schedules.week import draft_edits as de

if TYPE_CHECKING:
    from supervisor_app.ui.schedules.grid.grid_view import ScheduleGrid


class GridClipboard:
    def __init__(self, grid: ScheduleGrid) -> None:
        self.g = grid
        self.clip: de.Clip | None = None

    def cursor_day(self) -> date | None:
        g = self.g
        if g.cursor_time is None or g.zone is None:
            return None
        return g.cursor_time.astimezone(g.zone).date()

    def _source_agents(self) -> list[int]:
        agents = list(dict.fromkeys(s.agent_id for s in self.g.draft.selected_shifts()))
        cursor = self.g.cursor_agent_id()
        return agents or ([cursor] if cursor is not None else [])

    def copy(self, whole_week: bool = False) -> bool:
        week, day = self.g.draft.week, self.cursor_day()
        agents = self._source_agents()
        if week is None or day is None or not agents:
            return False
        first, days = (week.week_start, 7) if whole_week else (day, 1)
        self.clip = de.copy_span(week, agents, first, days)
        return True

    def _targets(self) -> list[int]:
        g, clip = self.g, self.clip
        assert clip is not None
        selected = list(dict.fromkeys(s.agent_id for s in g.draft.selected_shifts()))
        if len(clip.agents) == 1 and selected:
            return selected
        cursor = g.cursor_row
        if cursor is None:
            return []
        below = [r.agent.agent_id for r in g.rows[cursor:] if r.agent is not None]
        return below[: len(clip.agents)]

    def paste(self) -> bool:
        g, clip, day = self.g, self.clip, self.cursor_day()
        week = g.draft.week
        if clip is None or week is None or day is None:
            return False
        targets = self._targets()
        if not targets:
            return False
        first = week.week_start if clip.days == 7 else day
        what = "week" if clip.days == 7 else "day"
        g.draft.edit(f"Paste {what}", de.paste(week, clip, first, targets))
        return True


def context_menu(
    grid: ScheduleGrid,
    clipboard: GridClipboard,
    hit: Hit,
    templates: list[tuple[str, Callable[[], None]]],
    history: Callable[[int], None],
) -> QMenu:
    """The menu for ``hit``: what can be done there (the caller pops it up)."""
    menu = QMenu(grid)
    menu.setObjectName("scheduleMenu")
    draft, week = grid.draft, grid.draft.week
    agent = hit.row.agent
    if week is None or agent is None or grid.scale is None:
        return menu
    t = grid.scale.snapped_time_at(grid.scale.x(hit.time))
    if hit.activity is not None and hit.shift is not None:
        shift, act = hit.shift, hit.activity
        name = pal.ACTIVITY_NAME[act.kind]
        menu.addAction(
            QCoreApplication.translate("clipboard", "Delete {0}").format(name.lower()),
            lambda: draft.edit(
                f"Delete {name.lower()}", de.delete_activity(week, shift.key, act.key)
            ),
        )
    if hit.shift is not None:
        shift = hit.shift
        add = menu.addMenu(QCoreApplication.translate("clipboard", "Add activity here"))
        for kind in ActivityKind:
            add.addAction(pal.ACTIVITY_NAME[kind], _adder(grid, shift.key, kind, t))
        menu.addAction(
            QCoreApplication.translate("clipboard", "Delete shift"),
            lambda: draft.edit("Delete shift", de.delete(week, (shift.key,))),
        )
    else:
        end = min(t + timedelta(hours=8), grid.scale.end)
        menu.addAction(
            QCoreApplication.translate("clipboard", "New 8-hour shift here"),
            lambda: draft.edit("Create shift", de.create_shift(week, agent.agent_id, t, end)),
        )
        if templates:
            sub = menu.addMenu(QCoreApplication.translate("clipboard", "New shift from template"))
            for label, run in templates:
                sub.addAction(label, run)
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("clipboard", "Copy day\tCtrl+C"), clipboard.copy)
    menu.addAction(
        QCoreApplication.translate("clipboard", "Copy week\tCtrl+Shift+C"),
        lambda: clipboard.copy(True),
    )
    paste = menu.addAction(
        QCoreApplication.translate("clipboard", "Paste\tCtrl+V"), clipboard.paste
    )
    paste.setEnabled(clipboard.clip is not None)
    menu.addSeparator()
    menu.addAction(
        QCoreApplication.translate("clipboard", "History of {name}…").format(name=agent.name),
        lambda: history(agent.agent_id),
    )
    return menu


def _adder(grid: ScheduleGrid, shift_key: str, kind: ActivityKind, t: object) -> Callable[[], None]:
    def run() -> None:
        draft = grid.draft
        shift = draft.index.by_key.get(shift_key)
        if shift is None or draft.week is None:
            return
        week, keys, act_key = de.add_activity(draft.week, shift, kind, t)  # type: ignore[arg-type]
        draft.edit(f"Add {pal.ACTIVITY_NAME[kind].lower()}", (week, keys), act_key)

    return run
