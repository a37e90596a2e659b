"""What the tabs and the window share.

- background work: ``workers`` (ops off the GUI thread), ``latest_query`` (newest
  request wins), ``refresher`` (a panel's coalesced fetch), ``change_watcher``
  (the change feed's thread, its back-off);
- tables: ``copy_table`` (Ctrl+C), ``titled_columns`` (the header of a flat model),
  ``header_state`` and ``settings`` (layouts remembered between runs);
- failures: ``error_display`` (banner, crash dialog), ``failures`` (messages and
  one-line notes), ``refresh_status`` (a panel's title and stale-data note);
- time and colour: ``local_time`` (the site's wall clock), ``time_axis`` (a
  pyqtgraph axis in it), ``timeline_palette`` and ``labels`` (states and activities);
- small widgets: ``choices`` (refilling a filter), ``layouts``, ``resources``
  (icons, style sheet).

No face: each helper is imported from its own module, so a widget that needs one
small helper loads only that (``time_axis`` loads pyqtgraph).
"""
