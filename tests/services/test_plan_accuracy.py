"""Plan accuracy on a simulated history: the expected level against the floor's, both engines.

The simulator's callers abandon after an exponential patience with a mean of
150 s on voice and 360 s on chat (``ingest.simulator.profiles``): the estimate
from history must find those, and Erlang A with them must predict the floor
better than Erlang C, which assumes nobody hangs up; replaying the plan through
the event loop (multi-skilled routing, emails that wait) better than both.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.plan_accuracy import PlanMethod, prediction_error_points
from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import Database, open_database
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.planning import plan_accuracy
from supervisor_app.services.setup import list_queues

UNTIL = datetime(2026, 11, 23, tzinfo=UTC)  # a Monday: two full weeks before it
FIRST, LAST = date(2026, 11, 9), date(2026, 11, 22)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('plan') / 'plan.db'}")
    seed_demo(db, days=14, agents=40, queues=4, seed=3, until=UNTIL)
    yield db
    db.close()


def test_patience_estimated_from_history_finds_the_simulators_means(history: Database) -> None:
    rows = plan_accuracy(history, FIRST, LAST, method=PlanMethod.ERLANG_A)
    channel = {q.name: q.channel for q in list_queues(history, None)}
    means = {Channel.VOICE: 150.0, Channel.CHAT: 360.0}
    seen = {r.queue: r.patience_seconds for r in rows}
    for queue, patience in seen.items():
        if channel[queue] == Channel.EMAIL:
            assert patience is None  # emails never abandon
        else:
            assert patience == pytest.approx(means[Channel(channel[queue])], rel=0.15)


def test_erlang_a_beats_erlang_c_and_the_replay_beats_both(history: Database) -> None:
    errors = {}
    for method in PlanMethod:
        rows = plan_accuracy(history, FIRST, LAST, method=method)
        errors[method] = prediction_error_points(
            [(r.expected_service_level, r.achieved_service_level) for r in rows]
        )
    assert errors[PlanMethod.ERLANG_A] < errors[PlanMethod.ERLANG_C]
    assert errors[PlanMethod.SIMULATION] < errors[PlanMethod.ERLANG_A]


def test_every_queue_day_is_listed_with_the_kpis_achieved_level(history: Database) -> None:
    rows = plan_accuracy(history, FIRST, LAST)
    queues = list_queues(history, None)
    assert len(rows) == len(queues) * 14
    report = kpi_report(history, FIRST, LAST, "queue")
    offered = {dict(r.key)["queue"]: r.figures.offered for r in report.rows}
    for name in offered:  # the days add up to the range's KPI, queue by queue
        assert sum(r.offered for r in rows if r.queue == name) == offered[name]


def test_a_range_that_ends_before_it_starts_is_refused(history: Database) -> None:
    with pytest.raises(UserError, match="ends before it starts"):
        plan_accuracy(history, LAST, FIRST)


def test_on_both_engines_the_figures_agree(db_url: str) -> None:
    db = open_database(db_url)
    try:
        seed_demo(db, days=7, agents=20, queues=3, seed=4, until=UNTIL)
        rows = plan_accuracy(db, date(2026, 11, 16), date(2026, 11, 22))
    finally:
        db.close()
    assert rows and all(r.achieved_service_level is not None for r in rows if r.offered)
    assert all(
        0.0 <= r.expected_service_level <= 1.0 for r in rows if r.expected_service_level is not None
    )


def test_the_coverage_inputs_carry_the_floors_patience_and_handle_time_spread(
    history: Database,
) -> None:
    """The panel's model gets what the 28 days before the week show: patience where the
    queue has none set, and handle times' CV² — here recomputed from the contacts with
    numpy (sample variance ÷ mean² of answer to end of wrap-up), independently of SQL sums."""
    import numpy as np
    from sqlalchemy import select

    from supervisor_app.services.planning import coverage_inputs
    from supervisor_app.store.models import Contact

    week = date(2026, 11, 23)
    demands = {d.queue_id: d for d in coverage_inputs(history, week).demands}
    with history.sessions() as session:
        rows = session.execute(
            select(
                Contact.queue_id, Contact.answered_at, Contact.wrap_ended_at, Contact.ended_at
            ).where(Contact.answered_at.is_not(None))
        ).all()
    handles: dict[int, list[float]] = {}
    for queue_id, answered, wrapped, ended in rows:
        end = wrapped or ended
        if end is not None:
            handles.setdefault(queue_id, []).append((end - answered).total_seconds())
    channel = {q.id: q.channel for q in list_queues(history, None)}
    for queue_id, times in handles.items():
        x = np.asarray(times)
        expected = x.var(ddof=1) / x.mean() ** 2
        assert demands[queue_id].handle_cv2 == pytest.approx(expected, rel=1e-3)
        assert demands[queue_id].handle_cv2 < 1.0  # lognormal, less spread than exponential
        if channel[queue_id] != Channel.EMAIL:
            assert demands[queue_id].patience_seconds is not None
