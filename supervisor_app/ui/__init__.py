"""ui layer (see ../shared/ARCHITECTURE.md).

``app`` starts the console; ``shell`` is the window around the tabs; each tab is a
package whose ``__init__`` is its face (``live``, ``schedules``, ``analytics``,
``reports_tab``, ``imports``); ``common`` holds what several of them share.
"""
