"""Quality evaluations on both engines: form versions keep old scores, ``qa_score`` by
hand in the KPI report (agent, team, queue, all sites) and the evaluations its drill-down
lists, calibration spread by hand, and the all-or-nothing file import."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.quality import AnswerType, FormDefinition, Question, Section
from supervisor_app.ingest.files.evaluations import import_evaluations
from supervisor_app.ingest.files.rejections import ImportRejected
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.analytics import quality_drilldown
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.people import (
    ReviewCandidate,
    calibration,
    evaluate,
    evaluations_in,
    list_forms,
    review_candidates,
    save_form,
)
from supervisor_app.services.setup import list_agents
from supervisor_app.store.models import QaEvaluation

NOW = datetime.now(UTC)
TODAY = NOW.date()  # evaluations are stamped now; London's local day is UTC's ± 1 h
FIRST = TODAY - timedelta(days=3)

FORM = FormDefinition(
    (
        Section(
            "Opening",
            (
                Question("greet", "Greeted by name", 1.0),
                Question("verify", "Verified identity", 3.0, auto_fail=True),
            ),
        ),
        Section(
            "Resolution",
            (
                Question("solve", "Solved the problem", 4.0),
                Question("tone", "Tone", 2.0, AnswerType.SCALE),
            ),
        ),
    )
)
# weights 1, 3, 4, 2 (10 possible). HALF: 0.5 + 3 + 0 + 2×0.75 = 5 → 50 %
HALF = {"greet": "partial", "verify": "yes", "solve": "no", "tone": "4"}
FULL = {"greet": "yes", "verify": "yes", "solve": "yes", "tone": "5"}  # 100 %
FAILED = {**FULL, "verify": "no"}  # auto-fail: 0 %
SEVENTY = {"greet": "yes", "verify": "yes", "solve": "partial", "tone": "3"}  # 1+3+2+1 = 7


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    seed_demo(database, days=3, agents=6, queues=2, seed=3, until=NOW, sites=2)
    with database.sessions.begin() as session:  # the seed's own evaluations: not these tests'
        session.execute(delete(QaEvaluation))
    yield database
    database.close()


def _contacts(db: Database) -> list[ReviewCandidate]:
    return review_candidates(db, NOW - timedelta(days=3), NOW)


def test_a_form_edit_is_a_new_version_and_old_scores_stay(db: Database) -> None:
    agent = list_agents(db)[0]
    v1 = save_form(db, "Calls", FORM, "admin")
    first = evaluate(
        db, agent_id=agent.id, form_version_id=v1.version_id, answers=HALF, actor="ann"
    )
    assert (first.form_version, first.score_pct) == (1, pytest.approx(50.0))
    lighter = FormDefinition.from_dict(FORM.as_dict())
    raw = lighter.as_dict()
    raw["sections"][1]["questions"][0]["weight"] = 1.0  # solve: 4 → 1
    v2 = save_form(db, "Calls", FormDefinition.from_dict(raw), "admin")
    assert v2.number == 2 and v2.version_id != v1.version_id
    # the same answers under version 2: 0.5 + 3 + 0 + 1.5 = 5 of 1 + 3 + 1 + 2 = 7
    second = evaluate(
        db, agent_id=agent.id, form_version_id=v2.version_id, answers=HALF, actor="ann"
    )
    assert second.score_pct == pytest.approx(500 / 7, abs=1e-3)
    lines = evaluations_in(db, agent_ids=[agent.id], start=FIRST, end=TODAY + timedelta(days=1))
    kept = {e.evaluation_id: e for e in lines}
    assert kept[first.evaluation_id].score_pct == pytest.approx(50.0)
    assert kept[first.evaluation_id].form_version == 1
    assert kept[second.evaluation_id].form_version == 2
    again = save_form(db, "Calls", FormDefinition.from_dict(raw), "admin")  # unchanged
    assert again.number == 2
    calls = next(f for f in list_forms(db) if f.name == "Calls")
    assert (calls.versions, calls.evaluations) == (2, 2)


def test_qa_score_by_agent_team_and_queue_by_hand(db: Database) -> None:
    v1 = save_form(db, "Calls", FORM, "admin")
    contacts = _contacts(db)
    by_agent: dict[int, list[ReviewCandidate]] = {}
    for c in contacts:
        by_agent.setdefault(c.agent_id, []).append(c)
    (x, x_contacts), (y, _) = list(by_agent.items())[:2]
    plan = [(x, HALF, x_contacts[0]), (x, FULL, None), (y, FAILED, None), (y, FULL, None)]
    for agent_id, answers, contact in plan:
        evaluate(
            db,
            agent_id=agent_id,
            form_version_id=v1.version_id,
            answers=answers,
            actor="ann",
            contact_id=None if contact is None else contact.contact_id,
        )
    report = kpi_report(db, FIRST, TODAY, "agent", site_id=None, now=NOW)
    qa = {dict(r.key)["agent_id"]: r.figures.qa_score for r in report.rows}
    assert qa[x] == pytest.approx((50 + 100) / 2 / 100)  # 0.75
    assert qa[y] == pytest.approx((0 + 100) / 2 / 100)  # the auto-fail counts as 0 %
    assert all(v is None for a, v in qa.items() if a not in (x, y))
    teams = {a.id: a.team_id for a in list_agents(db)}
    scores = {x: [50.0, 100.0], y: [0.0, 100.0]}
    expected: dict[int | None, list[float]] = {}
    for agent_id, own in scores.items():
        expected.setdefault(teams[agent_id], []).extend(own)
    by_team = kpi_report(db, FIRST, TODAY, "team", site_id=None, now=NOW)
    for row in by_team.rows:
        team = dict(row.key)["team_id"]
        want = expected.get(team)
        got = row.figures.qa_score
        assert (got is None) if want is None else got == pytest.approx(sum(want) / len(want) / 100)
    by_queue = kpi_report(db, FIRST, TODAY, "queue", site_id=None, now=NOW)
    queue_qa = {dict(r.key)["queue_id"]: r.figures.qa_score for r in by_queue.rows}
    # only x's first evaluation names a contact, so only its queue has a score
    assert queue_qa[x_contacts[0].queue_id] == pytest.approx(0.5)
    assert sum(v is not None for v in queue_qa.values()) == 1
    whole = kpi_report(db, FIRST, TODAY, "all", site_id=None, now=NOW)
    assert whole.rows[0].figures.qa_score == pytest.approx((50 + 100 + 0 + 100) / 4 / 100)


def test_kpi_command_carries_qa_score(db: Database, db_url: str, cli, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    v1 = save_form(db, "Calls", FORM, "admin")
    agent = list_agents(db)[0]
    for answers in (HALF, SEVENTY):
        evaluate(db, agent_id=agent.id, form_version_id=v1.version_id, answers=answers, actor="a")
    runner = cli.on(db_url)
    code = runner.in_process(
        "kpi", "--from", str(FIRST), "--to", str(TODAY), "--by", "agent", "--site", "all",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    mine = next(r for r in rows if r["agent_id"] == agent.id)
    assert mine["qa_score"] == pytest.approx((50 + 70) / 2 / 100)
    assert runner.in_process(
        "kpi", "--from", str(FIRST), "--to", str(TODAY), "--by", "agent", "--site", "all",
        "--format", "csv",
    ) == 0  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert "qa_score" in lines[0].split(",")


def test_calibration_spread_by_hand(db: Database) -> None:
    v1 = save_form(db, "Calls", FORM, "admin")
    contact = _contacts(db)[0]
    for who, answers in (("ann", HALF), ("bob", FULL), ("cy", SEVENTY)):
        evaluate(
            db,
            agent_id=contact.agent_id,
            form_version_id=v1.version_id,
            answers=answers,
            actor=who,
            contact_id=contact.contact_id,
        )
    other = _contacts(db)[1]  # one evaluator only: no calibration
    evaluate(db, agent_id=other.agent_id, form_version_id=v1.version_id, answers=FULL,
             actor="ann", contact_id=other.contact_id)  # fmt: skip
    found = calibration(db, FIRST, TODAY + timedelta(days=1))
    assert [c.contact_ref for c in found] == [contact.external_id]
    (row,) = found
    assert row.scores == (("ann", 50.0), ("bob", 100.0), ("cy", 70.0))
    # 50, 100, 70: range 50; mean 220/3; squares (−70/3)² + (80/3)² + (−10/3)² = 11400/9
    assert row.spread.range == pytest.approx(50.0)
    assert row.spread.std_dev == pytest.approx(math.sqrt(11400 / 9 / 3))


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_is_all_or_nothing(db: Database, tmp_path: Path) -> None:
    save_form(db, "Calls", FORM, "admin")
    agents = list_agents(db)
    code, other = agents[0].employee_code, agents[1].employee_code
    contact = _contacts(db)[0]
    when = (NOW - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    header = "Agent,Form,Contact,Evaluator,Evaluated at,greet,verify,solve,tone"
    bad = _write(
        tmp_path / "bad.csv",
        [
            header,
            f"{code},Calls,,Jo QA,{when},partial,yes,no,4",
            f"NOBODY,Calls,,Jo QA,{when},yes,yes,yes,5",
            f"{other},Calls,,Jo QA,{when},yes,yes,yes,9",
        ],
    )
    with pytest.raises(ImportRejected) as refused:
        import_evaluations(db, bad)
    assert refused.value.count == 2
    assert [row for row, _ in refused.value.errors] == [3, 4]
    assert evaluations_in(db, agent_ids=None, start=FIRST, end=TODAY) == []
    good = _write(
        tmp_path / "good.csv",
        [
            header,
            f"{code},Calls,,Jo QA,{when},partial,yes,no,4",  # 50 %
            f"{other},Calls,{contact.external_id},Jo QA,{when},yes,,yes,5",  # verify na: 100 %
        ],
    )
    assert import_evaluations(db, good).added == 2
    lines = evaluations_in(db, agent_ids=None, start=FIRST, end=TODAY)
    assert sorted(e.score_pct for e in lines) == [pytest.approx(50.0), pytest.approx(100.0)]
    assert {e.evaluator for e in lines} == {"Jo QA"}
    assert {e.contact_ref for e in lines} == {None, contact.external_id}


# -- the drill-down behind a qa_score cell: the evaluations the row averages ---------------
def test_each_row_lists_the_evaluations_it_averages(db: Database) -> None:
    v1 = save_form(db, "Calls", FORM, "admin")
    contacts = _contacts(db)
    x = contacts[0]
    y = next(c.agent_id for c in contacts if c.agent_id != x.agent_id)
    # x: 50 % about a contact, 100 % about none; y: an auto-fail (0 %) and 100 %
    plan = [(x.agent_id, HALF, x.contact_id), (x.agent_id, FULL, None)]
    plan += [(y, FAILED, None), (y, FULL, None)]
    for agent_id, answers, contact_id in plan:
        evaluate(db, agent_id=agent_id, form_version_id=v1.version_id, answers=answers,
                 actor="ann", contact_id=contact_id)  # fmt: skip
    names = {a.id: a.name for a in list_agents(db)}

    mine = quality_drilldown(db, FIRST, TODAY, "agent", (("agent_id", x.agent_id),))
    assert [(r.agent_name, r.score_pct, r.contact_ref) for r in mine.rows] == [
        (names[x.agent_id], 50.0, x.external_id),
        (names[x.agent_id], 100.0, None),
    ]
    assert {(r.form_name, r.form_version, r.evaluator) for r in mine.rows} == {("Calls", 1, "ann")}
    assert mine.mean_pct == pytest.approx(75.0) and not mine.truncated

    theirs = quality_drilldown(db, FIRST, TODAY, "agent", (("agent_id", y),))
    assert [(r.score_pct, r.auto_failed) for r in theirs.rows] == [(0.0, True), (100.0, False)]

    # only x's first evaluation names a contact, so only that contact's queue lists one
    queue = quality_drilldown(db, FIRST, TODAY, "queue", (("queue_id", x.queue_id),))
    assert [r.score_pct for r in queue.rows] == [50.0]

    whole = quality_drilldown(db, FIRST, TODAY, "all", ())
    assert sorted(r.score_pct for r in whole.rows) == [0.0, 50.0, 100.0, 100.0]
    assert whole.mean_pct == pytest.approx(250 / 4)
    assert mine.title.startswith("Quality score — ")


def test_a_team_without_evaluations_lists_none(db: Database) -> None:
    team = next(a.team_id for a in list_agents(db) if a.team_id is not None)
    empty = quality_drilldown(db, FIRST, TODAY, "team", (("team_id", team),))
    assert empty.rows == () and empty.mean_pct is None
    with pytest.raises(UserError, match="no day"):
        quality_drilldown(db, FIRST, TODAY, "day", (("day", "1999-01-01"),))
