"""Painting the grid's body, one visible row at a time.

Only rows that intersect the viewport are drawn, and each is a lookup in the
week index, so a 500-agent week paints in the time of ~30 rows. Pens and
brushes are built once. Coordinates here are viewport pixels: content x minus
the horizontal scroll, content y minus the vertical scroll.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen

from supervisor_app.domain.enums import ShiftStatus, TimeOffStatus
from supervisor_app.domain.schedule_types import PlannedShift
from supervisor_app.ui.schedules import palette as pal
from supervisor_app.ui.schedules.grid.geometry import TimeScale, day_starts, local_ticks, tick_step
from supervisor_app.ui.schedules.grid.rows import Row
from supervisor_app.ui.schedules.week.week_index import WeekIndex

BAR_PAD = 3


@dataclass
class Ghost:
    """A drag in progress: where the bar would land."""

    agent_id: int
    starts_at: datetime
    ends_at: datetime


class Brushes:
    def __init__(self) -> None:
        c = pal.qcolour
        self.shift = QBrush(c(pal.SHIFT))
        self.shift_draft_edge = QPen(c(pal.SHIFT_EDGE), 1)
        self.published_edge = QPen(c(pal.PUBLISHED_EDGE), 1.6)
        self.selected = QPen(c(pal.SELECTED), 2.4)
        self.activity = {k: QBrush(c(v)) for k, v in pal.ACTIVITY.items()}
        self.time_off = {k: QBrush(c(v, 150)) for k, v in pal.TIME_OFF.items()}
        self.time_off_hatch = QBrush(c("#5d6b7d", 90), Qt.BrushStyle.BDiagPattern)
        self.violation = QBrush(c(pal.VIOLATION))
        self.grid = QPen(c(pal.GRID), 1)
        self.day_line = QPen(c(pal.DAY_LINE), 1)
        self.weekend = c(pal.WEEKEND)
        self.alt = c(pal.ROW_ALT)
        self.team = c(pal.TEAM_BG)
        self.text = QPen(c(pal.TEXT))
        self.white = QPen(QColor("#ffffff"))
        self.ghost = QBrush(c(pal.GHOST, 45))
        self.ghost_pen = QPen(c(pal.GHOST), 1.5, Qt.PenStyle.DashLine)
        self.cursor = QPen(c(pal.CURSOR), 1.5, Qt.PenStyle.DotLine)


class BodyPainter:
    """Draws rows [first, last] of the body into a viewport of ``width`` pixels."""

    def __init__(self) -> None:
        self.b = Brushes()
        self.small = QFont()
        self.small.setPointSizeF(max(self.small.pointSizeF() - 1.5, 7))

    def paint(
        self,
        p: QPainter,
        rows: list[Row],
        visible: range,
        index: WeekIndex,
        scale: TimeScale,
        zone: ZoneInfo,
        dx: float,
        dy: float,
        width: int,
        selected: set[str],
        ghosts: list[Ghost],
        selected_activity: str | None = None,
    ) -> None:
        b = self.b
        self._selected_activity = selected_activity
        height = rows[visible[-1]].bottom - dy if visible else 0
        self._columns(p, scale, zone, dx, height, width)
        p.setFont(self.small)
        for i in visible:
            row = rows[i]
            top = row.top - dy
            if row.agent is None:
                p.fillRect(QRectF(0, top, width, row.height), b.team)
                continue
            if i % 2:
                p.fillRect(QRectF(0, top, width, row.height), QColor(0, 0, 0, 6))
            p.setPen(b.grid)
            p.drawLine(0, int(top + row.height - 1), width, int(top + row.height - 1))
            agent_id = row.agent.agent_id
            for off in index.time_off.get(agent_id, ()):
                x0, x1 = scale.x(off.starts_at) - dx, scale.x(off.ends_at) - dx
                if x1 < 0 or x0 > width:
                    continue
                band = QRectF(x0, top + 1, x1 - x0, row.height - 2)
                p.fillRect(band, b.time_off[off.status])
                if off.status == TimeOffStatus.APPROVED:
                    p.fillRect(band, b.time_off_hatch)
            for shift in index.of(agent_id):
                self._shift(p, shift, scale, dx, top, row.height, width, shift.key in selected)
            for v in index.violations.get(agent_id, ()):
                x0, x1 = scale.x(v.starts_at) - dx, scale.x(v.ends_at) - dx
                if x1 < 0 or x0 > width:
                    continue
                x1 = max(x1, x0 + 6)
                # A red bar under the span and a red corner where it starts: never a fill,
                # which would read as another activity's colour.
                p.fillRect(QRectF(x0, top + row.height - 5, x1 - x0, 4), b.violation)
                p.fillRect(QRectF(x0, top + 1, 4, row.height - 6), b.violation)
        rows_by_agent = {rows[i].agent.agent_id: rows[i] for i in visible if rows[i].agent}
        for g in ghosts:
            row = rows_by_agent.get(g.agent_id)
            if row is None:
                continue
            x0, x1 = scale.x(g.starts_at) - dx, scale.x(g.ends_at) - dx
            rect = QRectF(x0, row.top - dy + BAR_PAD - 1, x1 - x0, row.height - 2 * BAR_PAD + 2)
            p.setPen(b.ghost_pen)
            p.setBrush(b.ghost)
            p.drawRect(rect)
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _columns(
        self, p: QPainter, scale: TimeScale, zone: ZoneInfo, dx: float, height: float, width: int
    ) -> None:
        b = self.b
        days = day_starts(scale.start.astimezone(zone).date(), zone)
        for i in (5, 6):  # Saturday, Sunday
            x0, x1 = scale.x(days[i]) - dx, scale.x(days[i + 1]) - dx
            p.fillRect(QRectF(x0, 0, x1 - x0, height), b.weekend)
        step = tick_step(scale.px_per_min, 28)
        if step < 1440:
            p.setPen(b.grid)
            for t in local_ticks(scale, zone, step, dx, dx + width):
                x = int(scale.x(t) - dx)
                p.drawLine(x, 0, x, int(height))
        p.setPen(b.day_line)
        for d in days:
            x = int(scale.x(d) - dx)
            if -1 <= x <= width + 1:
                p.drawLine(x, 0, x, int(height))

    def _shift(
        self,
        p: QPainter,
        shift: PlannedShift,
        scale: TimeScale,
        dx: float,
        top: float,
        h: int,
        width: int,
        selected: bool,
    ) -> None:
        b = self.b
        x0, x1 = scale.x(shift.starts_at) - dx, scale.x(shift.ends_at) - dx
        if x1 < 0 or x0 > width:
            return
        bar = QRectF(x0, top + BAR_PAD, max(x1 - x0, 2), h - 2 * BAR_PAD)
        p.fillRect(bar, b.shift)
        for act in shift.activities:
            a0, a1 = scale.x(act.starts_at) - dx, scale.x(act.ends_at) - dx
            box = QRectF(a0, bar.top(), max(a1 - a0, 1.5), bar.height())
            p.fillRect(box, b.activity[act.kind])
            if act.key == self._selected_activity:
                p.setPen(b.selected)
                p.drawRect(box.adjusted(1, 1, -1, -1))
        published = shift.status == ShiftStatus.PUBLISHED
        p.setPen(b.selected if selected else b.published_edge if published else b.shift_draft_edge)
        p.drawRect(bar)
        if bar.width() > 74:
            p.setPen(b.text)
            p.drawText(
                bar.adjusted(4, 0, -2, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                self.label(shift),
            )

    label_zone: ZoneInfo | None = None
    _selected_activity: str | None = None

    def label(self, shift: PlannedShift) -> str:
        zone = self.label_zone
        s, e = (
            (shift.starts_at, shift.ends_at)
            if zone is None
            else (
                shift.starts_at.astimezone(zone),
                shift.ends_at.astimezone(zone),
            )
        )
        return f"{s:%H:%M}–{e:%H:%M}"
