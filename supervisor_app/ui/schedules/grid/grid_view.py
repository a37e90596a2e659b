"""The schedule grid: agents down, time across, custom-painted for 500 agents.

A ``QAbstractScrollArea`` rather than a graphics scene: the only items are bars
in rows, rows are found by arithmetic, and painting only the visible rows keeps
a week of 500 agents as cheap as one of 30. The time header and the names
column sit in the viewport margins and scroll along one axis each. Mouse
gestures live in ``grid_mouse``, keys in ``grid_keys``; both end in an edit of
the draft (an undo command), never in a change made here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QToolTip, QWidget

from supervisor_app.domain.schedule_rules import RuleSettings, paid_minutes
from supervisor_app.ui.schedules import palette as pal
from supervisor_app.ui.schedules.grid.geometry import (
    HEADER_H,
    NAME_W,
    ROW_H,
    TEAM_H,
    WEEK_MIN,
    TimeScale,
    week_bounds,
)
from supervisor_app.ui.schedules.grid.grid_chrome import NamesColumn, TimeHeader
from supervisor_app.ui.schedules.grid.grid_hit import Hit, hit_test
from supervisor_app.ui.schedules.grid.grid_keys import GridKeys
from supervisor_app.ui.schedules.grid.grid_mouse import GridMouse
from supervisor_app.ui.schedules.grid.grid_paint import BodyPainter, Ghost
from supervisor_app.ui.schedules.grid.grid_tips import tooltip_for
from supervisor_app.ui.schedules.grid.grid_zoom import ZoomScroll
from supervisor_app.ui.schedules.grid.rows import Row, RowFilter, build_rows, row_index_at
from supervisor_app.ui.schedules.week.draft import ScheduleDraft


class ScheduleGrid(ZoomScroll, QAbstractScrollArea):
    span_changed = Signal(int)  # minutes on screen
    context_requested = Signal(object, QPoint)  # Hit, global position
    template_requested = Signal(int, object)  # agent id, local date: double-click on a free day
    profile_requested = Signal(int)  # agent id: double-click on a name

    def __init__(self, draft: ScheduleDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleGrid")
        self.draft = draft
        self.filter = RowFilter()
        self.rows: list[Row] = []
        self.team_sizes: dict[str, int] = {}
        self.scale: TimeScale | None = None
        self.zone: ZoneInfo | None = None
        self.span = WEEK_MIN
        self.cursor_row: int | None = None
        self.cursor_time: datetime | None = None
        self.ghosts: list[Ghost] = []
        self._hours: dict[int, float] | None = None
        self._hours_index: object = None
        self._shown_week: object = None
        self.body = BodyPainter()
        self.header = TimeHeader(self)
        self.names = NamesColumn(self)
        self.corner = QLabel(self.tr("  Agent"), self)
        self.corner.setObjectName("scheduleCorner")
        self.corner.setToolTip(self.tr("Right: paid hours planned this week / contracted hours"))
        line = f"1px solid {pal.DAY_LINE}"
        self.corner.setStyleSheet(
            f"background: {pal.HEADER_BG}; color: {pal.MUTED};"
            f" border-right: {line}; border-bottom: {line};"
        )
        self.corner.setAlignment(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft)
        self.setViewportMargins(NAME_W, HEADER_H, 0, 0)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.horizontalScrollBar().valueChanged.connect(self.header.update)
        self.verticalScrollBar().valueChanged.connect(self.names.update)
        self.verticalScrollBar().setSingleStep(ROW_H)
        self.mouse = GridMouse(self)
        self.keys = GridKeys(self)
        draft.changed.connect(self._on_changed)
        draft.loaded.connect(self._on_loaded)

    # -- state ---------------------------------------------------------------------
    def _on_loaded(self) -> None:
        week = self.draft.week
        if week is None:
            return
        self.zone = ZoneInfo(week.timezone)
        self._hours = None  # settings may have changed
        self.mouse.drag, self.ghosts = None, []  # a reload under a drag ends the drag
        start, end = week_bounds(week.week_start, self.zone)
        same_week = self._shown_week == (week.week_start, week.timezone)
        x = self.horizontalScrollBar().value() if same_week else 0
        self.scale = TimeScale(start, end, week.interval_minutes)
        self.body.label_zone = self.zone
        self._shown_week = (week.week_start, week.timezone)
        self.set_filter(self.filter)
        self._fit_scale()
        self.horizontalScrollBar().setValue(x)
        if self.cursor_time is None or not (start <= self.cursor_time < end):
            self.cursor_time = start + timedelta(hours=8)

    def _on_changed(self) -> None:
        self.hours_by_agent()  # now, per index: an index only knows what changed since the last
        self.viewport().update()
        self.names.update()

    def set_filter(self, keep: RowFilter) -> None:
        self.filter = keep
        agents = self.draft.week.agents if self.draft.week else ()
        self.rows = build_rows(agents, keep, ROW_H, TEAM_H)
        self.team_sizes = {}
        for row in self.rows:
            if row.agent is not None:
                self.team_sizes[row.team] = self.team_sizes.get(row.team, 0) + 1
        if self.cursor_row is not None and self.cursor_row >= len(self.rows):
            self.cursor_row = None
        self._update_ranges()
        self.viewport().update()
        self.names.update()

    def hours_by_agent(self) -> dict[int, float]:
        """Paid hours planned per agent this week (the rules' own count), updated per edit
        for the agents it touched only."""
        index = self.draft.index
        if self._hours is not None and self._hours_index is index:
            return self._hours
        settings = self.draft.settings or RuleSettings()
        hours = {} if self._hours is None or index.changed is None else dict(self._hours)
        agents = index.shifts.keys() if not hours else index.changed or ()

        for agent_id in agents:
            shifts = index.shifts.get(agent_id, [])
            hours[agent_id] = round(sum(paid_minutes(s, settings) for s in shifts) / 60, 2)
        self._hours, self._hours_index = hours, index
        return hours

    # -- geometry queries --------------------------------------------------------------
    def visible_rows(self) -> range:
        if not self.rows:
            return range(0)
        dy, h = self.verticalScrollBar().value(), self.viewport().height()
        first = row_index_at(self.rows, dy) or 0
        last = row_index_at(self.rows, dy + h - 1)
        return range(first, (len(self.rows) - 1 if last is None else last) + 1)

    def row_at_y(self, y: float) -> Row | None:
        i = row_index_at(self.rows, y + self.verticalScrollBar().value())
        return None if i is None else self.rows[i]

    def hit(self, pos: QPoint) -> Hit | None:
        if self.scale is None:
            return None
        i = row_index_at(self.rows, pos.y() + self.verticalScrollBar().value())
        if i is None:
            return None
        cx = pos.x() + self.horizontalScrollBar().value()
        return hit_test(self.rows[i], i, cx, self.scale, self.draft.index)

    def cursor_agent_id(self) -> int | None:
        if self.cursor_row is None or self.cursor_row >= len(self.rows):
            return None
        agent = self.rows[self.cursor_row].agent
        return None if agent is None else agent.agent_id

    def viewport_point(self, agent_id: int, t: datetime) -> QPoint | None:
        """Where (agent, time) is on the viewport, for tests and menus."""
        if self.scale is None:
            return None
        for row in self.rows:
            if row.agent is not None and row.agent.agent_id == agent_id:
                x = self.scale.x(t) - self.horizontalScrollBar().value()
                y = row.top + row.height // 2 - self.verticalScrollBar().value()
                return QPoint(round(x), y)
        return None

    # -- Qt events ---------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        vp = self.viewport().geometry()
        self.header.setGeometry(vp.left(), vp.top() - HEADER_H, vp.width(), HEADER_H)
        self.names.setGeometry(vp.left() - NAME_W, vp.top(), NAME_W, vp.height())
        self.corner.setGeometry(vp.left() - NAME_W, vp.top() - HEADER_H, NAME_W, HEADER_H)
        self.corner.setText(self.tr("  Agent{0}hours").format(" " * 24))
        self._fit_scale()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        p.fillRect(self.viewport().rect(), pal.qcolour("#ffffff"))
        if self.scale is None or self.zone is None:
            return
        visible = self.visible_rows()
        self.body.paint(
            p,
            self.rows,
            visible,
            self.draft.index,
            self.scale,
            self.zone,
            self.horizontalScrollBar().value(),
            self.verticalScrollBar().value(),
            self.viewport().width(),
            set(self.draft.selection.keys),
            self.ghosts,
            self.draft.selection.activity,
        )
        self._paint_cursor(p)

    def _paint_cursor(self, p: QPainter) -> None:
        if self.cursor_row is None or self.cursor_time is None or not self.hasFocus():
            return
        assert self.scale is not None
        if self.cursor_row >= len(self.rows):
            return
        row = self.rows[self.cursor_row]
        x = self.scale.x(self.cursor_time) - self.horizontalScrollBar().value()
        w = self.scale.interval * self.scale.px_per_min
        y = row.top - self.verticalScrollBar().value()
        p.setPen(QPen(pal.qcolour(pal.CURSOR), 1.5, Qt.PenStyle.DotLine))
        p.drawRect(int(x), y + 1, max(int(w), 3), row.height - 3)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.hit(event.pos())
            text = tooltip_for(hit, self.draft, self.zone) if hit is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.mouse.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.mouse.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.mouse.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.mouse.double_click(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        hit = self.hit(event.pos())
        if hit is not None:
            self.context_requested.emit(hit, event.globalPos())

    def wheelEvent(self, event: QWheelEvent) -> None:
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1 if event.angleDelta().y() > 0 else -1, event.position().x())
            event.accept()
            return
        if mods & Qt.KeyboardModifier.ShiftModifier:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - event.angleDelta().y())
            event.accept()
            return
        super().wheelEvent(event)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and self.keys.handle(event)
        ):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.keys.handle(event):
            super().keyPressEvent(event)
