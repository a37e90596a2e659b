"""The ``supervisor-app`` command line (see ``main``)."""

from supervisor_app.cli.main import build_parser, parse, run

__all__ = ["build_parser", "parse", "run"]
