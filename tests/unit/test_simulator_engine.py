"""The event loop on hand-made scenarios: routing, breaks, shift edges, abandons, closing."""

from __future__ import annotations

import math

import numpy as np

from supervisor_app.domain.simulation.codes import (
    ABANDONED,
    ANSWERED,
    S_AVAILABLE,
    S_BREAK,
    S_OFFLINE,
    S_ON_CONTACT,
    S_WRAP_UP,
    TIMED_OUT,
)
from supervisor_app.domain.simulation.engine import Engine
from supervisor_app.ingest.simulator.arrivals import Arrivals

H = 3600.0
VOICE, EMAIL = 0, 1


def contacts(
    *rows: tuple[float, int, float], patience: float = math.inf, wrap: float = 30.0
) -> Arrivals:
    """Contacts from (arrival, queue, handle seconds), everything else plain."""
    n = len(rows)
    t = np.array([r[0] for r in rows])
    zeros, no = np.zeros(n), np.zeros(n, dtype=bool)
    return Arrivals(
        t=t,
        queue=np.array([r[1] for r in rows]),
        handle=np.array([r[2] for r in rows]),
        wrap=np.full(n, wrap),
        abandon_after=np.full(n, patience),
        timed_out=no,
        transfer=no,
        escalate=no,
        survey=no,
        customer=np.arange(n),
        z_csat=zeros,
        z_nps=zeros,
        comment=np.full(n, -1.0),
        reason=np.zeros(n, dtype=int),
        severity=np.zeros(n, dtype=int),
        take_delay=zeros,
        resolve_delay=zeros,
    )


def engine(*skills: list[int]) -> Engine:
    return Engine([False, True], [[(q, 1.0) for q in s] for s in skills], start=0.0)


def states(e: Engine, agent: int) -> list[tuple[int, float, float]]:
    return [(s, start, end) for a, s, _, start, end in e.spans if a == agent]


def test_a_free_agent_answers_at_once_and_goes_through_wrap_up() -> None:
    e = engine([VOICE])
    e.add_shifts([(0, 8 * H, 16 * H, [])])
    e.add_arrivals(contacts((9 * H, VOICE, 300.0)))
    e.run_until(12 * H)
    assert (e.answered[0], e.ended[0], e.wrap_ended[0]) == (9 * H, 9 * H + 300, 9 * H + 330)
    assert e.outcome[0] == ANSWERED and e.agent[0] == 0
    assert [s for s, _, _ in states(e, 0)] == [S_OFFLINE, S_AVAILABLE, S_ON_CONTACT, S_WRAP_UP]


def test_nobody_answers_outside_the_shift() -> None:
    e = engine([VOICE])
    e.add_shifts([(0, 8 * H, 9 * H, [])])
    e.add_arrivals(contacts((7 * H, VOICE, 60.0), (9 * H + 1, VOICE, 60.0), patience=2 * H))
    e.run_until(12 * H)
    assert e.answered[0] == 8 * H, "the early caller is answered when the shift starts"
    assert e.outcome[1] == ABANDONED and e.agent[1] == -1
    assert e.state[0] == S_OFFLINE


def test_a_call_answered_before_the_shift_ends_may_run_past_it() -> None:
    e = engine([VOICE])
    e.add_shifts([(0, 8 * H, 9 * H, [])])
    e.add_arrivals(contacts((9 * H - 10, VOICE, 600.0)))
    e.run_until(12 * H)
    assert e.ended[0] == 9 * H + 590
    assert states(e, 0)[-1][0] == S_WRAP_UP and e.since[0] == 9 * H + 620
    assert e.state[0] == S_OFFLINE


def test_a_break_waits_for_the_call_then_lasts_its_full_length() -> None:
    e = engine([VOICE])
    e.add_shifts([(0, 8 * H, 16 * H, [(S_BREAK, None, 10 * H, 10 * H + 900)])])
    e.add_arrivals(contacts((10 * H - 120, VOICE, 600.0), (10 * H + 60, VOICE, 60.0)))
    e.run_until(12 * H)
    free_at = 10 * H - 120 + 600 + 30
    assert (S_BREAK, free_at, free_at + 900) in states(e, 0)
    assert e.answered[1] == free_at + 900, "the next caller waits for the break to end"


def test_voice_before_email_whatever_waited_longer() -> None:
    e = engine([VOICE, EMAIL])
    e.add_shifts([(0, 8 * H, 16 * H, [])])
    e.add_arrivals(
        contacts((9 * H, VOICE, 600.0), (9 * H + 10, EMAIL, 60.0), (9 * H + 20, VOICE, 60.0))
    )
    e.run_until(12 * H)
    assert e.answered[2] < e.answered[1], "the waiting call goes first"


def test_the_longest_waiting_call_goes_first_across_queues() -> None:
    e = Engine([False, False], [[(0, 1.0), (1, 1.0)]], start=0.0)
    e.add_shifts([(0, 8 * H, 16 * H, [])])
    e.add_arrivals(contacts((9 * H, 0, 600.0), (9 * H + 10, 1, 60.0), (9 * H + 20, 0, 60.0)))
    e.run_until(12 * H)
    assert e.answered[1] < e.answered[2]


def test_callers_give_up_and_the_queue_times_them_out() -> None:
    e = engine([VOICE])
    batch = contacts((9 * H, VOICE, 60.0), (9 * H, VOICE, 60.0))
    batch.abandon_after[:] = [45.0, 600.0]
    batch.timed_out[:] = [False, True]
    e.add_arrivals(batch)
    e.run_until(12 * H)
    assert (e.outcome[0], e.ended[0]) == (ABANDONED, 9 * H + 45)
    assert (e.outcome[1], e.ended[1]) == (TIMED_OUT, 9 * H + 600)
    assert e.agent[0] == e.agent[1] == -1


def test_closing_ends_calls_hangs_up_callers_and_keeps_emails() -> None:
    e = engine([VOICE, EMAIL])
    e.add_shifts([(0, 8 * H, 16 * H, [])])
    e.add_arrivals(
        contacts((9 * H, VOICE, 3600.0), (9 * H + 5, VOICE, 60.0), (9 * H + 6, EMAIL, 60.0))
    )
    e.close(9 * H + 100)
    assert (e.outcome[0], e.ended[0], e.wrap_ended[0]) == (ANSWERED, 9 * H + 100, 9 * H + 100)
    assert (e.outcome[1], e.ended[1]) == (ABANDONED, 9 * H + 100)
    assert math.isnan(e.ended[2]), "the email is still in the inbox"
    assert e.state[0] == S_OFFLINE and e.since[0] == 9 * H + 100


def test_the_journal_logs_events_in_order() -> None:
    e = Engine([False, True], [[(VOICE, 1.0)]], start=0.0, journal=True)
    e.add_shifts([(0, 8 * H, 16 * H, [])])
    e.add_arrivals(contacts((9 * H, VOICE, 60.0)))
    e.run_until(10 * H)
    assert e.journal is not None
    times = [entry[0] for entry in e.journal]
    assert times == sorted(times) and len(e.journal) == 8
