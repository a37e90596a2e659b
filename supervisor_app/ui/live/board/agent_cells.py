"""The agent board's rows, rendered on the worker thread that took the snapshot.

Two thousand agents are rendered off the GUI thread; the GUI thread then only
compares signatures and redraws the rows that changed. The two clock columns
(time in state, minutes out of adherence) count from instants kept in
``Cells.clocks`` and tick in place once a second without a refresh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from supervisor_app.domain.alerts import Level
from supervisor_app.domain.enums import AgentState
from supervisor_app.ui.live import figure_text as fmt
from supervisor_app.ui.live.board.cells import Cells, Column
from supervisor_app.ui.live.board.levels import marked

if TYPE_CHECKING:
    from supervisor_app.services.live import AgentRow

AGENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "name", "Agent", "Agent name; double-click: the agent's profile", sample="Mohammed Smith"
    ),
    Column("team", "Team", "The agent's team", sample="Customer email A"),
    Column(
        "state", "State", "What the phone system says the agent is doing", sample="● On contact"
    ),
    Column("reason", "Reason", "Reason code given with the state", sample="Coffee"),
    Column("time", "Time in state", "Time since the state began (h:mm:ss)", True, "0:00:00"),
    Column("queue", "Contact queue", "Queue of the contact being handled", sample="Customer email"),
    Column("scheduled", "Scheduled now", "What the schedule says for now", sample="Off-phone work"),
    Column(
        "adherence", "Adherence", "In or out of adherence, and for how long", sample="■ Out 88 min"
    ),
)
COL = {c.key: i for i, c in enumerate(AGENT_COLUMNS)}
TIME, ADHERENCE = COL["time"], COL["adherence"]
STATE_ORDER = {state: i for i, state in enumerate(fmt.STATE_LABELS)}
DEFAULT_RED_MINUTES = 5.0


def signature(a: AgentRow) -> tuple[object, ...]:
    """What the row shows, minus what the clock moves (``minutes_out`` grows every second)."""
    adherence = a.adherence
    return (
        a.name,
        a.team,
        a.state,
        a.reason,
        a.state_since,
        a.contact_queue,
        a.scheduled,
        a.on_shift,
        adherence.in_adherence,
        adherence.mismatch_since,
        a.queue_ids,
        a.approved_by,
    )


def agent_cells(a: AgentRow, now: float, red_minutes: float = DEFAULT_RED_MINUTES) -> Cells:
    state = fmt.state_label(a.state)
    scheduled = fmt.scheduled_label(a.scheduled, a.on_shift)
    team, reason, queue = a.team or "", a.reason or "", a.contact_queue or ""
    text = [a.name, team, state, reason, "", queue, scheduled, "In"]
    mismatch = a.adherence.mismatch_since
    since_out = mismatch.timestamp() if mismatch is not None else 0.0
    out = not a.adherence.in_adherence and mismatch is not None
    sort = (
        a.name.casefold(),
        team.casefold(),
        STATE_ORDER.get(a.state, len(STATE_ORDER)),
        reason.casefold(),
        -a.state_since.timestamp(),
        queue.casefold(),
        scheduled.casefold(),
        (1, -since_out) if out else (0, 0.0),
    )
    cells = Cells(
        key=a.agent_id,
        signature=signature(a),
        text=text,
        copy=list(text),
        sort=sort,
        order=(a.name.casefold(), a.agent_id),
        levels=[Level.OK] * len(text),
        tips=[None] * len(text),
        muted=a.state is AgentState.OFFLINE,
        source=a,
    )
    cells.clocks[TIME] = a.state_since.timestamp()
    if out:
        cells.clocks[ADHERENCE] = since_out
    elif a.approved_by:
        cells.text[ADHERENCE] = "In (approved)"
        cells.copy[ADHERENCE] = "In (approved)"
        cells.tips[ADHERENCE] = f"Out of schedule, approved by {a.approved_by}"
    elif mismatch is not None:
        cells.tips[ADHERENCE] = (
            f"State differs from the schedule since {fmt.clock(mismatch, None)}, "
            "still within the grace period"
        )
    tick_agent(cells, now, red_minutes)
    return cells


def agent_cells_all(
    agents: Iterable[AgentRow],
    now: datetime,
    red_minutes: float = DEFAULT_RED_MINUTES,
    shown: Mapping[int, Cells] | None = None,
) -> list[Cells]:
    """Rows for ``agents``; a row the board ``shown`` already has, unchanged, is reused as is.

    Reusing is safe from a worker: a Cells' ``signature`` never changes once made (the
    GUI thread only moves its clock texts), and this reads nothing else of it.
    """
    stamp = now.timestamp()
    shown = shown or {}
    rows = []
    for a in agents:
        prev = shown.get(a.agent_id)
        if prev is not None and prev.signature == signature(a):
            rows.append(prev)
        else:
            rows.append(agent_cells(a, stamp, red_minutes))
    return rows


def tick_agent(cells: Cells, now: float, red_minutes: float) -> int:
    """Move the clocks; returns a bit mask of the columns whose text changed (1: time, 2: out)."""
    changed = 0
    text = fmt.hms(now - cells.clocks[TIME])
    if text != cells.text[TIME]:
        cells.text[TIME] = cells.copy[TIME] = text
        changed |= 1
    since = cells.clocks.get(ADHERENCE)
    if since is not None:
        minutes = max(now - since, 0.0) / 60.0
        level = Level.RED if minutes >= red_minutes else Level.AMBER
        shown = marked(f"Out {fmt.minutes_text(minutes)}", level)
        if shown != cells.text[ADHERENCE]:
            cells.text[ADHERENCE] = shown
            cells.copy[ADHERENCE] = f"Out {fmt.minutes_text(minutes)}"
            cells.levels[ADHERENCE] = level
            a = cells.source
            cells.tips[ADHERENCE] = (
                f"Out of adherence for {fmt.minutes_text(minutes)}: scheduled "
                f"{fmt.scheduled_label(a.scheduled, a.on_shift).lower()}, "
                f"state {fmt.state_label(a.state).lower()}"
                + (f" (red from {red_minutes:g} min)" if level is Level.AMBER else "")
            )
            changed |= 2
    return changed
