"""The KPI summaries kept after a command wrote history (an import), as every writer keeps them."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supervisor_app.services.database import Database


def keep_kpi_summaries(db: Database) -> None:
    """Summarise the ended days the command wrote (and any other not yet kept), with one
    line on stderr: stdout stays the command's own report (a JSON one included)."""
    from supervisor_app.services.kpi import keep_summaries

    kept = keep_summaries(db)
    if kept.refused is not None:
        print(
            f"KPI summaries not kept ({kept.refused}): reports build the days they need",
            file=sys.stderr,
        )
    elif kept.days:
        print(kept.text(), file=sys.stderr)
