"""Cell levels and alert hysteresis on hand-made value sequences."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from supervisor_app.domain.alerts import AlertTracker, Level, Threshold

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
LONGEST_WAIT = Threshold(amber=60, red=120, higher_is_worse=True, clear_margin=20)
SERVICE_LEVEL = Threshold(amber=0.8, red=0.7, higher_is_worse=False, clear_margin=0.05)


def feed(values: list[float | None], threshold: Threshold) -> list[int]:
    """Indexes of the values that raised an alert."""
    tracker = AlertTracker()
    raised = []
    for i, value in enumerate(values):
        alert = tracker.update(
            "Sales", "m", value, threshold, START + timedelta(seconds=i), "{value} > {limit}"
        )
        if alert:
            raised.append(i)
    return raised


def test_levels_in_both_directions() -> None:
    assert [LONGEST_WAIT.level(v) for v in (None, 59, 60, 119, 120)] == [
        Level.OK, Level.OK, Level.AMBER, Level.AMBER, Level.RED,
    ]  # fmt: skip
    assert [SERVICE_LEVEL.level(v) for v in (0.95, 0.8, 0.75, 0.7, 0.2)] == [
        Level.OK, Level.AMBER, Level.AMBER, Level.RED, Level.RED,
    ]  # fmt: skip


def test_hovering_at_the_threshold_raises_once() -> None:
    hovering = [119, 120, 119, 121, 118, 120, 119, 122] * 10
    assert feed(hovering, LONGEST_WAIT) == [1]


def test_a_real_recovery_rearms_the_alert() -> None:
    # Breach at 1, recover below 100 (120 - 20) at 3, breach again at 4.
    assert feed([100, 130, 110, 90, 125, 126], LONGEST_WAIT) == [1, 4]


def test_service_level_alerts_when_it_falls() -> None:
    assert feed([0.9, 0.69, 0.71, 0.7, 0.76, 0.6], SERVICE_LEVEL) == [1, 5]


def test_no_red_limit_never_alerts() -> None:
    assert feed([1e9, 1e9], Threshold(amber=1, red=None)) == []


def test_alert_carries_what_broke() -> None:
    tracker = AlertTracker()
    alert = tracker.update(
        "Sales",
        "longest_wait",
        150,
        LONGEST_WAIT,
        START,
        "longest wait {value:.0f} s over {limit:.0f} s",
    )
    assert alert is not None
    assert (alert.subject, alert.metric, alert.raised_at) == ("Sales", "longest_wait", START)
    assert alert.message == "longest wait 150 s over 120 s"
