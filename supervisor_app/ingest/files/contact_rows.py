"""One source row through a mapping into a checked contact, or a reason it is refused.

The rules (README): ``contact_id``, ``queue``, ``channel``, ``arrived_at`` and
``ended_at`` are required; times go arrived ≤ answered ≤ ended ≤ wrap-up end
(``answer_tolerance_seconds`` pulls a clock a few seconds early up to its
predecessor; ``next_day_rollover`` puts a time of day more than 12 hours
before the arrival on the next day); an absent outcome is "answered" when
there is an answer time and "abandoned" otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from supervisor_app.domain.enums import Channel, Outcome
from supervisor_app.ingest.files.mapping import (
    REQUIRED_COLUMNS,
    TIME_FIELDS,
    Condition,
    ContactMapping,
    Source,
)
from supervisor_app.ingest.files.table import Cell
from supervisor_app.ingest.files.values import (
    is_empty,
    parse_date,
    parse_datetime,
    parse_duration,
    parse_int,
    parse_time,
    text_of,
)

_HALF_DAY = timedelta(hours=12)
_NOT_ANSWERED = (Outcome.ABANDONED, Outcome.TIMED_OUT)


@dataclass(frozen=True, slots=True)
class ContactRecord:
    external_id: str
    queue: str
    channel: Channel
    arrived_at: datetime  # UTC, aware
    answered_at: datetime | None
    ended_at: datetime
    wrap_ended_at: datetime | None
    agent: str | None
    outcome: Outcome
    customer_ref: str | None
    csat: int | None
    nps: int | None
    comment: str | None


class RowRefused(ValueError):
    """The reason a row can't be imported, as shown beside its row number."""


class SkipRow(Exception):
    """The mapping's skip rules say to leave this row out."""


class ContactReader:
    """Compiled once per file: column positions looked up, then ``read(row)`` per row."""

    def __init__(self, mapping: ContactMapping, header: Sequence[str], zone: ZoneInfo) -> None:
        missing = sorted(mapping.source_columns() - set(header))
        if missing:
            raise RowRefused(f"the file has no column(s) {', '.join(repr(m) for m in missing)}")
        self.mapping = mapping
        self.zone = ZoneInfo(mapping.timezone) if mapping.timezone else zone
        self._index = {name: i for i, name in enumerate(header)}
        self._skip = [self._condition(rule) for rule in mapping.skip]
        self._tolerance = timedelta(seconds=mapping.answer_tolerance_seconds)
        self._empty = mapping.empty
        # Fields read straight from one column (our own format): no conditions to test.
        self._direct = {
            name: (sources[0], self._index[sources[0].column])
            for name, sources in mapping.fields.items()
            if len(sources) == 1
            and sources[0].column is not None
            and sources[0] == Source(column=sources[0].column)
        }

    def _condition(self, rule: Condition) -> Callable[[Sequence[Cell]], bool]:
        checks = [(self._index[c], values) for c, values in rule.values]
        return lambda row: all(text_of(row[i]) in values for i, values in checks)

    def read(self, row: Sequence[Cell]) -> ContactRecord:
        if any(rule(row) for rule in self._skip):
            raise SkipRow
        times: dict[str, datetime | None] = {}
        for name in TIME_FIELDS:
            times[name] = self._time(name, row, times)
        self._order(times)
        text = {f: self._text(f, row) for f in ("contact_id", "queue", "channel", "agent")}
        for name in REQUIRED_COLUMNS:
            if (times.get(name) if name in times else text.get(name)) is None:
                raise RowRefused(f"{name} is missing")
        channel = text["channel"].lower()  # type: ignore[union-attr]
        if channel not in Channel._value2member_map_:
            raise RowRefused(f"channel {channel!r} is not one of voice, chat, email")
        outcome = self._outcome(row, times["answered_at"] is not None)
        if outcome == Outcome.ANSWERED and times["answered_at"] is None:
            raise RowRefused("outcome is answered but answered_at is missing")
        if outcome in _NOT_ANSWERED and times["answered_at"] is not None:
            raise RowRefused(f"outcome is {outcome.value} but answered_at is given")
        return ContactRecord(
            external_id=text["contact_id"],  # type: ignore[arg-type]
            queue=text["queue"],  # type: ignore[arg-type]
            channel=Channel(channel),
            arrived_at=times["arrived_at"],  # type: ignore[arg-type]
            answered_at=times["answered_at"],
            ended_at=times["ended_at"],  # type: ignore[arg-type]
            wrap_ended_at=times["wrap_ended_at"],
            agent=text["agent"],
            outcome=outcome,
            customer_ref=self._text("customer_id", row),
            csat=self._score("csat", row, 1, 5),
            nps=self._score("nps", row, 0, 10),
            comment=self._text("comment", row),
        )

    # -- one field -------------------------------------------------------------------

    def _pick(self, name: str, row: Sequence[Cell]) -> tuple[Source, Cell] | None:
        """The first source of ``name`` whose condition holds and whose cell isn't empty."""
        return next(iter(self._candidates(name, row)), None)

    def _candidates(self, name: str, row: Sequence[Cell]) -> Iterable[tuple[Source, Cell]]:
        """Each source of ``name`` whose condition holds and whose cell isn't empty, in order."""
        direct = self._direct.get(name)
        if direct is None:
            return self._search(name, row)
        cell = row[direct[1]]
        if cell is None or cell == "" or (self._empty and text_of(cell) in self._empty):
            return ()
        return ((direct[0], cell),)

    def _search(self, name: str, row: Sequence[Cell]) -> Iterator[tuple[Source, Cell]]:
        for source in self.mapping.fields.get(name, ()):
            if source.when is not None and not all(
                text_of(row[self._index[c]]) in values for c, values in source.when.values
            ):
                continue
            if source.value is not None:
                yield source, source.value
                continue
            key = source.column or source.time or source.duration or None
            if key is None:  # several columns joined
                parts = [text_of(row[self._index[c]]) for c in source.columns]
                if all(parts):
                    yield source, source.join.join(parts)
                continue
            cell = row[self._index[key]]
            if (
                is_empty(cell)
                or text_of(cell) in source.empty
                or text_of(cell) in self.mapping.empty
            ):
                continue
            yield source, cell

    def _text(self, name: str, row: Sequence[Cell]) -> str | None:
        picked = self._pick(name, row)
        if picked is None:
            return None
        source, cell = picked
        value = text_of(cell)
        if source.map is not None:
            value = source.map.get(value, value)
        return value or None

    def _score(self, name: str, row: Sequence[Cell], low: int, high: int) -> int | None:
        picked = self._pick(name, row)
        if picked is None:
            return None
        try:
            return parse_int(picked[1], low, high)
        except ValueError as exc:
            raise RowRefused(f"{name}: {exc}") from None

    def _outcome(self, row: Sequence[Cell], answered: bool) -> Outcome:
        value = self._text("outcome", row)
        if value is None:
            return Outcome.ANSWERED if answered else Outcome.ABANDONED
        try:
            return Outcome(value.lower())
        except ValueError:
            known = ", ".join(o.value for o in Outcome)
            raise RowRefused(f"outcome {value!r} is not one of {known} (map it)") from None

    def _time(
        self, name: str, row: Sequence[Cell], earlier: dict[str, datetime | None]
    ) -> datetime | None:
        m = self.mapping
        for source, cell in self._candidates(name, row):
            try:
                if source.after is not None:
                    base = earlier.get(source.after)
                    if base is None:
                        continue  # nothing to count from: try the next source
                    return base + parse_duration(cell, source.unit)
                if source.time is not None:
                    day = parse_date(row[self._index[source.date]], m.date_format)  # type: ignore[index]
                    local = datetime.combine(day, parse_time(cell, m.time_format))
                else:
                    local = parse_datetime(cell, m.datetime_format)
            except (ValueError, OverflowError) as exc:
                raise RowRefused(f"{name}: {exc}") from None
            return self._utc(local, earlier.get("arrived_at"))
        return None

    def _utc(self, local: datetime, arrived: datetime | None) -> datetime:
        stamp = local.replace(tzinfo=self.zone) if local.tzinfo is None else local
        stamp = stamp.astimezone(UTC)
        if self.mapping.next_day_rollover and arrived is not None and stamp < arrived - _HALF_DAY:
            stamp += timedelta(days=1)
        return stamp

    def _order(self, times: dict[str, datetime | None]) -> None:
        previous_name, previous = "arrived_at", times["arrived_at"]
        for name in TIME_FIELDS[1:]:
            value = times[name]
            if value is None:
                continue
            if previous is None:
                previous_name, previous = name, value
                continue
            if value < previous:
                if previous - value <= self._tolerance:
                    times[name] = value = previous
                else:
                    z = self.zone
                    raise RowRefused(
                        f"{name} {value.astimezone(z):%Y-%m-%d %H:%M:%S} is before "
                        f"{previous_name} {previous.astimezone(z):%Y-%m-%d %H:%M:%S}"
                    )
            previous_name, previous = name, value
