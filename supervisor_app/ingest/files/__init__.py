"""Contact, roster, forecast, escalation, evaluation and training files (CSV or XLSX),
read into rows and imported all-or-nothing.

The face: one ``import_*`` per kind of file (what the ``import`` commands call), the
contact files' column mappings (``ContactMapping``, ``load_mapping``, ``save_mapping``,
``shipped_mappings`` and the fields they map), and the import wizard's steps
(``preview_file``, ``validate_file``, ``run_import`` with ``cancellable``).

Names load when first asked for, so a command that imports one kind of file does not
read the readers of every other kind (``import training`` needs neither openpyxl's
contact layouts nor the mapping files).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supervisor_app.ingest.files.agents import import_agents
    from supervisor_app.ingest.files.columns import normalised
    from supervisor_app.ingest.files.contacts import import_contacts
    from supervisor_app.ingest.files.escalations import import_escalations
    from supervisor_app.ingest.files.evaluations import import_evaluations
    from supervisor_app.ingest.files.forecast import import_forecast
    from supervisor_app.ingest.files.mapping import (
        CONTACT_FIELDS,
        REQUIRED_COLUMNS,
        ContactMapping,
        Source,
        load_mapping,
        shipped_mappings,
    )
    from supervisor_app.ingest.files.mapping_toml import save_mapping
    from supervisor_app.ingest.files.preview import (
        FileKind,
        FilePreview,
        ImportCancelled,
        Validation,
        cancellable,
        preview_file,
        run_import,
        validate_file,
    )
    from supervisor_app.ingest.files.training import import_training

_MODULE_OF = {
    "CONTACT_FIELDS": "mapping",
    "REQUIRED_COLUMNS": "mapping",
    "ContactMapping": "mapping",
    "FileKind": "preview",
    "FilePreview": "preview",
    "ImportCancelled": "preview",
    "Source": "mapping",
    "Validation": "preview",
    "cancellable": "preview",
    "import_agents": "agents",
    "import_contacts": "contacts",
    "import_escalations": "escalations",
    "import_evaluations": "evaluations",
    "import_forecast": "forecast",
    "import_training": "training",
    "load_mapping": "mapping",
    "normalised": "columns",
    "preview_file": "preview",
    "run_import": "preview",
    "save_mapping": "mapping_toml",
    "shipped_mappings": "mapping",
    "validate_file": "preview",
}

__all__ = [
    "CONTACT_FIELDS",
    "REQUIRED_COLUMNS",
    "ContactMapping",
    "FileKind",
    "FilePreview",
    "ImportCancelled",
    "Source",
    "Validation",
    "cancellable",
    "import_agents",
    "import_contacts",
    "import_escalations",
    "import_evaluations",
    "import_forecast",
    "import_training",
    "load_mapping",
    "normalised",
    "preview_file",
    "run_import",
    "save_mapping",
    "shipped_mappings",
    "validate_file",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value
