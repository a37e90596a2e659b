"""One queue_log line into one event: the pipe file and the realtime table's CSV dump.

Asterisk writes ``time|callid|queue|agent|event|data…`` to its file: data
fields follow the event, as many as it has (old versions put them in one
``data`` field joined by ``|``, which reads the same; newer ones may pad to five
with empty fields). A realtime ``queue_log`` table holds the same columns,
``data`` either as one ``|``-joined column or split into ``data1``…``data5``,
and its ``time`` as text (``2023-02-05 00:09:13[.ffffff]``), which a CSV dump keeps.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from supervisor_app.ingest.queue_log.layouts import (
    LayoutError,
    QueueLogMapping,
    TableLayout,
    detect,
)

# Outside this range a "time" is a misreading, not a date (1990 .. 2100).
EARLIEST = 631_152_000
LATEST = 4_102_444_800
MAX_LINE = 8192
_EVENT = re.compile(r"[A-Z][A-Z0-9_]{0,39}")


class LineError(ValueError):
    """Why a line is not a queue_log event (the caller adds the line number)."""


@dataclass(slots=True)  # not frozen: built a million times a file, and frozen costs double
class LogEvent:
    line: int
    time: float  # UTC epoch seconds
    callid: str
    queue: str
    agent: str
    event: str
    data: tuple[str, ...]

    def field(self, n: int) -> str:
        """``data<n>`` (1-based), '' when the line has fewer fields."""
        return self.data[n - 1] if len(self.data) >= n else ""


def epoch(text: str) -> float:
    """A Unix time (whole or fractional seconds), checked to be a plausible date."""
    try:
        value = float(text)
    except ValueError:
        raise LineError(f"time {text[:30]!r} is not a Unix time") from None
    if not math.isfinite(value) or not EARLIEST <= value < LATEST:
        raise LineError(f"time {text[:30]!r} is outside 1990..2100")
    return value


_checked: dict[str, str] = {}


def _event(callid: str, queue: str, agent: str, name: str) -> str:
    event = _checked.get(name)
    if event is None:
        event = name.strip().upper()
        if not _EVENT.fullmatch(event):
            raise LineError(f"event {name[:40]!r} is not an event name")
        if len(_checked) < 1000:  # names seen are few; a fuzzer's are not kept
            _checked[name] = event
    if not callid or not queue or not agent:
        raise LineError("call id, queue and agent must not be empty (Asterisk writes NONE)")
    return event


def _check_length(text: str) -> None:
    if len(text) > MAX_LINE:
        raise LineError(f"line is {len(text)} characters long (at most {MAX_LINE})")
    if "\x00" in text:
        raise LineError("line holds a NUL character (a damaged file?)")


def parse_pipe(number: int, text: str) -> LogEvent:
    """A line of the file format; ``text`` has no line ending."""
    _check_length(text)
    parts = text.split("|")
    if len(parts) < 5:
        raise LineError(f"{len(parts)} field(s), expected time|callid|queue|agent|event[|data…]")
    when, callid, queue, agent, name = parts[:5]
    event = _event(callid, queue, agent, name)
    try:
        time = float(when)
    except ValueError:
        raise LineError(f"time {when[:30]!r} is not a Unix time") from None
    if not EARLIEST <= time < LATEST:  # NaN fails this too
        raise LineError(f"time {when[:30]!r} is outside 1990..2100")
    return LogEvent(number, time, callid, queue, agent, event, tuple(parts[5:]))


CsvLayout = TableLayout  # where each field sits in a table export (``layouts.detect``)


def csv_layout(
    header: str, zone: tzinfo, mapping: QueueLogMapping | None = None
) -> CsvLayout | None:
    """The layout of a CSV header row, or None if it is not a queue_log table's header."""
    try:
        return detect(header, zone, mapping)
    except LayoutError:
        return None


def _csv_time(text: str, zone: tzinfo) -> float:
    text = text.strip()
    if text.replace(".", "", 1).isdigit():
        return epoch(text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise LineError(f"time {text[:30]!r} is neither a Unix time nor a date and time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return epoch(str(moment.timestamp()))


def parse_csv(number: int, text: str, layout: CsvLayout) -> LogEvent:
    """A data row of a realtime table's CSV dump."""
    _check_length(text)
    try:
        fields = next(csv.reader([text], strict=True), [])
    except csv.Error as exc:
        raise LineError(f"not a CSV row ({exc})") from None
    if len(fields) != layout.width:
        raise LineError(f"{len(fields)} column(s), the header has {layout.width}")
    callid, queue, agent = fields[layout.callid], fields[layout.queue], fields[layout.agent]
    event = _event(callid, queue, agent, fields[layout.event])
    if layout.joined:
        joined = fields[layout.data[0]]
        data = tuple(joined.split("|")) if joined else ()
    else:
        data = tuple(fields[i] for i in layout.data)
    while data and data[-1] == "":
        data = data[:-1]
    stamp = fields[layout.time]
    when = epoch(stamp.strip()) if layout.time_is_epoch else _csv_time(stamp, layout.zone)
    return LogEvent(number, when, callid, queue, agent, event, data)
