"""File → Import…: the wizard that reads contact, roster and forecast files."""

from supervisor_app.ui.imports.wizard import ImportWizard

__all__ = ["ImportWizard"]
