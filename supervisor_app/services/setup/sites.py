"""Sites: list, add and change them (name, zone, interval, holidays, full-time week, headline).

The holiday country and the full-time week live in ``site_planning``; they are
edited with the site, under the site's version, so one save is one audit row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from supervisor_app.domain.setup_fields import check_all, field, require
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.setup.conflicts import refuse_if_changed
from supervisor_app.services.setup.records import SiteRecord
from supervisor_app.services.setup.saving import saving
from supervisor_app.store.models import Site, SitePlanning

DEFAULT_FTE_HOURS = 40.0
_TABLES = ("sites", "site_planning")


def _record(site: Site, plan: SitePlanning | None) -> SiteRecord:
    return SiteRecord(
        id=site.id,
        name=site.name,
        timezone=site.timezone,
        interval_minutes=site.interval_minutes,
        country_code=plan.country_code if plan else None,
        fte_weekly_hours=float(plan.fte_weekly_hours) if plan else DEFAULT_FTE_HOURS,
        service_level_variant=site.service_level_variant,
        version=site.version,
    )


def list_sites(db: Database) -> list[SiteRecord]:
    """Every site, in the order they were created."""
    with db.sessions() as session:
        rows = session.execute(
            select(Site, SitePlanning)
            .outerjoin(SitePlanning, SitePlanning.site_id == Site.id)
            .order_by(Site.id)
        ).all()
        return [_record(site, plan) for site, plan in rows]


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    checked = check_all("site", values)
    code = checked.get("country_code")
    if code is not None:
        code = code.upper()
        try:
            holidays.country_holidays(code)
        except NotImplementedError:
            raise field("site", "country_code").refuse(repr(code)) from None
        checked["country_code"] = code
    return checked


def _name_free(session: Session, name: str, but: int | None = None) -> None:
    other = session.scalar(select(Site.id).where(Site.name == name))
    if other is not None and other != but:
        raise field("site", "name").refuse(repr(name), "another site has that name")


def _apply(session: Session, site: Site, values: Mapping[str, Any]) -> None:
    """Set ``values``; one flush afterwards, so one save moves the version by one."""
    with session.no_autoflush:
        _set(session, site, values)


def _set(session: Session, site: Site, values: Mapping[str, Any]) -> None:
    for key in ("name", "timezone", "service_level_variant"):
        if key in values:
            setattr(site, key, values[key])
    if "interval_minutes" in values:
        site.interval_minutes = int(values["interval_minutes"])
    if "country_code" in values or "fte_weekly_hours" in values:
        plan = session.get(SitePlanning, site.id)
        if plan is None:
            plan = SitePlanning(site_id=site.id, fte_weekly_hours=DEFAULT_FTE_HOURS)
            session.add(plan)
        if "country_code" in values:
            plan.country_code = values["country_code"]
        if "fte_weekly_hours" in values:
            plan.fte_weekly_hours = values["fte_weekly_hours"]
        flag_modified(site, "name")  # the site's version moves with its planning settings


def add_site(db: Database, values: Mapping[str, Any], actor: str) -> SiteRecord:
    """A new site; ``values`` needs name and timezone (interval 15, variant offered default)."""
    full = {"interval_minutes": "15", "service_level_variant": "offered", **values}
    require("site", full, ("name", "timezone"))
    checked = _checked(full)
    with saving(db, f"Site {checked['name']!r}", _TABLES) as session:
        _name_free(session, checked["name"])
        site = Site(name=checked["name"], timezone=checked["timezone"])
        session.add(site)
        session.flush()
        _apply(session, site, checked)
        session.flush()
        record = _record(site, session.get(SitePlanning, site.id))
        audit.record(
            session,
            actor=actor,
            action="site.add",
            entity="site",
            entity_id=site.id,
            after=record.values(),
        )
        return record


def update_site(
    db: Database, seen: SiteRecord, changes: Mapping[str, Any], actor: str
) -> SiteRecord:
    """Change the fields in ``changes`` of the site the user saw as ``seen``.

    A ``SetupConflict`` (nothing written) when someone saved the site meanwhile.
    """
    checked = _checked(changes)
    with saving(db, f"Site {seen.name!r}", _TABLES) as session:
        site = session.get(Site, seen.id)
        if site is None:
            raise field("site", "name").refuse(repr(seen.name), "it no longer exists")
        before = _record(site, session.get(SitePlanning, site.id))
        refuse_if_changed(
            session,
            entity="site",
            entity_id=site.id,
            what=f"Site {seen.name!r}",
            seen_version=seen.version,
            now_version=before.version,
            seen=seen.values(),
            now=before.values(),
        )
        if "name" in checked:
            _name_free(session, checked["name"], but=site.id)
        _apply(session, site, checked)
        session.flush()
        after = _record(site, session.get(SitePlanning, site.id))
        audit.record(
            session,
            actor=actor,
            action="site.update",
            entity="site",
            entity_id=site.id,
            before=before.values(),
            after=after.values(),
        )
        return after
