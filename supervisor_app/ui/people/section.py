"""One part of the agent profile: fetched on a worker, shown on the GUI thread.

The profile is assembled from sections kept by different features (scorecard,
adherence, quality, coaching, training, schedule), so each brings its own query
and its own widget through this one shape; the dialog runs every section's
``fetch`` on a worker and hands the answer to ``show_data``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtWidgets import QWidget

from supervisor_app.domain.permissions import Role

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.ui.common.workers import Workers


@dataclass(frozen=True, slots=True)
class ProfileContext:
    """Who the profile is about and how a section reaches the database."""

    db: Database
    workers: Workers
    agent_id: int
    agent_name: str
    site_id: int
    today: date  # the site's local date
    reload: Callable[[], None]  # fetch every section again (after a section saved something)
    role: Role = Role.SINGLE_USER  # the session's role: a section hides what it may not do


class ProfileSection(QWidget):
    """A titled part of the profile. ``fetch`` runs on a worker (no Qt there);
    ``show_data`` gets its answer on the GUI thread."""

    title: ClassVar[str] = ""

    def __init__(self, context: ProfileContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    @staticmethod
    def fetch(db: Database, agent_id: int, today: date) -> Any:
        """What the section shows, read from the database (on a worker thread)."""
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        """Show what ``fetch`` returned."""
        raise NotImplementedError
