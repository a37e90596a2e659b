"""The arithmetic of plan accuracy, checked by hand."""

from __future__ import annotations

import pytest

from supervisor_app.domain.plan_accuracy import (
    day_service_level,
    patience_from_history,
    prediction_error_points,
)


def test_patience_is_the_seconds_waited_per_abandonment() -> None:
    # 3 callers hung up, everyone together waited 450 s: θ = 3/450 per second, 1/θ = 150 s
    assert patience_from_history(3, 450.0) == pytest.approx(150.0)


@pytest.mark.parametrize(("abandoned", "waited"), [(0, 900.0), (2, 0.0)])
def test_no_abandonment_or_no_wait_means_no_patience_estimate(
    abandoned: int, waited: float
) -> None:
    assert patience_from_history(abandoned, waited) is None


def test_a_day_weighs_each_interval_by_its_forecast_contacts() -> None:
    # 10 contacts at 50 % and 30 at 90 %: (5 + 27) / 40 = 0.8; the empty interval weighs 0
    assert day_service_level([10.0, 30.0, 0.0], [0.5, 0.9, None]) == pytest.approx(0.8)


def test_a_day_with_nothing_forecast_has_no_expected_level() -> None:
    assert day_service_level([0.0, 0.0], [None, None]) is None


def test_error_points_average_the_known_pairs_only() -> None:
    # |0.80 − 0.90| = 10 points, |0.70 − 0.66| = 4 points; the pair with None is left out
    pairs = [(0.80, 0.90), (0.70, 0.66), (None, 0.5)]
    assert prediction_error_points(pairs) == pytest.approx(7.0)
    assert prediction_error_points([(None, None)]) is None
