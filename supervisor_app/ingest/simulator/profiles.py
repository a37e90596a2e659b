"""How each channel behaves: when contacts come, how long they take, how patient people are.

The numbers are plausible for a mid-size UK contact centre; they only have to
make the demo look and feel like a real operation (busy mornings, quiet
Sundays, callers who hang up, emails that sit overnight).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.simulation import INF

# β of the square-root staffing rule (A erlangs need A + β√A agents) per real-time channel.
SAFETY = {Channel.VOICE: 0.9, Channel.CHAT: 0.6}
# Relative volume by local weekday (Monday first); staffing follows the same curve.
WEEKDAY_FACTORS: tuple[float, ...] = (1.2, 1.1, 1.05, 1.05, 1.0, 0.55, 0.35)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What a queue promises and when the live board turns amber or red."""

    service_level_target_pct: float
    answer_threshold_seconds: int
    short_abandon_seconds: int
    waiting_amber: int
    waiting_red: int
    longest_wait_amber_seconds: int
    longest_wait_red_seconds: int
    service_level_amber_pct: float
    service_level_red_pct: float


@dataclass(frozen=True, slots=True)
class ChannelProfile:
    channel: Channel
    # Relative arrival weight for each local hour 0..23 (constant within the hour).
    hourly_shape: tuple[float, ...]
    # Local hours agents work this channel: shifts fit inside [open, close).
    open_hour: int
    close_hour: int
    handle_mean_s: float
    handle_sigma: float  # of the underlying normal: lognormal spread
    wrap_mean_s: float
    wrap_sigma: float
    patience_mean_s: float  # exponential; INF never abandons
    max_wait_s: float  # waiting this long times the contact out; INF never
    transfer_rate: float
    escalation_rate: float
    survey_rate: float
    # Wait that costs a survey about one CSAT point.
    wait_tolerance_s: float
    thresholds: Thresholds

    @property
    def aht_s(self) -> float:
        """Average handle time as planners count it: talk plus wrap-up."""
        return self.handle_mean_s + self.wrap_mean_s


def _open_from(hour: int, weights: tuple[float, ...]) -> tuple[float, ...]:
    """24 hourly weights: closed (0) outside ``hour`` .. ``hour + len(weights)``."""
    return (0.0,) * hour + weights + (0.0,) * (24 - hour - len(weights))


EMAIL_HOURS = (0.15, 0.1, 0.08, 0.06, 0.06, 0.1, 0.25, 0.5, 0.9, 1.1, 1.15, 1.1)
EMAIL_HOURS += (1.0, 1.0, 1.05, 1.0, 0.95, 0.85, 0.7, 0.6, 0.5, 0.45, 0.35, 0.25)

PROFILES: dict[Channel, ChannelProfile] = {
    Channel.VOICE: ChannelProfile(
        channel=Channel.VOICE,
        hourly_shape=_open_from(
            8, (0.55, 0.95, 1.15, 1.1, 0.95, 0.9, 1.0, 0.95, 0.85, 0.7, 0.5, 0.35)
        ),
        open_hour=8,
        close_hour=20,
        handle_mean_s=300.0,
        handle_sigma=0.55,
        wrap_mean_s=35.0,
        wrap_sigma=0.5,
        patience_mean_s=150.0,
        max_wait_s=600.0,
        transfer_rate=0.05,
        escalation_rate=0.015,
        survey_rate=0.25,
        wait_tolerance_s=90.0,
        thresholds=Thresholds(80.0, 20, 5, 5, 10, 60, 120, 75.0, 65.0),
    ),
    Channel.CHAT: ChannelProfile(
        channel=Channel.CHAT,
        hourly_shape=_open_from(
            8, (0.4, 0.8, 1.0, 1.0, 0.95, 0.9, 0.95, 0.95, 0.9, 0.85, 0.8, 0.75, 0.6, 0.4)
        ),
        open_hour=8,
        close_hour=22,
        handle_mean_s=480.0,
        handle_sigma=0.5,
        wrap_mean_s=25.0,
        wrap_sigma=0.5,
        patience_mean_s=360.0,
        max_wait_s=1800.0,
        transfer_rate=0.03,
        escalation_rate=0.015,
        survey_rate=0.35,
        wait_tolerance_s=240.0,
        thresholds=Thresholds(80.0, 60, 10, 4, 8, 120, 240, 75.0, 65.0),
    ),
    Channel.EMAIL: ChannelProfile(
        channel=Channel.EMAIL,
        # Around the clock, quietest at night.
        hourly_shape=_open_from(0, EMAIL_HOURS),
        open_hour=8,
        close_hour=20,
        handle_mean_s=420.0,
        handle_sigma=0.6,
        wrap_mean_s=60.0,
        wrap_sigma=0.4,
        patience_mean_s=INF,
        max_wait_s=INF,
        transfer_rate=0.01,
        escalation_rate=0.02,
        survey_rate=0.15,
        wait_tolerance_s=4 * 3600.0,
        thresholds=Thresholds(90.0, 14400, 0, 30, 60, 7200, 14400, 85.0, 75.0),
    ),
}


def quarter_shape(profile: ChannelProfile) -> np.ndarray:
    """Share of a day's arrivals in each local quarter-hour 0..95 (sums to 1)."""
    shape = np.repeat(np.asarray(profile.hourly_shape, dtype=np.float64), 4)
    return shape / shape.sum()


def staffing_shape(profile: ChannelProfile) -> np.ndarray:
    """Share of agents wanted in each local quarter-hour, for placing shift starts.

    Voice and chat staff to the arrival curve; email is deferrable, so its agents
    spread evenly over opening hours and work off the overnight inbox.
    """
    if profile.channel is Channel.EMAIL:
        shape = np.zeros(96)
        shape[profile.open_hour * 4 : profile.close_hour * 4] = 1.0
        return shape / shape.sum()
    return quarter_shape(profile)
