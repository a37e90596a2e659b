"""The site's own choices that change how figures read: which service level is the headline.

Three service-level variants are in use in the trade (``domain.kpi``); a site
picks one, and the live view, the history, the CLI and the Excel reports all
show that one as "service level", so a number never changes meaning between
screens. The other two stay available side by side in the Analytics tab.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.kpi import ServiceLevelVariant
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Site


@dataclass(frozen=True, slots=True)
class SiteSettings:
    name: str
    timezone: str
    interval_minutes: int
    service_level_variant: ServiceLevelVariant


NO_SITE = "the database has no site yet: run `supervisor-app demo seed` or an import"


def the_site(session: Session, site_id: int | None = None) -> Site:
    """The site asked for, else the one every view reads (the first); a UserError if missing.

    With no site at all the error says how to get one (``NO_SITE``).
    """
    query = select(Site).order_by(Site.id)
    if site_id is not None:
        query = query.where(Site.id == site_id)
    site = session.scalars(query.limit(1)).first()
    if site is None:
        raise UserError(NO_SITE if site_id is None else f"no site with id {site_id}")
    return site


def variant_of(text: str) -> ServiceLevelVariant:
    """The variant named ``text``, or a UserError listing the names there are."""
    try:
        return ServiceLevelVariant(text)
    except ValueError:
        names = ", ".join(v.value for v in ServiceLevelVariant)
        raise UserError(f"no service-level variant {text!r}: choose one of {names}") from None


def site_variant(session: Session) -> ServiceLevelVariant:
    """The first site's headline variant ("offered" for a database without a site)."""
    value = session.scalar(select(Site.service_level_variant).order_by(Site.id).limit(1))
    return ServiceLevelVariant.OFFERED if value is None else variant_of(value)


def site_settings(db: Database) -> SiteSettings:
    with db.sessions() as session:
        return _settings(the_site(session))


def set_service_level_variant(db: Database, text: str, actor: str) -> SiteSettings:
    """Make ``text`` the site's headline service level; audited, announced."""
    variant = variant_of(text)
    with db.sessions.begin() as session:
        site = the_site(session)
        before = site.service_level_variant
        site.service_level_variant = variant.value
        audit.record(
            session,
            actor=actor,
            action="site.service_level_variant",
            entity="site",
            entity_id=site.id,
            before={"service_level_variant": before},
            after={"service_level_variant": variant.value},
        )
        announce(session.connection(), ["sites"])
        return _settings(site)


def _settings(site: Site) -> SiteSettings:
    return SiteSettings(
        site.name, site.timezone, site.interval_minutes, variant_of(site.service_level_variant)
    )


def site_names(db: Database) -> list[str]:
    """Every site's name, in the order they were created."""
    with db.sessions() as session:
        return list(session.scalars(select(Site.name).order_by(Site.id)))


def resolve_site(db: Database, name: str | None) -> int:
    """The id of the site named ``name``; with no name, of the only site there is.

    A command that works on a site takes ``--site NAME``. With one site the
    option may be left out; with several, leaving it out is an error that
    names them, as is a name that matches none (a ``UserError``: exit 2).
    """
    with db.sessions() as session:
        rows = session.execute(select(Site.id, Site.name).order_by(Site.id)).all()
    if not rows:
        raise UserError(NO_SITE)
    listed = ", ".join(n for _, n in rows)
    if name is None:
        if len(rows) == 1:
            return rows[0][0]
        raise UserError(f"this database has several sites ({listed}): choose one with --site NAME")
    for site_id, site_name in rows:
        if site_name.casefold() == name.strip().casefold():
            return site_id
    raise UserError(f"no site named {name!r}: the sites are {listed}")
