"""``domain.scorecard``: team medians and league-table ranks, by hand (no I/O)."""

from __future__ import annotations

import pytest

from supervisor_app.domain.scorecard import median, ranks


def test_median() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == pytest.approx(2.5)  # (2 + 3) / 2
    assert median([None, 5.0, None]) == 5.0  # no data is left out, not counted as 0
    assert median([None]) is None
    assert median([]) is None


def test_ranks_higher_is_better_with_ties() -> None:
    # 0.9 first; the two 0.8s share second; 0.7 is fourth, not third ("1, 2, 2, 4").
    got = ranks({"a": 0.8, "b": 0.9, "c": 0.7, "d": 0.8, "e": None})
    assert got == {"a": 2, "b": 1, "c": 4, "d": 2, "e": None}


def test_ranks_lower_is_better() -> None:
    assert ranks({"a": 300.0, "b": 120.0, "c": 200.0}, higher_is_better=False) == {
        "a": 3,
        "b": 1,
        "c": 2,
    }
