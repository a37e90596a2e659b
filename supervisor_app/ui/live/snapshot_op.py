"""What runs on the worker for one refresh: take the snapshot, render the agent board.

Rendering two thousand rows of text, adding up the floor and picking out who is
out of adherence is most of a refresh's Python work; doing it here, beside the
query, leaves the GUI thread only the comparing and the signals. No UI calls in
here (Qt widgets belong to the GUI thread).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from supervisor_app.ui.live.agent_cells import agent_cells_all
from supervisor_app.ui.live.cells import Cells
from supervisor_app.ui.live.queue_cells import Totals, totals
from supervisor_app.ui.workers import Report

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.live_snapshot import AgentRow, LiveSnapshot

Take = Callable[["Database"], "LiveSnapshot"]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A snapshot and what the GUI thread would otherwise work out from its 2,000 agents."""

    snapshot: LiveSnapshot
    agents: list[Cells]  # the board's rows, rendered
    totals: Totals  # the Queues table's total over every queue
    out_of_adherence: dict[int, AgentRow]  # by agent id, for the alert feed
    teams: list[str]  # the Team filter's choices ("" for no team)


def take_live_snapshot(db: Database) -> LiveSnapshot:
    """The service call, imported here so SQLAlchemy loads on a worker, after first paint."""
    from supervisor_app.services.live_snapshot import take_snapshot

    return take_snapshot(db)


def prepare(
    snapshot: LiveSnapshot, red_minutes: float, shown: Mapping[int, Cells] | None = None
) -> Prepared:
    """``shown``: the board's current rows by id; those still right are reused, not re-rendered."""
    agents = snapshot.agents
    return Prepared(
        snapshot=snapshot,
        agents=agent_cells_all(agents, snapshot.taken_at, red_minutes, shown),
        totals=totals(snapshot.queues, agents),
        out_of_adherence={a.agent_id: a for a in agents if not a.adherence.in_adherence},
        teams=sorted({a.team or "" for a in agents}, key=str.casefold),
    )


def snapshot_op(
    take: Take, red_minutes: Callable[[], float], shown: Callable[[], Mapping[int, Cells]]
) -> Callable[[Database], Callable[[Report], Prepared]]:
    """For ``SnapshotRefresher``: given the database, the op to run on the worker.

    ``red_minutes`` and ``shown`` are read on the GUI thread as the op starts; the board
    replaces its mapping of rows on each refresh and never changes one in place.
    """

    def make(db: Database) -> Callable[[Report], Prepared]:
        minutes, rows = red_minutes(), shown()

        def op(_report: Report) -> Prepared:
            return prepare(take(db), minutes, rows)

        return op

    return make
