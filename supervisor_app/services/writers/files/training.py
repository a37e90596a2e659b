"""Writing checked training completions, all or nothing: a file's rows or the demo's.

The rows are checked before (``ingest.files.training``); here they are written
in one transaction with one audit row: the import's (file, SHA-256, rows), or,
for completions that come from no file (the demo seed), a ``training.complete``
row naming how many and where from. A completion already recorded (same agent,
course and day) is skipped, so importing a file twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select

from supervisor_app.services.audit import ImportedFile, record, record_import
from supervisor_app.services.database import Database
from supervisor_app.services.writers.files.common import lock_for_write
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Agent, TrainingCompletion, TrainingCourse


@dataclass(frozen=True, slots=True)
class CompletionRow:
    agent_id: int
    course_id: int
    completed_on: date  # a local day
    expires_on: date | None  # from the course's validity (``domain.training.expiry``)


@dataclass(frozen=True, slots=True)
class TrainingNames:
    """What a completions file may name: agents by code, courses by name (both casefolded)."""

    agents: dict[str, int]
    courses: dict[str, tuple[int, str, int | None]]  # → id, name as stored, valid days


def training_names(db: Database) -> TrainingNames:
    with db.engine.connect() as conn:
        agents = {c.casefold(): i for i, c in conn.execute(select(Agent.id, Agent.employee_code))}
        courses = {
            n.casefold(): (i, n, v)
            for i, n, v in conn.execute(
                select(TrainingCourse.id, TrainingCourse.name, TrainingCourse.valid_days)
            )
        }
    return TrainingNames(agents, courses)


def write_completions(
    db: Database,
    rows: Sequence[CompletionRow],
    actor: str,
    imported: ImportedFile | None,
    source: str = "",
) -> int:
    """Insert the completions not already recorded; returns how many were added.

    ``imported``: the file's audit row; None: a ``training.complete`` row citing ``source``.
    """
    with db.sessions.begin() as session:
        conn = session.connection()
        lock_for_write(conn)
        ids = sorted({r.agent_id for r in rows})
        known = {
            (a, c, d)
            for a, c, d in conn.execute(
                select(
                    TrainingCompletion.agent_id,
                    TrainingCompletion.course_id,
                    TrainingCompletion.completed_on,
                ).where(TrainingCompletion.agent_id.in_(ids))
            )
        }
        fresh: dict[tuple[int, int, date], CompletionRow] = {}
        for r in rows:
            key = (r.agent_id, r.course_id, r.completed_on)
            if key not in known:
                fresh.setdefault(key, r)
        if fresh:
            conn.execute(
                insert(TrainingCompletion),
                [
                    {
                        "agent_id": r.agent_id,
                        "course_id": r.course_id,
                        "completed_on": r.completed_on,
                        "expires_on": r.expires_on,
                        "recorded_by": actor[:120],
                    }
                    for r in fresh.values()
                ],
            )
        if imported is not None:
            record_import(conn, imported, actor, {"completions_added": len(fresh)})
        else:
            record(
                session,
                actor=actor,
                action="training.complete",
                entity="training_completion",
                entity_id=None,
                after={"completions_added": len(fresh), "source": source},
            )
        announce(conn, ["training_completions"])
    return len(fresh)
