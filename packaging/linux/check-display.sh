#!/usr/bin/env bash
# A window needs a display: say so plainly instead of Qt's "could not connect to display".
[ "$(uname -s)" = "Linux" ] || exit 0
[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && exit 0
case "${QT_QPA_PLATFORM:-}" in offscreen|minimal|vnc*) exit 0 ;; esac
echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset)." >&2
echo "Run 'make run' from a desktop session, or on a server: xvfb-run -a make run" >&2
exit 1
