"""The bundle's entry: ``supervisor-console`` opens the window, ``supervisor-app`` is the CLI.

On Linux and macOS one executable serves both (``supervisor-app`` is a symbolic link to
it, made by ``packaging/build.sh``), which keeps the bundle one Python archive smaller;
on Windows the spec builds two executables from this same file, one windowed.
"""

import sys
from pathlib import Path

from supervisor_app.__main__ import gui_main, main

if __name__ == "__main__":
    called = Path(sys.argv[0]).name.lower()
    sys.exit(gui_main() if called.startswith("supervisor-console") else main())
