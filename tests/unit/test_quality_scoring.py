"""Quality scoring worked by hand: weights, partial answers, 1–5 scales, "na", auto-fail,
and the calibration spread."""

from __future__ import annotations

import math

import pytest

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.quality import (
    AnswerType,
    FormDefinition,
    Question,
    Section,
    mean_score,
    partial_score,
    score,
    spread,
)

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


def test_weighted_points_over_weighted_possible() -> None:
    # greet partial 1×0.5 + verify yes 3×1 + solve no 4×0 + tone 4 → 2×0.75
    # = 0.5 + 3 + 0 + 1.5 = 5 of 1 + 3 + 4 + 2 = 10 → 50 %
    got = score(FORM, {"greet": "partial", "verify": "yes", "solve": "no", "tone": "4"})
    assert got.pct == pytest.approx(50.0)
    assert not got.auto_failed


def test_not_applicable_leaves_points_and_possible() -> None:
    # solve na: 0.5 + 3 + 1.5 = 5 of 1 + 3 + 2 = 6 → 83.33 %
    got = score(FORM, {"greet": "partial", "verify": "yes", "solve": "na", "tone": "4"})
    assert got.pct == pytest.approx(500 / 6)


def test_a_failed_auto_fail_question_makes_the_evaluation_zero() -> None:
    # everything else perfect (7 of 10 points would be 70 %), but verify is "no"
    got = score(FORM, {"greet": "yes", "verify": "no", "solve": "yes", "tone": "5"})
    assert got.pct == 0.0 and got.auto_failed
    # partial on an auto-fail question is not a fail: 1 + 1.5 + 4 + 2 = 8.5 of 10
    half = score(FORM, {"greet": "yes", "verify": "partial", "solve": "yes", "tone": "5"})
    assert half.pct == pytest.approx(85.0) and not half.auto_failed


def test_scale_ends_are_zero_and_full() -> None:
    low = score(FORM, {"greet": "na", "verify": "na", "solve": "na", "tone": "1"})
    high = score(FORM, {"greet": "na", "verify": "na", "solve": "na", "tone": "5"})
    assert (low.pct, high.pct) == (0.0, 100.0)


def test_bad_answers_are_refused_by_name() -> None:
    with pytest.raises(UserError, match="'tone'"):
        score(FORM, {"greet": "yes", "verify": "yes", "solve": "yes", "tone": "6"})
    with pytest.raises(UserError, match="not answered"):
        score(FORM, {"greet": "yes"})
    with pytest.raises(UserError, match="no question 'extra'"):
        score(FORM, {"greet": "yes", "verify": "yes", "solve": "yes", "tone": "3", "extra": "1"})
    with pytest.raises(UserError, match="nothing to score"):
        score(FORM, {q.key: "na" for q in FORM.questions})


def test_partial_score_counts_only_what_is_answered() -> None:
    assert partial_score(FORM, {}) is None
    now = partial_score(FORM, {"greet": "yes", "solve": "partial"})  # 1 + 2 of 1 + 4
    assert now is not None and now.pct == pytest.approx(60.0)


def test_definition_round_trips_and_is_checked() -> None:
    assert FormDefinition.from_dict(FORM.as_dict()) == FORM
    bad = FORM.as_dict()
    bad["sections"][1]["questions"][1]["auto_fail"] = True  # a scale can't auto-fail
    with pytest.raises(UserError, match="only a yes/no question"):
        FormDefinition.from_dict(bad)
    twice = FORM.as_dict()
    twice["sections"][1]["questions"][0]["key"] = "greet"
    with pytest.raises(UserError, match="used twice"):
        FormDefinition.from_dict(twice)
    with pytest.raises(UserError, match="weight"):
        FormDefinition.from_dict({"sections": [{"questions": [{"key": "a", "weight": 0}]}]})


def test_calibration_spread_by_hand() -> None:
    # 70, 80, 90: range 20; mean 80; deviations −10, 0, 10 → variance 200/3
    got = spread([70.0, 90.0, 80.0])
    assert got.range == 20.0 and got.mean == 80.0
    assert got.std_dev == pytest.approx(math.sqrt(200 / 3))
    assert spread([55.0]).std_dev == 0.0


def test_mean_score_is_a_fraction_or_none() -> None:
    assert mean_score(0.0, 0) is None
    assert mean_score(150.0, 2) == pytest.approx(0.75)
