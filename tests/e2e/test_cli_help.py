"""The parser a command gets: ``gui`` its own alone (start-up), everything else the whole one.

What a user sees must not depend on that shortcut: ``--help`` lists every command,
each command's ``--help`` works, and ``gui``'s arguments read as the whole parser
reads them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator

import pytest
from cli_runner import CliRunner

from supervisor_app.cli.main import build_parser, gui_only, parse

# The commands of the CLI contract (ARCHITECTURE.md, "CLI contract"), written out by hand.
CONTRACT_COMMANDS = (
    "gui",
    "db",
    "user",
    "demo",
    "simulate",
    "import",
    "site",
    "queue",
    "team",
    "agent",
    "skill",
    "rules",
    "escalation",
    "audit",
    "kpi",
    "staffing",
    "forecast",
    "schedule",
    "export",
)


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every command and subcommand path of ``parser`` (``("db", "upgrade")``, …)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name)
                yield from _commands(sub, (*path, name))


def test_help_lists_every_command_of_the_contract(cli: CliRunner) -> None:
    result = cli("--help")
    assert result.returncode == 0, result.stderr
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("    ")}
    assert set(CONTRACT_COMMANDS) <= listed


def test_gui_help_names_its_option(cli: CliRunner) -> None:
    result = cli("gui", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: supervisor-app gui [-h] [--demo]")


@pytest.mark.parametrize("path", sorted(_commands(build_parser())), ids=" ".join)
def test_each_command_has_help(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse([*path, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: supervisor-app {' '.join(path)} ")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["gui"],
        ["gui", "--demo"],
        ["--db", "sqlite:///x.db"],
        ["--db=sqlite:///x.db", "gui", "--demo"],
        ["--db", "gui"],  # "gui" is the URL here, and the command the default
    ],
)
def test_gui_reads_as_the_whole_parser_reads_it(argv: list[str]) -> None:
    assert gui_only(argv)
    whole = build_parser().parse_args(argv)
    if whole.command is None:
        whole.command, whole.demo = "gui", False
    assert parse(argv) == whole


@pytest.mark.parametrize(
    "argv", [["--help"], ["--version"], ["--d", "x"], ["kpi", "--help"], ["--db", "x", "db"]]
)
def test_anything_else_gets_the_whole_parser(argv: list[str]) -> None:
    assert not gui_only(argv)


def test_parsing_gui_imports_no_other_command() -> None:
    script = (
        "import sys\n"
        "from supervisor_app import cli\n"
        "cli.parse(['--db', 'sqlite:///x.db', 'gui'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('supervisor_app.cli.cmd_')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["export", "service", "--from", "2026-13-01"], "--from"),
        (["export", "pivot"], "REPORT"),
        (["queue", "set"], "NAME"),
        (["nonsense"], "COMMAND"),
        (["kpi", "--by", "planet"], "--by"),
        (["gui", "--speed"], "--speed"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli: CliRunner, argv: list[str], names: str) -> None:
    """The CLI contract (ARCHITECTURE.md): bad input exits 2 with one line naming the
    field, here including what argparse itself refuses (a malformed date, a choice)."""
    result = cli(*argv)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert names in lines[0] and "--help" in lines[0]
