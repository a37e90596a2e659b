"""Agents' states from the log: logged in, paused (with the reason), on a call, logged off.

Asterisk logs what happens to queue members, not a state; the state follows
from it: on a call while any call it answered is connected, else paused while
paused (a pause in any queue counts, until the next unpause), else available
while logged in (a member of some queue, or rung or connected by one), else
offline. Every change closes the current span and opens the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from supervisor_app.domain.enums import AgentState
from supervisor_app.services.writers.queue_log import SpanRecord

MAX_REASON = 120
# Enum members looked up once: attribute access on an enum class is slow in a hot loop.
ON_CONTACT, AVAILABLE, OFFLINE = AgentState.ON_CONTACT, AgentState.AVAILABLE, AgentState.OFFLINE
# A pause reason naming one of these becomes that state; any other pause is a break.
_REASON_STATES = (
    ("lunch", AgentState.LUNCH),
    ("train", AgentState.TRAINING),
    ("meet", AgentState.MEETING),
)


def pause_state(reason: str | None) -> AgentState:
    text = (reason or "").lower()
    return next((state for word, state in _REASON_STATES if word in text), AgentState.BREAK)


@dataclass(slots=True)
class Track:
    present: bool = False
    queues: set[str] = field(default_factory=set)
    paused: bool = False
    pause_reason: str | None = None
    calls: set[str] = field(default_factory=set)
    # The span now open: state, reason, since, and whether the database has it.
    state: AgentState | None = None
    reason: str | None = None
    since: float = 0.0
    stored: bool = False


class AgentBook:
    def __init__(self) -> None:
        self.tracks: dict[str, Track] = {}
        self._closed: dict[str, list[tuple[SpanRecord, bool]]] = {}
        self._touched: dict[str, None] = {}

    def _track(self, agent: str) -> Track:
        track = self.tracks.get(agent)
        if track is None:
            track = self.tracks[agent] = Track()
        return track

    def login(self, agent: str, at: float, queue: str | None = None) -> None:
        track = self._track(agent)
        track.present = True
        if queue is not None:
            track.queues.add(queue)
        self._settle(agent, track, at)

    def logoff(self, agent: str, at: float, queue: str | None = None) -> None:
        """Off every queue (``queue`` None), or off one: offline when none is left."""
        track = self._track(agent)
        if queue is None:
            track.queues.clear()
        else:
            track.queues.discard(queue)
        if not track.queues:
            track.present = track.paused = False
            track.pause_reason = None
        self._settle(agent, track, at)

    def pause(self, agent: str, at: float, reason: str | None) -> None:
        track = self._track(agent)
        track.present = track.paused = True
        track.pause_reason = (reason or "").strip()[:MAX_REASON] or None
        self._settle(agent, track, at)

    def unpause(self, agent: str, at: float) -> None:
        track = self._track(agent)
        track.present, track.paused, track.pause_reason = True, False, None
        self._settle(agent, track, at)

    def seen(self, agent: str, at: float) -> None:
        """The queue rang the agent: a logged-in member, whatever the log said before."""
        track = self._track(agent)
        if not track.present:
            track.present = True
            self._settle(agent, track, at)

    def call_started(self, agent: str, key: str, at: float) -> None:
        track = self._track(agent)
        track.present = True
        track.calls.add(key)
        self._settle(agent, track, at)

    def call_ended(self, agent: str, key: str, at: float) -> None:
        track = self._track(agent)
        track.calls.discard(key)
        self._settle(agent, track, at)

    def _settle(self, agent: str, track: Track, at: float) -> None:
        if track.calls:
            state, reason = ON_CONTACT, None
        elif track.paused:
            state, reason = pause_state(track.pause_reason), track.pause_reason
        elif track.present:
            state, reason = AVAILABLE, None
        else:
            state, reason = OFFLINE, None
        if state is track.state and reason == track.reason:
            return
        self._touched[agent] = None
        at = max(at, track.since)  # lines logged out of order by a second
        closed = self._closed.setdefault(agent, [])
        if track.state is not None:
            if at > track.since or track.stored:
                span = SpanRecord(agent, track.state, track.reason, track.since, at)
                closed.append((span, track.stored))
            elif closed and closed[-1][0].state is state and closed[-1][0].reason == reason:
                # A state that lasted no time between two equal ones: carry the first on.
                previous, stored = closed.pop()
                track.state, track.reason, track.since = state, reason, previous.started
                track.stored = stored
                return
        track.state, track.reason, track.since, track.stored = state, reason, at, False

    def take(self) -> list[SpanRecord]:
        """Spans closed since the last call, then the open span of each agent that changed."""
        spans = [span for agent in self._touched for span, _ in self._closed.get(agent, ())]
        for agent in self._touched:
            track = self.tracks[agent]
            if track.state is not None and not track.stored:
                spans.append(SpanRecord(agent, track.state, track.reason, track.since))
                track.stored = True
        self._closed.clear()
        self._touched.clear()
        return spans

    def dump(self) -> dict[str, list[Any]]:
        return {
            name: [
                t.present,
                sorted(t.queues),
                t.paused,
                t.pause_reason,
                sorted(t.calls),
                t.state.value if t.state else None,
                t.reason,
                t.since,
            ]
            for name, t in self.tracks.items()
        }

    def load(self, rows: dict[str, list[Any]]) -> None:
        for name, (
            present,
            queues,
            paused,
            pause_reason,
            calls,
            state,
            reason,
            since,
        ) in rows.items():
            self.tracks[name] = Track(
                present,
                set(queues),
                paused,
                pause_reason,
                set(calls),
                AgentState(state) if state else None,
                reason,
                since,
                stored=True,
            )
