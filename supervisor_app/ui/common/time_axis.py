"""A pyqtgraph axis for UTC epoch seconds that labels ticks in the site's wall-clock time.

pyqtgraph's ``DateAxisItem`` takes one fixed UTC offset, so on a DST day every
label after the change would be an hour off, and shifting the data instead would
fold the repeated hour onto itself. Here x stays true elapsed time (epoch
seconds) and only the labels move: ticks fall on local round times, so a
spring-forward day reads 00:00, 01:00, 03:00 with honest spacing.

Imports pyqtgraph: only import this module where a chart is being built.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pyqtgraph as pg

from supervisor_app.ui.common.local_time import GRAIN, local_ticks, zone

# Tick steps in minutes, finest first; the first that leaves room for every label wins.
STEPS = (5, 10, 15, 30, 60, 120, 180, 240, 360, 720)
LABEL_PX = 46
MAX_CANDIDATES = 2_000


class LocalTimeAxis(pg.AxisItem):
    """Bottom axis: x is seconds since the epoch; labels are ``HH:MM`` in ``zone_name``."""

    def __init__(self, zone_name: str = "UTC", **kwargs: Any) -> None:
        super().__init__(orientation="bottom", **kwargs)
        self.zone_name = zone_name

    def set_zone(self, zone_name: str) -> None:
        if zone_name != self.zone_name:
            self.zone_name = zone_name
            self.picture = None
            self.update()

    def tickValues(
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[float, list[float]]]:
        if not (maxVal > minVal) or (maxVal - minVal) / GRAIN > MAX_CANDIDATES:
            return super().tickValues(minVal, maxVal, size)
        span_minutes = (maxVal - minVal) / 60.0
        room = max(size / LABEL_PX, 1.0)
        step = next((s for s in STEPS if span_minutes / s <= room), STEPS[-1])
        return [(step * 60.0, local_ticks(minVal, maxVal, step, self.zone_name))]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        tz = zone(self.zone_name)
        return [datetime.fromtimestamp(v, UTC).astimezone(tz).strftime("%H:%M") for v in values]
