#!/usr/bin/env bash
# Qt's xcb platform (a real window on Linux) needs system libraries pip can't install.
# Find the ones missing for the installed PySide6, install them when we are root with
# apt-get, else print the one apt-get line to run. Exit 1 only if they are still missing.
set -uo pipefail
[ "$(uname -s)" = "Linux" ] || exit 0
py="${1:-.venv/bin/python}"
qt_dir=$("$py" -c 'import os, PySide6; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))') || exit 1

declare -A package_of=(
    [libxcb-cursor.so.0]=libxcb-cursor0 [libxcb-icccm.so.4]=libxcb-icccm4
    [libxcb-keysyms.so.1]=libxcb-keysyms1 [libxcb-image.so.0]=libxcb-image0
    [libxcb-render-util.so.0]=libxcb-render-util0 [libxcb-shape.so.0]=libxcb-shape0
    [libxcb-randr.so.0]=libxcb-randr0 [libxcb-xkb.so.1]=libxcb-xkb1
    [libxkbcommon-x11.so.0]=libxkbcommon-x11-0 [libxkbcommon.so.0]=libxkbcommon0
    [libxcb-xinerama.so.0]=libxcb-xinerama0 [libxcb-sync.so.1]=libxcb-sync1
    [libxcb-xfixes.so.0]=libxcb-xfixes0 [libxcb-shm.so.0]=libxcb-shm0
    [libxcb-render.so.0]=libxcb-render0 [libxcb-util.so.1]=libxcb-util1
    [libX11-xcb.so.1]=libx11-xcb1 [libX11.so.6]=libx11-6 [libxcb.so.1]=libxcb1
    [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libOpenGL.so.0]=libopengl0
    [libGLX.so.0]=libglx0 [libfontconfig.so.1]=libfontconfig1 [libfreetype.so.6]=libfreetype6
    [libdbus-1.so.3]=libdbus-1-3 [libglib-2.0.so.0]=libglib2.0-0 [libICE.so.6]=libice6
    [libSM.so.6]=libsm6
)

missing_sonames() {
    {
        ldd "$qt_dir/plugins/platforms/libqxcb.so" "$qt_dir/lib/libQt6XcbQpa.so.6" \
            "$qt_dir/lib/libQt6Gui.so.6" "$qt_dir/lib/libQt6Widgets.so.6" 2>/dev/null |
            awk '/not found/ {print $1}'
        # Qt loads xcb-cursor at run time (dlopen), so ldd can't see it missing.
        ldconfig -p 2>/dev/null | grep -q 'libxcb-cursor\.so\.0 ' || echo libxcb-cursor.so.0
    } | sort -u
}

mapfile -t sonames < <(missing_sonames)
[ "${#sonames[@]}" -eq 0 ] && exit 0

packages=()
unknown=()
for so in "${sonames[@]}"; do
    if [ -n "${package_of[$so]:-}" ]; then packages+=("${package_of[$so]}"); else unknown+=("$so"); fi
done
echo "Qt needs system libraries that are missing: ${sonames[*]}" >&2

if [ "${#packages[@]}" -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing ${packages[*]} with apt-get …" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2
        mapfile -t sonames < <(missing_sonames)
        [ "${#sonames[@]}" -eq 0 ] && exit 0
        echo "Still missing after apt-get: ${sonames[*]}" >&2
    else
        echo "Run this once, then try again:" >&2
        echo "    sudo apt-get install ${packages[*]}" >&2
    fi
    exit 1
fi
echo "Install the packages that provide: ${packages[*]} ${unknown[*]}" >&2
exit 1
