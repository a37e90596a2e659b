"""Opening the database for the window, then watching it, without the GUI thread waiting.

Two background steps, so the status bar can name the database before the slow
part: resolve the URL (imports SQLAlchemy, reads the settings file), then
connect and upgrade the schema. Then a ``ChangeWatcher`` feeds change times and
connection state. SQLAlchemy and the services are imported inside the ops, on a
pool thread, after the window has painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from supervisor_app.ui.common.change_watcher import ChangeWatcher, database_listener
from supervisor_app.ui.common.workers import Report, Workers

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.session_role import SessionIdentity


def resolve(cli_url: str | None) -> tuple[str, str]:
    """The URL to open and how to show it (password hidden)."""
    from supervisor_app.store.location import display_url, resolve_database_url

    url = resolve_database_url(cli_url)
    return url, display_url(url)


def open_db(url: str) -> tuple[Database, SessionIdentity]:
    """Open (never migrating a shared database) and ask who we are connected as."""
    from supervisor_app.services.database import open_database
    from supervisor_app.services.session_role import session_role

    db = open_database(url)
    try:
        return db, session_role(db)
    except Exception:
        db.close()
        raise


class DatabaseSession(QObject):
    """One database for one window: ``start()`` it, ``close()`` it; state arrives as signals."""

    resolved = Signal(str)  # display URL
    opened = Signal(object)  # Database
    identified = Signal(object)  # SessionIdentity: the login and its role, before opened
    failed = Signal(object)  # the exception: a UserError to explain, or a bug to report
    connecting = Signal()
    connected = Signal()
    connection_lost = Signal(str, float)
    changed = Signal(object, object)  # frozenset of table names, UTC datetime

    def __init__(
        self, cli_url: str | None, workers: Workers, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._cli_url = cli_url
        self._workers = workers
        self._busy = False
        self.db: Database | None = None
        self.identity: SessionIdentity | None = None
        self.url: str | None = None  # once resolved
        self._watcher: ChangeWatcher | None = None

    def start(self) -> None:
        """Open (or, after a failure, re-open) the database. Ignored while one attempt runs."""
        if self._busy or self.db is not None:
            return
        self._busy = True
        self.connecting.emit()
        self._workers.run(
            lambda _report: resolve(self._cli_url),
            on_success=self._on_resolved,
            on_failure=self._on_failed,
        )

    def _on_resolved(self, result: tuple[str, str]) -> None:
        url, shown = result
        self.url = url
        self.resolved.emit(shown)

        def op(_report: Report) -> tuple[Database, SessionIdentity]:
            return open_db(url)

        self._workers.run(op, on_success=self._on_opened, on_failure=self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.failed.emit(exc)

    def _on_opened(self, result: tuple[Database, SessionIdentity]) -> None:
        db, identity = result
        self._busy = False
        self.db = db
        self.identity = identity
        self.identified.emit(identity)
        self.connected.emit()
        self.opened.emit(db)
        self._watcher = ChangeWatcher(database_listener(db), parent=self)
        self._watcher.changed.connect(self.changed)
        self._watcher.connected.connect(self.connected)
        self._watcher.connecting.connect(self.connecting)
        self._watcher.connection_lost.connect(self.connection_lost)
        self._watcher.start()

    def close(self) -> None:
        """Stop the watcher thread, then release the engine's connections.

        The caller shuts the workers down first, so no op still uses the engine.
        """
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        if self.db is not None:
            self.db.close()
            self.db = None
