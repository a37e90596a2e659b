"""What runs on the worker for one refresh: take the snapshot, read the interval's forecast
(for the what-if panel), render the agent board.

Rendering two thousand rows of text, adding up the floor and picking out who is
out of adherence is most of a refresh's Python work; doing it here, beside the
query, leaves the GUI thread only the comparing and the signals. No UI calls in
here (Qt widgets belong to the GUI thread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from supervisor_app.ui.common.workers import Op, Report
from supervisor_app.ui.live.board.agent_cells import agent_cells_all
from supervisor_app.ui.live.board.cells import Cells
from supervisor_app.ui.live.board.queue_cells import Totals, totals
from supervisor_app.ui.live.whatif.situation import WhatIfKey, WhatIfResult, what_if_for

if TYPE_CHECKING:
    from datetime import datetime

    from supervisor_app.services.database import Database
    from supervisor_app.services.live import Acknowledgement, AgentRow, LiveSnapshot
    from supervisor_app.services.planning import IntervalForecast

Take = Callable[["Database"], "LiveSnapshot"]
ForecastNow = Callable[["Database", "datetime"], "Mapping[int, IntervalForecast] | None"]
ReadAcks = Callable[["Database", "datetime"], "list[Acknowledgement] | None"]
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A snapshot and what the GUI thread would otherwise work out from its 2,000 agents."""

    snapshot: LiveSnapshot
    agents: list[Cells]  # the board's rows, rendered
    totals: Totals  # the Queues table's total over every queue
    out_of_adherence: dict[int, AgentRow]  # by agent id, for the alert feed
    teams: list[str]  # the Team filter's choices ("" for no team)
    forecast: Mapping[int, IntervalForecast] | None = None  # by queue, the snapshot's interval
    whatif: WhatIfResult | None = None  # the what-if panel's figures, for what it asked
    acks: list[Acknowledgement] | None = None  # every console's recent acknowledgements


def take_live_snapshot(db: Database, site_id: int | None = None) -> LiveSnapshot:
    """The service call, imported here so SQLAlchemy loads on a worker, after first paint."""
    from supervisor_app.services.live import take_snapshot

    return take_snapshot(db, site_id=site_id)


def read_forecast_now(
    db: Database, now: datetime, site_id: int | None = None
) -> Mapping[int, IntervalForecast] | None:
    """Each queue's forecast for the interval holding ``now`` (imported on the worker).

    Only the what-if panel needs it: if it can't be read, the live figures still go
    out (the panel then says there is no forecast) and the error is logged.
    """
    from supervisor_app.services.planning import forecast_now

    try:
        return forecast_now(db, now, site_id=site_id)
    except Exception:
        log.warning("the interval's forecast could not be read for the what-if", exc_info=True)
        return None


def no_forecast(_db: Database, _now: datetime) -> Mapping[int, IntervalForecast] | None:
    return None


def read_acknowledgements(db: Database, now: datetime) -> list[Acknowledgement] | None:
    """The alert acknowledgements of every console (imported on the worker).

    Like the forecast, a side dish: if they can't be read the live figures still
    go out, and the alerts keep the state they had.
    """
    from supervisor_app.services.live import recent_acknowledgements

    try:
        return recent_acknowledgements(db, now)
    except Exception:
        log.warning("alert acknowledgements could not be read", exc_info=True)
        return None


def no_acknowledgements(_db: Database, _now: datetime) -> list[Acknowledgement] | None:
    return None


def prepare(
    snapshot: LiveSnapshot,
    red_minutes: float,
    shown: Mapping[int, Cells] | None = None,
    forecast: Mapping[int, IntervalForecast] | None = None,
    whatif: WhatIfKey | None = None,
    acks: list[Acknowledgement] | None = None,
) -> Prepared:
    """``shown``: the board's current rows by id; those still right are reused, not re-rendered.
    ``whatif``: the queue and choices the what-if panel shows, to work its figures out here."""
    agents = snapshot.agents
    return Prepared(
        snapshot=snapshot,
        agents=agent_cells_all(agents, snapshot.taken_at, red_minutes, shown),
        totals=totals(snapshot.queues, agents),
        out_of_adherence={a.agent_id: a for a in agents if not a.adherence.in_adherence},
        teams=sorted({a.team or "" for a in agents}, key=str.casefold),
        forecast=forecast,
        whatif=None if whatif is None else what_if_for(snapshot, forecast, whatif),
        acks=acks,
    )


def snapshot_op(
    take: Take,
    red_minutes: Callable[[], float],
    shown: Callable[[], Mapping[int, Cells]],
    forecast: ForecastNow = read_forecast_now,
    whatif: Callable[[], WhatIfKey] | None = None,
    acks: ReadAcks = read_acknowledgements,
    site: Callable[[], int | None] = lambda: None,
) -> Callable[[Database], Op[Prepared]]:
    """For ``SnapshotRefresher``: given the database, the op to run on the worker.

    ``red_minutes`` and ``shown`` are read on the GUI thread as the op starts; the board
    replaces its mapping of rows on each refresh and never changes one in place.
    ``forecast`` reads the forecast of the snapshot's interval, in the same op, so the
    what-if panel never queries from the GUI thread; ``whatif`` (read as the op starts,
    like the others) names the panel's queue and choices, whose Erlang A figures are
    worked out here too. ``site`` (read as the op starts) is the window's site; None
    where the database has one site (or a stand-in ``take`` knows no sites).
    """

    def make(db: Database) -> Op[Prepared]:
        minutes, rows = red_minutes(), shown()
        key = None if whatif is None else whatif()
        site_id = site()

        def op(_report: Report) -> Prepared:
            if site_id is None:
                snapshot = take(db)
                ahead = forecast(db, snapshot.taken_at)
            else:
                snapshot = take(db, site_id)  # type: ignore[call-arg]
                ahead = forecast(db, snapshot.taken_at, site_id)  # type: ignore[call-arg]
            return prepare(snapshot, minutes, rows, ahead, key, acks(db, snapshot.taken_at))

        return op

    return make
