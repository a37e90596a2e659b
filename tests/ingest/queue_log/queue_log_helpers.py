"""Helpers for the queue_log tests: the real files, and feeding hand-made lines."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from supervisor_app.ingest.queue_log.lines import LogEvent, parse_pipe
from supervisor_app.ingest.queue_log.machine import EventMachine
from supervisor_app.services.database import Database
from supervisor_app.store.models import Agent, AgentStateSpan, Contact, Queue

DATA = Path(__file__).resolve().parents[2] / "data" / "shared" / "queue_log"
PIPE_FILE = DATA / "malariapbx_queue_log.pipe"
CSV_FILE = DATA / "malariapbx_realtime_queue_log.csv"


def parse(line: str) -> LogEvent:
    return parse_pipe(1, line)


def machine_after(text: str) -> EventMachine:
    """An event machine fed the pipe-format lines of ``text`` (blank lines ignored)."""
    machine = EventMachine()
    for number, line in enumerate(text.strip().splitlines(), start=1):
        if line.strip():
            machine.feed(parse_pipe(number, line.strip()))
    return machine


def table_rows(db: Database, sql: str) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def contacts(db: Database) -> list[tuple[Any, ...]]:
    """Every contact as (external_id, queue, customer, arrived, answered, ended, wrap end,
    outcome, agent code), epoch seconds, sorted."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(
                Contact.external_id,
                Queue.name,
                Contact.customer_ref,
                Contact.arrived_at,
                Contact.answered_at,
                Contact.ended_at,
                Contact.wrap_ended_at,
                Contact.outcome,
                Agent.employee_code,
            )
            .join(Queue, Queue.id == Contact.queue_id)
            .outerjoin(Agent, Agent.id == Contact.agent_id)
            .order_by(Contact.external_id)
        ).all()
    return [tuple(_plain(v) for v in r) for r in rows]


def spans(db: Database) -> list[tuple[Any, ...]]:
    """Every agent state span as (agent code, state, reason, start, end), sorted."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(
                Agent.employee_code,
                AgentStateSpan.state,
                AgentStateSpan.reason,
                AgentStateSpan.started_at,
                AgentStateSpan.ended_at,
            )
            .join(Agent, Agent.id == AgentStateSpan.agent_id)
            .order_by(Agent.employee_code, AgentStateSpan.started_at, AgentStateSpan.id)
        ).all()
    return [tuple(_plain(v) for v in r) for r in rows]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.timestamp()
    return value.value if hasattr(value, "value") else value
