"""Reforecast of the rest of today from what has arrived so far.

Method: the ratio of actual to forecast contacts so far, shrunk towards 1, times
the forecast of every remaining interval. Why this one: what moves a day away
from its forecast is mostly a level (weather, an outage, a mailing lifts every
interval together) while the intraday shape of a queue is stable week to week,
so the shape is kept and the level re-estimated. Early in the day the count so
far is small and Poisson noise (±√n) would swing a plain ratio, so ``PRIOR``
forecast contacts' worth of "as forecast" is added to both sides: with 20
contacts seen the factor moves a fifth of the way, with 500 almost all the way.
Before ``MIN_FORECAST`` contacts were expected there is no reforecast at all.
"""

from __future__ import annotations

from collections.abc import Sequence

PRIOR = 80.0  # forecast contacts' worth of belief in the forecast's level
MIN_FORECAST = 20.0  # forecast contacts so far before a reforecast is shown


def level_factor(actual_so_far: float, forecast_so_far: float) -> float | None:
    """(actual + PRIOR) ÷ (forecast + PRIOR); None until MIN_FORECAST contacts were expected."""
    if forecast_so_far < MIN_FORECAST:
        return None
    return (actual_so_far + PRIOR) / (forecast_so_far + PRIOR)


def reforecast(
    forecast: Sequence[float], actual: Sequence[float | None], now_index: int
) -> list[float | None]:
    """The remaining intervals' volumes (from ``now_index``, the interval under way, on),
    the forecast times the level seen in the closed intervals before it; None for the
    closed ones, and for all while there is too little to go on."""
    closed = range(min(now_index, len(forecast)))
    seen = sum(actual[i] or 0.0 for i in closed)
    expected = sum(forecast[i] for i in closed)
    factor = level_factor(seen, expected)
    if factor is None:
        return [None] * len(forecast)
    return [None if i < now_index else f * factor for i, f in enumerate(forecast)]
