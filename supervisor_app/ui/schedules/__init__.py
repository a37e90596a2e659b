"""The Schedules tab.

The face: the window imports ``SchedulesTab`` from here, and only when the tab is
first shown (it loads the services, and so SQLAlchemy). Inside, ``grid`` is the
custom-painted week grid and its gestures, ``week`` the draft being edited, its
rule checks, loading and saving, ``dialogs`` the commands beside editing
(publish, time off, templates, history, save conflicts), and ``planning`` the
coverage, capacity and forecast-accuracy panels under the grid.
"""

from supervisor_app.ui.schedules.schedules_tab import SchedulesTab

__all__ = ["SchedulesTab"]
