"""Contact-side KPI sums per group: ``ContactSums`` and survey answers in one scan, and FCR.

The sums columns are ``contact_sums``'s own, so this query can't define a KPI
differently from the live view; the survey answers ride on the same scan. Each
contact meets the targets in force on its own local day (``services.targets``).
First-contact resolution looks past the range and has a query of its own (``kpi_fcr``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.kpi import ContactSums
from supervisor_app.services.contact_sums import _count_if, _sum_columns
from supervisor_app.services.kpi.fcr import fcr_counts
from supervisor_app.services.kpi.scope import ContactScope, range_filter, scoped
from supervisor_app.services.kpi.sums import QualitySums
from supervisor_app.services.targets import span_join, targets_table
from supervisor_app.store.models import Contact, Queue, SurveyResponse


def _survey_columns() -> list[ColumnElement[Any]]:
    return [
        _count_if(SurveyResponse.csat >= 4).label("csat_satisfied"),
        func.count(SurveyResponse.csat).label("csat_responses"),
        _count_if(SurveyResponse.nps >= 9).label("nps_promoters"),
        _count_if(SurveyResponse.nps <= 6).label("nps_detractors"),
        func.count(SurveyResponse.nps).label("nps_responses"),
    ]


def contact_sums(
    session: Session, scope: ContactScope, start: datetime, end: datetime
) -> dict[tuple[Any, ...], tuple[ContactSums, QualitySums]]:
    """Sums of the contacts that arrived in [start, end), per group key."""
    keys = list(scope.keys)
    targets = targets_table(session, start=start, end=end)
    sums, surveys = _sum_columns(targets), _survey_columns()
    query = (
        select(*keys, *sums, *surveys)
        .select_from(Contact)
        .join(Queue, Queue.id == Contact.queue_id)
        .join(targets, span_join(targets))
        .outerjoin(SurveyResponse, SurveyResponse.contact_id == Contact.id)
    )
    query = scoped(query, scope).where(*range_filter(scope, start, end)).group_by(*keys)
    resolved = fcr_counts(session, scope, start, end)
    out = {}
    width = len(keys)
    for row in session.execute(query):
        key = tuple(row[:width])
        answers = [int(v) for v in row[width + len(sums) :]]
        out[key] = (
            _contact_sums([c.key for c in sums], row[width : width + len(sums)]),
            QualitySums(*answers, *resolved.get(key, (0, 0))),
        )
    return out


def _contact_sums(names: Sequence[str], values: Sequence[Any]) -> ContactSums:
    fields = dict(zip(names, values, strict=True))
    for name in ("answer_wait_seconds", "handle_seconds", "longest_wait_seconds"):
        if fields.get(name) is not None:
            fields[name] = float(fields[name])
    return ContactSums(**fields)
