"""Writing live simulated traffic: each event in a short transaction, announced to listeners.

The simulator (``supervisor_app.ingest.simulator.live``) decides what happens;
this module reads each day's published shifts back (or publishes generated
ones), recovers from a run that was killed, and writes arrivals, answers, ends
and agent state changes as they happen, so a live board sees contacts waiting
and agents moving. The roster itself is read and created by ``simulation_writes``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, func, insert, select, update

from supervisor_app.domain.enums import (
    AgentState,
    Channel,
    EscalationStatus,
    Outcome,
)
from supervisor_app.services.database import Database
from supervisor_app.services.writers.simulation.day_plan import DayPlanIO
from supervisor_app.services.writers.simulation.events import (
    Answered,
    Arrived,
    Ended,
    EscalationDraft,
    LiveEvent,
    LiveStart,
    StateChanged,
    SurveyDraft,
    WaitingContact,
    Wrapped,
)
from supervisor_app.services.writers.simulation.writes import (
    SOURCE,
    RosterSpec,
)
from supervisor_app.store.changes import announce

__all__ = [
    "Answered",
    "Arrived",
    "Ended",
    "EscalationDraft",
    "LiveEvent",
    "LiveStart",
    "LiveWriter",
    "StateChanged",
    "SurveyDraft",
    "WaitingContact",
    "Wrapped",
]
from supervisor_app.store.models import (
    AgentStateSpan,
    Contact,
    Escalation,
    SurveyResponse,
)


def _at(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)


class LiveWriter(DayPlanIO):
    """Reads what a live run needs and writes what it does; one per run, used from one thread."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._ids: dict[int, int] = {}  # simulator key -> contacts.id

    # -- picking up where the last run stopped -----------------------------------------

    def start(self, roster: RosterSpec, day_start: float) -> LiveStart:
        """Close what a killed run left open, and say where the new run starts.

        The last thing the simulator wrote marks when the old run died. Conversations
        in progress then end at that moment, waiting callers and chats give up,
        agents go offline; emails stay in the inbox and are handed back to carry
        on. The new run starts at that moment or at ``day_start``, whichever is later.
        """
        agent_ids = [a.id for a in roster.agents]
        queue_ids = [q.id for q in roster.queues]  # another demo site's contacts aren't ours
        email_queues = [q.id for q in roster.queues if q.channel is Channel.EMAIL]
        sim = Contact.source == SOURCE
        with self._db.engine.begin() as conn:
            last = _latest(
                conn.execute(
                    select(
                        func.max(Contact.arrived_at),
                        func.max(Contact.answered_at),
                        func.max(Contact.ended_at),
                        func.max(Contact.wrap_ended_at),
                    ).where(sim)
                ).one(),
                conn.execute(
                    select(
                        func.max(AgentStateSpan.started_at), func.max(AgentStateSpan.ended_at)
                    ).where(AgentStateSpan.agent_id.in_(agent_ids))
                ).one(),
            )
            resume = max(day_start, last.timestamp()) if last else day_start
            if last is not None:
                _close_contacts(conn, last, email_queues, queue_ids)
            since = _close_spans(conn, agent_ids, last, _at(resume))
            waiting = conn.execute(
                select(Contact.id, Contact.queue_id, Contact.customer_ref, Contact.arrived_at)
                .where(sim, Contact.answered_at.is_(None), Contact.ended_at.is_(None))
                .where(Contact.queue_id.in_(queue_ids))
                .order_by(Contact.arrived_at, Contact.id)
            ).all()
            announce(conn, ["contacts", "agent_state_spans"])
        return LiveStart(
            resume,
            tuple(
                WaitingContact(r.id, r.queue_id, r.customer_ref, r.arrived_at.timestamp())
                for r in waiting
            ),
            since,
        )

    def bind(self, key: int, contact_id: int) -> None:
        """Events about ``key`` concern the existing contact ``contact_id`` (one carried on)."""
        self._ids[key] = contact_id

    def apply(self, events: Iterable[LiveEvent]) -> None:
        """Write ``events`` in order, in one transaction, and announce the tables touched."""
        tables: set[str] = set()
        with self._db.engine.begin() as conn:
            for event in events:
                tables |= self._apply(conn, event)
            if tables:
                announce(conn, tables)

    def _apply(self, conn: Connection, event: LiveEvent) -> set[str]:
        if isinstance(event, StateChanged):
            at = _at(event.at)
            conn.execute(
                update(AgentStateSpan)
                .where(AgentStateSpan.agent_id == event.agent_id, AgentStateSpan.ended_at.is_(None))
                .values(ended_at=at)
            )
            conn.execute(
                insert(AgentStateSpan).values(
                    agent_id=event.agent_id, state=event.state, reason=event.reason, started_at=at
                )
            )
            return {"agent_state_spans"}
        if isinstance(event, Arrived):
            self._ids[event.key] = conn.execute(
                insert(Contact)
                .values(
                    queue_id=event.queue_id,
                    source=SOURCE,
                    external_id=event.external_id,
                    customer_ref=event.customer_ref,
                    arrived_at=_at(event.at),
                    escalated=False,
                )
                .returning(Contact.id)
            ).scalar_one()
            return {"contacts"}
        contact_id = self._ids.get(event.key)
        if contact_id is None:  # its arrival was never written (a run cut short mid-write)
            return set()
        where = Contact.id == contact_id
        if isinstance(event, Answered):
            conn.execute(
                update(Contact)
                .where(where)
                .values(answered_at=_at(event.at), agent_id=event.agent_id)
            )
            return {"contacts"}
        if isinstance(event, Ended):
            escalation = event.escalation
            conn.execute(
                update(Contact)
                .where(where)
                .values(
                    ended_at=_at(event.at), outcome=event.outcome, escalated=escalation is not None
                )
            )
            if escalation is None:
                if event.outcome in (Outcome.ABANDONED, Outcome.TIMED_OUT):
                    self._ids.pop(event.key)
                return {"contacts"}
            conn.execute(
                insert(Escalation).values(
                    contact_id=contact_id,
                    queue_id=select(Contact.queue_id).where(where).scalar_subquery(),
                    customer_ref=select(Contact.customer_ref).where(where).scalar_subquery(),
                    reason=escalation.reason,
                    severity=escalation.severity,
                    status=EscalationStatus.OPEN,
                    created_at=_at(event.at),
                    version=1,
                )
            )
            return {"contacts", "escalations"}
        assert isinstance(event, Wrapped)
        self._ids.pop(event.key)
        conn.execute(update(Contact).where(where).values(wrap_ended_at=_at(event.at)))
        if event.survey is None:
            return {"contacts"}
        survey = event.survey
        conn.execute(
            insert(SurveyResponse).values(
                contact_id=contact_id,
                csat=survey.csat,
                nps=survey.nps,
                comment=survey.comment,
                answered_at=_at(event.at),
            )
        )
        return {"contacts", "survey_responses"}


def _latest(*rows: Sequence[datetime | None]) -> datetime | None:
    values = [v for row in rows for v in row if v is not None]
    return max(values) if values else None


def _close_contacts(
    conn: Connection, at: datetime, email_queues: list[int], queue_ids: list[int]
) -> None:
    """End what was in progress at ``at`` in ``queue_ids``: conversations, wrap-ups, callers
    and chats waiting."""
    sim = and_(Contact.source == SOURCE, Contact.queue_id.in_(queue_ids))
    conn.execute(
        update(Contact)
        .where(sim, Contact.ended_at.is_not(None), Contact.wrap_ended_at.is_(None))
        .where(Contact.answered_at.is_not(None))
        .values(wrap_ended_at=at)
    )
    conn.execute(
        update(Contact)
        .where(sim, Contact.answered_at.is_not(None), Contact.ended_at.is_(None))
        .values(ended_at=at, wrap_ended_at=at, outcome=Outcome.ANSWERED)
    )
    conn.execute(
        update(Contact)
        .where(sim, Contact.answered_at.is_(None), Contact.ended_at.is_(None))
        .where(Contact.queue_id.not_in(email_queues))
        .values(ended_at=at, outcome=Outcome.ABANDONED)
    )


def _close_spans(
    conn: Connection, agent_ids: list[int], last: datetime | None, resume: datetime
) -> dict[int, float]:
    """Every agent offline from when the old run died (or from ``resume`` if never seen)."""
    since: dict[int, float] = {}
    current = conn.execute(
        select(AgentStateSpan.agent_id, AgentStateSpan.state, AgentStateSpan.started_at).where(
            AgentStateSpan.agent_id.in_(agent_ids), AgentStateSpan.ended_at.is_(None)
        )
    ).all()
    for agent_id, state, started in current:
        if state is AgentState.OFFLINE or last is None:
            since[agent_id] = started.timestamp()
            continue
        conn.execute(
            update(AgentStateSpan)
            .where(AgentStateSpan.agent_id == agent_id, AgentStateSpan.ended_at.is_(None))
            .values(ended_at=last)
        )
        conn.execute(
            insert(AgentStateSpan).values(
                agent_id=agent_id, state=AgentState.OFFLINE, started_at=last
            )
        )
        since[agent_id] = last.timestamp()
    fresh = [a for a in agent_ids if a not in since]
    if fresh:
        conn.execute(
            insert(AgentStateSpan),
            [{"agent_id": a, "state": AgentState.OFFLINE, "started_at": resume} for a in fresh],
        )
        since.update(dict.fromkeys(fresh, resume.timestamp()))
    return since
