"""Quality evaluation forms: add one, edit it (a new version), list them, read a version.

A form's versions are never changed: saving a changed definition adds version
n + 1, and evaluations keep pointing at the version they were scored with.
Saving a definition equal to the newest version adds nothing. Every change
writes an audit row in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.quality import FormDefinition, check
from supervisor_app.services.audit import record
from supervisor_app.services.database import Database
from supervisor_app.store.models import QaEvaluation, QaForm, QaFormVersion


@dataclass(frozen=True, slots=True)
class FormVersion:
    """One version of a form, with what it asks."""

    form_id: int
    name: str
    version_id: int
    number: int
    definition: FormDefinition
    created_by: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class FormSummary:
    form_id: int
    name: str
    versions: int  # the newest version's number
    questions: int  # in the newest version
    evaluations: int  # with any version


def list_forms(db: Database) -> list[FormSummary]:
    """Every form by name, with its newest version's size and its evaluations counted."""
    with db.sessions() as session:
        newest = _newest(session)
        used = {
            form_id: int(count)
            for form_id, count in session.execute(
                select(QaFormVersion.form_id, func.count(QaEvaluation.id))
                .join(QaEvaluation, QaEvaluation.form_version_id == QaFormVersion.id)
                .group_by(QaFormVersion.form_id)
            )
        }
    return sorted(
        (
            FormSummary(
                v.form_id, v.name, v.number, len(v.definition.questions), used.get(v.form_id, 0)
            )
            for v in newest.values()
        ),
        key=lambda f: f.name.casefold(),
    )


def current_forms(db: Database) -> list[FormVersion]:
    """Every form's newest version, by name: what a new evaluation is scored with."""
    with db.sessions() as session:
        newest = _newest(session)
    return sorted(newest.values(), key=lambda v: v.name.casefold())


def form_version(db: Database, name: str, number: int | None = None) -> FormVersion:
    """Version ``number`` of the form called ``name`` (None: the newest)."""
    with db.sessions() as session:
        form = session.scalar(select(QaForm).where(QaForm.name == name.strip()))
        if form is None:
            raise UserError(f"no evaluation form named {name!r}")
        query = select(QaFormVersion).where(QaFormVersion.form_id == form.id)
        query = (
            query.where(QaFormVersion.number == number)
            if number is not None
            else query.order_by(QaFormVersion.number.desc()).limit(1)
        )
        row = session.scalar(query)
        if row is None:
            raise UserError(f"form {name!r} has no version {number}")
        return _version(form, row)


def version_by_id(db: Database, version_id: int) -> FormVersion:
    with db.sessions() as session:
        row = session.get(QaFormVersion, version_id)
        if row is None:
            raise UserError(f"no evaluation form version with id {version_id}")
        form = session.get(QaForm, row.form_id)
        assert form is not None
        return _version(form, row)


def save_form(db: Database, name: str, definition: FormDefinition, actor: str) -> FormVersion:
    """``definition`` as the newest version of the form ``name`` (a new form if there is
    none); unchanged from the newest version, nothing is written."""
    name = name.strip()
    if not name or len(name) > 120:
        raise UserError(f"form name {name!r} refused: 1 to 120 characters")
    check(definition)
    data = definition.as_dict()
    try:
        with db.sessions.begin() as session:
            form = session.scalar(select(QaForm).where(QaForm.name == name))
            if form is None:
                form = QaForm(name=name)
                session.add(form)
                session.flush()
                number = 1
            else:
                latest = session.scalar(
                    select(QaFormVersion)
                    .where(QaFormVersion.form_id == form.id)
                    .order_by(QaFormVersion.number.desc())
                    .limit(1)
                )
                if latest is not None and latest.definition == data:
                    return _version(form, latest)
                number = 1 if latest is None else latest.number + 1
            row = QaFormVersion(form_id=form.id, number=number, definition=data, created_by=actor)
            session.add(row)
            session.flush()
            record(
                session,
                actor=actor,
                action="qa.form.add" if number == 1 else "qa.form.version",
                entity="qa_form",
                entity_id=form.id,
                after={"name": name, "version": number, "definition": data},
            )
            return _version(form, row)
    except IntegrityError:  # another console saved this form's next version first
        raise UserError(f"form {name!r} was changed by someone else meanwhile: reload") from None


def _newest(session: Session) -> dict[int, FormVersion]:
    top = (
        select(QaFormVersion.form_id, func.max(QaFormVersion.number).label("n"))
        .group_by(QaFormVersion.form_id)
        .subquery()
    )
    rows = session.execute(
        select(QaForm, QaFormVersion)
        .join(QaFormVersion, QaFormVersion.form_id == QaForm.id)
        .join(top, (top.c.form_id == QaFormVersion.form_id) & (top.c.n == QaFormVersion.number))
    )
    return {form.id: _version(form, version) for form, version in rows}


def _version(form: QaForm, row: QaFormVersion) -> FormVersion:
    return FormVersion(
        form.id,
        form.name,
        row.id,
        row.number,
        FormDefinition.from_dict(row.definition),
        row.created_by,
        row.created_at,
    )
