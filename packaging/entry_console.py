"""The bundle's ``supervisor-console`` executable: opens the window (``supervisor-app gui``)."""

import sys

from supervisor_app.__main__ import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
