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
def opened_database(url: str | None, *, upgrade: bool = True) -> Iterator[Database]:
    """The database ``url`` names (``--db``; else the environment, the settings, the default).

    ``upgrade=False`` for commands that only read or edit rows: they refuse a
    schema at another revision instead of migrating it.
    """
    from supervisor_app.services.database import open_database

    db = open_database(url, upgrade=upgrade)
    try:
        yield db
    finally:
        db.close()
