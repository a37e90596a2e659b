"""The sites of a database: which one a view or a command works on, and how each reads.

One database holds several sites, each in its own zone and interval. Every
view takes the site explicitly (the window's picker, a command's ``--site``),
resolved here; there is no "first site" default, and where the database has
several, leaving the site out is an error that names them. "All sites" (None)
is allowed where figures add up (Analytics, Reports): ``site_parts`` hands the
queries one part per site, each with its own zone.

The site's own choice that changes how figures read: three service-level
variants are in use in the trade (``domain.kpi``); a site picks one, and the
live view, the history, the CLI and the Excel reports all show that one as
"service level", so a number never changes meaning between screens. The other
two stay available side by side in the Analytics tab.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from supervisor_app.domain.errors import UsageError, UserError
from supervisor_app.domain.kpi import ServiceLevelVariant
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Queue, Site


@dataclass(frozen=True, slots=True)
class SiteRef:
    """A site as a picker lists it."""

    site_id: int
    name: str
    timezone: str
    interval_minutes: int


@dataclass(frozen=True, slots=True)
class SiteSettings:
    name: str
    timezone: str
    interval_minutes: int
    service_level_variant: ServiceLevelVariant


ALL_SITES = "all"  # what --site takes for every site
ALL_SITES_LABEL = "All sites"  # what a report and the picker call them
MAX_LISTED = 20
NO_SITE = "the database has no site yet: run `supervisor-app demo seed` or an import"


def the_site(session: Session, site_id: int | None) -> Site:
    """The site ``site_id``; None only where the database has one site.

    Every view works on a site its caller chose (the window's picker, a
    command's ``--site``): there is no "first site" default. With several
    sites and none chosen, or an unknown id, a UserError says which exist.
    """
    if site_id is None:
        sites = list(session.scalars(select(Site).order_by(Site.id).limit(MAX_LISTED + 1)))
        if not sites:
            raise UserError(NO_SITE)
        if len(sites) > 1:
            names = ", ".join(s.name for s in sites[:MAX_LISTED])
            raise UserError(f"this database has several sites ({names}): choose one")
        return sites[0]
    site = session.get(Site, site_id)
    if site is None:
        if session.scalar(select(Site.id).limit(1)) is None:
            raise UserError(NO_SITE)
        raise UserError(f"no site with id {site_id}")
    return site


def list_sites(db: Database) -> list[SiteRef]:
    """Every site, in the order they were created (what the window's picker offers)."""
    with db.sessions() as session:
        return sites_in(session)


def sites_in(session: Session) -> list[SiteRef]:
    rows = session.execute(
        select(Site.id, Site.name, Site.timezone, Site.interval_minutes).order_by(Site.id)
    ).all()
    return [SiteRef(i, n, z, m) for i, n, z, m in rows]


def scoped_sites(session: Session, site_id: int | None) -> list[SiteRef]:
    """The one site ``site_id``, or every site for None ("all sites"); a UserError if none."""
    sites = sites_in(session)
    if not sites:
        raise UserError(NO_SITE)
    if site_id is None:
        return sites
    chosen = [s for s in sites if s.site_id == site_id]
    if not chosen:
        raise UserError(f"no site with id {site_id}")
    return chosen


def variant_of(text: str) -> ServiceLevelVariant:
    """The variant named ``text``, or a UserError listing the names there are."""
    try:
        return ServiceLevelVariant(text)
    except ValueError:
        names = ", ".join(v.value for v in ServiceLevelVariant)
        raise UserError(f"no service-level variant {text!r}: choose one of {names}") from None


def site_variant(session: Session, site_id: int | None) -> ServiceLevelVariant:
    """The site's headline variant; for "all sites" (None) the one they share, else
    "offered" (the sum of several sites' contacts needs one definition)."""
    query = select(Site.service_level_variant).distinct()
    if site_id is not None:
        query = query.where(Site.id == site_id)
    values = list(session.scalars(query))
    return variant_of(values[0]) if len(values) == 1 else ServiceLevelVariant.OFFERED


def site_settings(db: Database, site_id: int | None = None) -> SiteSettings:
    with db.sessions() as session:
        return _settings(the_site(session, site_id))


def set_service_level_variant(
    db: Database, text: str, actor: str, site_id: int | None = None
) -> SiteSettings:
    """Make ``text`` the site's headline service level; audited, announced."""
    variant = variant_of(text)
    with db.sessions.begin() as session:
        site = the_site(session, site_id)
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


def resolve_site_or_all(db: Database, name: str | None) -> int | None:
    """Like ``resolve_site``, and ``all`` means every site (None): for reports that span sites."""
    if name is not None and name.strip().casefold() == ALL_SITES:
        if not site_names(db):
            raise UserError(NO_SITE)
        return None
    return resolve_site(db, name, all_allowed=True)


def resolve_import_site(db: Database, name: str | None) -> int | None:
    """The site a file import writes to (``resolve_site``); None while the database has no
    site at all and none is named (the import then creates one)."""
    if name is None and not site_names(db):
        return None
    return resolve_site(db, name)


def resolve_site(db: Database, name: str | None, *, all_allowed: bool = False) -> int:
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
        choose = "--site NAME, or --site all" if all_allowed else "--site NAME"
        raise UsageError(f"--site: this database has several sites ({listed}); choose {choose}")
    for site_id, site_name in rows:
        if site_name.casefold() == name.strip().casefold():
            return site_id
    raise UsageError(f"--site: no site named {name!r}; the sites are {listed}")


@dataclass(frozen=True, slots=True)
class Named:
    """A queue or team the chosen sites offer, as the Analytics and Reports choices list it."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class SitePart:
    """One site of a query's scope: its zone and the interval the query groups by (the
    coarsest of the scope's sites); ``on`` keeps the rows of its queues."""

    site: SiteRef
    zone: ZoneInfo
    interval_minutes: int
    several: bool  # the database has other sites, so rows must be kept to this one

    def on(self, queue_id: ColumnElement[Any]) -> list[ColumnElement[bool]]:
        """SQL: ``queue_id`` is one of this site's queues (nothing to say with one site)."""
        if not self.several:
            return []
        return [queue_id.in_(select(Queue.id).where(Queue.site_id == self.site.site_id))]


def site_parts(session: Session, site_id: int | None) -> list[SitePart]:
    """The site ``site_id``, or each site for None ("all sites"), as the queries read them."""
    sites = scoped_sites(session, site_id)
    several = len(sites_in(session)) > 1
    minutes = max(s.interval_minutes for s in sites)
    return [SitePart(s, ZoneInfo(s.timezone), minutes, several) for s in sites]
