"""One editable field of the setup table: its kind, its range and how it parses and checks a value.

The text typed in the Setup window and on the command line goes through the same
``parse``, so both refuse the same values with the same reason.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any

from supervisor_app.domain.errors import UserError


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    CHOICE = "choice"
    BOOL = "bool"
    ZONE = "zone"
    DATE = "date"  # a calendar day, typed as YYYY-MM-DD; ``low``/``high`` are years


class FieldError(UserError):
    """A value a field does not allow; ``str()`` names the field and what is allowed."""

    def __init__(self, field: SetupField, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class SetupField:
    """One editable field. ``low``/``high`` bound numbers (``low_open``: strictly above)."""

    entity: str
    name: str
    label: str
    kind: Kind
    reason: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    choices: tuple[str, ...] = ()
    optional: bool = False  # an empty value means "none" (no alert, Erlang C, from the zone)
    max_length: int = 120
    unit: str = ""
    flag: str = ""  # the command-line option when it isn't the name (``--threshold``)

    @property
    def option(self) -> str:
        """The command-line option that sets it (``--threshold``, else from the name)."""
        return self.flag or "--" + self.name.replace("_", "-")

    def refuse(self, shown: object, why: str | None = None) -> FieldError:
        """The error for value ``shown``: the field, the value and the allowed range
        (or ``why``, for a value in range that can't be used: a name already taken)."""
        return FieldError(self, f"{self.label} {shown!s} refused: {why or self.reason}")

    def parse(self, text: str) -> Any:
        """The value typed as ``text`` (command line, an editor), checked; a FieldError if not."""
        text = text.strip()
        if text == "" and self.optional:
            return None
        if self.kind in (Kind.INT, Kind.FLOAT):
            try:
                number = float(text) if self.kind is Kind.FLOAT else int(text)
            except ValueError:
                what = "a whole number" if self.kind is Kind.INT else "a number"
                raise FieldError(
                    self, f"{self.label} {text!r} is not {what}: {self.reason}"
                ) from None
            return self.check(number)
        if self.kind is Kind.DATE:
            try:
                day = date.fromisoformat(text)
            except ValueError:
                raise FieldError(
                    self, f"{self.label} {text!r} is not a date: {self.reason}"
                ) from None
            return self.check(day)
        if self.kind is Kind.BOOL:
            lowered = text.casefold()
            if lowered in ("yes", "true", "1", "on"):
                return True
            if lowered in ("no", "false", "0", "off"):
                return False
            raise self.refuse(repr(text))
        return self.check(text)

    def check(self, value: Any) -> Any:
        """``value`` if the field allows it, else a FieldError naming the field and the range."""
        if value is None:
            if self.optional:
                return None
            raise FieldError(self, f"{self.label} is required: {self.reason}")
        if self.kind in (Kind.INT, Kind.FLOAT):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.refuse(repr(value))
            if self.kind is Kind.INT and int(value) != value:
                raise self.refuse(value)
            if self.low is not None and (value <= self.low if self.low_open else value < self.low):
                raise self.refuse(_shown(value, self.unit))
            if self.high is not None and value > self.high:
                raise self.refuse(_shown(value, self.unit))
            return int(value) if self.kind is Kind.INT else float(value)
        if self.kind is Kind.DATE:
            if isinstance(value, str):
                return self.parse(value)
            if isinstance(value, datetime) or not isinstance(value, date):
                raise self.refuse(repr(value))
            if (self.low is not None and value.year < self.low) or (
                self.high is not None and value.year > self.high
            ):
                raise self.refuse(value.isoformat())
            return value
        if self.kind is Kind.BOOL:
            if not isinstance(value, bool):
                raise self.refuse(repr(value))
            return value
        text = str(value).strip()
        if self.kind is Kind.CHOICE:
            if text not in self.choices:
                raise self.refuse(repr(text))
            return text
        if self.kind is Kind.ZONE:
            if text not in _zones():
                raise self.refuse(repr(text))
            return text
        if not text or len(text) > self.max_length:
            raise self.refuse(repr(text))
        return text


def value_text(value: Any, none: str = "") -> str:
    """A setup value as people read it, in a list, a table cell or a conflict message.

    One reading for the command line, the Setup window and the services' refusals:
    yes/no for a flag, ``15`` rather than ``15.0``; ``none`` stands for no value (each
    place says "nothing" in its own way: an empty CSV cell, a dash, "(none)").
    """
    if value is None:
        return none
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _shown(value: float, unit: str) -> str:
    return f"{value:g} {unit}".strip()


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def available_zones() -> frozenset[str]:
    """The IANA zones this machine knows (what a site's time zone may be)."""
    return _zones()
