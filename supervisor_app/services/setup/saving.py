"""One transaction per save: conflicts and broken uniqueness turned into plain messages.

The version check in ``conflicts.refuse_if_changed`` sees changes committed
before the save read the row; one committed between that read and the write is
caught by the ORM's ``version_id_col`` check (``StaleDataError``), reported the
same way. Either way the transaction rolls back: nothing half-written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from supervisor_app.domain.errors import UserError
from supervisor_app.services.database import Database
from supervisor_app.services.setup.conflicts import SetupConflict
from supervisor_app.store.changes import announce


@contextmanager
def saving(db: Database, what: str, tables: Iterable[str]) -> Iterator[Session]:
    """A session in a transaction that commits on leaving and announces ``tables``."""
    try:
        with db.sessions.begin() as session:
            yield session
            session.flush()
            announce(session.connection(), (*tables, "audit_log"))
    except StaleDataError:
        raise SetupConflict(what, [], None, None) from None
    except IntegrityError as exc:
        raise UserError(f"{what} can't be saved: {_first_line(exc)}") from None


def _first_line(exc: IntegrityError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return text.strip().splitlines()[0]
