"""KPI formulas against hand-worked examples (the arithmetic is written out in each test)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervisor_app.domain import kpi
from supervisor_app.domain.kpi import ContactSums, ServiceLevelVariant

# A hand-made hour on one queue (threshold 20 s, short abandon 5 s):
# 100 offered; 80 answered, 60 of them within 20 s; 20 abandoned, 4 of them within 5 s
# and 10 after 20 s; answered waits sum to 1,600 s; 78 handled for 23,400 s in all.
HOUR = ContactSums(
    offered=100,
    answered=80,
    abandoned=20,
    short_abandoned=4,
    abandoned_after_threshold=10,
    answered_within_threshold=60,
    transferred=8,
    escalated=2,
    answer_wait_seconds=1600.0,
    handled=78,
    handle_seconds=23_400.0,
    longest_wait_seconds=310.0,
)


def test_service_level_variants_by_hand() -> None:
    assert kpi.service_level(HOUR) == pytest.approx(60 / (100 - 4))  # 0.625
    assert kpi.service_level(HOUR, ServiceLevelVariant.ANSWERED) == pytest.approx(60 / 80)
    late = ServiceLevelVariant.ANSWERED_AND_LATE_ABANDONS
    assert kpi.service_level(HOUR, late) == pytest.approx(60 / (80 + 10))


def test_averages_and_rates_by_hand() -> None:
    assert kpi.average_speed_of_answer(HOUR) == pytest.approx(20.0)  # 1600 / 80
    assert kpi.average_handle_time(HOUR) == pytest.approx(300.0)  # 23400 / 78
    assert kpi.abandon_rate(HOUR) == pytest.approx(16 / 96)
    assert kpi.transfer_rate(HOUR) == pytest.approx(0.1)
    assert kpi.escalation_rate(HOUR) == pytest.approx(0.025)


def test_figures_without_a_denominator_are_none_not_zero() -> None:
    empty = ContactSums()
    assert kpi.service_level(empty) is None
    assert kpi.average_speed_of_answer(empty) is None
    assert kpi.abandon_rate(empty) is None
    assert kpi.occupancy(0, 0) is None
    assert kpi.nps(0, 0, 0) is None


def test_people_figures_by_hand() -> None:
    # 6 h handling, 2 h available → 75 % occupancy.
    assert kpi.occupancy(6 * 3600, 2 * 3600) == pytest.approx(0.75)
    assert kpi.adherence(450, 480) == pytest.approx(0.9375)
    assert kpi.conformance(495, 480) == pytest.approx(1.03125)
    assert kpi.shrinkage(480, 360) == pytest.approx(0.25)
    # 40 of 50 answers are 4–5; 30 promoters, 5 detractors of 50 → NPS 50.
    assert kpi.csat(40, 50) == pytest.approx(0.8)
    assert kpi.nps(30, 5, 50) == pytest.approx(50.0)
    assert kpi.first_contact_resolution(70, 80) == pytest.approx(0.875)


def test_sums_add_and_keep_the_longest_wait() -> None:
    a = ContactSums(offered=3, answered=2, longest_wait_seconds=40.0)
    b = ContactSums(offered=5, answered=5, longest_wait_seconds=None)
    total = a + b
    assert (total.offered, total.answered, total.longest_wait_seconds) == (8, 7, 40.0)


@st.composite
def sums(draw: st.DrawFn) -> ContactSums:
    answered = draw(st.integers(0, 500))
    abandoned = draw(st.integers(0, 500))
    short = draw(st.integers(0, abandoned))
    late = draw(st.integers(0, abandoned - short))
    within = draw(st.integers(0, answered))
    return ContactSums(
        offered=answered + abandoned,
        answered=answered,
        abandoned=abandoned,
        short_abandoned=short,
        abandoned_after_threshold=late,
        answered_within_threshold=within,
    )


@given(sums(), st.sampled_from(list(ServiceLevelVariant)))
def test_service_level_stays_a_fraction(s: ContactSums, variant: ServiceLevelVariant) -> None:
    value = kpi.service_level(s, variant)
    assert value is None or 0.0 <= value <= 1.0


@given(sums(), sums())
def test_adding_sums_equals_summing_counts(a: ContactSums, b: ContactSums) -> None:
    total = a + b
    assert total.offered == a.offered + b.offered
    assert (
        total.answered_within_threshold == a.answered_within_threshold + b.answered_within_threshold
    )
