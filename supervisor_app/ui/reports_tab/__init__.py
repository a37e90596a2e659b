"""The Reports tab.

The face: the window imports ``ReportsTab`` from here, when the tab is first shown.
"""

from supervisor_app.ui.reports_tab.reports_tab import ReportsTab

__all__ = ["ReportsTab"]
