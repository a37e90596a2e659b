"""Which column of a queue_log table export holds what: from the header, or a mapping file.

Asterisk-based systems export the queue_log table with their own column names:
FreePBX and plain Asterisk realtime (``time, callid, queuename, agent, event,
data1..data5`` or one ``data``), QueueMetrics (``time_id, call_id, queue,
agent, verb, data1..``), PBXware, VitalPBX and others (``queue_name, type,
param1..``, a ``uid``, an epoch and a date-time text column, positions and
talk times beside them). The header says which is which; a mapping file
(``resources/mappings/queue_log/*.toml``, or any path) names the columns of a
layout the aliases don't know.

When both an epoch column and a date-time text column are present, the epoch
is used: a local text time such as 01:30 on the autumn DST night happens
twice, and the text can't say which.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from supervisor_app.domain.errors import UserError

MAPPINGS_DIR = Path(__file__).resolve().parents[3] / "resources" / "mappings" / "queue_log"

# Header names (lower case) for each field, most specific first.
EPOCH = ("time_id", "epoch", "unixtime", "unix_time", "unix_timestamp", "timestamp_epoch")
TEXT_TIME = ("time", "datetime", "date_time", "event_time", "eventdate", "created", "timestamp")
CALLID = ("callid", "call_id", "uniqueid", "unique_id", "uid")
QUEUE = ("queuename", "queue", "queue_name")
AGENT = ("agent", "agent_name", "membername", "member")
EVENT = ("event", "verb", "type", "event_type")
DATA_PREFIXES = ("data", "param", "arg")
JOINED_DATA = ("data", "params", "arguments")


class LayoutError(UserError):
    """The header (or the mapping) doesn't say where a queue_log field is."""


@dataclass(frozen=True, slots=True)
class TableLayout:
    """Column positions of a queue_log table export, and what the import says about them."""

    time: int
    time_is_epoch: bool  # True: seconds since 1970; False: text (or epoch), read per value
    callid: int
    queue: int
    agent: int
    event: int
    data: tuple[int, ...]
    joined: bool  # one ``data`` column with the fields joined by ``|``
    zone: tzinfo  # of text times
    width: int
    described: str  # "time ← time_id (epoch), …; not used: …"


@dataclass(frozen=True, slots=True)
class QueueLogMapping:
    """A mapping file's column names (``None``: find it from the header)."""

    name: str
    epoch: str | None = None
    time: str | None = None
    callid: str | None = None
    queue: str | None = None
    agent: str | None = None
    event: str | None = None
    data: tuple[str, ...] | None = None
    joined_data: str | None = None
    timezone: str | None = None


_MAPPING_KEYS = {"name", "columns", "timezone"}
_COLUMN_KEYS = {"epoch", "time", "callid", "queue", "agent", "event", "data", "joined_data"}


def header_names(header: str) -> list[str]:
    return [n.strip().strip('"').strip("`") for n in next(csv.reader([header]), [])]


def detect(header: str, zone: tzinfo, mapping: QueueLogMapping | None = None) -> TableLayout:
    """The layout of a header row; ``LayoutError`` says which field has no column."""
    names = header_names(header)
    lower = [n.lower() for n in names]
    if mapping is not None and mapping.timezone:
        zone = ZoneInfo(mapping.timezone)

    def column(field: str, given: str | None, aliases: tuple[str, ...]) -> int | None:
        if given is not None:
            if given.lower() not in lower:
                raise LayoutError(
                    f"the mapping names column {given!r} for {field}, but the header has "
                    f"{', '.join(names)}"
                )
            return lower.index(given.lower())
        return next((lower.index(a) for a in aliases if a in lower), None)

    m = mapping or QueueLogMapping("header")
    epoch_at = column("the epoch time", m.epoch, EPOCH)
    text_at = column("the time", m.time, tuple(a for a in TEXT_TIME if a not in EPOCH))
    found = {
        "call id": column("the call id", m.callid, CALLID),
        "queue": column("the queue", m.queue, QUEUE),
        "agent": column("the agent", m.agent, AGENT),
        "event": column("the event", m.event, EVENT),
    }
    missing = [k for k, v in found.items() if v is None]
    if epoch_at is None and text_at is None:
        missing.insert(0, "time")
    if missing:
        raise LayoutError(
            f"no column for {', '.join(missing)} (the header has {', '.join(names)}); "
            "name them in a mapping file (--mapping)"
        )
    data, joined = _data_columns(lower, m)
    time_at = epoch_at if epoch_at is not None else text_at
    assert time_at is not None
    used = {time_at, *found.values(), *data}  # type: ignore[arg-type]
    parts = [_time_text(names, epoch_at, text_at, zone)]
    parts += [f"{k} ← {names[v]}" for k, v in found.items() if v is not None]
    if data:
        shown = names[data[0]] if len(data) == 1 else f"{names[data[0]]}…{names[data[-1]]}"
        parts.append(f"data ← {shown}{' (fields joined by |)' if joined else ''}")
    ignored = [n for i, n in enumerate(names) if i not in used and i != text_at]
    described = ", ".join(parts) + (f"; not used: {', '.join(ignored)}" if ignored else "")
    return TableLayout(
        time=time_at,
        time_is_epoch=epoch_at is not None,
        callid=found["call id"],  # type: ignore[arg-type]
        queue=found["queue"],  # type: ignore[arg-type]
        agent=found["agent"],  # type: ignore[arg-type]
        event=found["event"],  # type: ignore[arg-type]
        data=data,
        joined=joined,
        zone=zone,
        width=len(names),
        described=described,
    )


def _data_columns(lower: list[str], m: QueueLogMapping) -> tuple[tuple[int, ...], bool]:
    named = [m.joined_data] if m.joined_data is not None else list(m.data or ())
    missing = [n for n in named if n.lower() not in lower]
    if missing:
        raise LayoutError(
            f"the mapping names data column(s) {', '.join(map(repr, missing))}, "
            "which the header doesn't have"
        )
    if m.joined_data is not None:
        return (lower.index(m.joined_data.lower()),), True
    if m.data is not None:
        return tuple(lower.index(d.lower()) for d in m.data), False
    for prefix in DATA_PREFIXES:
        numbered = sorted(
            (int(n[len(prefix) :]), i)
            for i, n in enumerate(lower)
            if n.startswith(prefix) and n[len(prefix) :].isdigit()
        )
        if numbered:
            return tuple(i for _, i in numbered), False
    joined = next((lower.index(n) for n in JOINED_DATA if n in lower), None)
    return ((joined,), True) if joined is not None else ((), False)


def _time_text(names: list[str], epoch_at: int | None, text_at: int | None, zone: tzinfo) -> str:
    if epoch_at is not None:
        text = f"time ← {names[epoch_at]} (epoch seconds"
        if text_at is not None:
            text += f"; {names[text_at]} is not used: local text times are ambiguous at DST changes"
        return text + ")"
    return f"time ← {names[text_at]} (epoch seconds, or date-time text read in {zone})"  # type: ignore[index]


def load_mapping(name: str | Path) -> QueueLogMapping:
    """A mapping by path, or a shipped one by name (``freepbx``, ``pbxware``, …)."""
    path = Path(name)
    if not path.is_file():
        candidates = (MAPPINGS_DIR / path.name, MAPPINGS_DIR / f"{path.name}.toml")
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            raise LayoutError(
                f"{name}: no such mapping file (shipped queue_log mappings: "
                f"{', '.join(shipped_names()) or 'none'})"
            )
        path = found
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise LayoutError(f"{path}: not a valid TOML file ({exc})") from None
    return parse_mapping(data, str(path))


def shipped_names() -> list[str]:
    return sorted(p.stem for p in MAPPINGS_DIR.glob("*.toml")) if MAPPINGS_DIR.is_dir() else []


def parse_mapping(data: dict[str, Any], where: str) -> QueueLogMapping:
    unknown = set(data) - _MAPPING_KEYS
    if unknown:
        raise LayoutError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    columns = data.get("columns")
    if not isinstance(columns, dict):
        raise LayoutError(f"{where}: a [columns] table naming the export's columns is required")
    unknown = set(columns) - _COLUMN_KEYS
    if unknown:
        raise LayoutError(
            f"{where}: columns.{sorted(unknown)[0]} is not one of {', '.join(sorted(_COLUMN_KEYS))}"
        )
    for key, value in columns.items():
        ok = (
            all(isinstance(v, str) for v in value) and bool(value)
            if key == "data" and isinstance(value, list)
            else isinstance(value, str) and bool(value)
        )
        if not ok:
            raise LayoutError(f"{where}: columns.{key} must be a column name (data: a list)")
    if "data" in columns and "joined_data" in columns:
        raise LayoutError(f"{where}: give columns.data or columns.joined_data, not both")
    zone = data.get("timezone")
    if zone is not None:
        try:
            ZoneInfo(str(zone))
        except (ZoneInfoNotFoundError, ValueError):
            raise LayoutError(f"{where}: timezone {zone!r} is not an IANA zone") from None
    data_columns = columns.get("data")
    return QueueLogMapping(
        name=str(data.get("name") or Path(where).stem),
        epoch=columns.get("epoch"),
        time=columns.get("time"),
        callid=columns.get("callid"),
        queue=columns.get("queue"),
        agent=columns.get("agent"),
        event=columns.get("event"),
        data=None if data_columns is None else tuple(data_columns),
        joined_data=columns.get("joined_data"),
        timezone=None if zone is None else str(zone),
    )
