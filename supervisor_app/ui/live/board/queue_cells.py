"""The Queues table's rows: one per queue and a total, figures from ``domain.kpi`` only.

The total adds the queues' ContactSums with ``+`` and recomputes every ratio
from the sums (averaging percentages would weight a quiet queue like a busy
one). Agent counts in the total are distinct agents, since one agent skilled
for three queues is one person on the floor, not three.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from typing import TYPE_CHECKING

from supervisor_app.domain import kpi
from supervisor_app.domain.alerts import Level
from supervisor_app.domain.enums import AgentState
from supervisor_app.domain.kpi import ContactSums
from supervisor_app.ui.live import figure_text as fmt
from supervisor_app.ui.live.board.cells import Cells, Column
from supervisor_app.ui.live.board.levels import NO_LIMITS, level_tip, marked, queue_limits

if TYPE_CHECKING:
    from supervisor_app.services.live import AgentRow, QueueRow

TOTAL_KEY = -1
N = True  # numeric: right-aligned

QUEUE_COLUMNS: tuple[Column, ...] = (
    Column("queue", "Queue", "Queue (channel in the tooltip)", sample="Customer email"),
    Column("waiting", "Waiting", "Contacts waiting now", N, "■ 888"),
    Column(
        "longest", "Longest wait", "How long the oldest waiting contact has waited", N, "■ 0:00:00"
    ),
    Column("staffed", "Staffed", "Agents skilled for the queue and logged in", N, "8888"),
    Column("available", "Available", "Of those, available for a contact now", N, "8888"),
    Column("on_contact", "On contact", "Agents handling a contact of this queue now", N, "8888"),
    Column("wrap_up", "Wrap-up", "Agents in wrap-up after a contact of this queue", N, "8888"),
    Column("offered", "Offered", "Contacts that arrived today so far", N, "888888"),
    Column("answered", "Answered", "Contacts answered today so far", N, "888888"),
    Column("abandoned", "Abandoned", "Callers who hung up while waiting, today", N, "88888"),
    Column(
        "service_level",
        "Service level",
        "Answered within the answer-time threshold today, against the queue's target",
        N,
        "■ 100.0 % (80 % in 60 s)",
        narrow="■ 100.0 %",
    ),
    Column("asa", "ASA", "Average speed of answer today", N, "0:00:00"),
    Column("aht", "AHT", "Average handle time today (talk + wrap-up)", N, "0:00:00"),
    Column("abandon_rate", "Abandon rate", "Abandons after the short-abandon time ÷ offered", N),
)
COL = {c.key: i for i, c in enumerate(QUEUE_COLUMNS)}
LONGEST = COL["longest"]
TICKING = (LONGEST,)


def _cells(
    key: int,
    name: str,
    counts: tuple[int, int, int, int, int],
    sums: ContactSums,
    sl: float | None,
    sl_text: str,
    order: tuple[object, ...],
) -> Cells:
    waiting, staffed, available, on_contact, wrap_up = counts
    asa, aht = kpi.average_speed_of_answer(sums), kpi.average_handle_time(sums)
    rate = kpi.abandon_rate(sums)
    numbers = [waiting, 0, staffed, available, on_contact, wrap_up]
    numbers += [sums.offered, sums.answered, sums.abandoned]
    text = [name] + [str(n) for n in numbers]
    text += [sl_text, fmt.hms_display(asa), fmt.hms_display(aht), fmt.percent_display(rate)]
    copy = [name] + [str(n) for n in numbers]
    copy += [fmt.percent_copy(sl), fmt.hms(asa), fmt.hms(aht), fmt.percent_copy(rate)]
    sort = (name.casefold(), *numbers, _num(sl), _num(asa), _num(aht), _num(rate))
    return Cells(key, None, text, copy, sort, order, [Level.OK] * len(text), [None] * len(text))


def _num(value: float | None) -> float:
    return -1.0 if value is None else value


def queue_cells(q: QueueRow, now: datetime) -> Cells:
    limits = queue_limits(q.thresholds)
    sl = q.service_level
    sl_text = fmt.service_level_display(sl, q.service_level_target, q.answer_threshold_seconds)
    counts = (q.waiting, q.staffed, q.available, q.on_contact, q.wrap_up)
    order = (0, q.name.casefold(), q.queue_id)
    cells = _cells(q.queue_id, q.name, counts, q.today, sl, sl_text, order)
    cells.signature = q
    cells.source = q
    cells.tips[0] = f"{q.name} · {q.channel.value}"
    _mark(cells, COL["waiting"], limits.waiting.level(q.waiting))
    cells.tips[COL["waiting"]] = level_tip(
        cells.levels[COL["waiting"]], f"{q.waiting} waiting", limits.waiting
    )
    sl_col = COL["service_level"]
    _mark(cells, sl_col, limits.service_level.level(sl))
    what = f"service level {fmt.percent_display(sl)}"
    limit = level_tip(cells.levels[sl_col], what, limits.service_level, "%")
    # The whole figure with its target: a narrow column cuts the target first.
    cells.tips[sl_col] = "\n".join(t for t in (sl_text, limit) if t)
    if q.oldest_waiting_since is not None:
        cells.clocks[LONGEST] = q.oldest_waiting_since.timestamp()
    tick_queue(cells, now.timestamp())
    return cells


def _mark(cells: Cells, col: int, level: Level) -> None:
    cells.levels[col] = level
    cells.text[col] = marked(cells.text[col], level)


def tick_queue(cells: Cells, now: float) -> bool:
    """Refresh the longest-wait cell (text, level, tooltip); True if it changed."""
    since = cells.clocks.get(LONGEST)
    seconds = None if since is None else max(now - since, 0.0)
    limits = queue_limits(cells.source.thresholds) if cells.source is not None else NO_LIMITS
    level = limits.longest_wait.level(seconds)
    text = marked(fmt.hms_display(seconds), level)
    if text == cells.text[LONGEST] and level is cells.levels[LONGEST]:
        return False
    cells.text[LONGEST] = text
    cells.copy[LONGEST] = fmt.hms(seconds)
    cells.levels[LONGEST] = level
    what = f"longest wait {fmt.hms_display(seconds)}"
    cells.tips[LONGEST] = level_tip(level, what, limits.longest_wait, "s")
    return True


@dataclass(frozen=True, slots=True)
class Totals:
    """What the total row adds up: counts, ContactSums added with ``+``, the oldest wait."""

    counts: tuple[int, int, int, int, int]  # waiting, staffed, available, on contact, wrap-up
    sums: ContactSums
    oldest: datetime | None
    goals: frozenset[tuple[float, int]]  # (target, answer threshold) of the queues
    queues: int
    variant: kpi.ServiceLevelVariant = kpi.ServiceLevelVariant.OFFERED  # the site's


def _agent_counts(
    queues: Sequence[QueueRow], agents: Sequence[AgentRow]
) -> tuple[int, int, int, int]:
    """Staffed, available, on a contact of these queues, wrapping one up: one pass over the
    agents (run at every refresh over 2,000 of them), each counted once."""
    ids = {q.queue_id for q in queues}
    names = {q.name for q in queues}
    staffed = available = on_contact = wrap_up = 0
    for a in agents:
        state = a.state
        if state is AgentState.OFFLINE or ids.isdisjoint(a.queue_ids):
            continue
        staffed += 1
        if state is AgentState.AVAILABLE:
            available += 1
        elif state is AgentState.ON_CONTACT:
            on_contact += a.contact_queue in names
        elif state is AgentState.WRAP_UP:
            wrap_up += a.contact_queue in names
    return staffed, available, on_contact, wrap_up


def totals(queues: Sequence[QueueRow], agents: Sequence[AgentRow]) -> Totals:
    """Sums over ``queues``; agents counted once however many of them they are skilled for.

    Computed on the worker for all queues; for one queue its own row already says it.
    """
    waiting = sum(q.waiting for q in queues)
    if len(queues) == 1:
        (q,) = queues
        counts = (waiting, q.staffed, q.available, q.on_contact, q.wrap_up)
    else:
        counts = (waiting, *_agent_counts(queues, agents))
    oldest = [q.oldest_waiting_since for q in queues if q.oldest_waiting_since is not None]
    return Totals(
        counts=counts,
        sums=reduce(lambda a, b: a + b, (q.today for q in queues), ContactSums()),
        oldest=min(oldest) if oldest else None,
        goals=frozenset((q.service_level_target, q.answer_threshold_seconds) for q in queues),
        queues=len(queues),
        variant=queues[0].service_level_variant if queues else kpi.ServiceLevelVariant.OFFERED,
    )


def total_cells(t: Totals, now: datetime) -> Cells:
    """The bold last row: ratios recomputed from the summed sums, never averaged."""
    sl = kpi.service_level(t.sums, t.variant)
    if len(t.goals) == 1:
        ((target, threshold),) = t.goals
        sl_text = fmt.service_level_display(sl, target, threshold)
    else:
        sl_text = fmt.percent_display(sl)
    label = "Total" if t.queues != 1 else "Total (1 queue)"
    cells = _cells(TOTAL_KEY, label, t.counts, t.sums, sl, sl_text, (1,))
    if t.oldest is not None:
        cells.clocks[LONGEST] = t.oldest.timestamp()
    cells.signature = t
    cells.bold = True
    cells.tips[0] = "All queues shown above: sums, and ratios recomputed from the sums"
    tick_queue(cells, now.timestamp())
    return cells
