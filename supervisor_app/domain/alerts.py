"""Threshold levels for cells, and alerts raised with hysteresis.

A value hovering at its threshold must raise one alert, not fifty: an alert is
raised when the value breaks the red threshold and is only re-armed after the
value has come back past the threshold by a clear margin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum


class Level(IntEnum):
    OK = 0
    AMBER = 1
    RED = 2


@dataclass(frozen=True, slots=True)
class Threshold:
    """Amber and red limits of one figure; either may be None (not watched).

    ``higher_is_worse``: True for waits and counts, False for service level.
    ``clear_margin``: how far (in the figure's units) the value must recover
    beyond the red limit before a new alert can be raised.
    """

    amber: float | None
    red: float | None
    higher_is_worse: bool = True
    clear_margin: float = 0.0

    def worse(self, value: float, limit: float) -> bool:
        return value >= limit if self.higher_is_worse else value <= limit

    def level(self, value: float | None) -> Level:
        if value is None:
            return Level.OK
        if self.red is not None and self.worse(value, self.red):
            return Level.RED
        if self.amber is not None and self.worse(value, self.amber):
            return Level.AMBER
        return Level.OK

    def recovered(self, value: float | None) -> bool:
        if value is None or self.red is None:
            return True
        if self.higher_is_worse:
            return value < self.red - self.clear_margin
        return value > self.red + self.clear_margin


@dataclass(frozen=True, slots=True)
class Alert:
    """One breach for the Alerts list: when, of what (queue or agent) and what broke."""

    raised_at: datetime
    subject: str
    metric: str
    value: float
    limit: float
    message: str


@dataclass
class AlertTracker:
    """Remembers which (subject, metric) pairs are in breach, across refreshes."""

    _active: set[tuple[str, str]] = field(default_factory=set)

    def update(
        self,
        subject: str,
        metric: str,
        value: float | None,
        threshold: Threshold,
        now: datetime,
        describe: str,
    ) -> Alert | None:
        """Feed the latest value; returns a new Alert only on a fresh breach.

        ``describe`` is the message template, e.g. "longest wait {value:.0f} s over {limit:.0f} s".
        """
        key = (subject, metric)
        if key in self._active:
            if threshold.recovered(value):
                self._active.discard(key)
            return None
        if value is None or threshold.red is None or threshold.level(value) is not Level.RED:
            return None
        self._active.add(key)
        message = describe.format(value=value, limit=threshold.red)
        return Alert(now, subject, metric, value, threshold.red, message)

    def active(self) -> frozenset[tuple[str, str]]:
        return frozenset(self._active)
