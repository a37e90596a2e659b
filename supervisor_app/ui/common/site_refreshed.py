"""What every panel fed by a ``Refresher`` answers the window: the database, the site, a
refresh. A mixin, so each panel keeps its own widgets and only names its refresher."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.ui.common.refresher import Refresher


class SiteRefreshed:
    """Mixed in before ``QWidget``; the panel sets ``refresher`` and ``site_id``."""

    refresher: Refresher
    site_id: int | None

    def set_database(self, db: Database | None) -> None:
        self.refresher.set_database(db)

    def set_site(self, site_id: int | None) -> None:
        """The window's site (None: the database's only one); fetches again if it changed."""
        if site_id != self.site_id:
            self.site_id = site_id
            self.refresher.invalidate()

    def refresh(self) -> None:
        self.refresher.request()
