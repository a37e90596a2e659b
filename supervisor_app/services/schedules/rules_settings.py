"""A site's labour-rule settings: read for checking, written by a planner (audited)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_rules import BreakRequirement, RuleSettings
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.sites import the_site
from supervisor_app.store.base import utcnow
from supervisor_app.store.changes import announce
from supervisor_app.store.models import ScheduleRuleSettingsRow


def settings_of(row: ScheduleRuleSettingsRow | None) -> RuleSettings:
    if row is None:
        return RuleSettings()
    return RuleSettings(
        min_shift_minutes=row.min_shift_minutes,
        max_shift_minutes=row.max_shift_minutes,
        min_rest_minutes=row.min_rest_minutes,
        weekly_tolerance_minutes=row.weekly_tolerance_minutes,
        lunch_is_paid=row.lunch_is_paid,
        requirements=tuple(BreakRequirement(**r) for r in row.requirements),
    )


def rule_settings_in(session: Session, site_id: int) -> RuleSettings:
    return settings_of(session.get(ScheduleRuleSettingsRow, site_id))


def load_rule_settings(db: Database, site_id: int | None = None) -> RuleSettings:
    """The site's settings, or the defaults of ``RuleSettings`` if none were saved."""
    with db.sessions() as session:
        return rule_settings_in(session, the_site(session, site_id).id)


def validate(settings: RuleSettings) -> None:
    """``UserError`` naming the first setting that makes no sense."""
    if settings.min_shift_minutes <= 0:
        raise UserError("minimum shift length must be more than 0 minutes")
    if settings.max_shift_minutes < settings.min_shift_minutes:
        raise UserError("maximum shift length is below the minimum")
    if settings.min_rest_minutes < 0 or settings.weekly_tolerance_minutes < 0:
        raise UserError("rest and weekly tolerance can't be negative")
    for req in settings.requirements:
        if min(req.min_shift_minutes, req.breaks, req.lunches) < 0:
            raise UserError(f"break requirement {req} has a negative number")
        if req.break_minutes <= 0 or req.lunch_minutes <= 0:
            raise UserError(f"break requirement {req} needs positive break and lunch lengths")


def _dump(settings: RuleSettings) -> dict[str, Any]:
    return asdict(settings)


def save_rule_settings(
    db: Database, settings: RuleSettings, user: str, site_id: int | None = None
) -> RuleSettings:
    """Store the site's settings (one audit row with before and after)."""
    validate(settings)
    with db.sessions() as session:
        site = the_site(session, site_id)
        row = session.get(ScheduleRuleSettingsRow, site.id)
        before = None if row is None else _dump(settings_of(row))
        if row is None:
            row = ScheduleRuleSettingsRow(site_id=site.id)
            session.add(row)
        row.min_shift_minutes = settings.min_shift_minutes
        row.max_shift_minutes = settings.max_shift_minutes
        row.min_rest_minutes = settings.min_rest_minutes
        row.weekly_tolerance_minutes = settings.weekly_tolerance_minutes
        row.lunch_is_paid = settings.lunch_is_paid
        row.requirements = [asdict(r) for r in settings.requirements]
        row.updated_by, row.updated_at = user, utcnow()
        session.flush()
        audit.record(
            session,
            actor=user,
            action="schedule_rules.update",
            entity="schedule_rule_settings",
            entity_id=site.id,
            before=before,
            after=_dump(settings),
        )
        announce(session.connection(), ("schedule_rule_settings", "audit_log"))
        session.commit()
        return settings_of(row)
