"""What a subcommand module hands the parser: its parsers and its handlers.

Each ``cmd_*`` module owns one command (or one ``import`` source) and has a
``register(groups)`` function, so adding a command never edits another's module.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field

PROG = "supervisor-app"

Handler = Callable[[argparse.Namespace], int]
Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]


@dataclass
class CommandGroups:
    """The top-level subcommands, the ``import`` sources and the handler table."""

    top: Subparsers
    imports: Subparsers
    handlers: dict[tuple[str, str | None], Handler] = field(default_factory=dict)

    def add(self, command: str, action: str | None, handler: Handler) -> None:
        self.handlers[(command, action)] = handler
