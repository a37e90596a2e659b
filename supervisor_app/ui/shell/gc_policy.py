"""Python's cycle collector, tuned for a console that runs all shift.

By the first refresh the process holds hundreds of thousands of long-lived
objects (Qt wrappers, SQLAlchemy's metadata and statement caches, numpy,
pyqtgraph). Every full collection walks all of them: pauses of 50-70 ms that
land inside a refresh and make up its slowest 5 %. Moving them to the
permanent generation once they exist keeps later collections to what the
refreshes themselves create.
"""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Collect what start-up left behind, then exempt the survivors from later scans."""
    gc.collect()
    gc.freeze()
