"""The bundle's ``supervisor-app`` executable: the same command line as the development install."""

import sys

from supervisor_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
