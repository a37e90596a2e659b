"""Coverage counted by hand on a small hand-made week (London in November: local = UTC)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from supervisor_app.domain.coverage import (
    QueueDemand,
    coverage,
    productive_presence,
    scheduled_productive,
)
from supervisor_app.domain.enums import ActivityKind, TimeOffStatus
from supervisor_app.domain.erlang_a import erlang_a_figures
from supervisor_app.domain.forecast import week_interval_starts
from supervisor_app.domain.schedule_types import (
    PlannedActivity,
    PlannedShift,
    RosterAgent,
    ScheduleWeek,
    TimeOffBand,
)

MONDAY = date(2026, 11, 23)
STARTS = week_interval_starts(MONDAY, ZoneInfo("Europe/London"), 15)


def t(hhmm: str, day: int = 0) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return datetime(2026, 11, 23 + day, h, m, tzinfo=UTC)


def k(hhmm: str) -> int:
    return STARTS.index(t(hhmm))


def week() -> ScheduleWeek:
    """Ann: Sales. Bob: Sales and Billing. Cat: Billing, on approved leave all morning.
    Dan: Sales, with a leave request nobody has granted (he still counts)."""
    agents = (
        RosterAgent(1, "Ann", "A", ("Sales",), 40, 20),
        RosterAgent(2, "Bob", "A", ("Billing", "Sales"), 40, 20),
        RosterAgent(3, "Cat", "B", ("Billing",), 40, 20),
        RosterAgent(4, "Dan", "B", ("Sales",), 40, 20),
    )
    shifts = (
        PlannedShift(
            1,
            t("09:00"),
            t("11:00"),
            (PlannedActivity(ActivityKind.BREAK, t("10:00"), t("10:15")),),
        ),
        PlannedShift(
            2,
            t("09:00"),
            t("10:00"),
            (PlannedActivity(ActivityKind.MEETING, t("09:30"), t("09:40")),),
        ),
        PlannedShift(3, t("09:00"), t("10:00")),
        PlannedShift(4, t("09:00"), t("09:30")),
    )
    leave = (
        TimeOffBand(3, t("08:00"), t("12:00"), TimeOffStatus.APPROVED),
        TimeOffBand(4, t("09:00"), t("12:00"), TimeOffStatus.REQUESTED),
    )
    return ScheduleWeek(MONDAY, "Europe/London", 15, agents, shifts, leave)


def test_presence_by_hand() -> None:
    p = productive_presence(week(), STARTS)
    assert p[1][
        [k("08:45"), k("09:00"), k("09:45"), k("10:00"), k("10:15"), k("10:45"), k("11:00")]
    ] == pytest.approx([0, 1, 1, 0, 1, 1, 0])
    # Bob: 09:30–09:45 holds a 10-minute meeting, so he is on the phones 5 of 15 minutes.
    assert p[2][[k("09:00"), k("09:15"), k("09:30"), k("09:45"), k("10:00")]] == pytest.approx(
        [1, 1, 1 / 3, 1, 0]
    )
    assert p[3].sum() == 0  # approved leave covers the shift
    assert p[4][[k("09:00"), k("09:15"), k("09:30")]] == pytest.approx([1, 1, 0])


def test_multi_skilled_agent_goes_where_need_remains() -> None:
    required = np.zeros((2, len(STARTS)))  # rows: Sales, Billing
    # Blocks, most short-handed first (required ÷ agents able to serve any queue of the set);
    # a block's agents go to its queues in proportion to what each requires.
    # 09:00: Ann, Dan (Sales), Bob (both); Sales needs 3, Billing 1 (Cat is on leave).
    # {Sales} 3/3, {Billing} 1/1, both 4/3: one block of 3 agents, 3:1 → 2.25 and 0.75.
    required[:, k("09:00")] = 3, 1
    # 09:15: Sales 5, Billing 1: {Sales} 5/3, {Billing} 1/1, both 6/3 → 2.5 and 0.5.
    required[:, k("09:15")] = 5, 1
    # 09:30 (Dan gone, Bob in a meeting 10 of 15 minutes): Sales 0, Billing 2: {Billing}
    # 2 ÷ ⅓ is the bottleneck and takes Bob's ⅓; Ann is left to Sales.
    required[:, k("09:30")] = 0, 2
    # 09:45: Ann and Bob; Sales 1, Billing 0: {Sales} 1/2 ties with both (1/2); the smaller
    # set is the block, and both agents count for Sales.
    required[:, k("09:45")] = 1, 0
    s = scheduled_productive(week(), ["Sales", "Billing"], required, STARTS)
    assert s[:, k("09:00")] == pytest.approx([2.25, 0.75])
    assert s[:, k("09:15")] == pytest.approx([2.5, 0.5])
    assert s[:, k("09:30")] == pytest.approx([1.0, 1 / 3])
    assert s[:, k("09:45")] == pytest.approx([2.0, 0.0])
    # Under-staffing is never more than skills force: at 09:00 the three agents are 1 short
    # of the 4 required, and no split of Bob does better.
    short = np.maximum(required - s, 0)[:, k("09:00")].sum()
    assert short == pytest.approx(1.0)
    # Nobody required anywhere: each agent equally between their queues.
    none = scheduled_productive(week(), ["Sales", "Billing"], np.zeros_like(required), STARTS)
    assert none[:, k("09:00")] == pytest.approx([2.5, 0.5])
    assert none[:, k("10:00")] == pytest.approx([0.0, 0.0])  # Ann on break, Bob gone home


def _erlang_c_sl(n: int, a: float, aht: float, t: float) -> float:
    """Independent: Erlang B by its textbook recursion, then C and the service level."""
    b = 1.0
    for i in range(1, n + 1):
        b = a * b / (i + a * b)
    c = n * b / (n - a + a * b)
    return 1 - c * math.exp(-(n - a) * t / aht)


def test_coverage_of_a_small_week() -> None:
    # Sales 09:00: 50 calls × 180 s in 15 min = 10 Erlangs; 80 % in 20 s needs 14 agents
    # (callcentrehelper.com's worked example, 100 calls per half hour). Billing: none forecast.
    n = len(STARTS)
    sales_volume = [0.0] * n
    sales_volume[k("09:00")] = 50.0
    demands = [
        QueueDemand(1, "Sales", tuple(sales_volume), (180.0,) * n, 0.8, 20, shrinkage=0.3),
        QueueDemand(2, "Billing", (0.0,) * n, (0.0,) * n, 0.9, 30),
    ]
    holidays = ((date(2026, 11, 26), "Thanksgiving"),)
    result = coverage(week(), demands, holidays)
    sales, billing = result.queues
    assert len(result.starts) == 672 and result.holidays == holidays
    i = k("09:00")
    assert sales.required[i] == 14 and sales.to_roster[i] == 20  # 14 / 0.7
    # Bob goes all to Sales (Billing needs nobody): Ann + Dan + Bob = 3.
    assert sales.scheduled[i] == pytest.approx(3.0) and billing.scheduled[i] == pytest.approx(0.0)
    assert sales.gap[i] == pytest.approx(-11.0)
    # 3 agents for 10 Erlangs: the queue grows without end, service level 0.
    assert sales.expected_sl[i] == pytest.approx(0.0)
    assert sales.expected_sl[k("09:15")] is None  # nothing forecast
    assert billing.required[i] == 0


def test_expected_service_level_interpolates_fractional_agents() -> None:
    n = len(STARTS)
    volume = [0.0] * n
    volume[k("09:00")] = 50.0  # 10 Erlangs
    many = tuple(RosterAgent(100 + j, f"A{j}", None, ("Sales",), 40, 20) for j in range(14))
    shifts = tuple(PlannedShift(100 + j, t("09:00"), t("09:15")) for j in range(13))
    # The 14th agent is coached for half the quarter-hour: 13.5 agents.
    half = PlannedShift(
        113,
        t("09:00"),
        t("09:15"),
        (PlannedActivity(ActivityKind.COACHING, t("09:00"), t("09:07") + timedelta(seconds=30)),),
    )
    w = ScheduleWeek(MONDAY, "Europe/London", 15, many, (*shifts, half), ())
    result = coverage(w, [QueueDemand(1, "Sales", tuple(volume), (180.0,) * n, 0.8, 20)])
    sales = result.queues[0]
    i = k("09:00")
    assert sales.scheduled[i] == pytest.approx(13.5)
    expected = (_erlang_c_sl(13, 10, 180, 20) + _erlang_c_sl(14, 10, 180, 20)) / 2
    assert sales.expected_sl[i] == pytest.approx(expected, rel=1e-9)
    assert _erlang_c_sl(14, 10, 180, 20) == pytest.approx(0.8883, abs=1e-4)


def test_a_shift_over_the_repeated_hour_counts_real_time() -> None:
    # Sunday 25 October 2026, London: 00:30 BST to 03:00 GMT is 3.5 hours, 14 quarter-hours
    # in a week of 676.
    zone = ZoneInfo("Europe/London")
    monday = date(2026, 10, 19)
    starts = week_interval_starts(monday, zone, 15)
    assert len(starts) == 676
    begin = datetime(2026, 10, 25, 0, 30, tzinfo=zone)
    end = datetime(2026, 10, 25, 3, 0, tzinfo=zone)
    agents = (RosterAgent(1, "Ann", None, ("Sales",), 40, 20),)
    w = ScheduleWeek(monday, "Europe/London", 15, agents, (PlannedShift(1, begin, end),), ())
    presence = productive_presence(w, starts)[1]
    assert presence.sum() == pytest.approx(14.0)

    # Shifts hanging over the week's edges count only inside it; two overlapping shifts once.
    def local(day: int, h: int, m: int = 0) -> datetime:
        return datetime(2026, 10, day, h, m, tzinfo=zone)

    edge = (
        PlannedShift(1, local(18, 22), local(19, 1)),  # Sunday 22:00 to Monday 01:00: 1 h inside
        PlannedShift(1, local(19, 0, 30), local(19, 1)),  # inside the first one: counted once
    )
    w = ScheduleWeek(monday, "Europe/London", 15, agents, edge, ())
    assert productive_presence(w, starts)[1].sum() == pytest.approx(4.0)


def test_coverage_refuses_a_forecast_of_another_length() -> None:
    d = QueueDemand(1, "Sales", (1.0,) * 96, (180.0,) * 96, 0.8, 20)
    with pytest.raises(ValueError, match="intervals"):
        coverage(week(), [d])


def test_a_queue_with_patience_uses_erlang_a() -> None:
    # 10 Erlangs on 12 whole agents, callers' patience 120 s: Erlang A's service level, and a
    # requirement no higher than Erlang C's 14 (impatient callers shorten the queue).
    n = len(STARTS)
    volume = [0.0] * n
    volume[k("09:00")] = 50.0
    roster = tuple(RosterAgent(100 + j, f"A{j}", None, ("Sales",), 40, 20) for j in range(12))
    shifts = tuple(PlannedShift(100 + j, t("09:00"), t("09:15")) for j in range(12))
    w = ScheduleWeek(MONDAY, "Europe/London", 15, roster, shifts, ())
    d = QueueDemand(1, "Sales", tuple(volume), (180.0,) * n, 0.8, 20, patience_seconds=120.0)
    sales = coverage(w, [d]).queues[0]
    i = k("09:00")
    assert sales.scheduled[i] == pytest.approx(12.0)
    want = float(erlang_a_figures(50, 180, 15, 12, 20, 120)["service_level"])
    assert sales.expected_sl[i] == pytest.approx(want)
    assert sales.required[i] <= 14
