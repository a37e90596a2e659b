"""Turning simulated days into table rows (column batches with pre-assigned ids).

Ids come from ``reserve_ids`` in the order rows are made, so a contact's
survey and escalation, or a shift's activities, can point at ids that are
only written a moment later in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import numpy as np

from supervisor_app.domain.enums import ShiftStatus, TimeOffStatus
from supervisor_app.domain.simulation import (
    ANSWERED,
    OUTCOMES,
    STATES,
    TRANSFERRED,
    Arrivals,
    Engine,
    Span,
)
from supervisor_app.ingest.simulator.days import LocalDay
from supervisor_app.ingest.simulator.outcomes import (
    ESCALATIONS,
    SEVERITIES,
    comments,
    escalation_state,
    survey_scores,
)
from supervisor_app.ingest.simulator.profiles import PROFILES
from supervisor_app.services.writers.simulation import (
    SOURCE,
    ReserveIds,
    RosterSpec,
    RowBatch,
    ShiftSpec,
)

OUTCOME_TEXT = tuple(o.value if o else None for o in OUTCOMES)
STATE_TEXT = tuple(s.value for s in STATES)
PUBLISHED_AHEAD = timedelta(days=10)


def _ids(reserve_ids: ReserveIds, table: str, n: int) -> np.ndarray:
    return reserve_ids(table, n) + np.arange(n) if n else np.zeros(0, dtype=np.int64)


def customer_refs(customer: np.ndarray) -> list[str]:
    return [f"C{c:06d}" for c in customer.tolist()]


def contact_rows(
    engine: Engine,
    lo: int,
    arrivals: Arrivals,
    external_ids: Sequence[str],
    roster: RosterSpec,
    reserve_ids: ReserveIds,
    until: float,
) -> list[RowBatch]:
    """Contacts ``lo .. lo+len(arrivals)`` of the engine, with their surveys and escalations.

    Escalations are shown as they stand at ``until`` (the end of the history).
    """
    n = len(arrivals)
    hi = lo + n
    ids = _ids(reserve_ids, "contacts", n)
    queue_ids = np.array([q.id for q in roster.queues])[arrivals.queue]
    agent_ids = [a.id for a in roster.agents]
    outcome = np.array(engine.outcome[lo:hi])
    answered = (outcome == ANSWERED) | (outcome == TRANSFERRED)
    escalated = arrivals.escalate & answered
    answered_at = np.array(engine.answered[lo:hi])
    ended_at = np.array(engine.ended[lo:hi])
    wrap_ended_at = np.array(engine.wrap_ended[lo:hi])
    refs = customer_refs(arrivals.customer)
    batches = [
        RowBatch(
            "contacts",
            {
                "id": ids,
                "queue_id": queue_ids,
                "source": [SOURCE] * n,
                "external_id": external_ids,
                "customer_ref": refs,
                "arrived_at": arrivals.t,
                "answered_at": answered_at,
                "ended_at": ended_at,
                "wrap_ended_at": wrap_ended_at,
                "outcome": [OUTCOME_TEXT[o] for o in engine.outcome[lo:hi]],
                "agent_id": [agent_ids[a] if a >= 0 else None for a in engine.agent[lo:hi]],
                "escalated": escalated,
            },
        )
    ]
    surveyed = np.flatnonzero(arrivals.survey & answered & ~np.isnan(wrap_ended_at))
    tolerance = np.array([PROFILES[q.channel].wait_tolerance_s for q in roster.queues])
    csat, nps = survey_scores(
        answered_at[surveyed] - arrivals.t[surveyed],
        tolerance[arrivals.queue[surveyed]],
        outcome[surveyed] == TRANSFERRED,
        escalated[surveyed],
        arrivals.z_csat[surveyed],
        arrivals.z_nps[surveyed],
    )
    batches.append(
        RowBatch(
            "survey_responses",
            {
                "id": _ids(reserve_ids, "survey_responses", len(surveyed)),
                "contact_id": ids[surveyed],
                "csat": csat,
                "nps": nps,
                "comment": comments(csat, arrivals.comment[surveyed]),
                "answered_at": wrap_ended_at[surveyed],
            },
        )
    )
    esc = np.flatnonzero(escalated)
    state = escalation_state(
        ended_at[esc], arrivals.take_delay[esc], arrivals.resolve_delay[esc], until
    )
    batches.append(
        RowBatch(
            "escalations",
            {
                "id": _ids(reserve_ids, "escalations", len(esc)),
                "contact_id": ids[esc],
                "queue_id": queue_ids[esc],
                "customer_ref": [refs[i] for i in esc.tolist()],
                "reason": [ESCALATIONS[r] for r in arrivals.reason[esc].tolist()],
                "severity": [SEVERITIES[s].value for s in arrivals.severity[esc].tolist()],
                "status": [s.value for s in state.status],
                "owner": state.owner,
                "resolution": state.resolution,
                "created_at": ended_at[esc],
                "taken_at": state.taken_at,
                "resolved_at": state.resolved_at,
                "version": [1] * len(esc),
            },
        )
    )
    return batches


def span_rows(spans: Sequence[Span], roster: RosterSpec, reserve_ids: ReserveIds) -> RowBatch:
    """Agent state spans; an ``end`` of NaN is the agent's current, open span."""
    if not spans:
        return RowBatch("agent_state_spans")
    agent, state, reason, start, end = zip(*spans, strict=True)
    agent_ids = [a.id for a in roster.agents]
    return RowBatch(
        "agent_state_spans",
        {
            "id": _ids(reserve_ids, "agent_state_spans", len(spans)),
            "agent_id": [agent_ids[a] for a in agent],
            "state": [STATE_TEXT[s] for s in state],
            "reason": reason,
            "started_at": start,
            "ended_at": end,
        },
    )


def shift_rows(
    shifts: Sequence[ShiftSpec], day: LocalDay, reserve_ids: ReserveIds
) -> list[RowBatch]:
    """Published shifts and their activities, published ten days before the day."""
    ids = _ids(reserve_ids, "shifts", len(shifts)).tolist()
    published = day.start - PUBLISHED_AHEAD.total_seconds()
    activities = [(sid, a) for sid, s in zip(ids, shifts, strict=True) for a in s.activities]
    return [
        RowBatch(
            "shifts",
            {
                "id": ids,
                "agent_id": [s.agent_id for s in shifts],
                "starts_at": [s.starts for s in shifts],
                "ends_at": [s.ends for s in shifts],
                "status": [ShiftStatus.PUBLISHED.value] * len(shifts),
                "published_at": [published] * len(shifts),
                "published_by": [SOURCE] * len(shifts),
                "version": [1] * len(shifts),
            },
        ),
        RowBatch(
            "shift_activities",
            {
                "id": _ids(reserve_ids, "shift_activities", len(activities)),
                "shift_id": [sid for sid, _ in activities],
                "kind": [a.kind.value for _, a in activities],
                "starts_at": [a.starts for _, a in activities],
                "ends_at": [a.ends for _, a in activities],
                "version": [1] * len(activities),
            },
        ),
    ]


def time_off_rows(
    time_off: Sequence[tuple[int, TimeOffStatus, str]], day: LocalDay, reserve_ids: ReserveIds
) -> RowBatch:
    n = len(time_off)
    return RowBatch(
        "time_off",
        {
            "id": _ids(reserve_ids, "time_off", n),
            "agent_id": [a for a, _, _ in time_off],
            "starts_at": [day.start] * n,
            "ends_at": [day.end] * n,
            "status": [s.value for _, s, _ in time_off],
            "reason": [r for _, _, r in time_off],
            "version": [1] * n,
        },
    )


def forecast_rows(
    day: LocalDay, volume: np.ndarray, aht: np.ndarray, roster: RosterSpec, reserve_ids: ReserveIds
) -> RowBatch:
    n_queues, n_intervals = volume.shape
    return RowBatch(
        "forecasts",
        {
            "id": _ids(reserve_ids, "forecasts", volume.size),
            "queue_id": np.repeat([q.id for q in roster.queues], n_intervals),
            "interval_start": np.tile(day.interval_starts, n_queues),
            "volume": volume.ravel(),
            "aht_seconds": aht.ravel(),
        },
    )
