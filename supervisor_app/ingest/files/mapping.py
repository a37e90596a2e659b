"""Column mappings: which source column feeds each of our contact fields, and how to read it.

A mapping is a TOML file (format in the README). Each field takes one *source*
or a list of them tried in order; the first whose ``when`` holds and whose value
is not empty wins. A source is a ``column`` (text, or a date and time in one
cell), a ``date`` and ``time`` pair, a ``duration`` ``after`` an earlier field,
several ``columns`` joined, or a constant ``value``; ``map`` translates codes.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from supervisor_app.bundled import INSTALLED, bundled_path
from supervisor_app.domain.errors import UserError
from supervisor_app.ingest.files.values import DURATION_UNITS

CONTACT_FIELDS = (
    "contact_id",
    "queue",
    "channel",
    "arrived_at",
    "answered_at",
    "ended_at",
    "wrap_ended_at",
    "agent",
    "outcome",
    "customer_id",
    "csat",
    "nps",
    "comment",
)
TIME_FIELDS = ("arrived_at", "answered_at", "ended_at", "wrap_ended_at")
# The shipped mappings (``--mapping anonymous_bank``), in the wheel, the bundle or the checkout.
MAPPINGS_DIR = bundled_path("mappings") or INSTALLED / "mappings"
_SOURCE_KEYS = {"column", "columns", "join", "date", "time", "after", "duration", "unit"}
_SOURCE_KEYS |= {"value", "map", "empty", "when"}
_TOP_KEYS = {"name", "source", "timezone", "date_format", "time_format", "datetime_format"}
_TOP_KEYS |= {"next_day_rollover", "answer_tolerance_seconds", "empty", "fields", "skip"}


class MappingError(UserError):
    """A mapping file that can't be used, with the file and the key at fault."""


@dataclass(frozen=True)
class Condition:
    """Holds when every named column's text is one of its values."""

    values: tuple[tuple[str, frozenset[str]], ...]

    def columns(self) -> list[str]:
        return [c for c, _ in self.values]


@dataclass(frozen=True)
class Source:
    column: str | None = None
    columns: tuple[str, ...] = ()
    join: str = "-"
    date: str | None = None
    time: str | None = None
    after: str | None = None
    duration: str | None = None
    unit: str = "seconds"
    value: str | None = None
    map: MappingABC[str, str] | None = None
    empty: frozenset[str] = frozenset()
    when: Condition | None = None

    def source_columns(self) -> list[str]:
        named = [self.column, self.date, self.time, self.duration, *self.columns]
        return [c for c in named if c] + (self.when.columns() if self.when else [])


@dataclass(frozen=True)
class ContactMapping:
    name: str
    source: str = "import"
    timezone: str | None = None  # None: the site's zone
    date_format: str | None = None
    time_format: str | None = None
    datetime_format: str | None = None
    next_day_rollover: bool = False
    answer_tolerance_seconds: int = 0
    empty: frozenset[str] = frozenset()
    fields: MappingABC[str, tuple[Source, ...]] = field(default_factory=dict)
    skip: tuple[Condition, ...] = ()

    def source_columns(self) -> set[str]:
        names = {c for sources in self.fields.values() for s in sources for c in s.source_columns()}
        return names | {c for rule in self.skip for c in rule.columns()}


REQUIRED_COLUMNS = ("contact_id", "queue", "channel", "arrived_at", "ended_at")


def native_mapping(header: Sequence[str] | None = None) -> ContactMapping:
    """Our own column set: each field in the column of its own name, ISO 8601 timestamps.

    Given the file's header, optional columns it lacks are left out (any case matches).
    """
    columns = {h.strip().casefold(): h for h in header} if header is not None else {}
    fields = {
        f: (Source(column=columns.get(f, f)),)
        for f in CONTACT_FIELDS
        if header is None or f in columns or f in REQUIRED_COLUMNS
    }
    return ContactMapping(name="Supervisor Console contact columns", fields=fields)


def shipped_mappings() -> list[Path]:
    return sorted(MAPPINGS_DIR.glob("*.toml")) if MAPPINGS_DIR.is_dir() else []


def resolve_mapping_path(name: str | Path) -> Path:
    """A path as given, else a shipped mapping by file name (``anonymous_bank`` or ``….toml``)."""
    path = Path(name)
    if path.is_file():
        return path
    for candidate in (MAPPINGS_DIR / path.name, MAPPINGS_DIR / f"{path.name}.toml"):
        if candidate.is_file():
            return candidate
    shipped = ", ".join(p.stem for p in shipped_mappings()) or "none"
    raise MappingError(f"{name}: no such mapping file (shipped mappings: {shipped})")


def load_mapping(name: str | Path) -> ContactMapping:
    path = resolve_mapping_path(name)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path}: not a valid TOML file ({exc})") from None
    return parse_mapping(data, str(path))


def parse_mapping(data: dict[str, Any], where: str) -> ContactMapping:
    _no_unknown(data, _TOP_KEYS, where)
    zone = data.get("timezone")
    if zone is not None:
        try:
            ZoneInfo(str(zone))
        except (ZoneInfoNotFoundError, ValueError):
            raise MappingError(f"{where}: timezone {zone!r} is not an IANA zone") from None
    raw_fields = data.get("fields")
    if not isinstance(raw_fields, dict) or not raw_fields:
        raise MappingError(f"{where}: a [fields] table naming source columns is required")
    fields: dict[str, tuple[Source, ...]] = {}
    for name, spec in raw_fields.items():
        if name not in CONTACT_FIELDS:
            raise MappingError(f"{where}: fields.{name} is not one of {', '.join(CONTACT_FIELDS)}")
        specs = spec if isinstance(spec, list) else [spec]
        fields[name] = tuple(_source(s, f"{where}: fields.{name}") for s in specs)
    for name, sources in fields.items():
        for s in sources:
            if s.after and (s.after not in TIME_FIELDS or _order(s.after) >= _order(name)):
                raise MappingError(f"{where}: fields.{name}: 'after' must name an earlier time")
    skip = data.get("skip", [])
    if not isinstance(skip, list):
        raise MappingError(f"{where}: skip must be a list of [[skip]] tables")
    tolerance = data.get("answer_tolerance_seconds", 0)
    if not isinstance(tolerance, int) or not 0 <= tolerance <= 3600:
        raise MappingError(f"{where}: answer_tolerance_seconds must be 0 to 3600")
    return ContactMapping(
        name=str(data.get("name", Path(where).stem)),
        source=str(data.get("source", "import"))[:40],
        timezone=None if zone is None else str(zone),
        date_format=data.get("date_format"),
        time_format=data.get("time_format"),
        datetime_format=data.get("datetime_format"),
        next_day_rollover=bool(data.get("next_day_rollover", False)),
        answer_tolerance_seconds=tolerance,
        empty=_texts(data.get("empty", []), f"{where}: empty"),
        fields=fields,
        skip=tuple(_condition(r, f"{where}: skip") for r in skip),
    )


def _order(name: str) -> int:
    return TIME_FIELDS.index(name) if name in TIME_FIELDS else -1


def _source(spec: Any, where: str) -> Source:
    if isinstance(spec, str):
        return Source(column=spec)
    if not isinstance(spec, dict):
        raise MappingError(f"{where}: expected a column name or a table")
    _no_unknown(spec, _SOURCE_KEYS, where)
    kinds = [k for k in ("column", "columns", "time", "duration", "value") if k in spec]
    if len(kinds) != 1:
        raise MappingError(f"{where}: give exactly one of column, columns, time, duration, value")
    if ("duration" in spec) != ("after" in spec):
        raise MappingError(f"{where}: a duration needs 'after' (and 'after' a duration)")
    if "time" in spec and "date" not in spec:
        raise MappingError(f"{where}: a time column needs its date column ('date')")
    unit = spec.get("unit", "seconds")
    if unit not in DURATION_UNITS:
        raise MappingError(f"{where}: unit must be one of {', '.join(DURATION_UNITS)}")
    mapped = spec.get("map")
    if mapped is not None and not isinstance(mapped, dict):
        raise MappingError(f"{where}: map must be a table of code = value")
    return Source(
        column=spec.get("column"),
        columns=tuple(str(c) for c in spec.get("columns", ())),
        join=str(spec.get("join", "-")),
        date=spec.get("date"),
        time=spec.get("time"),
        after=spec.get("after"),
        duration=spec.get("duration"),
        unit=unit,
        value=None if "value" not in spec else str(spec["value"]),
        map=None if mapped is None else {str(k): str(v) for k, v in mapped.items()},
        empty=_texts(spec.get("empty", []), f"{where}.empty"),
        when=_condition(spec["when"], f"{where}.when") if "when" in spec else None,
    )


def _condition(rule: Any, where: str) -> Condition:
    if not isinstance(rule, dict) or not rule:
        raise MappingError(f"{where}: expected a table of column = value(s)")
    return Condition(tuple((str(c), _texts(v, where)) for c, v in rule.items()))


def _texts(value: Any, where: str) -> frozenset[str]:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str | int | float) for v in values):
        raise MappingError(f"{where}: expected text values")
    return frozenset(str(v) for v in values)


def _no_unknown(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise MappingError(f"{where}: unknown key(s) {', '.join(unknown)}")
