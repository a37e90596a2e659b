"""``coaching``, ``record`` and ``team supervisor`` on both engines: what they print and
write, and bad input as one line (exit 2) or a refusal (exit 1), never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from cli_runner import CliRunner
from two_sites import build_two_sites

from supervisor_app.services.database import open_database


@pytest.fixture
def bound(db_url: str, cli: CliRunner) -> Iterator[CliRunner]:
    db = open_database(db_url)
    try:
        build_two_sites(db)  # Lena is employee code L (London), Ned N (New York)
    finally:
        db.close()
    yield cli.on(db_url)


def _json(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    out = capsys.readouterr().out
    return list(json.loads(out))


def test_add_list_due_and_done(bound: CliRunner, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        bound.in_process(
            "coaching",
            "add",
            "--agent",
            "L",
            "--topic",
            "Hold times",
            "--text",
            "Long holds on billing calls",
            "--actions",
            "Use mute",
            "--follow-up",
            "2026-12-07",
            "--contact",
            "L2",
        )
        == 0
    )
    assert "for Lena; follow up on 2026-12-07" in capsys.readouterr().out
    assert (
        bound.in_process(
            "coaching",
            "add",
            "--agent",
            "n",
            "--topic",
            "Week",
            "--text",
            "Good week",
            "--period",
            "2026-11-16",
            "2026-11-20",
        )
        == 0
    )
    capsys.readouterr()
    assert bound.in_process("coaching", "list", "--format", "json") == 0
    rows = _json(capsys)
    assert [(r["agent"], r["topic"], r["about"]) for r in rows] == [
        ("Ned", "Week", "2026-11-16 to 2026-11-20"),
        ("Lena", "Hold times", "contact L2"),
    ]
    lena_note = rows[1]["id"]
    for today, expected in (("2026-12-06", []), ("2026-12-07", ["Hold times"])):
        assert (
            bound.in_process("coaching", "list", "--due", "--today", today, "--format", "json") == 0
        )
        assert [r["topic"] for r in _json(capsys)] == expected
    assert bound.in_process("coaching", "done", str(lena_note), "--on", "2026-12-07") == 0
    capsys.readouterr()
    assert (
        bound.in_process("coaching", "list", "--due", "--today", "2026-12-07", "--format", "json")
        == 0
    )
    assert _json(capsys) == []


def test_records_and_team_supervisors(bound: CliRunner, capsys: pytest.CaptureFixture[str]) -> None:
    assert bound.in_process("team", "supervisor", "add", "Thames", "anna", "--site", "London") == 0
    assert bound.in_process("team", "supervisor", "list", "--format", "json") == 0
    capsys.readouterr()
    assert bound.in_process("team", "supervisor", "list", "--format", "json") == 0
    assert _json(capsys) == [{"site": "London", "team": "Thames", "login": "anna"}]
    assert (
        bound.in_process(
            "record",
            "add",
            "--agent",
            "L",
            "--kind",
            "improvement-plan",
            "--text",
            "Adherence plan",
            "--issued",
            "2026-12-01",
            "--review",
            "2027-01-05",
        )
        == 0
    )
    capsys.readouterr()
    assert bound.in_process("record", "list", "--format", "json") == 0
    (row,) = _json(capsys)
    assert (row["kind"], row["review_on"], row["acknowledged_on"]) == (
        "improvement-plan",
        "2027-01-05",
        "",
    )
    assert bound.in_process("record", "acknowledge", str(row["id"]), "--on", "2026-12-02") == 0
    capsys.readouterr()
    assert bound.in_process("record", "list", "--agent", "L", "--format", "json") == 0
    assert _json(capsys)[0]["acknowledged_on"] == "2026-12-02"
    assert (
        bound.in_process("team", "supervisor", "remove", "Thames", "anna", "--site", "London") == 0
    )


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (
            ("coaching", "add", "--agent", "ZZ", "--topic", "t", "--text", "x"),
            2,
            "--agent 'ZZ' refused: no agent with that employee code",
        ),
        (
            ("coaching", "add", "--agent", "L", "--topic", " ", "--text", "x"),
            2,
            "topic refused: it is empty",
        ),
        (
            ("coaching", "add", "--agent", "L", "--topic", "t", "--text", "x", "--contact", "Q"),
            2,
            "--contact 'Q' refused: no contact with that id",
        ),
        (
            (
                "coaching",
                "add",
                "--agent",
                "L",
                "--topic",
                "t",
                "--text",
                "x",
                "--period",
                "2026-12-02",
                "2026-12-01",
            ),
            2,
            "period refused: 2026-12-02 is after",
        ),
        (("coaching", "done", "999"), 1, "no coaching note with id 999"),
        (
            (
                "record",
                "add",
                "--agent",
                "L",
                "--kind",
                "warning",
                "--text",
                "x",
                "--issued",
                "2026-12-02",
                "--review",
                "2026-12-01",
            ),
            2,
            "review date 2026-12-01 refused",
        ),
        (
            ("team", "supervisor", "remove", "Thames", "bob", "--site", "London"),
            1,
            "bob does not supervise team Thames",
        ),
        (
            ("team", "supervisor", "add", "Thames", "1 bad", "--site", "London"),
            2,
            "login '1 bad' refused",
        ),
    ],
)
def test_bad_input_is_one_line(
    bound: CliRunner,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    code: int,
    says: str,
) -> None:
    assert bound.in_process(*args) == code
    err = capsys.readouterr().err.strip()
    assert says in err and len(err.splitlines()) == 1


def test_argument_errors_from_a_real_process(cli: CliRunner, sqlite_url: str) -> None:
    """Both subjects at once, or a bad date: argparse's one line and exit 2."""
    both = cli.on(sqlite_url)(
        "coaching",
        "add",
        "--agent",
        "L",
        "--topic",
        "t",
        "--text",
        "x",
        "--contact",
        "L1",
        "--period",
        "2026-12-01",
        "2026-12-02",
    )
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    bad = cli.on(sqlite_url)("coaching", "done", "1", "--on", "7 Dec")
    assert bad.returncode == 2 and "'7 Dec' is not a date" in bad.stderr
    assert "Traceback" not in both.stderr + bad.stderr
