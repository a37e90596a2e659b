#!/usr/bin/env bash
# Create .venv and install the project with the given extras, once per change of pyproject.toml.
# Usage: packaging/bootstrap.sh [EXTRAS]   (e.g. "dev")
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
venv=.venv
py="${PYTHON:-python3}"

if ! command -v "$py" >/dev/null 2>&1; then
    echo "Python 3.11 or newer is needed: '$py' was not found (set PYTHON=/path/to/python3.11)." >&2
    exit 1
fi
if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Python 3.11 or newer is needed; $py is $("$py" -V 2>&1) (set PYTHON=/path/to/python3.11)." >&2
    exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
    echo "Creating the virtual environment in $venv …"
    if ! "$py" -m venv "$venv"; then
        echo "Could not create a virtual environment. On Debian/Ubuntu: sudo apt-get install python3-venv" >&2
        exit 1
    fi
fi
stamp="$venv/.installed-${extras:-base}-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "Installing Supervisor Console${extras:+ with [$extras]} into $venv …"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -e ".${extras:+[$extras]}"
    rm -f "$venv"/.installed-*
    touch "$stamp"
fi
