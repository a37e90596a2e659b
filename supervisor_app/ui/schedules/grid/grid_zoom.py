"""Zoom and scrolling of the schedule grid (a mixin of ``ScheduleGrid``).

Zoom is "how many minutes fill the width", from an hour to the week; zooming
keeps the time under the pointer (or the middle) where it was.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from supervisor_app.ui.schedules.grid.geometry import SPANS, WEEK_MIN, week_bounds

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QAbstractScrollArea, QWidget

    from supervisor_app.ui.schedules.grid.geometry import TimeScale
    from supervisor_app.ui.schedules.grid.rows import Row
    from supervisor_app.ui.schedules.week.draft import ScheduleDraft

    _Base = QAbstractScrollArea
else:
    _Base = object


class ZoomScroll(_Base):
    """Needs from the grid: its scale, zone, rows, draft, header and ``span_changed``."""

    scale: TimeScale | None
    zone: ZoneInfo | None
    span: int
    rows: list[Row]
    draft: ScheduleDraft
    header: QWidget
    span_changed: SignalInstance

    def body_width(self) -> int:
        return max(self.viewport().width(), 50)

    def _fit_scale(self) -> None:
        if self.scale is not None:
            self.scale.fit(self.span, self.body_width())
        self._update_ranges()
        self.viewport().update()
        self.header.update()

    def set_span(self, minutes: int, anchor_x: float | None = None) -> None:
        """Zoom so ``minutes`` fill the width, keeping the time under ``anchor_x`` still."""
        if self.scale is None:
            self.span = minutes
            return
        ax = self.body_width() / 2 if anchor_x is None else anchor_x
        at = self.scale.minutes_at(ax + self.horizontalScrollBar().value())
        self.span = minutes
        self._fit_scale()
        self.horizontalScrollBar().setValue(int(at * self.scale.px_per_min - ax))
        self.span_changed.emit(minutes)

    def zoom(self, steps: int, anchor_x: float | None = None) -> None:
        """``steps`` > 0 zooms in (fewer minutes on screen)."""
        i = min(range(len(SPANS)), key=lambda k: abs(SPANS[k] - self.span))
        i = min(max(i - steps, 0), len(SPANS) - 1)
        self.set_span(SPANS[i], anchor_x)

    def show_day(self, day_index: int) -> None:
        """One local day fills the width (Monday = 0)."""
        self.set_span(1440)
        if self.scale is not None and self.zone is not None:
            week = self.draft.week
            assert week is not None
            start, _ = week_bounds(week.week_start + timedelta(days=day_index), self.zone)
            self.horizontalScrollBar().setValue(int(self.scale.x(start)))

    def show_week(self) -> None:
        self.set_span(WEEK_MIN)
        self.horizontalScrollBar().setValue(0)

    def _update_ranges(self) -> None:
        height = self.rows[-1].bottom if self.rows else 0
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        vbar.setRange(0, max(height - self.viewport().height(), 0))
        vbar.setPageStep(self.viewport().height())
        width = self.scale.width if self.scale else 0
        hbar.setRange(0, max(width - self.viewport().width(), 0))
        hbar.setPageStep(self.viewport().width())
        hbar.setSingleStep(max(int((self.scale.px_per_min if self.scale else 1) * 15), 4))

    def ensure_row_visible(self, index: int) -> None:
        row, vbar = self.rows[index], self.verticalScrollBar()
        if row.top < vbar.value():
            vbar.setValue(row.top)
        elif row.bottom > vbar.value() + self.viewport().height():
            vbar.setValue(row.bottom - self.viewport().height())

    def ensure_time_visible(self, t: datetime) -> None:
        if self.scale is None:
            return
        x, hbar, w = self.scale.x(t), self.horizontalScrollBar(), self.viewport().width()
        if x < hbar.value() or x > hbar.value() + w - 20:
            hbar.setValue(int(x - w / 3))
