"""Edit › Setup…: the window that sets up sites, queues, teams, agents, rules; the audit."""

from supervisor_app.ui.setup.dialog import SetupDialog

__all__ = ["SetupDialog"]
