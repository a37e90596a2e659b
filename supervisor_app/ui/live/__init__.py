"""The Live tab: queues now and today, the agent board, alerts, and their refresh pipeline.

The face: the window imports ``LiveTab`` from here. Inside, ``board`` holds the
queue and agent tables and their models, ``alerts`` the alert feed and panel,
``refresh`` the snapshot pipeline and what the stale banner says about it,
``whatif`` the panel beside the queue table, and ``panels`` the intraday charts,
escalations and an agent's day timeline. The tab is built with the window, so
nothing imported here may load SQLAlchemy, numpy or pyqtgraph.
"""

from supervisor_app.ui.live.live_tab import LiveTab

__all__ = ["LiveTab"]
