"""Forecasts from history, planners' adjustments, and forecast accuracy: the formulas.

Generation rule, for one queue and one target day:

- History is the same weekday in each of the last N weeks (default 6): the days
  d − 7, d − 14, …, d − 7N. Week k back (k = 1 the most recent) weighs
  w_k = N − k + 1, so with N = 6 the weights are 6, 5, 4, 3, 2, 1 (÷ 21): last
  week counts six times as much as six weeks ago, and the weights fall in a
  straight line, which follows a trend without chasing one odd week.
- A history day that was a public holiday is left out, and so is an interval a
  history day doesn't have (the hour skipped when clocks go forward); the other
  weeks' weights are scaled up to sum to one again. No week left: no forecast (0).
- Intervals are matched by local wall-clock time, so 09:00 forecasts 09:00 on
  every day, DST days included. When clocks go back the repeated hour's two
  intervals in a history day are averaged, and on a target day both get the
  forecast of that wall-clock time; when they go forward the skipped hour simply
  has no intervals (92 quarter-hours instead of 96).
- A history day on which the queue had no contact at all counts as missing too
  (before the data began, an outage), not as a day of zeros; a day that is
  always empty (a closed Sunday) then forecasts nothing, as it should.
- Volume = growth × Σ w_k·offered_k / Σ w_k. Handle time is weighted by contacts
  too, AHT = Σ w_k·handle_seconds_k / Σ w_k·handled_k, so a quiet week's odd call
  can't swing it; an interval with no handled contact in its history takes the
  day's AHT (``fallback_aht``).

Accuracy is the weighted absolute percentage error (WAPE), Σ|F − A| / Σ A over
the intervals of a week: the total miss as a share of the total actual, so quiet
intervals with big percentage misses don't dominate as they do in MAPE. For
handle time each interval's error weighs by its handled contacts:
Σ h·|F_aht − A_aht| / Σ h·A_aht = Σ|h·F_aht − handle_seconds| / Σ handle_seconds.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import ArrayLike, NDArray

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.timeutil import interval_starts

Floats = NDArray[np.float64]
DEFAULT_WEEKS = 6
MAX_WEEKS = 52


def check_weeks(weeks: int) -> int:
    if not 1 <= weeks <= MAX_WEEKS:
        raise UserError(f"weeks of history must be between 1 and {MAX_WEEKS}, got {weeks}")
    return weeks


def check_growth(growth: float) -> float:
    if not (np.isfinite(growth) and 0 < growth <= 10):
        raise UserError(f"growth factor must be above 0 and at most 10 (1.05 = +5 %), got {growth}")
    return float(growth)


def recency_weights(weeks: int) -> Floats:
    """w_k = N − k + 1 for k = 1 (last week) … N, normalised to sum to 1."""
    n = check_weeks(weeks)
    w = np.arange(n, 0, -1, dtype=np.float64)
    return w / w.sum()


def history_days(day: date, weeks: int) -> list[date]:
    """The same weekday in each of the last ``weeks`` weeks, most recent first."""
    return [day - timedelta(days=7 * k) for k in range(1, check_weeks(weeks) + 1)]


def wall_minute(instant: datetime, zone: ZoneInfo) -> int:
    """Minutes from local midnight on the wall clock (the repeated hour reads the same twice)."""
    local = instant.astimezone(zone)
    return local.hour * 60 + local.minute


def day_slots(day: date, zone: ZoneInfo, minutes: int) -> list[tuple[datetime, int]]:
    """(UTC start, wall-clock minute) of each interval of a local day: 92, 96 or 100."""
    return [(s, wall_minute(s, zone)) for s in interval_starts(day, zone, minutes)]


def weighted_forecast(
    offered: ArrayLike,
    handled: ArrayLike,
    handle_seconds: ArrayLike,
    weights: ArrayLike,
    growth: float = 1.0,
    fallback_aht: float = 0.0,
) -> tuple[Floats, Floats]:
    """Volume and AHT per slot from history arrays shaped (weeks, slots).

    NaN in ``offered`` marks a week left out for that slot (a holiday, a skipped
    hour); ``weights`` are per week (any scale). Returns (volume, aht) per slot.
    """
    o = np.asarray(offered, dtype=np.float64)
    h = np.nan_to_num(np.asarray(handled, dtype=np.float64))
    s = np.nan_to_num(np.asarray(handle_seconds, dtype=np.float64))
    w = np.asarray(weights, dtype=np.float64)[:, None] * np.ones_like(o)
    present = ~np.isnan(o)
    w = np.where(present, w, 0.0)
    total_w = w.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        volume = np.where(total_w > 0, (w * np.nan_to_num(o)).sum(axis=0) / total_w, 0.0)
        wh = (w * h).sum(axis=0)
        aht = np.where(wh > 0, (w * s).sum(axis=0) / wh, fallback_aht)
    aht = np.where(volume > 0, aht, np.where(wh > 0, aht, 0.0))
    return volume * check_growth(growth), aht


def scale_factor(percent: float) -> float:
    """+10 % is ×1.10, −25 % is ×0.75; −100 % or less would make volumes vanish or negative."""
    if not (np.isfinite(percent) and -100 < percent <= 1000):
        raise UserError(f"scale must be above -100 % and at most 1000 %, got {percent:g} %")
    return 1.0 + percent / 100.0


def wape(forecast: ArrayLike, actual: ArrayLike) -> float | None:
    """Σ|F − A| / Σ A; None when nothing actually happened (Σ A = 0)."""
    f, a = np.asarray(forecast, dtype=np.float64), np.asarray(actual, dtype=np.float64)
    total = a.sum()
    return float(np.abs(f - a).sum() / total) if total > 0 else None


def aht_wape(
    forecast_aht: ArrayLike, handled: ArrayLike, handle_seconds: ArrayLike
) -> float | None:
    """Σ|h·F_aht − handle_seconds| / Σ handle_seconds: AHT error weighted by handled contacts."""
    f = np.asarray(forecast_aht, dtype=np.float64)
    h = np.asarray(handled, dtype=np.float64)
    s = np.asarray(handle_seconds, dtype=np.float64)
    total = s.sum()
    return float(np.abs(h * f - s).sum() / total) if total > 0 else None


def check_week_start(week_start: date) -> date:
    if week_start.weekday() != 0:
        raise UserError(f"a planning week starts on a Monday; {week_start} is a {week_start:%A}")
    return week_start


def week_interval_starts(week_start: date, zone: ZoneInfo, minutes: int) -> list[datetime]:
    """UTC starts of every interval of the local week from Monday ``week_start``: 672 quarter-
    hours in a plain week, 668 or 676 in a week with a clock change."""
    out: list[datetime] = []
    for d in range(7):
        out.extend(interval_starts(week_start + timedelta(days=d), zone, minutes))
    return out


History = Mapping[datetime, tuple[float, float, float]]  # UTC start → offered, handled, seconds


def forecast_day(
    day: date,
    zone: ZoneInfo,
    minutes: int,
    history: History,
    *,
    weeks: int = DEFAULT_WEEKS,
    growth: float = 1.0,
    skip_days: Collection[date] = (),
    fallback_aht: float = 0.0,
) -> list[tuple[datetime, float, float]]:
    """(UTC start, volume, AHT) for each interval of ``day`` from one queue's ``history``.

    ``history`` holds the sums of the intervals that had contacts; ``skip_days``
    are the holidays left out. Applies the rule in the module docstring.
    """
    target = day_slots(day, zone, minutes)
    keys = sorted({m for _, m in target})
    col = {m: i for i, m in enumerate(keys)}
    shape = (check_weeks(weeks), len(keys))
    offered, handled, seconds = np.full(shape, np.nan), np.zeros(shape), np.zeros(shape)
    for k, past in enumerate(history_days(day, weeks)):
        slots = day_slots(past, zone, minutes)
        if past in skip_days or not any(s in history for s, _ in slots):
            continue
        seen = np.zeros(len(keys))
        for start, minute in slots:
            if minute not in col:
                continue
            j = col[minute]
            o, h, s = history.get(start, (0.0, 0.0, 0.0))
            offered[k, j] = (0.0 if seen[j] == 0 else offered[k, j]) + o
            handled[k, j] += h
            seconds[k, j] += s
            seen[j] += 1
        present = seen > 0
        offered[k, present] /= seen[present]  # the repeated hour of a fall-back day: averaged
        handled[k, present] /= seen[present]
        seconds[k, present] /= seen[present]
    volume, aht = weighted_forecast(
        offered, handled, seconds, recency_weights(weeks), growth, fallback_aht
    )
    return [(start, float(volume[col[m]]), float(aht[col[m]])) for start, m in target]
