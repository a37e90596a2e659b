"""Percentiles as PostgreSQL's ``percentile_cont`` computes them (linear between ranks)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervisor_app.domain.kpi import interpolate, percentile, percentile_position


def test_by_hand() -> None:
    # Four values: the median sits at position 0.5 × 3 = 1.5, halfway from 10 to 20;
    # the 90th percentile at 0.9 × 3 = 2.7, 70 % of the way from 20 to 30.
    values = [5.0, 10.0, 20.0, 30.0]
    assert percentile(values, 0.5) == pytest.approx(15.0)
    assert percentile(values, 0.9) == pytest.approx(27.0)
    assert percentile_position(4, 0.9) == (2, 3, pytest.approx(0.7))
    assert percentile([42.0], 0.9) == 42.0
    assert percentile_position(1, 0.5) == (0, 0, 0.0)
    assert percentile([], 0.5) is None
    assert interpolate(10.0, 20.0, 0.0) == 10.0


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="at least one"):
        percentile_position(0, 0.5)
    with pytest.raises(ValueError, match=r"outside 0\.\.1"):
        percentile_position(3, 1.5)


@given(
    st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=60),
    st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]),
)
def test_matches_linear_interpolation(values: list[float], fraction: float) -> None:
    ordered = sorted(values)
    got = percentile(ordered, fraction)
    assert got == pytest.approx(float(np.percentile(ordered, 100 * fraction)), rel=1e-9, abs=1e-6)
    assert ordered[0] <= got <= ordered[-1]
