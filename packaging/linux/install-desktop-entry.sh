#!/usr/bin/env bash
# Add Supervisor Console to the applications menu, for this user only (no root needed).
# Run it from the unpacked bundle:  ./install-desktop-entry.sh     (--remove takes it out)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
entry="$data/applications/supervisor-console.desktop"
icon="$data/icons/hicolor/scalable/apps/supervisor-console.svg"

if [ "${1:-}" = "--remove" ]; then
    rm -f "$entry" "$icon"
    echo "Removed the Supervisor Console menu entry."
    exit 0
fi
if [ ! -x "$here/supervisor-console" ]; then
    echo "Run this script from the unpacked bundle (supervisor-console is not beside it)." >&2
    exit 1
fi
mkdir -p "$(dirname "$entry")" "$(dirname "$icon")"
cp "$here/supervisor-console.svg" "$icon"
# Exec with the bundle's absolute path, quoted for the desktop-entry spec.
sed "s|^Exec=.*|Exec=\"$here/supervisor-console\"|" "$here/supervisor-console.desktop" >"$entry"
chmod 644 "$entry"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "Supervisor Console is in your applications menu ($entry)."
