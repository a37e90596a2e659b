"""What the wizard's pages share: the file, its kind, its preview and the mapping chosen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from supervisor_app.ingest.files import ContactMapping, FileKind, FilePreview
from supervisor_app.services.database import Database
from supervisor_app.ui.common.workers import Workers


@dataclass
class ImportState:
    workers: Workers
    db: Database
    kind: FileKind = FileKind.CONTACTS
    path: Path | None = None
    preview: FilePreview | None = None
    mapping: ContactMapping | None = None  # None: our own column set
    site_id: int | None = None  # the window's site the file goes to (None: the only site)
