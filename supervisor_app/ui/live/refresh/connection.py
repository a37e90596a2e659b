"""Telling "the database went away" apart from other failures of a snapshot.

The ui layer may not import the database driver or SQLAlchemy (import-linter),
so this goes by the exception's class names along its MRO and cause chain:
SQLAlchemy wraps driver errors as ``OperationalError``/``InterfaceError`` (with
``connection_invalidated`` set on a dropped connection), psycopg raises its own
``OperationalError``, and a socket gives a ``ConnectionError`` or ``TimeoutError``.
"""

from __future__ import annotations

CONNECTION_ERRORS = frozenset(
    {
        "OperationalError",
        "InterfaceError",
        "DisconnectionError",
        "ConnectionError",
        "TimeoutError",
        "ConnectionTimeout",
        "PendingRollbackError",
    }
)


def is_connection_error(exc: BaseException) -> bool:
    """True if retrying later, unchanged, may well succeed (unreachable, locked, dropped)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, "connection_invalidated", False):
            return True
        if any(kind.__name__ in CONNECTION_ERRORS for kind in type(current).__mro__):
            return True
        current = current.__cause__ or current.__context__
    return False
