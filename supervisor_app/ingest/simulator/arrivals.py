"""Contacts arriving: a Poisson process per queue whose rate follows the day's profile.

Everything about a contact that chance decides (handle time, patience, whether
it is transferred, escalated or surveyed, its survey mood) is drawn here, in
bulk with numpy, when the day is generated. The event loop then only orders
events; it never draws a random number, so its cost per contact stays small.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.simulation import INF, Arrivals
from supervisor_app.ingest.simulator.days import LocalDay
from supervisor_app.ingest.simulator.demand import Demand
from supervisor_app.ingest.simulator.outcomes import COMMENT_RATE, ESCALATIONS, SEVERITY_WEIGHTS
from supervisor_app.ingest.simulator.profiles import PROFILES

HANDLE_CAP = 6.0  # longest handle or wrap-up, in multiples of the channel mean
CUSTOMERS = 60_000
FORECAST_VOLUME_NOISE = 0.08
FORECAST_AHT_NOISE = 0.05
TAKE_MEAN_S = 40 * 60.0  # until a supervisor picks up an escalation
RESOLVE_MEAN_S = 6 * 3600.0


def _per_queue(channels: Sequence[Channel], attr: str) -> np.ndarray:
    return np.array([getattr(PROFILES[c], attr) for c in channels], dtype=np.float64)


def sample_contacts(
    t: np.ndarray, queue: np.ndarray, channels: Sequence[Channel], rng: np.random.Generator
) -> Arrivals:
    """Draw everything about contacts arriving at ``t`` on ``queue`` (indices into ``channels``)."""
    n = len(t)

    def lognormal(mean_attr: str, sigma_attr: str) -> np.ndarray:
        mean = _per_queue(channels, mean_attr)[queue]
        sigma = _per_queue(channels, sigma_attr)[queue]
        mu = np.log(mean) - sigma * sigma / 2  # the lognormal with this mean
        return np.minimum(np.exp(mu + sigma * rng.standard_normal(n)), HANDLE_CAP * mean)

    handle = lognormal("handle_mean_s", "handle_sigma")
    wrap = lognormal("wrap_mean_s", "wrap_sigma")
    patience_mean = _per_queue(channels, "patience_mean_s")[queue]
    max_wait = _per_queue(channels, "max_wait_s")[queue]
    draws = rng.standard_exponential(n)
    patience = np.where(
        np.isinf(patience_mean), INF, draws * np.where(np.isinf(patience_mean), 1, patience_mean)
    )

    def chance(attr: str) -> np.ndarray:
        return rng.random(n) < _per_queue(channels, attr)[queue]

    comment_draw = rng.random(n)
    return Arrivals(
        t=t,
        queue=queue,
        handle=handle,
        wrap=wrap,
        abandon_after=np.minimum(patience, max_wait),
        timed_out=patience >= max_wait,
        transfer=chance("transfer_rate"),
        escalate=chance("escalation_rate"),
        survey=chance("survey_rate"),
        customer=rng.integers(1, CUSTOMERS, size=n),
        z_csat=rng.standard_normal(n),
        z_nps=rng.standard_normal(n),
        comment=np.where(comment_draw < COMMENT_RATE, comment_draw / COMMENT_RATE, -1.0),
        reason=rng.integers(len(ESCALATIONS), size=n),
        severity=rng.choice(len(SEVERITY_WEIGHTS), size=n, p=SEVERITY_WEIGHTS),
        take_delay=rng.exponential(TAKE_MEAN_S, size=n),
        resolve_delay=rng.exponential(RESOLVE_MEAN_S, size=n),
    )


def expected_counts(day: LocalDay, demand: Demand) -> np.ndarray:
    """Expected arrivals per queue (rows) and interval of ``day`` (columns).

    The rate is constant within a local hour; each interval takes its share of
    the hour it starts in (a DST day simply has one hour more or less).
    """
    hours = day.quarters // 4
    step = day.interval_starts[1] - day.interval_starts[0]
    return demand.hourly[:, day.weekday, hours] * (step / 3600.0)


def day_arrivals(
    day: LocalDay, demand: Demand, channels: Sequence[Channel], rng: np.random.Generator
) -> Arrivals:
    """Poisson count per queue and interval, then uniform times inside the interval."""
    expected = expected_counts(day, demand)
    counts = rng.poisson(expected).ravel()
    n_queues, n_intervals = expected.shape
    queue = np.repeat(np.repeat(np.arange(n_queues), n_intervals), counts)
    starts = np.repeat(np.tile(day.interval_starts, n_queues), counts)
    step = day.interval_starts[1] - day.interval_starts[0]
    t = starts + rng.random(len(starts)) * step
    order = np.argsort(t, kind="stable")
    return sample_contacts(t[order], queue[order], channels, rng)


def forecast(
    day: LocalDay, demand: Demand, channels: Sequence[Channel], rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Forecast volume and AHT per queue and interval: the true rate, as a planner would miss it."""
    expected = expected_counts(day, demand)
    volume = expected * (1 + FORECAST_VOLUME_NOISE * rng.standard_normal(expected.shape))
    aht = _per_queue(channels, "aht_s")[:, None] * (
        1 + FORECAST_AHT_NOISE * rng.standard_normal(expected.shape)
    )
    return np.round(np.maximum(volume, 0.0), 2), np.round(aht, 1)
