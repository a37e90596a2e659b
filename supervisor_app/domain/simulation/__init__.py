"""The discrete-event contact centre: contacts arrive, wait, are answered or abandon.

Pure (no database, no clock): the demo's history and live traffic feed it from
day profiles (``ingest.simulator``); planning feeds it a forecast and a saved
schedule to see what the plan would achieve (``replay``).

The face: ``ingest.simulator`` runs the ``Engine`` over its arrivals and reads the
journal's codes; ``services.planning`` replays a forecast against a saved week.
"""

from __future__ import annotations

from supervisor_app.domain.simulation.codes import (
    ACTIVITY_STATE,
    ANSWERED,
    DONE,
    J_ABANDON,
    J_ANSWER,
    J_ARRIVE,
    J_END,
    J_STATE,
    J_WRAP,
    OUTCOMES,
    STATES,
    TRANSFERRED,
)
from supervisor_app.domain.simulation.contacts import INF, Arrivals
from supervisor_app.domain.simulation.engine import Engine, ShiftPlan, Span
from supervisor_app.domain.simulation.plan_replay import (
    ReplayAgent,
    ReplayQueue,
    replay,
    replay_runs,
)

__all__ = [
    "ACTIVITY_STATE",
    "ANSWERED",
    "DONE",
    "INF",
    "J_ABANDON",
    "J_ANSWER",
    "J_ARRIVE",
    "J_END",
    "J_STATE",
    "J_WRAP",
    "OUTCOMES",
    "STATES",
    "TRANSFERRED",
    "Arrivals",
    "Engine",
    "ReplayAgent",
    "ReplayQueue",
    "ShiftPlan",
    "Span",
    "replay",
    "replay_runs",
]
