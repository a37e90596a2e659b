"""The Analytics tab.

The face: the window imports ``AnalyticsTab`` from here, when the tab is first shown.
"""

from supervisor_app.ui.analytics.analytics_tab import AnalyticsTab

__all__ = ["AnalyticsTab"]
