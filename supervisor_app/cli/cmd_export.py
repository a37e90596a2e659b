"""Placeholder: filled in by the change that adds this command."""

from __future__ import annotations

from supervisor_app.cli.registry import CommandGroups


def register(groups: CommandGroups) -> None:
    """Adds nothing yet."""
