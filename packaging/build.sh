#!/usr/bin/env bash
# `make package`: the one-folder bundle dist/supervisor-console/ and its .tar.gz.
# Needs the [package] extra (PyInstaller, tzdata), which `make package` installs first.
set -euo pipefail
cd "$(dirname "$0")/.."
py="${1:-.venv/bin/python}"
version=$("$py" -c 'import supervisor_app; print(supervisor_app.__version__)')
system=$("$py" -c 'import platform; print(f"{platform.system().lower()}-{platform.machine()}")')

rm -rf dist/supervisor-console
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/supervisor-console.spec

bundle=dist/supervisor-console
if [ "$(uname -s)" = "Linux" ] && command -v strip >/dev/null; then
    # Debug symbols out (about 60 MB), except from the NAME.libs folders auditwheel patched:
    # stripping those breaks them (numpy's OpenBLAS then fails to load). OR-Tools' own
    # ortools/.libs (the solver, SCIP, HiGHS, protobuf: about 9 MB of symbols) is no
    # auditwheel folder and strips cleanly; the smoke test's `schedule generate` loads it.
    find "$bundle/_internal" \( -name '*.libs' ! -name '.libs' \) -prune -o -type f \
        \( -name '*.so' -o -name '*.so.*' \) -print0 | xargs -0 -r strip --strip-unneeded 2>/dev/null || true
    # ICU's data without the trees Qt never reads (32 -> 9 MB): packaging/icu_data.py.
    if command -v cc >/dev/null && command -v nm >/dev/null; then
        "$py" packaging/icu_data.py "$bundle/_internal"
    else
        echo "icu: no C compiler or nm here; the bundle keeps ICU's full data library"
    fi
fi
if [ ! -e "$bundle/supervisor-app" ] && [ ! -e "$bundle/supervisor-app.exe" ]; then
    # One executable, two names: packaging/entry.py opens the window only as supervisor-console.
    ln -s supervisor-console "$bundle/supervisor-app"
fi
if [ "$(uname -s)" = "Linux" ]; then
    # The desktop entry and icon, installed for the user by the script beside them.
    cp packaging/linux/supervisor-console.desktop packaging/linux/supervisor-console.svg \
        packaging/linux/install-desktop-entry.sh "$bundle/"
    chmod +x "$bundle/install-desktop-entry.sh"
fi
archive="dist/supervisor-console-${version}-${system}.tar.gz"
tar -C dist -czf "$archive" supervisor-console
echo "bundle:  $bundle ($(du -sm "$bundle" | cut -f1) MB)"
echo "archive: $archive ($(du -sm "$archive" | cut -f1) MB)"
