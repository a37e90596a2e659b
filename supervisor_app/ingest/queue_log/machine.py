"""Events in, batches of contacts and agent spans out: the reader's whole memory.

Feed it parsed lines in log order; ``take()`` hands back what changed since
the last call. ``dump()``/``load()`` carry its memory (calls in progress, agent
states) across a restart or a log rotation.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from supervisor_app.ingest.queue_log import events as ev_names
from supervisor_app.ingest.queue_log.agents import AgentBook
from supervisor_app.ingest.queue_log.calls import CallBook
from supervisor_app.ingest.queue_log.lines import LogEvent
from supervisor_app.services.writers.queue_log import EventBatch

NONE = ev_names.NONE
MAX_NAME = 120  # queues.name


@dataclass(frozen=True, slots=True)
class Skip:
    """A line left out, and why."""

    line: int
    reason: str


@dataclass
class Tally:
    """What a run read: events by name, unknown ones, and lines left out."""

    events: Counter[str] = field(default_factory=Counter)
    unknown: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    first_skips: list[Skip] = field(default_factory=list)

    KEEP_SKIPS = 20

    def skip(self, line: int, reason: str) -> None:
        self.skipped += 1
        if len(self.first_skips) < self.KEEP_SKIPS:
            self.first_skips.append(Skip(line, reason))


class EventMachine:
    def __init__(self, tally: Tally | None = None) -> None:
        self.calls = CallBook()
        self.agents = AgentBook()
        self.tally = tally or Tally()
        self._queues: dict[str, None] = {}
        self._agents: dict[str, None] = {}
        handlers: dict[str, Callable[[LogEvent], None]] = {
            ev_names.ENTERQUEUE: self._enter,
            ev_names.CONNECT: self._connect,
            ev_names.REMOVEMEMBER: self._remove,
            ev_names.RINGNOANSWER: self._rung,
            ev_names.RINGCANCELED: self._rung,
        }
        handlers |= dict.fromkeys(ev_names.CALL_ENDS, self._end)
        handlers |= dict.fromkeys(ev_names.LOGINS, self._login)
        handlers |= dict.fromkeys(ev_names.LOGOFFS, self._logoff)
        handlers |= dict.fromkeys(ev_names.PAUSES, self._pause)
        handlers |= dict.fromkeys(ev_names.UNPAUSES, self._unpause)
        self._handlers = handlers

    def feed(self, ev: LogEvent) -> None:
        """Apply one event; a call event without call id or queue is skipped and counted."""
        name = ev.event
        handler = self._handlers.get(name)
        if handler is None:
            if name in ev_names.KNOWN:
                self.tally.events[name] += 1
            else:
                self.tally.unknown[name] += 1
            return
        self.tally.events[name] += 1
        queue = ev.queue
        if queue != NONE and queue not in self._queues:
            if len(queue) > MAX_NAME:
                self.tally.skip(ev.line, f"queue name longer than {MAX_NAME} characters")
                return
            self._queues[queue] = None
        agent = ev.agent
        if agent != NONE:
            self._agents[agent] = None
        handler(ev)

    # -- calls -------------------------------------------------------------------------

    def _is_call(self, ev: LogEvent) -> bool:
        if ev.callid == NONE or ev.queue == NONE:
            self.tally.skip(ev.line, f"{ev.event} without a call id and a queue")
            return False
        return True

    def _enter(self, ev: LogEvent) -> None:
        if self._is_call(ev):
            self.calls.enter(ev)

    def _connect(self, ev: LogEvent) -> None:
        if not self._is_call(ev):
            return
        if ev.agent == NONE:
            self.tally.skip(ev.line, "CONNECT without an agent")
            return
        call = self.calls.connect(ev)
        self.agents.call_started(ev.agent, call.key, ev.time)

    def _end(self, ev: LogEvent) -> None:
        if not self._is_call(ev):
            return
        call = self.calls.end(ev, ev_names.CALL_ENDS[ev.event])
        agent = call.agent
        if agent is None:
            return
        if agent in self.agents.tracks:
            self.agents.call_ended(agent, call.key, ev.time)
        else:  # answered before this file began: all we know is that they are in
            self.agents.seen(agent, ev.time)

    # -- agents ------------------------------------------------------------------------

    def _is_agent(self, ev: LogEvent) -> bool:
        if ev.agent == NONE:
            self.tally.skip(ev.line, f"{ev.event} without an agent")
            return False
        return True

    def _login(self, ev: LogEvent) -> None:
        if self._is_agent(ev):
            self.agents.login(ev.agent, ev.time, ev.queue if ev.queue != NONE else None)

    def _logoff(self, ev: LogEvent) -> None:
        if self._is_agent(ev):
            self.agents.logoff(ev.agent, ev.time)

    def _remove(self, ev: LogEvent) -> None:
        if self._is_agent(ev):
            self.agents.logoff(ev.agent, ev.time, ev.queue)

    def _pause(self, ev: LogEvent) -> None:
        if self._is_agent(ev):
            self.agents.pause(ev.agent, ev.time, ev.field(1))

    def _unpause(self, ev: LogEvent) -> None:
        if self._is_agent(ev):
            self.agents.unpause(ev.agent, ev.time)

    def _rung(self, ev: LogEvent) -> None:
        if self._is_agent(ev):
            self.agents.seen(ev.agent, ev.time)

    def take(self) -> EventBatch:
        """Everything changed since the last call (queues and agents first seen included)."""
        batch = EventBatch(
            tuple(self.calls.take()),
            tuple(self.agents.take()),
            tuple(self._queues),
            tuple(self._agents),
        )
        self._queues.clear()
        self._agents.clear()
        return batch

    def dump(self) -> str:
        """The memory as JSON; call right after ``take()`` (nothing pending)."""
        return json.dumps({"calls": self.calls.dump(), "agents": self.agents.dump()})

    def load(self, text: str) -> None:
        data = json.loads(text) if text else {}
        self.calls.load(data.get("calls", []))
        self.agents.load(data.get("agents", {}))
