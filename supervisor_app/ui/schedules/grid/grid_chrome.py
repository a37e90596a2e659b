"""The parts of the grid that stay put: the time header on top and the names on the left.

They are separate widgets in the scroll area's margins; each paints from the
grid's state with the same scroll offsets as the body, so they scroll along one
axis only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from supervisor_app.domain.schedule_rules import RuleSettings
from supervisor_app.ui.schedules import palette as pal
from supervisor_app.ui.schedules.grid.geometry import day_starts, local_ticks, tick_step
from supervisor_app.ui.schedules.grid.rows import team_title

if TYPE_CHECKING:
    from supervisor_app.ui.schedules.grid.grid_view import ScheduleGrid


class TimeHeader(QWidget):
    def __init__(self, grid: ScheduleGrid) -> None:
        super().__init__(grid)
        self.grid = grid
        self.setObjectName("scheduleTimeHeader")

    def paintEvent(self, _event: QPaintEvent) -> None:
        g = self.grid
        p = QPainter(self)
        p.fillRect(self.rect(), pal.qcolour(pal.HEADER_BG))
        p.setPen(pal.qcolour(pal.DAY_LINE))
        p.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        if g.scale is None or g.zone is None:
            return
        s, zone, dx, w = g.scale, g.zone, g.horizontalScrollBar().value(), self.width()
        days = day_starts(s.start.astimezone(zone).date(), zone)
        bold = QFont(self.font())
        bold.setBold(True)
        half = self.height() // 2
        for i in range(7):
            x0, x1 = s.x(days[i]) - dx, s.x(days[i + 1]) - dx
            if x1 < 0 or x0 > w:
                continue
            p.setPen(pal.qcolour(pal.DAY_LINE))
            p.drawLine(int(x0), 0, int(x0), self.height())
            shown = QRectF(max(x0, 0) + 6, 0, min(x1, w) - max(x0, 0) - 8, half)
            local = days[i].astimezone(zone)
            text = f"{local:%A %d %b}" if shown.width() > 140 else f"{local:%a %d}"
            p.setFont(bold)
            p.setPen(pal.qcolour(pal.TEXT))
            p.drawText(shown, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        step = tick_step(s.px_per_min)
        if step >= 1440:
            return
        p.setFont(self.font())
        p.setPen(pal.qcolour(pal.MUTED))
        for t in local_ticks(s, zone, step, dx, dx + w):
            x = s.x(t) - dx
            local = t.astimezone(zone)
            if local.hour == 0 and local.minute == 0:
                continue
            p.drawLine(int(x), self.height() - 5, int(x), self.height())
            p.drawText(
                QRectF(x + 3, half, 60, half - 2), Qt.AlignmentFlag.AlignVCenter, f"{local:%H:%M}"
            )


class NamesColumn(QWidget):
    def __init__(self, grid: ScheduleGrid) -> None:
        super().__init__(grid)
        self.grid = grid
        self.setObjectName("scheduleNames")
        self.setMouseTracking(True)

    def paintEvent(self, _event: QPaintEvent) -> None:
        g = self.grid
        p = QPainter(self)
        p.fillRect(self.rect(), pal.qcolour(pal.HEADER_BG))
        dy, w = g.verticalScrollBar().value(), self.width()
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1.5, 7))
        cursor_agent = g.cursor_agent_id()
        selected_agents = {s.agent_id for s in g.draft.selected_shifts()}
        hours = g.hours_by_agent()
        tolerance = (g.draft.settings or RuleSettings()).weekly_tolerance_minutes
        for i in g.visible_rows():
            row = g.rows[i]
            rect = QRectF(0, row.top - dy, w, row.height)
            if row.agent is None:
                p.fillRect(rect, pal.qcolour(pal.TEAM_BG))
                p.setFont(bold)
                p.setPen(pal.qcolour(pal.TEXT))
                count = g.team_sizes.get(row.team, 0)
                p.drawText(
                    rect.adjusted(8, 0, -6, 0),
                    Qt.AlignmentFlag.AlignVCenter,
                    f"{team_title(row.team)} ({count})",
                )
                continue
            agent = row.agent
            if agent.agent_id == cursor_agent or agent.agent_id in selected_agents:
                p.fillRect(rect, pal.qcolour(pal.SELECTED, 34))
            p.setPen(QPen(pal.qcolour(pal.GRID)))
            p.drawLine(0, int(rect.bottom() - 1), w, int(rect.bottom() - 1))
            p.setFont(self.font())
            p.setPen(pal.qcolour(pal.TEXT))
            p.drawText(rect.adjusted(16, 0, -58, 0), Qt.AlignmentFlag.AlignVCenter, agent.name)
            planned = hours.get(agent.agent_id, 0.0)
            over = planned * 60 > agent.contracted_weekly_hours * 60 + tolerance + 1e-9
            p.setFont(small)
            p.setPen(pal.qcolour(pal.VIOLATION if over else pal.MUTED))
            p.drawText(
                rect.adjusted(0, 0, -6, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{planned:g}/{agent.contracted_weekly_hours:g} h",
            )
        p.setPen(pal.qcolour(pal.DAY_LINE))
        p.drawLine(w - 1, 0, w - 1, self.height())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double-click on an agent's name opens their profile."""
        row = self.grid.row_at_y(event.position().y())
        if row is not None and row.agent is not None:
            self.grid.profile_requested.emit(row.agent.agent_id)

    def event(self, e: object) -> bool:
        if isinstance(e, QHelpEvent):
            g = self.grid
            row = g.row_at_y(e.pos().y())
            if row is not None and row.agent is not None:
                a = row.agent
                skills = ", ".join(a.skills) or "no skills"
                QToolTip.showText(
                    e.globalPos(),
                    f"{a.name}\nTeam: {a.team or '—'}\nSkills: {skills}\n"
                    f"Contract: {a.contracted_weekly_hours:g} h/week; planned "
                    f"{g.hours_by_agent().get(a.agent_id, 0.0):g} h\n"
                    "Double-click: the agent's profile",
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(e)
