"""Agent state spans from a queue_log, matched on (agent, start, state).

A span already stored is left alone, or closed if it was still open. A new span
closes the agent's stored open span when it starts after it; one that starts
before (older history read late) stops where the stored one begins.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from supervisor_app.domain.enums import AgentState
from supervisor_app.services.writers.queue_log.records import SpanRecord, WriteCounts
from supervisor_app.services.writers.queue_log.roster import Roster
from supervisor_app.services.writers.queue_log.times import at, second, texts
from supervisor_app.store import bulk
from supervisor_app.store.models import AgentStateSpan

CHUNK = 900
SPAN_COLUMNS = ("agent_id", "state", "reason", "started_at", "ended_at")
STATE_TEXT = {s: s.value for s in AgentState}


def write_spans(
    conn: Connection, roster: Roster, spans: Sequence[SpanRecord], counts: WriteCounts
) -> bool:
    """Insert new spans, close stored open ones; True if any row changed."""
    agents = roster.agents
    by_agent: dict[int, list[SpanRecord]] = {}
    for span in spans:
        by_agent.setdefault(agents[span.agent], []).append(span)
    known: dict[tuple[int, float, AgentState], tuple[int, bool]] = {}
    open_rows: dict[int, tuple[int, float]] = {}
    earliest = at(min(s.started for s in spans))
    ids = list(by_agent)
    for i in range(0, len(ids), CHUNK):
        rows = conn.execute(
            select(
                AgentStateSpan.id,
                AgentStateSpan.agent_id,
                AgentStateSpan.state,
                AgentStateSpan.started_at,
                AgentStateSpan.ended_at,
            ).where(
                AgentStateSpan.agent_id.in_(ids[i : i + CHUNK]),
                (AgentStateSpan.started_at >= earliest) | AgentStateSpan.ended_at.is_(None),
            )
        )
        for sid, agent_id, state, started, ended in rows:
            known[(agent_id, second(started), state)] = (sid, ended is None)
            if ended is None:
                open_rows[agent_id] = (sid, second(started))
    closes: list[dict[str, Any]] = []
    inserts: list[tuple[int, SpanRecord, float | None]] = []
    for agent_id, items in by_agent.items():
        current = open_rows.get(agent_id)
        for span in sorted(items, key=lambda s: s.started):
            start = second(span.started)
            found = known.get((agent_id, start, span.state))
            if found is not None:
                if found[1] and span.ended is not None:
                    closes.append({"b_id": found[0], "b_end": at(span.ended)})
                    counts.spans_updated += 1
                    if current is not None and current[0] == found[0]:
                        current = None
                continue
            end = span.ended
            if current is not None:
                if current[1] <= start:
                    closes.append({"b_id": current[0], "b_end": at(span.started)})
                    current = None
                elif end is None or end > current[1]:
                    end = current[1]  # older history: it stops where the stored one begins
            inserts.append((agent_id, span, end))
    if closes:
        conn.execute(
            update(AgentStateSpan)
            .where(AgentStateSpan.id == bindparam("b_id"))
            .values(ended_at=bindparam("b_end")),
            closes,
        )
    if inserts:
        dialect = conn.dialect.name
        starts = texts(dialect, [s.started for _, s, _ in inserts])
        ends = texts(dialect, [e for _, _, e in inserts])
        rows = [
            (agent_id, STATE_TEXT[span.state], span.reason, starts[i], ends[i])
            for i, (agent_id, span, _) in enumerate(inserts)
        ]
        bulk.insert_rows(conn, AgentStateSpan.__table__, SPAN_COLUMNS, rows)  # type: ignore[arg-type]
        counts.spans_added += len(inserts)
    return bool(closes or inserts)
