"""The engine's journal as the live writer's events, with what chance decided per contact."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import numpy as np

from supervisor_app.domain.simulation import (
    ANSWERED,
    J_ABANDON,
    J_ANSWER,
    J_ARRIVE,
    J_END,
    J_STATE,
    J_WRAP,
    OUTCOMES,
    STATES,
    TRANSFERRED,
    Engine,
)
from supervisor_app.ingest.simulator.arrivals import Arrivals, sample_contacts
from supervisor_app.ingest.simulator.history import Model
from supervisor_app.ingest.simulator.outcomes import (
    ESCALATIONS,
    SEVERITIES,
    comments,
    survey_scores,
)
from supervisor_app.ingest.simulator.profiles import PROFILES
from supervisor_app.ingest.simulator.rows import customer_refs
from supervisor_app.services.writers.simulation import (
    Answered,
    Arrived,
    Ended,
    EscalationDraft,
    LiveEvent,
    StateChanged,
    SurveyDraft,
    WaitingContact,
    Wrapped,
)


def live_external_id(queue_id: int, arrived: float) -> str:
    """Unique across runs and restarts: the queue and the arrival to the microsecond."""
    return f"live-{queue_id}-{round(arrived * 1e6)}"


class EventSource:
    def __init__(self, model: Model, engine: Engine) -> None:
        self._engine = engine
        self._channels = model.channels
        self._queue_ids = [q.id for q in model.roster.queues]
        self._agent_ids = [a.id for a in model.roster.agents]
        self._tolerance = np.array([PROFILES[c].wait_tolerance_s for c in model.channels])
        self._firsts: list[int] = []
        self._batches: list[Arrivals] = []

    def add(self, arrivals: Arrivals) -> None:
        """Contacts still to arrive, in time order after every earlier batch."""
        self._remember(self._engine.add_arrivals(arrivals), arrivals)

    def adopt(
        self, waiting: Sequence[WaitingContact], rng: np.random.Generator
    ) -> list[tuple[int, int]]:
        """Hand contacts already waiting in the database to the engine; (key, contact id) pairs."""
        index = {q: k for k, q in enumerate(self._queue_ids)}
        known = [w for w in waiting if w.queue_id in index]
        if not known:
            return []
        t = np.array([w.arrived for w in known])
        queue = np.array([index[w.queue_id] for w in known])
        batch = sample_contacts(t, queue, self._channels, rng)
        first = self._engine.adopt_waiting(batch)
        self._remember(first, batch)
        return [(first + k, w.id) for k, w in enumerate(known)]

    def _remember(self, first: int, batch: Arrivals) -> None:
        if len(batch):
            self._firsts.append(first)
            self._batches.append(batch)

    def _draws(self, i: int) -> tuple[Arrivals, int]:
        k = bisect_right(self._firsts, i) - 1
        return self._batches[k], i - self._firsts[k]

    def drain(self) -> list[LiveEvent]:
        """The events logged since the last call, oldest first."""
        engine = self._engine
        journal = engine.journal
        assert journal is not None, "the engine must keep a journal"
        out: list[LiveEvent] = []
        for entry in journal:
            t, kind, x = entry[0], entry[1], entry[2]
            if kind == J_STATE:
                out.append(StateChanged(self._agent_ids[x], STATES[entry[3]], entry[4], t))
            elif kind == J_ARRIVE:
                queue_id = self._queue_ids[engine.queue[x]]
                batch, k = self._draws(x)
                ref = customer_refs(batch.customer[k : k + 1])[0]
                out.append(Arrived(x, queue_id, live_external_id(queue_id, t), ref, t))
            elif kind == J_ANSWER:
                out.append(Answered(x, self._agent_ids[engine.agent[x]], t))
            elif kind == J_END:
                outcome = OUTCOMES[engine.outcome[x]]
                assert outcome is not None
                out.append(Ended(x, t, outcome, self._escalation(x)))
            elif kind == J_ABANDON:
                outcome = OUTCOMES[engine.outcome[x]]
                assert outcome is not None
                out.append(Ended(x, t, outcome))
            elif kind == J_WRAP:
                out.append(Wrapped(x, t, self._survey(x)))
        journal.clear()
        engine.spans.clear()  # the writer follows state changes; closed spans aren't needed
        return out

    def _escalation(self, i: int) -> EscalationDraft | None:
        batch, k = self._draws(i)
        if not batch.escalate[k]:
            return None
        return EscalationDraft(ESCALATIONS[batch.reason[k]], SEVERITIES[batch.severity[k]])

    def _survey(self, i: int) -> SurveyDraft | None:
        engine = self._engine
        batch, k = self._draws(i)
        if not batch.survey[k] or engine.outcome[i] not in (ANSWERED, TRANSFERRED):
            return None
        one = slice(k, k + 1)
        csat, nps = survey_scores(
            np.array([engine.answered[i] - engine.arrived[i]]),
            self._tolerance[batch.queue[one]],
            np.array([engine.outcome[i] == TRANSFERRED]),
            batch.escalate[one],
            batch.z_csat[one],
            batch.z_nps[one],
        )
        return SurveyDraft(int(csat[0]), int(nps[0]), comments(csat, batch.comment[one])[0])
