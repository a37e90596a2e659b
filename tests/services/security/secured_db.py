"""A secured PostgreSQL database's handles for the security tests: who is who, and how
to connect as them (the ``secured`` fixture of this folder's conftest makes one)."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from sqlalchemy.engine import make_url
from two_sites import TwoSites

ROLES = ("admin", "planner", "supervisor", "director", "ingest")


@dataclass(frozen=True)
class Secured:
    """The database's owner URL, its sites, and each login's name by nickname."""

    owner_url: str
    sites: TwoSites
    logins: dict[str, str]  # "director" -> "t1a2b3c4_director"; "london" -> London-limited

    def conninfo(self, who: str | None = None) -> str:
        """A libpq connection string as ``who`` (a nickname), or as the owner."""
        url = make_url(self.owner_url).set(drivername="postgresql")
        if who is not None:
            url = url.set(username=self.logins[who], password=None)
        return url.render_as_string(False)

    def url(self, who: str) -> str:
        """A SQLAlchemy URL as ``who``."""
        return make_url(self.owner_url).set(username=self.logins[who]).render_as_string(False)

    def connect(self, who: str | None = None) -> psycopg.Connection:
        return psycopg.connect(self.conninfo(who))
