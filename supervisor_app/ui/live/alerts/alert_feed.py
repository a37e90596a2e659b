"""Which snapshots raise alerts: queues past their red limits, agents long out of adherence.

Each queue and each agent has its own ``AlertTracker`` (hysteresis from
``domain.alerts``), so a service level hovering at its red limit raises one
alert, not one per refresh. The limits are the ones that colour the cells
(``levels.queue_limits``). No Qt: the panel shows what this returns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from supervisor_app.domain.alerts import Alert, AlertTracker, Level, Threshold
from supervisor_app.ui.common import preferences
from supervisor_app.ui.live import figure_text as fmt
from supervisor_app.ui.live.board.levels import queue_limits

if TYPE_CHECKING:
    from supervisor_app.services.live import AgentRow, LiveSnapshot

DEFAULT_ADHERENCE_MINUTES = float(preferences.DEFAULT_ADHERENCE_MINUTES)


def _literal(text: str) -> str:
    """Text that passes through ``str.format`` unchanged (the tracker formats its message)."""
    return text.replace("{", "{{").replace("}", "}}")


class AlertFeed:
    """Feed it every snapshot; it returns the alerts that are new this time."""

    def __init__(self, adherence_minutes: float = DEFAULT_ADHERENCE_MINUTES) -> None:
        self.adherence = Threshold(None, adherence_minutes)
        self._queues: defaultdict[int, AlertTracker] = defaultdict(AlertTracker)
        self._agents: defaultdict[int, AlertTracker] = defaultdict(AlertTracker)

    def feed(
        self, snapshot: LiveSnapshot, out_of_adherence: Mapping[int, AgentRow] | None = None
    ) -> list[Alert]:
        """``out_of_adherence``: the snapshot's agents not in adherence, by id, if known."""
        now = snapshot.taken_at
        raised: list[Alert] = []
        for q in snapshot.queues:
            tracker, limits = self._queues[q.queue_id], queue_limits(q.thresholds)
            sl, wait = q.service_level, q.longest_wait_seconds(now)
            checks = (
                ("service_level", sl, limits.service_level, _sl_message),
                ("longest_wait", wait, limits.longest_wait, _wait_message),
                ("waiting", float(q.waiting), limits.waiting, _waiting_message),
            )
            for metric, value, threshold, describe in checks:
                alert = _update(tracker, q.name, metric, value, threshold, now, describe)
                if alert is not None:
                    raised.append(alert)
        if out_of_adherence is None:
            out_of_adherence = {
                a.agent_id: a for a in snapshot.agents if not a.adherence.in_adherence
            }
        raised += self._agents_feed(out_of_adherence, now)
        return raised

    def _agents_feed(self, out: Mapping[int, AgentRow], now: datetime) -> list[Alert]:
        """Agents past the limit may raise; agents with an open breach may recover."""
        raised = []
        red = self.adherence.red or 0.0
        breached = [i for i, t in self._agents.items() if t.active()]
        candidates = {i for i, a in out.items() if a.adherence.minutes_out >= red}
        for agent_id in candidates.union(breached):
            agent, tracker = out.get(agent_id), self._agents[agent_id]
            if agent is None or tracker.active():  # still out, or back: no message needed
                minutes = 0.0 if agent is None else agent.adherence.minutes_out
                for subject, metric in tracker.active():
                    tracker.update(subject, metric, minutes, self.adherence, now, "")
                continue
            message = (
                f"out of adherence for {fmt.minutes_text(agent.adherence.minutes_out)}: scheduled "
                f"{fmt.scheduled_label(agent.scheduled, agent.on_shift).lower()}, "
                f"state {fmt.state_label(agent.state).lower()}"
            )
            alert = tracker.update(
                agent.name,
                "adherence",
                agent.adherence.minutes_out,
                self.adherence,
                now,
                _literal(message),
            )
            if alert is not None:
                raised.append(alert)
        return raised


def _update(
    tracker: AlertTracker,
    subject: str,
    metric: str,
    value: float | None,
    threshold: Threshold,
    now: datetime,
    describe: Callable[[float | None, Threshold], str],
) -> Alert | None:
    """``tracker.update``, skipped (and the message never written) when it can't matter."""
    if (subject, metric) not in tracker.active() and threshold.level(value) is not Level.RED:
        return None
    return tracker.update(
        subject, metric, value, threshold, now, _literal(describe(value, threshold))
    )


def _sl_message(value: float | None, t: Threshold) -> str:
    return f"service level {fmt.percent_display(value)} is under the red limit of {_limit(t, '%')}"


def _wait_message(value: float | None, t: Threshold) -> str:
    return f"longest wait {fmt.hms_display(value)} is over the red limit of {_limit(t, 's')}"


def _waiting_message(value: float | None, t: Threshold) -> str:
    return f"{value or 0:.0f} contacts waiting, over the red limit of {_limit(t, '')}"


def _limit(threshold: Threshold, unit: str) -> str:
    red = threshold.red
    if red is None:
        return "—"
    if unit == "%":
        return fmt.target_text(red)
    if unit == "s":
        return fmt.hms(red)
    return f"{red:g}"
