"""What the coaching and records sections share: a save run on a worker, then the
profile fetched again; a known failure said in the section's status line."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel

from supervisor_app.ui.common.error_display import as_user_error

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.ui.people.section import ProfileContext

log = logging.getLogger(__name__)


def save_then_reload(
    context: ProfileContext, status: QLabel, write: Callable[[Database], Any]
) -> None:
    """Run ``write(db)`` on a worker; on success fetch every section again, else say why."""
    db = context.db

    def failed(exc: BaseException) -> None:
        known = as_user_error(exc)
        if known is None:
            log.error("a profile save failed", exc_info=exc)
        status.setText(str(known if known is not None else exc).splitlines()[0])

    status.setText("")
    context.workers.run(
        lambda _report: write(db), on_success=lambda _: context.reload(), on_failure=failed
    )
