"""Cold KPI reports: the set-based build gives the raw report while days close and rows change.

The reference is the raw report (``use_rollups=False``), computed independently
from the raw tables. A console stays open while the clock moves on (days close
one after another and are summarised by the next report, the rollups built
before are reused) and a writer adds contacts to days already summarised;
ranges without any data cost nothing and read as empty. ``sorted_cells`` is
checked against grouping by hand with ``sorted``. Helpers come from
``test_kpi_report`` and ``test_kpi_rollups``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import delete, func, select
from test_kpi_report import (
    PROPERTY,
    SPAN_FIRST,
    SPAN_LAST,
    START,
    contacts_st,
    org,  # noqa: F401  (the fixture of the random-history tests)
    shifts_st,
    spans_st,
    write_history,
)
from test_kpi_rollups import assert_same, rollup_days

from supervisor_app.domain.enums import AgentState, Outcome
from supervisor_app.domain.errors import UserError
from supervisor_app.services.kpi import kpi_report
from supervisor_app.services.kpi.rollup_values import NO_AGENT, column, sorted_cells
from supervisor_app.store.models import Contact, KpiRollupDay

BY = ("queue", "agent", "interval", "day")


def _report_pair(db, first, last, by, now):
    rolled = kpi_report(db, first, last, by, now=now)
    raw = kpi_report(db, first, last, by, now=now, use_rollups=False)
    return rolled, raw


@PROPERTY
@given(
    contacts=contacts_st,
    spans=spans_st,
    shifts=shifts_st,
    clock=st.lists(st.integers(0, 12), min_size=2, max_size=4, unique=True).map(sorted),
    late=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 86_399)), max_size=3),
)
def test_an_open_console_as_days_close_and_past_days_change(
    org,  # noqa: F811
    contacts,
    spans,
    shifts,
    clock,
    late,
) -> None:
    """Reports at successive moments (each a day or more after the last: the days that
    closed meanwhile are summarised, the others reused), with contacts written to days
    already summarised between two of them; every report equals the raw one."""
    write_history(org, contacts, spans, shifts)
    db = org[0]
    exact = db.dialect == "sqlite"
    for step, day in enumerate(clock):
        now = datetime(2026, 10, 24, 12, tzinfo=UTC) + timedelta(days=day)
        for by in BY:
            assert_same(*_report_pair(db, SPAN_FIRST, SPAN_LAST, by, now), exact=exact)
        if step == 0 and late:  # a writer fills in past days (some summarised by now)
            write_late(org, late)


def write_late(history: tuple, late: list[tuple[int, int]]) -> None:
    """Answered contacts written to past days (day offset, second of the day) by a writer
    that comes after the reports: some of those days are summarised by then."""
    db, queue_ids, agent_ids = history
    with db.sessions() as s:
        for n, (d, second) in enumerate(late):
            arrived = START + timedelta(days=d, seconds=second)
            s.add(
                Contact(
                    queue_id=queue_ids[n % 2],
                    source="late",
                    external_id=f"late{n}",
                    customer_ref=f"K{n}",
                    arrived_at=arrived,
                    answered_at=arrived + timedelta(seconds=7 * n + 3),
                    ended_at=arrived + timedelta(seconds=200 + n),
                    outcome=Outcome.ANSWERED,
                    agent_id=agent_ids[n % 3],
                )
            )
        s.commit()


@PROPERTY
@given(contacts=contacts_st, spans=spans_st, shifts=shifts_st)
# Found by hypothesis: an agent's span of no length, on a day with no other data of theirs.
@example(contacts=[], spans=[(0, 0, [(AgentState.AVAILABLE, 0)])], shifts=[])
def test_ranges_without_data(org, contacts, spans, shifts) -> None:  # noqa: F811
    """A range with no data is refused the same way on both paths and keeps nothing; a
    century around the data equals the raw report and keeps only days near the data."""
    write_history(org, contacts, spans, shifts)
    db = org[0]
    with db.sessions() as s:  # an earlier example's summaries
        s.execute(delete(KpiRollupDay))
        s.commit()
    now = datetime(2026, 12, 1, tzinfo=UTC)
    for first, last in (
        (date(2000, 1, 1), date(2000, 12, 31)),
        (date(2026, 9, 1), date(2026, 9, 1)),
    ):
        for by in BY:
            for rollups in (True, False):  # both say so, in one clear line
                with pytest.raises(UserError, match="no contacts between"):
                    kpi_report(db, first, last, by, now=now, use_rollups=rollups)
    assert rollup_days(db) == 0
    for by in ("all", "queue", "agent"):
        assert_same(
            *_report_pair(db, date(2000, 1, 1), date(2100, 1, 1), by, now),
            exact=db.dialect == "sqlite",
        )
    with db.sessions() as s:
        kept = s.execute(select(func.min(KpiRollupDay.day), func.max(KpiRollupDay.day))).one()
    # Only days near the data are summarised (spans start up to 2 h before the span, a
    # day with data brings the next one): none of the century's other 36,000 days.
    assert SPAN_FIRST - timedelta(days=2) <= kept[0] <= kept[1] <= SPAN_LAST + timedelta(days=2)


cell_rows = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.integers(-1, 2),  # -1: no agent
        st.one_of(st.none(), st.floats(0, 1e5, allow_nan=False)),
    ),
    max_size=60,
)


@given(rows=cell_rows)
def test_sorted_cells_groups_like_sorting_by_hand(rows) -> None:
    expected: dict[tuple[int, int | None], list[float]] = defaultdict(list)
    for k, agent, value in rows:
        if value is not None:
            expected[(k, None if agent == NO_AGENT else agent)].append(value)
    keys = [column([r[0] for r in rows], missing=0), column([r[1] for r in rows], missing=0)]
    got = sorted_cells(keys, column([r[2] for r in rows]))
    assert set(got) == set(expected)
    for key, values in expected.items():
        assert got[key].dtype == np.float64
        assert got[key].tolist() == sorted(values)
        assert not any(math.isnan(v) for v in got[key])
