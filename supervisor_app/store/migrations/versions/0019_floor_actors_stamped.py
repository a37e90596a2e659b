"""escalations' and alert acknowledgements' people and times are the database's (issue 14)

Migration 0012 made the audit trail's actor and time the database's; the floor's
own records still named whoever the client said. On PostgreSQL, for every login
but the schema owner (who migrates, seeds the demo and runs the tests, naming its
actors), triggers now stamp them as 0012 stamps ``audit_log`` and 0017 the
coaching notes, whatever the client sends:

- ``escalations``: on INSERT, ``raised_by`` is ``session_user`` and ``created_at``
  ``now()`` (the transaction's start, on the server's clock); an ``owner``,
  ``taken_at`` or ``resolved_at`` given at once is stamped likewise. On UPDATE,
  ``raised_by`` and ``created_at`` keep their first values, and an ``owner``,
  ``taken_at`` or ``resolved_at`` that changes to a value becomes ``session_user``
  or ``now()``: whoever takes or resolves one is the login that wrote it (clearing
  one is not a claim about anyone, so it stays possible).
- ``alert_acknowledgements``: on INSERT, ``acknowledged_by`` is ``session_user``
  and ``acknowledged_at`` ``now()``; on UPDATE (granted to no console role) both
  keep their first values.

Also on PostgreSQL, for everyone: an escalation about a contact marks that contact
escalated (AFTER INSERT), as the console and the simulator do. A supervisor raises
one from the Analytics drill-down but may not write contacts: a grant on
``contacts.escalated`` would let them clear the flag and lower the escalation
figure, where this trigger only ever marks the contact of the escalation's own
queue (which row-level security has already checked against the login's sites).

The functions run as invoker here; ``db roles`` makes every trigger function of
the schema SECURITY DEFINER with a fixed ``search_path`` (``session_user`` is the
login either way). SQLite is single-user: nothing changes there.

Frozen: the SQL is written out here, no application code is imported.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OWNER = "pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')"


# An escalation's (column, value): stamped when a row gives the column a value, new or changed.
_PEOPLE = (("owner", "session_user"), ("taken_at", "now()"), ("resolved_at", "now()"))


def _stamp_given(op_: str) -> str:
    """Stamp each of ``_PEOPLE`` the row gives a value (on UPDATE: a changed value)."""
    lines = []
    for column, value in _PEOPLE:
        changed = "" if op_ == "INSERT" else f" AND NEW.{column} IS DISTINCT FROM OLD.{column}"
        lines.append(
            f"    IF NEW.{column} IS NOT NULL{changed} THEN NEW.{column} := {value}; END IF;\n"
        )
    return "".join(lines)


def _escalations(path: str) -> str:
    return (
        "CREATE OR REPLACE FUNCTION sc_escalations_stamp() RETURNS trigger "
        f"LANGUAGE plpgsql {path} AS $$\nBEGIN\n"
        f"  IF {_OWNER} THEN\n"
        "    NEW.created_at := COALESCE(NEW.created_at, now());\n"
        "  ELSIF TG_OP = 'INSERT' THEN\n"
        "    NEW.raised_by := session_user;\n    NEW.created_at := now();\n"
        f"{_stamp_given('INSERT')}"
        "  ELSE\n"
        "    NEW.raised_by := OLD.raised_by;\n    NEW.created_at := OLD.created_at;\n"
        f"{_stamp_given('UPDATE')}"
        "  END IF;\n  RETURN NEW;\nEND $$"
    )


def _acknowledgements(path: str) -> str:
    return (
        "CREATE OR REPLACE FUNCTION sc_alert_acknowledgements_stamp() RETURNS trigger "
        f"LANGUAGE plpgsql {path} AS $$\nBEGIN\n"
        f"  IF {_OWNER} THEN\n"
        "    NEW.acknowledged_at := COALESCE(NEW.acknowledged_at, now());\n"
        "  ELSIF TG_OP = 'INSERT' THEN\n"
        "    NEW.acknowledged_by := session_user;\n    NEW.acknowledged_at := now();\n"
        "  ELSE\n"
        "    NEW.acknowledged_by := OLD.acknowledged_by;\n"
        "    NEW.acknowledged_at := OLD.acknowledged_at;\n"
        "  END IF;\n  RETURN NEW;\nEND $$"
    )


_TABLES = ("escalations", "alert_acknowledgements")


def _mark_contact(path: str) -> str:
    return (
        "CREATE OR REPLACE FUNCTION sc_escalations_mark_contact() RETURNS trigger "
        f"LANGUAGE plpgsql {path} AS $$\nBEGIN\n"
        "  UPDATE contacts SET escalated = true WHERE id = NEW.contact_id "
        "AND queue_id = NEW.queue_id AND NOT escalated;\n  RETURN NULL;\nEND $$"
    )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()
    path = f"SET search_path = {schema}, pg_temp"
    op.execute(_escalations(path))
    op.execute(_acknowledgements(path))
    op.execute(_mark_contact(path))
    op.execute(
        "CREATE TRIGGER sc_escalations_mark_contact AFTER INSERT ON escalations FOR EACH ROW "
        "WHEN (NEW.contact_id IS NOT NULL) EXECUTE FUNCTION sc_escalations_mark_contact()"
    )
    for table in _TABLES:
        op.execute(
            f"CREATE TRIGGER sc_{table}_stamp BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION sc_{table}_stamp()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS sc_escalations_mark_contact ON escalations")
    op.execute("DROP FUNCTION IF EXISTS sc_escalations_mark_contact()")
    for table in _TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS sc_{table}_stamp ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS sc_{table}_stamp()")
