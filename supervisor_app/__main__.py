"""Entry point: ``supervisor-app`` and ``python -m supervisor_app``; also the bundle's two.

Lives outside the layers so it can hand ``gui`` to the ui package and every
other command to the CLI, without the CLI importing Qt. It starts the log file
(``app_log``) first: the window logs to ``console.log``, commands to ``supervisor-app.log``.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence

from supervisor_app import cli
from supervisor_app.app_log import current_log_file, start_logging


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.parse(argv)
    if args.command == "gui":
        start_logging("console")
        # Nearly all that start-up allocates lives on (modules, classes, Qt wrappers: some
        # 40,000 objects by the first paint), so collecting cycles meanwhile is time lost
        # before the window shows. It turns collection back on once painted (gc_policy).
        gc.disable()
        try:
            from supervisor_app.ui.app import run_gui

            return run_gui(args.db, demo=args.demo)
        except Exception as exc:  # before or after the window: one line, the rest in the log
            logging.getLogger("supervisor_app").exception("the console could not run")
            print(
                f"supervisor-console: {type(exc).__name__}: {exc}; "
                f"the details are in {current_log_file() or 'the log file'}",
                file=sys.stderr,
            )
            return 70
    start_logging("supervisor-app")
    return cli.run(args)


def gui_argv(args: Sequence[str]) -> list[str]:
    """``supervisor-console [--db URL] [--demo]`` as ``supervisor-app [--db URL] gui [--demo]``."""
    database: list[str] = []
    rest: list[str] = []
    items = iter(args)
    for item in items:
        if item == "--db":
            database += [item, next(items, "")]
        elif item.startswith("--db="):
            database.append(item)
        else:
            rest.append(item)
    return [*database, "gui", *rest]


def gui_main() -> int:
    """The ``supervisor-console`` executable (pip's gui-script and the bundle's)."""
    return main(gui_argv(sys.argv[1:]))


if __name__ == "__main__":
    raise SystemExit(main())
