"""Writing checked quality evaluations (a file, or the demo seed): one transaction.

The rows arrive scored (``domain.quality.score`` against their form version),
so the writer only inserts them; an import writes its audit row in the same
transaction. Imported rows keep the file's evaluator and time (``imported_from``
tells the PostgreSQL trigger of migration 0016 so).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select

from supervisor_app.services.audit import ImportedFile, record_import
from supervisor_app.services.database import Database
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Agent, Contact, QaEvaluation, QaForm, QaFormVersion, Site


@dataclass(frozen=True, slots=True)
class EvaluationFileRow:
    agent_id: int
    form_version_id: int
    contact_id: int | None
    queue_id: int | None
    evaluator: str
    evaluated_at: datetime  # aware
    answers: dict[str, str]
    score_pct: float
    auto_failed: bool


@dataclass(frozen=True, slots=True)
class EvaluationLookups:
    """What checking an evaluations file needs: agents by code (with their site's zone),
    each form's versions (number → (id, definition)), and the newest number of each."""

    agents: dict[str, tuple[int, str]]  # employee code (casefolded) → (id, zone)
    versions: dict[str, dict[int, tuple[int, dict[str, Any]]]]  # form name (casefolded) → …


def evaluation_lookups(db: Database) -> EvaluationLookups:
    with db.engine.connect() as conn:
        agents = {
            str(code).casefold(): (int(i), str(zone))
            for i, code, zone in conn.execute(
                select(Agent.id, Agent.employee_code, Site.timezone).join(
                    Site, Site.id == Agent.site_id
                )
            )
        }
        versions: dict[str, dict[int, tuple[int, dict[str, Any]]]] = {}
        for name, number, version_id, definition in conn.execute(
            select(
                QaForm.name, QaFormVersion.number, QaFormVersion.id, QaFormVersion.definition
            ).join(QaFormVersion, QaFormVersion.form_id == QaForm.id)
        ):
            versions.setdefault(str(name).casefold(), {})[int(number)] = (
                int(version_id),
                definition,
            )
    return EvaluationLookups(agents, versions)


def contacts_by_external_id(
    db: Database, external_ids: Collection[str]
) -> dict[str, tuple[int, int] | None]:
    """(contact id, queue id) per external id; None where several sources share the id."""
    out: dict[str, tuple[int, int] | None] = {}
    ids = sorted(set(external_ids))
    with db.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for ext, cid, qid in conn.execute(
                select(Contact.external_id, Contact.id, Contact.queue_id).where(
                    Contact.external_id.in_(chunk)
                )
            ):
                out[ext] = None if ext in out else (int(cid), int(qid))
    return out


def write_evaluations(
    db: Database,
    rows: Sequence[EvaluationFileRow],
    actor: str,
    imported: ImportedFile | None,
) -> int:
    """Insert every row (all or none); ``imported`` None is the demo seed (no audit row)."""
    source = imported.file_name[-255:] if imported is not None else "demo seed"
    with db.engine.begin() as conn:
        if rows:
            conn.execute(
                insert(QaEvaluation),
                [
                    {
                        "agent_id": r.agent_id,
                        "contact_id": r.contact_id,
                        "queue_id": r.queue_id,
                        "form_version_id": r.form_version_id,
                        "evaluator": r.evaluator[:120],
                        "evaluated_at": r.evaluated_at,
                        "answers": r.answers,
                        "score_pct": r.score_pct,
                        "auto_failed": r.auto_failed,
                        "imported_from": source,
                    }
                    for r in rows
                ],
            )
        if imported is not None:
            record_import(conn, imported, actor, {"evaluations_added": len(rows)})
        announce(conn, ["qa_evaluations"])
    return len(rows)
