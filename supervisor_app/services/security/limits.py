"""Whether the person on this connection is limited to some sites (PostgreSQL RLS)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def site_limited(session: Session) -> bool:
    """True for a login with site limits, whose reads row-level security narrows.

    Such a login sees only its sites' rows, so a count of sites it makes says
    nothing of the database; it reads its sites' KPI summaries but keeps none (the
    report reads raw what is not kept). Always False on SQLite and on a schema
    before migration 0012.
    """
    if session.get_bind().dialect.name != "postgresql":
        return False
    limited = session.execute(
        text(
            "SELECT CASE WHEN to_regprocedure('sc_site_limits()') IS NULL THEN false "
            "ELSE sc_site_limits() IS NOT NULL END"
        )
    ).scalar_one()
    return bool(limited)
