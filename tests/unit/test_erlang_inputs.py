"""Bad staffing inputs are refused in words naming the argument; the CLI's JSON dict."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest

from supervisor_app.domain.erlang import (
    StaffingTarget,
    erlang_c_figures,
    required_agents,
    required_agents_array,
    traffic,
)
from supervisor_app.domain.erlang_a import erlang_a_figures
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.staffing_json import staffing_json

GOOD: dict[str, Any] = {
    "volume": 100,
    "aht_seconds": 180,
    "interval_minutes": 30,
    "service_level": 0.8,
    "answer_seconds": 20,
    "max_occupancy": 0.85,
    "shrinkage": 0.3,
    "patience_seconds": 120,
}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("volume", -1),
        ("volume", math.nan),
        ("volume", "many"),
        ("aht_seconds", 0),
        ("aht_seconds", -180),
        ("interval_minutes", 20),
        ("interval_minutes", 0),
        ("interval_minutes", -30),
        ("service_level", 0),
        ("service_level", 1),
        ("service_level", 80),
        ("answer_seconds", -1),
        ("answer_seconds", math.inf),
        ("max_occupancy", 0),
        ("max_occupancy", 1.2),
        ("shrinkage", -0.1),
        ("shrinkage", 1),
        ("patience_seconds", 0),
        ("patience_seconds", -5),
    ],
)
def test_bad_input_names_the_argument(name: str, value: object) -> None:
    args = {**GOOD, name: value}
    with pytest.raises(UserError, match=rf"^{name} must be"):
        required_agents_array(**args)


def test_array_errors_point_at_the_element() -> None:
    with pytest.raises(
        UserError, match=r"^volume must be 0 or more contacts, got -3 \(at index 2\)"
    ):
        required_agents_array([1, 2, -3], 180, 15, 0.8, 20)
    with pytest.raises(UserError, match=r"\(at index \(1, 0\)\)"):
        required_agents_array(np.ones((2, 2)), [[180], [0]], 15, 0.8, 20)


def test_zero_aht_is_fine_without_volume() -> None:
    assert required_agents_array([0, 10], [0, 180], 15, 0.8, 20)["agents"][0] == 0


def test_target_checks_itself() -> None:
    with pytest.raises(UserError, match=r"^service_level must be between 0 and 1"):
        StaffingTarget(service_level=1.5, answer_seconds=20)
    with pytest.raises(UserError, match=r"^shrinkage must be at least 0 and below 1"):
        StaffingTarget(0.8, 20, shrinkage=1.0)


def test_figure_functions_check_too() -> None:
    with pytest.raises(UserError, match=r"^agents must be a whole number"):
        erlang_c_figures(100, 180, 30, 12.5, 20)
    with pytest.raises(UserError, match=r"^agents must be a whole number"):
        erlang_a_figures(100, 180, 30, -1, 20, 120)
    with pytest.raises(UserError, match=r"^patience_seconds must be above 0"):
        erlang_a_figures(100, 180, 30, 12, 20, 0)
    with pytest.raises(UserError, match=r"^interval_minutes must be 15, 30 or 60"):
        traffic(100, 180, 45)


def test_impossible_target_says_what_to_change() -> None:
    target = StaffingTarget(0.8, 20, max_occupancy=1e-6)
    with pytest.raises(UserError, match="more than 1,000,000 agents"):
        required_agents(100, 180, 30, target)
    with pytest.raises(UserError, match="raise max_occupancy or lower the service-level target"):
        required_agents(100, 180, 30, target, patience_seconds=60)
    with pytest.raises(UserError, match="more than 1,000,000 agents"):
        required_agents(2e8, 300, 15, StaffingTarget(0.8, 20))  # 66,666,667 Erlangs


def test_staffing_json_for_the_cli() -> None:
    # callcentrehelper.com's worked example: 14 agents, 20 to schedule at 30 % shrinkage.
    out = staffing_json(100, 180, 30, 0.8, 20, max_occupancy=0.85, shrinkage=0.3)
    assert list(out) == [
        "traffic_erlangs",
        "agents",
        "scheduled_agents",
        "service_level",
        "probability_wait",
        "asa_seconds",
        "occupancy",
    ]
    assert (out["traffic_erlangs"], out["agents"], out["scheduled_agents"]) == (10.0, 14, 20)
    assert out["service_level"] == pytest.approx(0.888350, abs=1e-6)
    assert json.loads(json.dumps(out)) == out  # plain ints and floats only
    assert all(type(out[k]) is int for k in ("agents", "scheduled_agents"))


def test_staffing_json_with_patience_adds_the_abandon_rate() -> None:
    out = staffing_json(100, 180, 30, 0.8, 20, patience=120)
    assert out["agents"] == 12
    assert 0 < out["abandon_rate"] < 0.1


@pytest.mark.parametrize(
    ("kwargs", "flag"),
    [
        ({"calls": -5}, "--calls"),
        ({"aht": 0}, "--aht"),
        ({"interval": 45}, "--interval"),
        ({"target_sl": 80}, "--target-sl"),
        ({"target_time": -1}, "--target-time"),
        ({"max_occupancy": 0}, "--max-occupancy"),
        ({"shrinkage": 1}, "--shrinkage"),
        ({"patience": 0}, "--patience"),
    ],
)
def test_staffing_json_errors_name_the_flag(kwargs: dict[str, float], flag: str) -> None:
    args: dict[str, Any] = {
        "calls": 100,
        "aht": 180,
        "interval": 30,
        "target_sl": 0.8,
        "target_time": 20,
    }
    with pytest.raises(UserError, match=f"^{flag} must be"):
        staffing_json(**{**args, **kwargs})
