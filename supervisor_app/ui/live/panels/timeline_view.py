"""One agent's day drawn as lanes on a local-time axis: schedule, states, contacts, exceptions.

Painted by hand (``paintEvent``) rather than charted: these are spans, not series,
and the point is to see at a glance where the states drift off the schedule. Each
span keeps its hit rectangle so hovering it shows its details as a tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QHelpEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from supervisor_app.domain.enums import AgentState
from supervisor_app.ui.common import timeline_palette as pal
from supervisor_app.ui.common.local_time import hm, local_ticks
from supervisor_app.ui.live.panels.timeline_legend import (
    ROW,
    LegendCell,
    legend_cells,
    paint_legend,
)
from supervisor_app.ui.live.panels.timeline_text import (
    contact_tip,
    exception_tip,
    schedule_tip,
    state_tip,
)

if TYPE_CHECKING:
    from supervisor_app.services.live import AgentDay, ContactBrief, ExceptionRow

GUTTER, RIGHT, AXIS = 92, 18, 26
# The lane names are keys; they are shown translated (the "AgentTimeline" context).
LANES = (
    (QT_TRANSLATE_NOOP("AgentTimeline", "Schedule"), 26),
    (QT_TRANSLATE_NOOP("AgentTimeline", "State"), 26),
    (QT_TRANSLATE_NOOP("AgentTimeline", "Contacts"), 16),
    (QT_TRANSLATE_NOOP("AgentTimeline", "Exceptions"), 16),
)
LANE_GAP, HOUR = 8, timedelta(hours=1)


@dataclass
class Lanes:
    top: dict[str, float]
    height: dict[str, int]
    bottom: float


def lanes() -> Lanes:
    top, y = {}, float(AXIS)
    for name, h in LANES:
        top[name] = y
        y += h + LANE_GAP
    return Lanes(top, dict(LANES), y)


def time_range(day: AgentDay, now: datetime) -> tuple[datetime, datetime]:
    """From the first to the last thing that happened or was planned, widened to whole hours."""
    marks = [t for s in day.schedule for t in (s.start, s.end)]
    worked = [s for s in day.states if s.state != AgentState.OFFLINE]
    marks += [t for s in worked for t in (s.start, s.end or now)]
    handled = [(c.answered_at or c.arrived_at, c.wrap_ended_at or c.ended_at) for c in day.contacts]
    marks += [t for pair in handled for t in pair if t]  # from answering: an email waits hours
    if not marks:
        return day.day_start + timedelta(hours=7), day.day_start + timedelta(hours=19)
    lo = min(marks).replace(minute=0, second=0, microsecond=0)
    hi = (max(marks) + HOUR - timedelta(microseconds=1)).replace(minute=0, second=0, microsecond=0)
    return max(lo, day.day_start), min(hi, day.day_end)


class TimelineView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentTimeline")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.day: AgentDay | None = None
        self.now: datetime | None = None
        self.highlight: int | None = None  # exception index picked in the list
        self.hits: list[tuple[QRectF, str]] = []

    def set_day(self, day: AgentDay, now: datetime) -> None:
        self.day, self.now = day, now
        self._fit_height()
        self.update()

    def set_highlight(self, index: int | None) -> None:
        self.highlight = index
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, int(lanes().bottom) + 2 * ROW + 8)

    # -- geometry ----------------------------------------------------------------------
    def _x(self, t: datetime) -> float:
        lo, hi = self._range
        width = max(self.width() - GUTTER - RIGHT, 1)
        return GUTTER + (t - lo).total_seconds() / max((hi - lo).total_seconds(), 1) * width

    def _visible(self, start: datetime, end: datetime) -> bool:
        """Whether a span overlaps the time shown (a night offline span may not)."""
        lo, hi = self._range
        return start < hi and end > lo

    def _rect(self, lane: str, start: datetime, end: datetime, inset: float = 0) -> QRectF:
        g = self._lanes
        x0, x1 = self._x(max(start, self._range[0])), self._x(min(end, self._range[1]))
        return QRectF(x0, g.top[lane] + inset, max(x1 - x0, 2.0), g.height[lane] - 2 * inset)

    # -- painting ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        self.hits = []
        day, now = self.day, self.now
        if day is None or now is None:
            p.end()
            return
        self._range, self._lanes = time_range(day, now), lanes()
        self._axis(p, day.timezone)
        for s in day.schedule:
            if not self._visible(s.start, s.end):
                continue
            r = self._rect("Schedule", s.start, s.end, 1)
            self._block(p, r, pal.ACTIVITY[s.activity], pal.ACTIVITY_NAME[s.activity])
            self.hits.append((r, schedule_tip(s, day.timezone)))
        for st in day.states:
            if not self._visible(st.start, st.end or now):
                continue
            r = self._rect("State", st.start, st.end or now, 1)
            p.fillRect(r, pal.colour(pal.STATE[st.state]))
            self.hits.append((r, state_tip(st, now, day.timezone)))
        for c in day.contacts:
            self._contact(p, c, now, day.timezone)
        for i, e in enumerate(day.exceptions):
            self._exception(p, i, e, day.timezone)
        if self._range[0] <= now <= self._range[1]:
            x = self._x(now)
            p.setPen(QPen(pal.colour(pal.MUTED), 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, AXIS - 6), QPointF(x, self._lanes.bottom - LANE_GAP))
        paint_legend(p, self._legend_cells())
        p.end()

    def _axis(self, p: QPainter, zone_name: str) -> None:
        lo, hi = self._range
        hours = (hi - lo).total_seconds() / 3600
        step = 30 if hours <= 6 else 60 if hours <= 14 else 120
        p.setPen(pal.colour(pal.MUTED))
        for name, h in LANES:
            r = QRectF(0, self._lanes.top[name], GUTTER - 10, h)
            shown = QCoreApplication.translate("AgentTimeline", name)
            p.drawText(r, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
        for ts in local_ticks(lo.timestamp(), hi.timestamp(), step, zone_name):
            x = self._x(datetime.fromtimestamp(ts, lo.tzinfo))
            p.setPen(pal.colour(pal.GRID))
            p.drawLine(QPointF(x, AXIS - 4), QPointF(x, self._lanes.bottom - LANE_GAP))
            p.setPen(pal.colour(pal.MUTED))
            label = hm(datetime.fromtimestamp(ts, lo.tzinfo), zone_name)
            p.drawText(QRectF(x - 30, 4, 60, 16), Qt.AlignmentFlag.AlignCenter, label)

    def _block(self, p: QPainter, r: QRectF, col: str, label: str) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.colour(col))
        p.drawRoundedRect(r, 3, 3)
        if p.fontMetrics().horizontalAdvance(label) + 8 < r.width():
            p.setPen(pal.colour(pal.TEXT))
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, label)

    def _contact(self, p: QPainter, c: ContactBrief, now: datetime, zone_name: str) -> None:
        start, end, wrap = c.answered_at or c.arrived_at, c.ended_at or now, c.wrap_ended_at
        if wrap and wrap > end:
            p.fillRect(self._rect("Contacts", end, wrap, 3), pal.colour(pal.CONTACT_WRAP))
        r = self._rect("Contacts", start, end, 2)
        p.fillRect(r, pal.colour(pal.CONTACT))
        self.hits.append((r.adjusted(-2, 0, 2, 0), contact_tip(c, zone_name)))

    def _exception(self, p: QPainter, i: int, e: ExceptionRow, zone_name: str) -> None:
        col = pal.EXCEPTION if e.approved_by is None else pal.APPROVED
        start, end = e.start, e.end
        for lane, alpha in (("State", 70), ("Exceptions", 120)):
            r = self._rect(lane, start, end, 1)
            p.fillRect(r, pal.colour(col, alpha if lane == "Exceptions" else 0))
            p.fillRect(r, QBrush(pal.colour(col, 220), Qt.BrushStyle.BDiagPattern))
            self.hits.append((r, exception_tip(e, zone_name)))
        r = self._rect("Exceptions", start, end, 1)
        width = 2.5 if i == self.highlight else 1.0
        p.setPen(QPen(pal.colour(pal.TEXT if i == self.highlight else col), width))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)

    def _legend_cells(self) -> list[LegendCell]:
        if self.day is None:
            return []
        top = lanes().bottom + 2
        return legend_cells(self.day, self.fontMetrics(), GUTTER, self.width() - RIGHT, top)

    def _fit_height(self) -> None:
        bottom = max((c.rect.bottom() for c in self._legend_cells()), default=lanes().bottom)
        self.setFixedHeight(int(bottom) + 6)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = next((t for r, t in reversed(self.hits) if r.contains(event.position())), None)
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
