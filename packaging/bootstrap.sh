#!/usr/bin/env bash
# Create .venv and install the project with the given extras from their lock file
# (requirements/EXTRAS.lock: every package pinned, with its hashes), once per change of the
# lock or of pyproject.toml. A lock that fails to install is an error, never a fallback to
# unpinned packages. Usage: packaging/bootstrap.sh EXTRAS   ("dev" or "dev,bench")
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-dev}"
lock="requirements/${extras//,/-}.lock"
if [ ! -f "$lock" ]; then
    echo "There is no lock file $lock for the extras [$extras]; add them to packaging/lock.sh and run 'make lock'." >&2
    exit 1
fi
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
stamp="$venv/.installed-${extras//,/-}-$(cat pyproject.toml "$lock" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "Installing Supervisor Console with [$extras] from $lock into $venv …"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    # --require-hashes: each file must be the one locked; the project itself from the checkout.
    "$venv/bin/python" -m pip install --quiet --require-hashes -r "$lock"
    "$venv/bin/python" -m pip install --quiet --no-deps -e .
    # pyproject.toml changed without `make lock`: say so now, not as a missing import later.
    "$venv/bin/python" packaging/check_lock.py
    rm -f "$venv"/.installed-*
    touch "$stamp"
fi
