"""Checking and publishing a week: draft shifts become what adherence and reports use.

Publishing is refused while the week breaks a labour rule, unless the planner
writes an override reason (kept in the audit trail and on the publication).
The check and the publication run under the agents' lock
(``schedule_lock``), so no save can slip a change between the two.
Publishing changes only the status, not what is planned, so it does not bump
shift versions: a colleague's open edits of that week stay saveable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update

from supervisor_app.domain.enums import ShiftStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_rules import Violation, check_week
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.schedules.lock import lock_agents
from supervisor_app.services.schedules.rules_settings import rule_settings_in
from supervisor_app.services.schedules.week import require_monday, week_in
from supervisor_app.services.sites import the_site
from supervisor_app.store.base import utcnow
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Agent, SchedulePublication, Shift, Team


@dataclass(frozen=True)
class Publication:
    week_start: date
    published_at: datetime
    published_by: str
    shift_count: int
    violation_count: int
    override_reason: str | None


class PublishRefused(UserError):
    """The week breaks rules and no override reason was given; ``violations`` lists them."""

    def __init__(self, message: str, violations: tuple[Violation, ...]) -> None:
        super().__init__(message)
        self.violations = violations


def check_schedule(db: Database, week_start: date, site_id: int | None = None) -> list[Violation]:
    """Every rule violation of the site's week, with the site's settings."""
    require_monday(week_start)
    with db.sessions() as session:
        site = the_site(session, site_id)
        return check_week(week_in(session, site, week_start), rule_settings_in(session, site.id))


def publish_week(
    db: Database,
    week_start: date,
    user: str,
    override_reason: str | None = None,
    site_id: int | None = None,
) -> Publication:
    """Publish every shift of the site's week and record who and when.

    Raises ``PublishRefused`` if the week has violations and ``override_reason``
    is empty.
    """
    require_monday(week_start)
    reason = (override_reason or "").strip() or None
    with db.sessions() as session:
        site = the_site(session, site_id)
        agent_ids = session.scalars(
            select(Agent.id).join(Team, Team.id == Agent.team_id).where(Team.site_id == site.id)
        ).all()
        lock_agents(session, agent_ids)
        week = week_in(session, site, week_start)
        violations = tuple(check_week(week, rule_settings_in(session, site.id)))
        if violations and reason is None:
            raise PublishRefused(
                f"week of {week_start} has {len(violations)} rule violation(s); fix them or "
                "publish with an override reason",
                violations,
            )
        now = utcnow()
        ids = [s.id for s in week.shifts if s.id is not None]
        drafts = [s.id for s in week.shifts if s.id is not None and s.status is ShiftStatus.DRAFT]
        if drafts:
            # A bulk UPDATE on purpose: the status is not an edit, so versions stay as they are.
            session.execute(
                update(Shift)
                .where(Shift.id.in_(drafts))
                .values(status=ShiftStatus.PUBLISHED, published_at=now, published_by=user)
                .execution_options(synchronize_session=False)
            )
        publication = SchedulePublication(
            site_id=site.id,
            week_start=week_start,
            published_at=now,
            published_by=user,
            shift_count=len(ids),
            violation_count=len(violations),
            override_reason=reason,
        )
        session.add(publication)
        session.flush()
        audit.record(
            session,
            actor=user,
            action="schedule.publish",
            entity="schedule_week",
            entity_id=f"{site.id}:{week_start.isoformat()}",
            after={
                "week_start": week_start,
                "shifts": len(ids),
                "newly_published": len(drafts),
                "violations": [f"{v.agent_id}: {v.message}" for v in violations],
            },
            reason=reason,
        )
        announce(session.connection(), ("shifts", "schedule_publications", "audit_log"))
        session.commit()
        return _publication(publication)


def _publication(row: SchedulePublication) -> Publication:
    return Publication(
        row.week_start,
        row.published_at,
        row.published_by,
        row.shift_count,
        row.violation_count,
        row.override_reason,
    )


def publications(db: Database, week_start: date, site_id: int | None = None) -> list[Publication]:
    """The week's publications, latest first (who published when, with what override)."""
    with db.sessions() as session:
        site = the_site(session, site_id)
        rows = session.scalars(
            select(SchedulePublication)
            .where(
                SchedulePublication.site_id == site.id,
                SchedulePublication.week_start == week_start,
            )
            .order_by(SchedulePublication.published_at.desc(), SchedulePublication.id.desc())
        ).all()
        return [_publication(r) for r in rows]
