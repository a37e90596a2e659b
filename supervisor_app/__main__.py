"""Entry point: ``supervisor-app`` and ``python -m supervisor_app``.

Lives outside the layers so it can hand ``gui`` to the ui package and every
other command to the CLI, without the CLI importing Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

from supervisor_app import cli


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.parse(argv)
    if args.command == "gui":
        from supervisor_app.ui.app import run_gui

        return run_gui(args.db, demo=args.demo)
    return cli.run(args)


def gui_main() -> int:
    return main(["gui"])


if __name__ == "__main__":
    raise SystemExit(main())
