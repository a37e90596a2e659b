"""A database that stopped answering mid-command, or refused this login, said plainly
(not as a driver traceback).

``open_database`` already explains a database it can't open. This covers the moment after:
the server restarts, the network drops, a lock or statement timeout fires. SQLAlchemy is
looked at only if it was loaded, so naming this module costs the window's start nothing.
"""

from __future__ import annotations

import re
import sys

from supervisor_app.domain.errors import DatabaseError, Refused

# PostgreSQL's SQLSTATE for a missing grant and for a row-level security refusal.
INSUFFICIENT_PRIVILEGE = "42501"
_ON_WHAT = re.compile(r"(?:for|on) (?:table|relation|sequence|function|schema) \"?([\w.]+)")


def refusal_message(detail: str, role: str | None = None) -> str:
    """One line for a grant or row-level security refusal, naming what and the role.

    The role changed meanwhile, or the window offered a command the database won't
    allow: the user learns what they may not do and whom to ask, not a traceback.
    """
    found = _ON_WHAT.search(detail)
    if "row-level security" in detail:
        what = f"write these rows of {found.group(1)}" if found else "write rows of this site"
    else:
        what = f"change or read {found.group(1)}" if found else "do this"
    who = role or "your role"
    return f"the database refused: you may not {what} ({who}); ask an administrator"


def explain_database_failure(exc: BaseException, role: str | None = None) -> DatabaseError | None:
    """A ``DatabaseError`` saying what to do if ``exc`` is a lost connection, or a
    ``Refused`` naming what this login's ``role`` may not do."""
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy.exc import DBAPIError, OperationalError

    if not isinstance(exc, DBAPIError):
        return None
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else ""
    if getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
        return Refused(refusal_message(detail, role))
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
