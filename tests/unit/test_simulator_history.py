"""A simulated history without a database: determinism, invariants and the traffic's shape."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from supervisor_app.ingest.simulator.history import Model, simulate_history
from supervisor_app.ingest.simulator.roster import build_roster
from supervisor_app.services.writers.simulation import RosterSpec

FIRST_DAY = date(2026, 3, 2)  # a Monday
DAYS = 3


def ids() -> object:
    counters: dict[str, int] = {}

    def reserve(table: str, count: int) -> int:
        first = counters.get(table, 1)
        counters[table] = first + count
        return first

    return reserve


def simulate(
    seed: int, *, agents: int = 20, queues: int = 6, days: int = DAYS, first_day: date = FIRST_DAY
) -> tuple[RosterSpec, dict[str, dict[str, list]]]:
    reserve = ids()
    roster = build_roster(agents, queues, seed, reserve)  # type: ignore[arg-type]
    tables: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for chunk in simulate_history(
        roster,
        seed=seed,
        first_day=first_day,
        days=days,
        ahead_days=1,
        reserve_ids=reserve,  # type: ignore[arg-type]
    ):
        for batch in chunk.batches:
            for name, values in batch.columns.items():
                tables[batch.table][name].extend(np.asarray(values).tolist())
    return roster, tables


@pytest.fixture(scope="module")
def history() -> tuple[RosterSpec, dict[str, dict[str, list]]]:
    return simulate(11)


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    _, a = simulate(3, agents=8, queues=3, days=1)
    _, b = simulate(3, agents=8, queues=3, days=1)
    _, c = simulate(4, agents=8, queues=3, days=1)
    assert _comparable(a) == _comparable(b)
    assert _comparable(a)["contacts"] != _comparable(c)["contacts"]


def _comparable(tables: dict[str, dict[str, list]]) -> dict[str, list]:
    return {t: [repr(v) for v in cols.values()] for t, cols in tables.items()}


def test_state_spans_tile_time_with_one_open_span_per_agent(history) -> None:
    roster, tables = history
    spans = tables["agent_state_spans"]
    per_agent: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for agent, start, end in zip(
        spans["agent_id"], spans["started_at"], spans["ended_at"], strict=True
    ):
        per_agent[agent].append((start, end))
    assert set(per_agent) == {a.id for a in roster.agents}
    for items in per_agent.values():
        assert [math.isnan(e) for _, e in items].count(True) == 1
        items.sort()
        for (s1, e1), (s2, _) in pairwise(items):
            assert s1 <= e1 == s2
        assert math.isnan(items[-1][1])


def test_contacts_keep_their_order_and_abandons_have_no_agent(history) -> None:
    _, tables = history
    c = tables["contacts"]
    for arrived, answered, ended, wrapped, outcome, agent in zip(
        c["arrived_at"],
        c["answered_at"],
        c["ended_at"],
        c["wrap_ended_at"],
        c["outcome"],
        c["agent_id"],
        strict=True,
    ):
        if outcome in ("abandoned", "timed_out"):
            assert agent is None and math.isnan(answered) and arrived <= ended
        elif outcome is not None:
            assert agent is not None and arrived <= answered <= ended <= wrapped


def test_agents_serve_one_contact_at_a_time_within_shift_and_skills(history) -> None:
    roster, tables = history
    skills = {(a.id, q) for a in roster.agents for q, _ in a.skills}
    shifts = tables["shifts"]
    windows: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for agent, start, end in zip(
        shifts["agent_id"], shifts["starts_at"], shifts["ends_at"], strict=True
    ):
        windows[agent].append((start, end))
    c = tables["contacts"]
    served: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for queue, agent, answered, wrapped in zip(
        c["queue_id"], c["agent_id"], c["answered_at"], c["wrap_ended_at"], strict=True
    ):
        if agent is None:
            continue
        assert (agent, queue) in skills
        assert any(s <= answered < e for s, e in windows[agent])
        served[agent].append((answered, wrapped))
    for items in served.values():
        items.sort()
        for (_, wrapped), (answered, _) in pairwise(items):
            assert wrapped <= answered


def test_arrivals_follow_the_rate_profile(history) -> None:
    """Arrivals per queue within 4 σ of the rate's integral, summed here minute by minute."""
    roster, tables = history
    model = Model.of(roster)
    tz = ZoneInfo(roster.timezone)
    start = datetime(FIRST_DAY.year, FIRST_DAY.month, FIRST_DAY.day, tzinfo=tz)
    minutes = int((start + timedelta(days=DAYS)).timestamp() - start.timestamp()) // 60
    expected = np.zeros(len(roster.queues))
    for m in range(minutes):
        local = datetime.fromtimestamp(start.timestamp() + 60 * m, tz)
        expected += model.demand.hourly[:, local.weekday(), local.hour] / 60
    counts = np.array([tables["contacts"]["queue_id"].count(q.id) for q in roster.queues])
    assert np.all(expected > 20)
    assert np.all(np.abs(counts - expected) < 4 * np.sqrt(expected)), (counts, expected)


def test_emails_wait_hours_callers_seconds(history) -> None:
    roster, tables = history
    channel = {q.id: q.channel.value for q in roster.queues}
    c = tables["contacts"]
    waits: dict[str, list[float]] = defaultdict(list)
    for queue, arrived, answered in zip(
        c["queue_id"], c["arrived_at"], c["answered_at"], strict=True
    ):
        if not math.isnan(answered):
            waits[channel[queue]].append(answered - arrived)
    assert np.mean(waits["email"]) > 1800
    assert np.mean(waits["voice"]) < 60
    assert np.mean(waits["chat"]) < 300


def test_every_interval_has_a_forecast_near_the_rate(history) -> None:
    roster, tables = history
    f = tables["forecasts"]
    assert len(f["id"]) == (DAYS + 1) * 96 * len(roster.queues)
    volume = np.array(f["volume"])
    assert volume.min() >= 0 and volume.sum() > 0


def test_a_dst_day_has_its_real_number_of_intervals() -> None:
    roster, tables = simulate(2, agents=6, queues=2, days=1, first_day=date(2026, 3, 29))
    starts = tables["forecasts"]["interval_start"]
    per_queue = len(starts) // len(roster.queues)
    assert per_queue == 92 + 96  # the spring-forward day, then an ordinary day ahead
