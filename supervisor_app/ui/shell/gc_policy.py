"""Python's cycle collector, tuned for a console that runs all shift.

By the first refresh the process holds hundreds of thousands of long-lived
objects (Qt wrappers, SQLAlchemy's metadata and statement caches, numpy,
pyqtgraph). Every full collection walks all of them: pauses of 50-70 ms that
land inside a refresh and make up its slowest 5 %. Moving them to the
permanent generation once they exist keeps later collections to what the
refreshes themselves create.

Before that, ``supervisor-app gui`` starts with collection off (``__main__``): nearly
every object start-up makes lives on, so collecting meanwhile only costs time before
the first paint (about 4 ms of CPU). ``resume_collection`` turns it back on once the window
has painted (or once it starts without a paint, minimised).
"""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Collect what start-up left behind, then exempt the survivors from later scans."""
    gc.collect()
    gc.freeze()


def resume_collection() -> None:
    """Collect cycles again (after the first paint; a no-op if it was never off)."""
    gc.enable()
