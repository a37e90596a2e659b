"""the site-limit helpers in PL/pgSQL: the same answer, a third of the cost per statement

Every row-level policy of 0012, 0013, 0015 and 0017 asks ``sc_site_limits()`` (the
login's sites, NULL when unlimited) in a sub-select, once per statement and per
reference: a live snapshot runs about a dozen statements and each checks two to four
policies. As a ``LANGUAGE sql`` function it was planned again at every call (SQL
functions keep no plan across statements), about 37 µs on the benchmark's server,
which made a site-limited login's snapshot 20–25 % slower than the owner's
(``security.rls_overhead_ratio``, target ≤ 1.2). In PL/pgSQL the query's plan is kept
for the session: about 12 µs. Still SECURITY DEFINER with a fixed ``search_path``,
so a login can neither read ``user_sites`` directly nor shadow it.

PostgreSQL only; SQLite has no policies. Frozen: the SQL is written out here.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIMITS_QUERY = (
    "SELECT array_agg(site_id ORDER BY site_id) FROM user_sites WHERE login = session_user"
)


def _path() -> str:
    schema = op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()
    return f"SET search_path = {schema}, pg_temp"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    definer = f"STABLE SECURITY DEFINER {_path()}"
    op.execute(
        "CREATE OR REPLACE FUNCTION sc_site_limits() RETURNS integer[] "
        f"LANGUAGE plpgsql {definer} AS $$\nBEGIN\n  RETURN ({_LIMITS_QUERY});\nEND $$"
    )
    op.execute(
        "CREATE OR REPLACE FUNCTION sc_visible_site(site integer) RETURNS boolean "
        f"LANGUAGE plpgsql {definer} AS $$\nDECLARE\n  limits integer[] := sc_site_limits();\n"
        "BEGIN\n  RETURN limits IS NULL OR site = ANY (limits);\nEND $$"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    definer = f"LANGUAGE sql STABLE SECURITY DEFINER {_path()}"
    op.execute(
        f"CREATE OR REPLACE FUNCTION sc_site_limits() RETURNS integer[] {definer} AS $$ "
        f"{_LIMITS_QUERY} $$"
    )
    op.execute(
        f"CREATE OR REPLACE FUNCTION sc_visible_site(site integer) RETURNS boolean {definer} "
        "AS $$ SELECT l IS NULL OR site = ANY (l) FROM (SELECT sc_site_limits() AS l) s $$"
    )
