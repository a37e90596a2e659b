"""Each queue_log event on hand-made lines: what it does to a call and to an agent.

Expected values are read off the lines by hand (times are seconds after T).
"""

from __future__ import annotations

from queue_log_helpers import machine_after, parse

from supervisor_app.domain.enums import AgentState, Outcome
from supervisor_app.ingest.queue_log.machine import EventMachine
from supervisor_app.services.writers.queue_log import ContactRecord, SpanRecord

T = 1_700_000_000


def only_contact(machine: EventMachine) -> ContactRecord:
    contacts = machine.take().contacts
    assert len(contacts) == 1
    return contacts[0]


def spans_of(machine: EventMachine) -> list[tuple[str, str | None, float, float | None]]:
    return [
        (s.state.value, s.reason, s.started - T, None if s.ended is None else s.ended - T)
        for s in machine.take().spans
    ]


def test_enterqueue_connect_completeagent_is_an_answered_contact() -> None:
    m = machine_after(f"""
        {T}|1.1|sales|NONE|ENTERQUEUE||5551234|1
        {T + 12}|1.1|sales|SIP/100|CONNECT|12|1.2|3
        {T + 100}|1.1|sales|SIP/100|COMPLETEAGENT|12|88|1
    """)
    c = only_contact(m)
    assert (c.queue, c.customer, c.agent, c.outcome) == (
        "sales",
        "5551234",
        "SIP/100",
        Outcome.ANSWERED,
    )
    assert (c.arrived, c.answered, c.ended) == (T, T + 12, T + 100)
    assert c.key == f"1.1|sales|{T}"
    assert not c.orphan


def test_completecaller_is_answered_too() -> None:
    m = machine_after(f"""
        {T}|1.1|q|NONE|ENTERQUEUE||x
        {T + 5}|1.1|q|A|CONNECT|5|1.2|1
        {T + 65}|1.1|q|A|COMPLETECALLER|5|60|1
    """)
    c = only_contact(m)
    assert (c.outcome, c.ended - c.answered) == (Outcome.ANSWERED, 60)


def test_the_three_transfers_end_the_contact_as_transferred() -> None:
    for event, data in (
        ("TRANSFER", "200|from-internal|4|30|1"),
        ("BLINDTRANSFER", "200|from-internal|4|30|1"),
        ("ATTENDEDTRANSFER", "BRIDGE|1.9|4|30|1"),
    ):
        m = machine_after(f"""
            {T}|1.1|q|NONE|ENTERQUEUE||x
            {T + 4}|1.1|q|A|CONNECT|4|1.2|1
            {T + 34}|1.1|q|A|{event}|{data}
        """)
        c = only_contact(m)
        assert (c.outcome, c.answered, c.ended, c.agent) == (
            Outcome.TRANSFERRED,
            T + 4,
            T + 34,
            "A",
        ), event


def test_abandon_timeout_key_and_empty_exits() -> None:
    expected = {
        "ABANDON|1|1|20": Outcome.ABANDONED,
        "EXITWITHKEY|5|1|1|20": Outcome.ABANDONED,
        "EXITWITHTIMEOUT|1|1|20": Outcome.TIMED_OUT,
        "EXITEMPTY|1|1|20": Outcome.TIMED_OUT,
    }
    for tail, outcome in expected.items():
        m = machine_after(f"""
            {T}|2.1|q|NONE|ENTERQUEUE||x
            {T + 20}|2.1|q|NONE|{tail}
        """)
        c = only_contact(m)
        assert (c.outcome, c.arrived, c.answered, c.ended, c.agent) == (
            outcome,
            T,
            None,
            T + 20,
            None,
        ), tail
        assert m.tally.events[tail.split("|")[0]] == 1


def test_a_call_begun_in_an_earlier_file_is_worked_back_from_its_times() -> None:
    # COMPLETEAGENT holdtime 15, calltime 45: answered at T+55, arrived at T+40.
    m = machine_after(f"{T + 100}|3.1|q|A|COMPLETEAGENT|15|45|2")
    c = only_contact(m)
    assert c.orphan
    assert (c.arrived, c.answered, c.ended, c.outcome) == (
        T + 40,
        T + 55,
        T + 100,
        Outcome.ANSWERED,
    )
    # ABANDON waittime 30 (third field); EXITWITHKEY's waiting time is its fourth.
    m = machine_after(f"{T + 100}|3.2|q|NONE|ABANDON|2|3|30")
    assert only_contact(m).arrived == T + 70
    m = machine_after(f"{T + 100}|3.3|q|NONE|EXITWITHKEY|1|2|3|25")
    assert only_contact(m).arrived == T + 75


def test_a_waiting_call_is_handed_over_open_then_completed() -> None:
    m = machine_after(f"{T}|4.1|q|NONE|ENTERQUEUE||x")
    first = only_contact(m)
    assert (first.ended, first.outcome) == (None, None)
    m.feed(parse(f"{T + 9}|4.1|q|B|CONNECT|9|4.2|2"))
    assert only_contact(m).answered == T + 9
    m.feed(parse(f"{T + 19}|4.1|q|B|COMPLETECALLER|9|10|1"))
    done = only_contact(m)
    assert (done.key, done.ended, done.outcome) == (first.key, T + 19, Outcome.ANSWERED)
    assert m.take().contacts == ()


def test_the_same_call_entering_the_queue_again_is_a_second_contact() -> None:
    m = machine_after(f"""
        {T}|5.1|q|NONE|ENTERQUEUE||x
        {T + 30}|5.1|q|NONE|EXITWITHTIMEOUT|1|1|30
        {T + 31}|5.1|q|NONE|ENTERQUEUE||x
        {T + 40}|5.1|q|NONE|ABANDON|1|1|9
    """)
    contacts = m.take().contacts
    assert [(c.arrived - T, c.outcome) for c in contacts] == [
        (0, Outcome.TIMED_OUT),
        (31, Outcome.ABANDONED),
    ]
    assert len({c.key for c in contacts}) == 2


def test_agent_on_a_call_then_back_to_available() -> None:
    m = machine_after(f"""
        {T}|NONE|q|SIP/7|ADDMEMBER|
        {T}|6.1|q|NONE|ENTERQUEUE||x
        {T + 10}|6.1|q|SIP/7|CONNECT|10|6.2|2
        {T + 70}|6.1|q|SIP/7|COMPLETEAGENT|10|60|1
    """)
    assert spans_of(m) == [
        ("available", None, 0, 10),
        ("on_contact", None, 10, 70),
        ("available", None, 70, None),
    ]


def test_pause_with_reason_and_unpause() -> None:
    m = machine_after(f"""
        {T}|NONE|q|Agent/1|AGENTLOGIN|SIP/1
        {T + 60}|NONE|q|Agent/1|PAUSE|Lunch
        {T + 1860}|NONE|q|Agent/1|UNPAUSE|
        {T + 2000}|NONE|q|Agent/1|PAUSE|Toilet
        {T + 2300}|NONE|NONE|Agent/1|UNPAUSEALL|
        {T + 2400}|NONE|NONE|Agent/1|PAUSEALL|team meeting
        {T + 3000}|NONE|q|Agent/1|AGENTLOGOFF|SIP/1|3000
    """)
    assert spans_of(m) == [
        ("available", None, 0, 60),
        ("lunch", "Lunch", 60, 1860),
        ("available", None, 1860, 2000),
        ("break", "Toilet", 2000, 2300),
        ("available", None, 2300, 2400),
        ("meeting", "team meeting", 2400, 3000),
        ("offline", None, 3000, None),
    ]


def test_callback_login_and_logoff() -> None:
    m = machine_after(f"""
        {T}|NONE|NONE|Agent/3001|AGENTCALLBACKLOGIN|1002@ctx
        {T + 43}|NONE|NONE|Agent/3001|AGENTCALLBACKLOGOFF|1002@ctx|43|CommandLogoff
    """)
    assert spans_of(m) == [("available", None, 0, 43), ("offline", None, 43, None)]


def test_removemember_logs_off_only_when_no_queue_is_left() -> None:
    m = machine_after(f"""
        {T}|NONE|q1|PJSIP/9|ADDMEMBER|
        {T + 1}|NONE|q2|PJSIP/9|ADDMEMBER|
        {T + 100}|NONE|q1|PJSIP/9|REMOVEMEMBER|
        {T + 200}|NONE|q2|PJSIP/9|REMOVEMEMBER|
    """)
    assert spans_of(m) == [("available", None, 0, 200), ("offline", None, 200, None)]


def test_ringnoanswer_and_ringcanceled_show_the_agent_is_logged_in() -> None:
    for event in ("RINGNOANSWER", "RINGCANCELED"):
        m = machine_after(f"""
            {T}|7.1|q|NONE|ENTERQUEUE||x
            {T + 15}|7.1|q|PJSIP/4|{event}|15000
        """)
        assert m.tally.events[event] == 1
        assert spans_of(m) == [("available", None, 15, None)], event


def test_events_without_effect_are_counted_and_unknown_ones_kept_apart() -> None:
    m = machine_after(f"""
        {T}|NONE|NONE|NONE|QUEUESTART|
        {T}|NONE|NONE|NONE|CONFIGRELOAD|
        {T}|8.1|NONE|NONE|DID|5550100
        {T}|8.1|q|A|SYSCOMPAT|
        {T}|8.1|q|A|MADEUPEVENT|1|2
        {T}|8.1|q|A|MADEUPEVENT|
    """)
    assert dict(m.tally.events) == {"QUEUESTART": 1, "CONFIGRELOAD": 1, "DID": 1, "SYSCOMPAT": 1}
    assert dict(m.tally.unknown) == {"MADEUPEVENT": 2}
    assert m.take().contacts == ()


def test_call_events_without_call_id_or_queue_are_skipped_and_counted() -> None:
    m = machine_after(f"""
        {T}|NONE|q|NONE|ENTERQUEUE||x
        {T}|9.1|NONE|NONE|ABANDON|1|1|3
    """)
    assert m.tally.skipped == 2
    assert [s.line for s in m.tally.first_skips] == [1, 2]


def test_memory_survives_a_dump_and_load() -> None:
    m = machine_after(f"""
        {T}|NONE|q|SIP/1|ADDMEMBER|
        {T + 1}|10.1|q|NONE|ENTERQUEUE||777
        {T + 5}|10.1|q|SIP/1|CONNECT|4|10.2|1
    """)
    first = m.take()
    again = EventMachine()
    again.load(m.dump())
    again.feed(parse(f"{T + 50}|10.1|q|SIP/1|COMPLETEAGENT|4|45|1"))
    batch = again.take()
    (contact,) = batch.contacts
    assert contact.key == first.contacts[0].key
    assert (contact.customer, contact.answered, contact.ended) == ("777", T + 5, T + 50)
    assert batch.spans == (
        SpanRecord("SIP/1", AgentState.ON_CONTACT, None, T + 5, T + 50),
        SpanRecord("SIP/1", AgentState.AVAILABLE, None, T + 50, None),
    )


def test_a_call_back_in_the_same_queue_within_the_same_second_keeps_both_stays() -> None:
    m = machine_after(f"""
        {T}|11.1|q|NONE|ENTERQUEUE||x
        {T}|11.1|q|NONE|EXITEMPTY|1|1|0
    """)
    first = only_contact(m)  # a batch boundary between the two stays
    m.feed(parse(f"{T}|11.1|q|NONE|ENTERQUEUE||x"))
    m.feed(parse(f"{T + 3}|11.1|q|NONE|ABANDON|1|1|3"))
    second = only_contact(m)
    assert (first.key, second.key) == (f"11.1|q|{T}", f"11.1|q|{T}#2")
    assert (first.outcome, second.outcome) == (Outcome.TIMED_OUT, Outcome.ABANDONED)
