"""Reading single lines: the file format across Asterisk versions and the realtime CSV dump."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervisor_app.ingest.queue_log.lines import (
    LineError,
    csv_layout,
    parse_csv,
    parse_pipe,
)

ADAPTIVE = "id,time,callid,queuename,agent,event,data1,data2,data3,data4,data5"
JOINED = "time,callid,queuename,agent,event,data"


def test_pipe_line_as_asterisk_documents_it() -> None:
    ev = parse_pipe(3, "1366720340|1366720340.303267|MYQUEUE|SIP/8007|RINGNOANSWER|1000")
    assert (ev.line, ev.time, ev.callid, ev.queue, ev.agent, ev.event) == (
        3,
        1366720340,
        "1366720340.303267",
        "MYQUEUE",
        "SIP/8007",
        "RINGNOANSWER",
    )
    assert ev.data == ("1000",)
    assert (ev.field(1), ev.field(2)) == ("1000", "")


def test_old_single_data_field_and_five_padded_fields_read_the_same() -> None:
    # Asterisk 1.4 wrote "data" as one field holding a|b|c; 1.8+ may pad to data1..data5.
    old = parse_pipe(1, "1675555766|1.0|Support|SIP/400|COMPLETEAGENT|8|5|1")
    padded = parse_pipe(1, "1675555766|1.0|Support|SIP/400|COMPLETEAGENT|8|5|1||")
    assert [old.field(i) for i in (1, 2, 3, 4, 5)] == [padded.field(i) for i in (1, 2, 3, 4, 5)]


def test_no_data_fields_and_a_windows_line_end() -> None:
    ev = parse_pipe(1, "1674044163|NONE|NONE|NONE|CONFIGRELOAD")
    assert (ev.event, ev.data) == ("CONFIGRELOAD", ())


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("1674044163|NONE|NONE|NONE", r"4 field\(s\)"),
        ("yesterday|NONE|NONE|NONE|QUEUESTART", "not a Unix time"),
        ("99|NONE|NONE|NONE|QUEUESTART", "outside 1990..2100"),
        ("nan|NONE|NONE|NONE|QUEUESTART", "outside 1990..2100"),
        ("1674044163|NONE|NONE|NONE|not an event", "not an event name"),
        ("1674044163||NONE|NONE|QUEUESTART", "must not be empty"),
    ],
)
def test_malformed_pipe_lines_say_why(line: str, reason: str) -> None:
    with pytest.raises(LineError, match=reason):
        parse_pipe(1, line)


def test_csv_adaptive_table_with_data1_to_data5() -> None:
    layout = csv_layout(ADAPTIVE, UTC)
    assert layout is not None
    ev = parse_csv(
        11,
        "11,2023-02-05 00:09:21,1675555752.0,Support,PJSIP/400,CONNECT,8,1675555753.1,7,,",
        layout,
    )
    assert ev.time == datetime(2023, 2, 5, 0, 9, 21, tzinfo=UTC).timestamp() == 1675555761
    assert (ev.callid, ev.queue, ev.agent, ev.event, ev.data) == (
        "1675555752.0",
        "Support",
        "PJSIP/400",
        "CONNECT",
        ("8", "1675555753.1", "7"),
    )


def test_csv_single_joined_data_column_fractional_time_and_a_zone() -> None:
    layout = csv_layout(JOINED, ZoneInfo("Europe/Paris"))
    assert layout is not None
    ev = parse_csv(
        2,
        "2012-07-03 15:28:06.249357,NONE,NONE,Agent/3001,AGENTCALLBACKLOGOFF,"
        '"1002@pcm-dev|43|CommandLogoff"',
        layout,
    )
    # 15:28:06 in Paris in July is 13:28:06 UTC.
    assert ev.time == pytest.approx(datetime(2012, 7, 3, 13, 28, 6, 249357, UTC).timestamp())
    assert ev.data == ("1002@pcm-dev", "43", "CommandLogoff")


def test_csv_epoch_times_and_wrong_widths() -> None:
    layout = csv_layout(JOINED, UTC)
    assert layout is not None
    assert parse_csv(2, "1674044163,NONE,NONE,NONE,QUEUESTART,", layout).time == 1674044163
    with pytest.raises(LineError, match="5 column"):
        parse_csv(3, "1674044163,NONE,NONE,NONE,QUEUESTART", layout)
    with pytest.raises(LineError, match="neither a Unix time nor a date"):
        parse_csv(4, "soon,NONE,NONE,NONE,QUEUESTART,", layout)


def test_a_header_that_is_not_a_queue_log_table() -> None:
    assert csv_layout("contact_id,queue,channel,arrived_at", UTC) is None


@given(st.text(max_size=300))
def test_any_text_is_an_event_or_a_line_error(text: str) -> None:
    try:
        ev = parse_pipe(1, text)
    except LineError as exc:
        assert str(exc)
    else:
        assert ev.event.isupper()


@given(st.lists(st.text(max_size=30), min_size=11, max_size=11))
def test_any_csv_row_is_an_event_or_a_line_error(fields: list[str]) -> None:
    layout = csv_layout(ADAPTIVE, UTC)
    assert layout is not None
    row = ",".join('"' + f.replace('"', '""') + '"' for f in fields)
    try:
        parse_csv(2, row, layout)
    except LineError as exc:
        assert str(exc)
