"""Calls in progress: ENTERQUEUE opens one, CONNECT answers it, an end event closes it."""

from __future__ import annotations

import hashlib
from typing import Any

from supervisor_app.domain.enums import Outcome
from supervisor_app.ingest.queue_log.events import HOLD_FIELD, TALK_FIELD
from supervisor_app.ingest.queue_log.lines import LogEvent
from supervisor_app.services.writers.queue_log import ContactRecord

MAX_KEY = 120  # contacts.external_id
MAX_CUSTOMER = 120
ANSWERED, TRANSFERRED, ABANDONED = Outcome.ANSWERED, Outcome.TRANSFERRED, Outcome.ABANDONED


def contact_key(callid: str, queue: str, arrived: float) -> str:
    """``callid|queue|arrival second``: one stay of one call in one queue.

    A call can leave a queue and enter it again (a timeout sending it round the
    dialplan), so the call id alone is not enough.
    """
    key = f"{callid}|{queue}|{int(arrived)}"
    if len(key) > MAX_KEY:
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def seconds(text: str) -> float:
    """A duration field in whole seconds; 0 when it is missing or not a number."""
    try:
        value = float(text)
    except ValueError:
        return 0.0
    return value if 0 <= value < 86_400 * 7 else 0.0


class CallBook:
    """The calls waiting or talking now, and the ones changed since the last batch."""

    def __init__(self) -> None:
        self.open: dict[tuple[str, str], ContactRecord] = {}
        self.dirty: dict[str, ContactRecord] = {}
        # Keys of calls ended in this batch and the one before: a call back in the same
        # queue within the same second needs another key (older ones can't collide).
        self._ended: set[str] = set()
        self._ended_before: set[str] = set()

    def enter(self, ev: LogEvent) -> None:
        slot = (ev.callid, ev.queue)
        old = self.open.pop(slot, None)
        if old is not None:  # its end event never came: the new entry ends the old stay
            self._close(old, ev.time, ANSWERED if old.answered else ABANDONED)
        key = base = contact_key(ev.callid, ev.queue, ev.time)
        again = 1
        while key in self._ended or key in self._ended_before:
            again += 1
            key = f"{base[: MAX_KEY - 4]}#{again}"
        data = ev.data
        customer = data[1].strip()[:MAX_CUSTOMER] or None if len(data) > 1 else None
        call = ContactRecord(key, ev.callid, ev.queue, ev.time, customer)
        self.open[slot] = call
        self.dirty[key] = call

    def connect(self, ev: LogEvent) -> ContactRecord:
        call = self._find(ev)
        call.answered = max(ev.time, call.arrived)
        call.agent = ev.agent
        self.dirty[call.key] = call
        return call

    def end(self, ev: LogEvent, outcome: Outcome) -> ContactRecord:
        call = self._find(ev)
        del self.open[(ev.callid, ev.queue)]
        if call.answered is None and (outcome is ANSWERED or outcome is TRANSFERRED):
            talk = seconds(ev.field(TALK_FIELD[ev.event]))
            call.answered = max(call.arrived, ev.time - talk)
            call.agent = ev.agent
        self._close(call, ev.time, outcome)
        return call

    def _close(self, call: ContactRecord, at: float, outcome: Outcome) -> None:
        call.ended = max(at, call.answered or call.arrived)
        call.outcome = outcome
        self.dirty[call.key] = call
        self._ended.add(call.key)

    def _find(self, ev: LogEvent) -> ContactRecord:
        """The open call this event is about, or one worked back from its times."""
        slot = (ev.callid, ev.queue)
        call = self.open.get(slot)
        if call is None:
            talk = seconds(ev.field(TALK_FIELD[ev.event])) if ev.event in TALK_FIELD else 0.0
            hold = seconds(ev.field(HOLD_FIELD[ev.event]))
            arrived = ev.time - talk - hold
            key = contact_key(ev.callid, ev.queue, arrived)
            call = ContactRecord(key, ev.callid, ev.queue, arrived, orphan=True)
            self.open[slot] = call
        return call

    def take(self) -> list[ContactRecord]:
        """The calls changed since the last call; store them before feeding more events."""
        records = list(self.dirty.values())
        self.dirty.clear()
        self._ended_before, self._ended = self._ended, set()
        return records

    def dump(self) -> list[list[Any]]:
        return [
            [c.key, c.callid, c.queue, c.arrived, c.customer, c.answered, c.agent, c.orphan]
            for c in self.open.values()
        ]

    def load(self, rows: list[list[Any]]) -> None:
        for key, callid, queue, arrived, customer, answered, agent, orphan in rows:
            call = ContactRecord(key, callid, queue, arrived, customer, answered, agent)
            call.orphan = orphan
            self.open[(callid, queue)] = call
