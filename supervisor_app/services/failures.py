"""A database that stopped answering mid-command, said plainly (not as a driver traceback).

``open_database`` already explains a database it can't open. This covers the moment after:
the server restarts, the network drops, a lock or statement timeout fires. SQLAlchemy is
looked at only if it was loaded, so naming this module costs the window's start nothing.
"""

from __future__ import annotations

import sys

from supervisor_app.domain.errors import DatabaseError


def explain_database_failure(exc: BaseException) -> DatabaseError | None:
    """A ``DatabaseError`` saying what to do if ``exc`` is a lost or refused connection."""
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy.exc import DBAPIError, OperationalError

    if not isinstance(exc, DBAPIError):
        return None
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else ""
    lowered = detail.lower()
    if "locked" in lowered:
        return DatabaseError(
            "the database is busy (locked by another program or console): try again in a moment"
        )
    if "timeout" in lowered or "canceling statement" in lowered:
        return DatabaseError(f"the database took too long to answer ({detail}): try again")
    if exc.connection_invalidated or isinstance(exc, OperationalError):
        return DatabaseError(
            "the database is unreachable (server stopped or network down"
            f"{': ' + detail if detail else ''}): check the connection and try again"
        )
    return None
