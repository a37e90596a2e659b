"""A site's labour rules (the limits ``domain.schedule_rules`` checks), shown and saved.

A site that never saved its rules shows ``RuleSettings()``'s defaults at
version 0; the first save creates its row. Break requirements are checked as a
whole: each row's numbers, and no two rows for the same shift length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.schedule_rule_types import RuleSettings
from supervisor_app.domain.setup_fields import check_all
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.setup.conflicts import refuse_if_changed
from supervisor_app.services.setup.records import BreakRule, RulesRecord
from supervisor_app.services.setup.saving import saving
from supervisor_app.store.base import utcnow
from supervisor_app.store.models import ScheduleRuleSettingsRow, Site

_TABLES = ("schedule_rule_settings",)


def _record(site: Site, row: ScheduleRuleSettingsRow | None) -> RulesRecord:
    if row is None:
        d = RuleSettings()
        return RulesRecord(
            site.id,
            site.name,
            d.min_shift_minutes,
            d.max_shift_minutes,
            d.min_rest_minutes,
            d.weekly_tolerance_minutes,
            d.lunch_is_paid,
            tuple(BreakRule(**asdict(r)) for r in d.requirements),
            0,
        )
    return RulesRecord(
        site.id,
        site.name,
        row.min_shift_minutes,
        row.max_shift_minutes,
        row.min_rest_minutes,
        row.weekly_tolerance_minutes,
        row.lunch_is_paid,
        tuple(BreakRule(**r) for r in row.requirements),
        row.version,
    )


def _site(session: Session, site_id: int) -> Site:
    site = session.get(Site, site_id)
    if site is None:
        raise LookupError(f"no site with id {site_id}")
    return site


def load_rules(db: Database, site_id: int) -> RulesRecord:
    with db.sessions() as session:
        return _record(_site(session, site_id), session.get(ScheduleRuleSettingsRow, site_id))


def check_requirements(rows: Sequence[BreakRule]) -> tuple[BreakRule, ...]:
    """The break requirements if each makes sense; a UserError naming the row that doesn't."""
    seen: set[int] = set()
    for n, req in enumerate(rows, start=1):
        if not 1 <= req.min_shift_minutes <= 1440:
            raise UserError(
                f"break rule {n}: shift length {req.min_shift_minutes} min refused: "
                "from 1 to 1440 minutes"
            )
        if not (0 <= req.breaks <= 10 and 0 <= req.lunches <= 5):
            raise UserError(f"break rule {n}: breaks must be 0 to 10 and lunches 0 to 5")
        if not (1 <= req.break_minutes <= 120 and 1 <= req.lunch_minutes <= 240):
            raise UserError(f"break rule {n}: a break lasts 1 to 120 minutes and a lunch 1 to 240")
        if req.min_shift_minutes in seen:
            raise UserError(f"break rule {n}: two rules for shifts of {req.min_shift_minutes} min")
        seen.add(req.min_shift_minutes)
    return tuple(sorted(rows, key=lambda r: r.min_shift_minutes))


def save_rules(
    db: Database,
    seen: RulesRecord,
    changes: Mapping[str, Any],
    actor: str,
    requirements: Sequence[BreakRule] | None = None,
) -> RulesRecord:
    """Change the site's rules the user saw as ``seen``; ``requirements`` replaces the
    break rules when given. A ``SetupConflict`` when someone saved them meanwhile."""
    checked = check_all("rules", changes)
    reqs = None if requirements is None else check_requirements(requirements)
    what = f"The labour rules of {seen.site!r}"
    with saving(db, what, _TABLES) as session:
        site = _site(session, seen.site_id)
        row = session.get(ScheduleRuleSettingsRow, site.id)
        before = _record(site, row)
        refuse_if_changed(
            session,
            entity="rules",
            entity_id=site.id,
            what=what,
            seen_version=seen.version,
            now_version=before.version,
            seen=seen.values(),
            now=before.values(),
        )
        merged = {k: v for k, v in before.values().items() if k != "requirements"} | checked
        check_all("rules", merged)
        new_reqs = before.requirements if reqs is None else reqs
        if merged == {k: v for k, v in before.values().items() if k != "requirements"} and (
            new_reqs == before.requirements and row is not None
        ):
            return before
        if row is None:
            row = ScheduleRuleSettingsRow(site_id=site.id)
            session.add(row)
        for key, value in merged.items():
            setattr(row, key, value)
        row.requirements = [asdict(r) for r in new_reqs]
        row.updated_by, row.updated_at = actor[:120], utcnow()
        session.flush()
        after = _record(site, row)
        audit.record(
            session,
            actor=actor,
            action="rules.update",
            entity="rules",
            entity_id=site.id,
            before=before.values(),
            after=after.values(),
        )
        return after
