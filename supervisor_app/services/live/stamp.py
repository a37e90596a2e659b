"""Who and when the database will record on the floor's rows, asked before writing them.

On PostgreSQL, triggers (migration 0019) stamp escalations and alert
acknowledgements with ``session_user`` and the transaction's ``now()`` for
every login but the schema owner, whatever the client sends. A command that
compares people (is this escalation already mine?) or writes a name into text
(a note's ``[time actor]``) must use those values, not the workstation's
``login@host`` and clock, or it would disagree with the row it writes. On
SQLite (single-user) and for the schema owner, the caller's actor stands.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

# The transaction's time, the login, and whether it owns the table (then its actor stands).
_STAMP = text(
    "SELECT now(), session_user, pg_has_role(session_user, "
    "(SELECT relowner FROM pg_class WHERE oid = to_regclass(:table)), 'MEMBER')"
)


def database_stamp(session: Session, table: str, actor: str) -> tuple[str, datetime]:
    """(who, when) the database records on ``table``'s rows written in ``session``'s
    transaction: on PostgreSQL the server's clock, and the login unless it owns the table."""
    if session.get_bind().dialect.name != "postgresql":
        return actor, datetime.now(UTC)
    now, login, owner = session.execute(_STAMP, {"table": table}).one()
    return (actor if owner else str(login)), now.astimezone(UTC)
