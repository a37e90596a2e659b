"""The reforecast of the rest of today: arithmetic by hand, and on simulated held-out days."""

from __future__ import annotations

import numpy as np
import pytest

from supervisor_app.domain.forecast import wape
from supervisor_app.domain.reforecast import PRIOR, level_factor, reforecast


def test_the_level_moves_by_the_evidence_shrunk_towards_the_forecast() -> None:
    # 240 arrived where 200 were forecast: (240 + 80) / (200 + 80) = 320 / 280
    assert level_factor(240, 200) == pytest.approx(320 / 280)
    assert PRIOR == 80.0  # the figures above assume it


def test_too_little_forecast_so_far_gives_no_reforecast() -> None:
    assert level_factor(3, 10) is None
    assert reforecast([5.0, 5.0, 5.0], [3.0, None, None], 1) == [None, None, None]


def test_closed_intervals_keep_no_reforecast_and_the_rest_scale() -> None:
    forecast = [50.0, 50.0, 40.0, 20.0]
    actual = [70.0, 70.0, None, None]  # 140 seen against 100: (140+80)/(100+80) = 220/180
    out = reforecast(forecast, actual, 2)
    assert out[:2] == [None, None]
    assert out[2] == pytest.approx(40.0 * 220 / 180)
    assert out[3] == pytest.approx(20.0 * 220 / 180)


def test_on_held_out_days_with_a_shifted_level_it_beats_the_plain_forecast() -> None:
    """400 simulated days: a queue's true rate is the forecast shape times a day level
    (lognormal, σ 0.15, as weather or an outage move a day), arrivals are Poisson. At
    noon (interval 16 of 48 half-hours from 08:00) the reforecast of the afternoon has a
    lower WAPE than the forecast. Seeded, so the figure is the same every run."""
    rng = np.random.default_rng(7)
    shape = np.concatenate([np.linspace(20, 60, 16), np.linspace(60, 10, 32)])
    plain_cells: list[tuple[float, float]] = []
    re_cells: list[tuple[float, float]] = []
    for _ in range(400):
        truth = rng.poisson(shape * rng.lognormal(0.0, 0.15)).astype(float)
        out = reforecast(list(shape), [*truth[:16], *[None] * 32], 16)
        for i in range(16, 48):
            plain_cells.append((shape[i], truth[i]))
            re_cells.append((out[i], truth[i]))  # type: ignore[arg-type]
    plain = wape([f for f, _ in plain_cells], [a for _, a in plain_cells])
    again = wape([f for f, _ in re_cells], [a for _, a in re_cells])
    assert plain is not None and again is not None
    assert again < 0.8 * plain
