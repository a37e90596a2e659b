"""What-if arithmetic: the load by hand, the scenarios' order, the break mix, the empty queue."""

from __future__ import annotations

import math

import pytest

from supervisor_app.domain.erlang_a import erlang_a_figures
from supervisor_app.domain.whatif import DEFAULT_PATIENCE_SECONDS, Situation, what_if


def base(**kw: float) -> Situation:
    values = dict(
        waiting=4,
        forecast_rest=16.0,
        seconds_left=600.0,
        agents=10,
        aht_seconds=240.0,
        answer_seconds=20.0,
        patience_seconds=120.0,
    )
    values.update(kw)
    return Situation(**values)  # type: ignore[arg-type]


def a_sl(volume_15: float, agents: int, patience: float = 120.0) -> dict[str, float]:
    f = erlang_a_figures(volume_15, 240.0, 15, agents, 20.0, patience)
    return {key: float(v) for key, v in f.items()}


def test_load_is_waiting_plus_rest_over_the_time_left() -> None:
    # (4 + 16) contacts over 600 s = 30 per 15 minutes; 30 × 240 / 900 = 8 Erlangs.
    rows = what_if(base())
    now = rows[0]
    assert now.label == "now" and now.agents == 10
    ref = a_sl(30.0, 10)
    assert ref["traffic_erlangs"] == pytest.approx(8.0)
    assert now.service_level == pytest.approx(ref["service_level"])
    assert now.abandon_rate == pytest.approx(ref["abandon_rate"])


def test_short_time_left_is_spread_over_five_minutes() -> None:
    # 60 s left: the 20 contacts are taken over 300 s, i.e. 60 per 15 minutes.
    now = what_if(base(seconds_left=60.0))[0]
    assert now.service_level == pytest.approx(a_sl(60.0, 10)["service_level"])


def test_scenarios_and_their_direction() -> None:
    rows = what_if(base(), max_move=2, break_minutes=5)
    labels = [r.label for r in rows]
    assert labels == [
        "now",
        "-1 agent",
        "-2 agents",
        "+1 agent",
        "+2 agents",
        "1 on break",
        "2 on break",
    ]
    by = {r.label: r for r in rows}
    assert by["+2 agents"].service_level > by["now"].service_level > by["-2 agents"].service_level
    assert by["+2 agents"].abandon_rate < by["now"].abandon_rate < by["-2 agents"].abandon_rate
    # 2 on a 5-minute break of a 10-minute horizon: half the time with 8 agents, half with 10.
    mix = 0.5 * a_sl(30.0, 8)["service_level"] + 0.5 * a_sl(30.0, 10)["service_level"]
    assert by["2 on break"].service_level == pytest.approx(mix)
    assert by["2 on break"].agents == 8


def test_no_patience_set_takes_the_default() -> None:
    now = what_if(base(patience_seconds=None))[0]
    ref = a_sl(30.0, 10, DEFAULT_PATIENCE_SECONDS)
    assert now.service_level == pytest.approx(ref["service_level"])


def test_nothing_waiting_or_expected_measures_nothing() -> None:
    rows = what_if(base(waiting=0, forecast_rest=0.0))
    assert all(r.service_level is None and r.abandon_rate is None for r in rows)


def test_moves_below_zero_agents_are_left_out() -> None:
    rows = what_if(base(agents=1), max_move=3)
    assert [r.label for r in rows] == [
        "now",
        "-1 agent",
        "+1 agent",
        "+2 agents",
        "+3 agents",
        "1 on break",
    ]
    zero = rows[1]
    assert zero.agents == 0 and zero.service_level == 0.0 and zero.abandon_rate == 1.0
    assert zero.asa_seconds is None  # nobody answered: no finite ASA


def test_large_patience_tends_to_erlang_c() -> None:
    # Independent Erlang C with a textbook Erlang B recursion, 8 Erlangs, 10 agents.
    b = 1.0
    for i in range(1, 11):
        b = 8 * b / (i + 8 * b)
    c = 10 * b / (10 - 8 + 8 * b)
    sl_c = 1 - c * math.exp(-(10 - 8) * 20 / 240)
    now = what_if(base(patience_seconds=1e7))[0]
    assert now.service_level == pytest.approx(sl_c, abs=1e-4)
