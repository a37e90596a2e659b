"""The setup commands on both engines: each command does its change (with an audit row),
lists take --format json, and a bad value exits 2 with one line naming the field and the
allowed range, writing nothing."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator

import pytest
from cli_runner import CliRunner

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(cli: CliRunner, db_url: str, capsys: pytest.CaptureFixture[str]) -> Run:
    bound = cli.on(db_url)

    def call(*args: str) -> tuple[int, str, str]:
        code = bound.in_process(*args)
        out, err = capsys.readouterr()
        return code, out, err

    return call


def ok(run: Run, *args: str) -> str:
    code, out, err = run(*args)
    assert code == 0, err
    return out


@pytest.fixture
def world(run: Run) -> Run:
    ok(run, "site", "add", "London", "--timezone", "Europe/London")
    ok(run, "site", "add", "New York", "--timezone", "America/New_York", "--interval", "30")
    ok(run, "queue", "add", "Sales", "--site", "London", "--channel", "voice")
    ok(run, "team", "add", "Blue", "--site", "London")
    ok(run, "agent", "add", "Ann", "--code", "E1", "--team", "Blue", "--site", "London")
    return run


def audit(run: Run, entity: str | None = None) -> list[dict[str, object]]:
    extra = ("--entity", entity) if entity else ()
    return json.loads(ok(run, "audit", "list", *extra, "--format", "json"))


def test_sites_list_and_set(world: Run) -> None:
    sites = json.loads(ok(world, "site", "list", "--format", "json"))
    assert [(s["name"], s["interval_minutes"]) for s in sites] == [("London", 15), ("New York", 30)]
    ok(world, "site", "set", "--site", "New York", "--country", "us", "--fte-hours", "37.5")
    shown = ok(world, "site", "show", "--site", "New York")
    assert "holiday country: US" in shown and "full-time week: 37.5 hours" in shown
    row = audit(world, "site")[0]
    assert row["action"] == "site.update"
    assert (row["before"]["country_code"], row["after"]["country_code"]) == (None, "US")  # type: ignore[index]
    csv_text = ok(world, "site", "list", "--format", "csv")
    assert csv_text.splitlines()[0].startswith("name,timezone,interval_minutes")


def test_queue_list_json_and_set_from_a_date(world: Run) -> None:
    ok(
        world,
        "queue",
        "set",
        "Sales",
        "--site",
        "London",
        "--sl-target",
        "90",
        "--threshold",
        "30",
        "--patience",
        "120",
        "--from",
        "2026-12-01",
    )
    queues = json.loads(ok(world, "queue", "list", "--site", "London", "--format", "json"))
    assert len(queues) == 1
    sales = queues[0]
    for key in (
        "name",
        "site",
        "channel",
        "sl_target_percent",
        "threshold_seconds",
        "short_abandon_seconds",
        "patience_seconds",
        "active",
    ):
        assert key in sales
    assert (sales["site"], sales["sl_target_percent"], sales["threshold_seconds"]) == (
        "London",
        90.0,
        30,
    )
    assert (sales["patience_seconds"], sales["active"]) == (120.0, True)
    row = audit(world, "queue")[0]
    assert set(row) == {"at", "actor", "entity", "entity_id", "action", "before", "after"}
    assert row["after"]["effective_from"] == "2026-12-01"  # type: ignore[index]
    ok(world, "queue", "set", "Sales", "--site", "London", "--deactivate")
    assert (
        json.loads(ok(world, "queue", "list", "--site", "London", "--format", "json"))[0]["active"]
        is False
    )


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (
            ("queue", "set", "Sales", "--site", "London", "--sl-target", "150"),
            "--sl-target: Service-level target 150 % refused: above 0 % and at most 100 %",
        ),
        (
            ("queue", "set", "Sales", "--site", "London", "--threshold", "-5"),
            "--threshold: Answer threshold -5 s refused: a whole number of seconds from 1 to 3600",
        ),
        (
            ("queue", "set", "Sales", "--site", "London", "--threshold", "abc"),
            "--threshold: Answer threshold 'abc' is not a whole number",
        ),
        (("queue", "add", "Chat", "--site", "London", "--channel", "fax"), "--channel:"),
        (("site", "set", "--site", "London", "--interval", "20"), "--interval: Interval '20'"),
        (("site", "add", "Mars", "--timezone", "Mars/Olympus"), "--timezone: Time zone"),
        (("agent", "set", "E1", "--contracted-hours", "90"), "--contracted-hours: Contracted"),
        (
            ("skill", "set", "E1", "Sales", "--site", "London", "--proficiency", "0"),
            "--proficiency: Proficiency 0 refused",
        ),
        (("rules", "set", "--site", "London", "--max-shift", "60"), "--max-shift: Longest"),
        (
            (
                "rules",
                "set",
                "--site",
                "London",
                "--break-rule",
                "240:1:0",
                "--break-rule",
                "240:2:1",
            ),
            "two rules for shifts of 240 min",
        ),
        (("queue", "list"), "several sites (London, New York)"),
        (("queue", "set", "Nope", "--site", "London", "--threshold", "30"), "no queue 'Nope'"),
        (("team", "add", "Blue", "--site", "London"), "--name: Team name 'Blue'"),
    ],
)
def test_bad_values_exit_2_with_one_line_and_write_nothing(
    world: Run, args: tuple[str, ...], named: str
) -> None:
    before = audit(world)
    code, _out, err = world(*args)
    assert code == 2
    assert named in err
    assert len(err.strip().splitlines()) == 1
    assert audit(world) == before


def test_teams_agents_and_skills(world: Run) -> None:
    # an agent works at a site: with two sites and no team, --site says which
    assert world("agent", "add", "Bob", "--code", "E2")[0] == 2
    ok(world, "agent", "add", "Bob", "--code", "E2", "--hourly-cost", "18.5", "--site", "London")
    ok(world, "skill", "set", "E1", "Sales", "--site", "London", "--proficiency", "8")
    ok(world, "skill", "set", "E2", "Sales", "--site", "London")
    agents = json.loads(ok(world, "agent", "list", "--site", "all", "--format", "json"))
    assert {a["employee_code"]: a["skills"] for a in agents} == {
        "E1": {"Sales": 8},
        "E2": {"Sales": 5},  # the default proficiency
    }
    ok(world, "skill", "remove", "E2", "Sales", "--site", "London")
    assert audit(world, "skill")[0]["action"] == "skill.remove"
    ok(
        world,
        "agent",
        "set",
        "E2",
        "--team",
        "Blue",
        "--site",
        "London",
        "--contracted-hours",
        "30",
    )
    ok(world, "team", "set", "Blue", "--site", "London", "--move-to", "New York")
    york = json.loads(ok(world, "agent", "list", "--site", "New York", "--format", "json"))
    assert sorted(a["name"] for a in york) == ["Ann", "Bob"]
    teams = json.loads(ok(world, "team", "list", "--site", "New York", "--format", "json"))
    assert teams == [{"name": "Blue", "site": "New York", "agent_count": 2}]
    ok(world, "agent", "deactivate", "E2")
    # Bob joined a team at his own site (an update); the team's move took him along
    assert [r["action"] for r in audit(world, "agent")][:2] == ["agent.deactivate", "agent.update"]
    assert audit(world, "team")[0]["action"] == "team.move"


def test_rules_show_and_set(world: Run) -> None:
    shown = json.loads(ok(world, "rules", "show", "--site", "London", "--format", "json"))
    assert (shown[0]["min_shift_minutes"], shown[0]["max_shift_minutes"]) == (180, 600)
    ok(world, "rules", "set", "--site", "London", "--min-rest", "600", "--lunch-is-paid", "yes")
    shown = json.loads(ok(world, "rules", "show", "--site", "London", "--format", "json"))
    assert (shown[0]["min_rest_minutes"], shown[0]["lunch_is_paid"]) == (600, True)
    row = audit(world, "rules")[0]
    assert (row["before"]["min_rest_minutes"], row["after"]["min_rest_minutes"]) == (660, 600)  # type: ignore[index]


def test_audit_since_a_later_day_is_empty(world: Run) -> None:
    assert json.loads(ok(world, "audit", "list", "--since", "2999-01-01", "--format", "json")) == []
    assert len(audit(world)) == 5


def test_queue_list_site_all_lists_every_sites_queues_and_the_old_flag_still_works(
    world: Run,
) -> None:
    ok(world, "queue", "add", "Billing", "--site", "New York", "--channel", "chat")
    everywhere = json.loads(ok(world, "queue", "list", "--site", "all", "--format", "json"))
    old_flag = json.loads(ok(world, "queue", "list", "--all-sites", "--format", "json"))
    london = json.loads(ok(world, "queue", "list", "--site", "London", "--format", "json"))
    assert everywhere == old_flag
    assert {q["site"] for q in london} == {"London"}
    assert sorted((q["site"], q["name"]) for q in everywhere) == [
        ("London", "Sales"),
        ("New York", "Billing"),
    ]


SETUP_COMMANDS = ("site", "queue", "team", "agent", "skill", "rules", "escalation", "audit")


def _actions(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, sub
                yield from ((f"{name} {deeper}", p) for deeper, p in _actions(sub))


@pytest.mark.parametrize("command", SETUP_COMMANDS)
def test_every_setup_action_prints_its_help(command: str) -> None:
    """``--help`` on each action formats; a field reason with ``%`` (``above 0 % and at
    most 100 %``) once made ``queue set --help`` end in a traceback."""
    from supervisor_app.cli.main import build_parser

    top = dict(_actions(build_parser()))[command]
    for name, parser in [(command, top), *_actions(top)]:
        text = parser.format_help()
        assert text.startswith("usage:"), name


def test_an_unknown_code_lists_a_dozen_codes_on_one_line(run: Run) -> None:
    """With 14 agents the message names the first twelve codes, sorted, and says how many
    more (it once listed every code as 'the agent with employee codes are …')."""
    ok(run, "site", "add", "Leeds", "--timezone", "Europe/London")
    for n in range(14):
        ok(run, "agent", "add", f"Agent {n}", "--code", f"C{n:02d}")
    for args in (("agent", "deactivate", "NOPE"), ("skill", "set", "NOPE", "Sales")):
        code, _out, err = run(*args)
        assert code == 2
        assert err.strip() == (
            "supervisor-app: error: no agent with employee code 'NOPE': the employee codes "
            "are C00, C01, C02, C03, C04, C05, C06, C07, C08, C09, C10, C11 and 2 more"
        )


def test_audit_list_refuses_a_limit_below_one(run: Run) -> None:
    code, _out, err = run("audit", "list", "--limit", "0")
    assert code == 2
    assert err.strip() == (
        "supervisor-app: error: --limit: 0 refused: a whole number of rows, 1 or more"
    )


def test_audit_list_names_the_entities_for_one_never_recorded(run: Run) -> None:
    ok(run, "site", "add", "Leeds", "--timezone", "Europe/London")
    ok(run, "agent", "add", "Ann Lee", "--code", "A1")
    assert ok(run, "audit", "list", "--entity", "agent", "--format", "json").count('"agent"') == 1
    code, _out, err = run("audit", "list", "--entity", "agents")
    assert code == 2
    assert err.strip() == (
        "supervisor-app: error: --entity: no change to 'agents' is recorded; "
        "the audit trail names agent, site"
    )


def test_a_target_change_dated_ahead_says_what_it_sets(world: Run) -> None:
    sales = ("queue", "set", "Sales", "--site", "London")
    out = ok(world, *sales, "--threshold", "30", "--from", "2099-01-01")
    assert out.strip() == (
        "Sales at London: 80 % in 20 s, short abandons up to 5 s; "
        "from 2099-01-01: answer threshold 30 s"
    )
    row = audit(world, "queue")[0]
    assert (row["before"]["threshold_seconds"], row["after"]["threshold_seconds"]) == (20, 30)  # type: ignore[index]
