"""How a command opens the database: one ``with`` block that always closes it.

Errors pass through untouched (``main.run`` turns a ``UserError`` into one
line and exit 1). ``services.database`` is imported on first use, so building
the parser for ``supervisor-app gui`` never loads SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supervisor_app.services.database import Database


@contextmanager
def opened_database(
    url: str | None, *, upgrade: bool = True, shared: bool = False
) -> Iterator[Database]:
    """The database ``url`` names (``--db``; else the environment, the settings, the default).

    ``upgrade=False`` for commands that only read or edit rows: they refuse a
    schema at another revision instead of migrating it. ``shared=True`` for the
    commands that manage a shared PostgreSQL's roles and people (``db roles``,
    ``user``): SQLite is refused before it is opened, and nothing is migrated.
    """
    if shared:
        from supervisor_app.services.security import open_shared

        db = open_shared(url)
    else:
        from supervisor_app.services.database import open_database

        db = open_database(url, upgrade=upgrade)
    try:
        yield db
    finally:
        db.close()
