"""The discrete-event loop: contacts arrive, wait, are answered, end and wrap up;
agents log on and off with their shifts and step away for breaks.

Routing: when an agent becomes free, they take, among the queues they are
skilled for, the voice or chat contact that has waited longest; emails only
when no voice or chat contact they could take is waiting (emails can wait,
callers can't). An arriving contact goes to the longest-idle free agent with
the skill, else it waits. One contact at a time per agent.

An agent answers only inside a shift and outside breaks, lunch and other
activities; a contact answered just before the shift ends may run past it.
An activity that falls due while the agent is busy starts, at full length, as
soon as the contact's wrap-up ends.

Arrivals come in pre-sorted arrays and are merged with a heap of the other
events (end of conversation, end of wrap-up, abandon, shift and activity
edges), so a contact costs two or three heap operations. State lives in
parallel lists indexed by contact and by agent: the loop touches no objects.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from heapq import heappop, heappush
from itertools import count

from supervisor_app.domain.simulation.codes import (
    ABANDONED,
    ANSWERED,
    DONE,
    IN_SERVICE,
    J_ABANDON,
    J_ANSWER,
    J_ARRIVE,
    J_END,
    J_STATE,
    J_WRAP,
    OPEN,
    S_AVAILABLE,
    S_OFFLINE,
    S_ON_CONTACT,
    S_WRAP_UP,
    TIMED_OUT,
    TRANSFERRED,
    WAITING,
    WRAPPING,
)
from supervisor_app.domain.simulation.contacts import INF, Arrivals

_END, _FREE, _ABANDON, _SHIFT_START, _SHIFT_END, _ACT_START, _ACT_END = range(7)

# (agent index, state code, reason, start, end): one agent's state for a while.
Span = tuple[int, int, str | None, float, float]
# (agent index, start, end, [(state code, reason, start, end), ...]) in engine indices.
ShiftPlan = tuple[int, float, float, Sequence[tuple[int, str | None, float, float]]]


class Engine:
    """The contact centre from ``start`` on; ``run_until`` moves it forward.

    ``skills[a]`` lists (queue index, handle-time factor) for agent ``a``;
    ``email[q]`` says whether queue ``q`` may wait for hours. With ``journal``
    every event is also logged as it happens, for the live writer.
    """

    def __init__(
        self,
        email: Sequence[bool],
        skills: Sequence[Sequence[tuple[int, float]]],
        *,
        start: float,
        since: Sequence[float] | None = None,
        journal: bool = False,
    ) -> None:
        self.now = start
        n = len(skills)
        self._queues_of = [[q for q, _ in s] for s in skills]
        self._realtime_of = [sorted(q for q, _ in s if not email[q]) for s in skills]
        self._email_of = [sorted(q for q, _ in s if email[q]) for s in skills]
        self._factor = [dict(s) for s in skills]
        self._email = list(email)
        self._waiting: list[deque[int]] = [deque() for _ in email]
        # Free agents per queue, in the order they became free (dicts keep insertion order).
        self._free: list[dict[int, None]] = [{} for _ in email]
        self.state = [S_OFFLINE] * n
        self.reason: list[str | None] = [None] * n
        self.since = list(since) if since is not None else [start] * n
        self._on_shift = [False] * n
        self._shift_end = [start] * n
        self._in_activity = [False] * n
        self._pending: list[deque[tuple[int, str | None, float]]] = [deque() for _ in range(n)]
        self.current = [-1] * n  # contact an agent is handling or wrapping up
        self._heap: list[tuple[float, int, int, object]] = []
        self._seq = count()
        # Contacts: inputs copied from Arrivals, results filled in as they happen.
        self.arrived: list[float] = []
        self.queue: list[int] = []
        self._handle: list[float] = []
        self._wrap: list[float] = []
        self._abandon_after: list[float] = []
        self._timed_out: list[bool] = []
        self._transfer: list[bool] = []
        self.status: list[int] = []
        self.answered: list[float] = []
        self.agent: list[int] = []
        self.ended: list[float] = []
        self.wrap_ended: list[float] = []
        self.outcome: list[int] = []
        self._next = 0  # next contact whose arrival is still to come
        self.spans: list[Span] = []
        self.journal: list[tuple] | None = [] if journal else None
        self._handlers = (
            self._on_end,
            self._on_free,
            self._on_abandon,
            self._on_shift_start,
            self._on_shift_end,
            self._on_activity_start,
            self._on_activity_end,
        )

    # -- feeding the engine ----------------------------------------------------------

    def add_arrivals(self, batch: Arrivals) -> int:
        """Append contacts still to arrive, after every earlier batch; returns the first's index."""
        first = len(self.arrived)
        self._extend(batch)
        return first

    def adopt_waiting(self, batch: Arrivals) -> int:
        """Contacts that arrived before ``start`` and still wait (a restart's inbox)."""
        if self._next != len(self.arrived):
            raise RuntimeError("adopt waiting contacts before any arrivals are pending")
        first = self._extend(batch)
        self._next = len(self.arrived)
        for i in range(first, self._next):
            self._waiting[self.queue[i]].append(i)
            if self._abandon_after[i] != INF:
                at = max(self.arrived[i] + self._abandon_after[i], self.now)
                heappush(self._heap, (at, next(self._seq), _ABANDON, i))
        return first

    def _extend(self, batch: Arrivals) -> int:
        first = len(self.arrived)
        n = len(batch)
        self.arrived += batch.t.tolist()
        self.queue += batch.queue.tolist()
        self._handle += batch.handle.tolist()
        self._wrap += batch.wrap.tolist()
        self._abandon_after += batch.abandon_after.tolist()
        self._timed_out += batch.timed_out.tolist()
        self._transfer += batch.transfer.tolist()
        self.status += [WAITING] * n
        self.answered += [float("nan")] * n
        self.agent += [-1] * n
        self.ended += [float("nan")] * n
        self.wrap_ended += [float("nan")] * n
        self.outcome += [OPEN] * n
        return first

    def add_shifts(self, plans: Sequence[ShiftPlan]) -> None:
        """Shift and activity edges; whatever lies before ``now`` is cut off."""
        heap, seq, now = self._heap, self._seq, self.now
        for agent, start, end, activities in plans:
            if end <= now:
                continue
            heappush(heap, (max(start, now), next(seq), _SHIFT_START, (agent, end)))
            heappush(heap, (end, next(seq), _SHIFT_END, agent))
            for state, reason, a_start, a_end in activities:
                if a_end <= now:
                    continue
                begin = max(a_start, now)
                heappush(
                    heap, (begin, next(seq), _ACT_START, (agent, state, reason, a_end - begin))
                )

    def next_time(self) -> float:
        i = self._next
        arrival = self.arrived[i] if i < len(self.arrived) else INF
        return min(arrival, self._heap[0][0] if self._heap else INF)

    # -- the loop --------------------------------------------------------------------

    def run_until(self, t_end: float) -> None:
        """Process every event before ``t_end`` (events at the same instant: heap first)."""
        heap, arrived, handlers = self._heap, self.arrived, self._handlers
        while True:
            i = self._next
            ta = arrived[i] if i < len(arrived) else INF
            th = heap[0][0] if heap else INF
            if th <= ta:
                if th >= t_end:
                    break
                t, _, kind, x = heappop(heap)
                self.now = t
                handlers[kind](x)
            else:
                if ta >= t_end:
                    break
                self.now = ta
                self._next = i + 1
                self._arrive(i)
        if t_end > self.now:
            self.now = t_end

    def _arrive(self, i: int) -> None:
        if self.journal is not None:
            self.journal.append((self.now, J_ARRIVE, i))
        q = self.queue[i]
        free = self._free[q]
        if free:
            self._answer(i, next(iter(free)))
            return
        self._waiting[q].append(i)
        after = self._abandon_after[i]
        if after != INF:
            heappush(self._heap, (self.now + after, next(self._seq), _ABANDON, i))

    def _answer(self, i: int, a: int) -> None:
        now = self.now
        self._leave_free(a)
        q = self.queue[i]
        self.status[i] = IN_SERVICE
        self.answered[i] = now
        self.agent[i] = a
        self.current[a] = i
        end = now + self._handle[i] * self._factor[a][q]
        self.ended[i] = end
        self.outcome[i] = TRANSFERRED if self._transfer[i] else ANSWERED
        if self.journal is not None:
            self.journal.append((now, J_ANSWER, i))
        self._set_state(a, S_ON_CONTACT, None)
        heappush(self._heap, (end, next(self._seq), _END, i))

    def _on_end(self, i: int) -> None:
        self.status[i] = WRAPPING
        if self.journal is not None:
            self.journal.append((self.now, J_END, i))
        self._set_state(self.agent[i], S_WRAP_UP, None)
        heappush(self._heap, (self.now + self._wrap[i], next(self._seq), _FREE, i))

    def _on_free(self, i: int) -> None:
        a = self.agent[i]
        self.status[i] = DONE
        self.wrap_ended[i] = self.now
        self.current[a] = -1
        if self.journal is not None:
            self.journal.append((self.now, J_WRAP, i))
        self._idle(a)

    def _on_abandon(self, i: int) -> None:
        if self.status[i] != WAITING:
            return
        self.status[i] = DONE  # left in its queue's deque; skipped when it reaches the head
        self.ended[i] = self.now
        self.outcome[i] = TIMED_OUT if self._timed_out[i] else ABANDONED
        if self.journal is not None:
            self.journal.append((self.now, J_ABANDON, i))

    def _idle(self, a: int) -> None:
        """Agent ``a`` has nothing in hand: a due activity, the next contact, or wait."""
        pending = self._pending[a]
        while pending:
            state, reason, duration = pending.popleft()
            if self._start_activity(a, state, reason, duration):
                return
        if not self._on_shift[a] or self.now >= self._shift_end[a]:
            self._on_shift[a] = False
            self._set_state(a, S_OFFLINE, None)
            return
        i = self._take(a)
        if i >= 0:
            self._answer(i, a)
            return
        self._set_state(a, S_AVAILABLE, None)
        for q in self._queues_of[a]:
            self._free[q][a] = None

    def _take(self, a: int) -> int:
        """Pop the contact agent ``a`` should answer next, or -1."""
        for queues in (self._realtime_of[a], self._email_of[a]):
            best, best_t = -1, INF
            for q in queues:
                waiting = self._waiting[q]
                while waiting and self.status[waiting[0]] != WAITING:
                    waiting.popleft()
                if waiting and self.arrived[waiting[0]] < best_t:
                    best, best_t = q, self.arrived[waiting[0]]
            if best >= 0:
                return self._waiting[best].popleft()
        return -1

    # -- shifts and activities -------------------------------------------------------

    def _on_shift_start(self, x: tuple[int, float]) -> None:
        a, end = x
        self._on_shift[a] = True
        self._shift_end[a] = end
        if self.current[a] < 0 and not self._in_activity[a]:
            self._idle(a)

    def _on_shift_end(self, a: int) -> None:
        if self.now < self._shift_end[a]:
            return  # a later shift has taken over
        self._on_shift[a] = False
        self._pending[a].clear()
        if self.current[a] < 0 and not self._in_activity[a]:
            self._go_offline(a)

    def _leave_free(self, a: int) -> None:
        """Take ``a`` off the free lists (only an available agent is on them)."""
        if self.state[a] == S_AVAILABLE:
            for q in self._queues_of[a]:
                del self._free[q][a]

    def _go_offline(self, a: int) -> None:
        self._leave_free(a)
        self._set_state(a, S_OFFLINE, None)

    def _on_activity_start(self, x: tuple[int, int, str | None, float]) -> None:
        a, state, reason, duration = x
        if not self._on_shift[a]:
            return
        if self.current[a] >= 0 or self._in_activity[a]:
            self._pending[a].append((state, reason, duration))
            return
        if min(self.now + duration, self._shift_end[a]) > self.now:
            self._leave_free(a)
            self._start_activity(a, state, reason, duration)

    def _start_activity(self, a: int, state: int, reason: str | None, duration: float) -> bool:
        """Begin an activity now, at full length but not past the shift; False if none is left."""
        end = min(self.now + duration, self._shift_end[a])
        if end <= self.now:
            return False
        self._in_activity[a] = True
        self._set_state(a, state, reason)
        heappush(self._heap, (end, next(self._seq), _ACT_END, a))
        return True

    def _on_activity_end(self, a: int) -> None:
        self._in_activity[a] = False
        self._idle(a)

    # -- state spans -----------------------------------------------------------------

    def _set_state(self, a: int, state: int, reason: str | None) -> None:
        if state == self.state[a] and reason == self.reason[a]:
            return
        now = self.now
        self.spans.append((a, self.state[a], self.reason[a], self.since[a], now))
        self.state[a] = state
        self.reason[a] = reason
        self.since[a] = now
        if self.journal is not None:
            self.journal.append((now, J_STATE, a, state, reason))

    # -- stopping --------------------------------------------------------------------

    def close(self, t: float) -> None:
        """Stop at ``t``: conversations end, callers and chats waiting hang up,
        agents go offline. Emails stay in their queue: an inbox outlives its reader.
        """
        self.run_until(t)
        for a, i in enumerate(self.current):
            if i >= 0:
                if self.status[i] == IN_SERVICE:
                    self.ended[i] = t
                    self.outcome[i] = ANSWERED
                    if self.journal is not None:
                        self.journal.append((t, J_END, i))
                self.status[i] = DONE
                self.wrap_ended[i] = t
                self.current[a] = -1
                if self.journal is not None:
                    self.journal.append((t, J_WRAP, i))
            self._on_shift[a] = False
            self._in_activity[a] = False
            self._pending[a].clear()
            self._go_offline(a)
        for q, waiting in enumerate(self._waiting):
            if self._email[q]:
                continue
            for i in waiting:
                if self.status[i] == WAITING:
                    self._timed_out[i] = False
                    self._on_abandon(i)
            waiting.clear()
        self._heap.clear()
        self._next = len(self.arrived)
