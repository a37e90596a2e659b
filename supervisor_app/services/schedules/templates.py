"""Shift templates: a site's saved shift patterns, listed, saved and deleted (audited).

The editor lays a template out on a day with ``schedule_edits.from_template``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_types import ShiftTemplate, TemplateActivity
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.sites import the_site
from supervisor_app.store.changes import announce
from supervisor_app.store.models import ShiftTemplateActivityRow, ShiftTemplateRow

ENTITY = "shift_template"
_TABLES = ("shift_templates", "shift_template_activities", "audit_log")


class TemplateConflict(UserError):
    """The template changed or was deleted since it was loaded."""


def _value(row: ShiftTemplateRow) -> ShiftTemplate:
    return ShiftTemplate(
        row.name,
        row.start_minute,
        row.duration_minutes,
        tuple(
            TemplateActivity(a.kind, a.offset_minutes, a.duration_minutes) for a in row.activities
        ),
        id=row.id,
        version=row.version,
    )


def _dump(t: ShiftTemplate) -> dict[str, Any]:
    d = asdict(t)
    d.pop("version")
    return d


def validate_template(t: ShiftTemplate) -> None:
    if not t.name.strip():
        raise UserError("a template needs a name")
    if not 0 <= t.start_minute < 1440:
        raise UserError(f"template '{t.name}': start must be within the day (0–1439 minutes)")
    if t.duration_minutes <= 0:
        raise UserError(f"template '{t.name}': length must be more than 0 minutes")
    for a in t.activities:
        if a.offset_minutes < 0 or a.duration_minutes <= 0:
            raise UserError(f"template '{t.name}': {a.kind} needs a start ≥ 0 and a length > 0")
        if a.offset_minutes + a.duration_minutes > t.duration_minutes:
            raise UserError(f"template '{t.name}': {a.kind} ends after the shift")


def list_templates(db: Database, site_id: int | None = None) -> list[ShiftTemplate]:
    with db.sessions() as session:
        site = the_site(session, site_id)
        rows = session.scalars(
            select(ShiftTemplateRow)
            .where(ShiftTemplateRow.site_id == site.id)
            .order_by(ShiftTemplateRow.name)
        ).all()
        return [_value(r) for r in rows]


def save_template(
    db: Database, template: ShiftTemplate, user: str, site_id: int | None = None
) -> ShiftTemplate:
    """Create (``id`` None) or update a template; an update must carry the loaded version."""
    validate_template(template)
    with db.sessions() as session:
        site = the_site(session, site_id)
        if template.id is None:
            row = ShiftTemplateRow(site_id=site.id)
            session.add(row)
            before = None
        else:
            row = session.get(ShiftTemplateRow, template.id)
            if row is None or row.version != template.version:
                raise TemplateConflict(
                    f"template '{template.name}' was changed or deleted by someone else; reload it"
                )
            before = _dump(_value(row))
        row.name = template.name.strip()
        row.start_minute = template.start_minute
        row.duration_minutes = template.duration_minutes
        row.activities = [
            ShiftTemplateActivityRow(
                kind=a.kind, offset_minutes=a.offset_minutes, duration_minutes=a.duration_minutes
            )
            for a in template.activities
        ]
        try:
            session.flush()
        except IntegrityError as exc:
            raise UserError(f"a template named '{row.name}' already exists") from exc
        saved = _value(row)
        audit.record(
            session,
            actor=user,
            action=f"{ENTITY}.{'create' if before is None else 'update'}",
            entity=ENTITY,
            entity_id=row.id,
            before=before,
            after=_dump(saved),
        )
        announce(session.connection(), _TABLES)
        session.commit()
        return saved


def delete_template(db: Database, template_id: int, expected_version: int, user: str) -> None:
    with db.sessions() as session:
        row = session.get(ShiftTemplateRow, template_id)
        if row is None or row.version != expected_version:
            raise TemplateConflict(
                f"template {template_id} was changed or deleted by someone else; reload it"
            )
        before = _dump(_value(row))
        session.delete(row)
        session.flush()
        audit.record(
            session,
            actor=user,
            action=f"{ENTITY}.delete",
            entity=ENTITY,
            entity_id=template_id,
            before=before,
        )
        announce(session.connection(), _TABLES)
        session.commit()
