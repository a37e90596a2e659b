"""What several tabs and the window share: workers, settings, copying, layout memory,
error display, refresh helpers, site time and the timeline colours.

No face: each helper is imported from its own module, so a widget that needs one
small helper loads only that (some, like ``time_axis``, load pyqtgraph).
"""
