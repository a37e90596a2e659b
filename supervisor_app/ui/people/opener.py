"""``open_agent_profile``: what the tabs call, light to import.

The tabs import it while the window is built, and start-up loads neither the
services (SQLAlchemy) nor pyqtgraph; the dialog and its sections are imported
on the first double-click.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.ui.common.workers import Workers
    from supervisor_app.ui.people.profile_dialog import AgentProfileDialog


def open_agent_profile(
    parent: QWidget | None, workers: Workers, db: Database, agent_id: int, **options: Any
) -> AgentProfileDialog:
    """Show the agent's profile, non-modal (raise it if it is open already); the dialog.

    ``options``: ``now`` (the clock, for tests) and ``sections`` (instead of ``SECTIONS``).
    """
    from supervisor_app.ui.people.profile_dialog import show_profile

    return show_profile(parent, workers, db, agent_id, **options)
