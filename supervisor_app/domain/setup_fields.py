"""Every field the Setup window and the setup commands edit, described once.

One table: each field's name, its label, its kind, the range or choices it
allows and the reason shown when a value is refused. The services validate
with it before anything is written, the command line prints its reason as the
one-line exit-2 message, and the Setup window checks each field as the user
types — so the three can never disagree about what is allowed.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.kpi import ServiceLevelVariant


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    CHOICE = "choice"
    BOOL = "bool"
    ZONE = "zone"


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


def _shown(value: float, unit: str) -> str:
    return f"{value:g} {unit}".strip()


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def available_zones() -> frozenset[str]:
    """The IANA zones this machine knows (what a site's time zone may be)."""
    return _zones()


def _name(entity: str, label: str) -> SetupField:
    return SetupField(entity, "name", label, Kind.TEXT, "1 to 120 characters")


def _limit(
    entity: str, name: str, label: str, unit: str, high: float, what: str, flag: str = ""
) -> SetupField:
    return SetupField(
        entity,
        name,
        label,
        Kind.INT if unit != "%" else Kind.FLOAT,
        f"{what}; empty for no alert",
        low=0,
        high=high,
        optional=True,
        unit=unit,
        flag=flag,
    )


SITE_FIELDS: tuple[SetupField, ...] = (
    _name("site", "Site name"),
    SetupField(
        "site",
        "timezone",
        "Time zone",
        Kind.ZONE,
        "an IANA time zone such as Europe/London or America/New_York",
    ),
    SetupField(
        "site",
        "interval_minutes",
        "Interval",
        Kind.CHOICE,
        "15 or 30 minutes",
        choices=("15", "30"),
        unit="min",
        flag="--interval",
    ),
    SetupField(
        "site",
        "country_code",
        "Holiday country",
        Kind.TEXT,
        "a two-letter country code such as GB or US; empty: taken from the time zone",
        optional=True,
        max_length=8,
        flag="--country",
    ),
    SetupField(
        "site",
        "fte_weekly_hours",
        "Full-time weekly hours",
        Kind.FLOAT,
        "above 0 and at most 80 hours",
        low=0,
        low_open=True,
        high=80,
        unit="h",
        flag="--fte-hours",
    ),
    SetupField(
        "site",
        "service_level_variant",
        "Headline service level",
        Kind.CHOICE,
        "one of " + ", ".join(v.value for v in ServiceLevelVariant),
        choices=tuple(v.value for v in ServiceLevelVariant),
    ),
)

QUEUE_FIELDS: tuple[SetupField, ...] = (
    _name("queue", "Queue name"),
    SetupField(
        "queue",
        "channel",
        "Channel",
        Kind.CHOICE,
        "one of " + ", ".join(c.value for c in Channel),
        choices=tuple(c.value for c in Channel),
    ),
    SetupField(
        "queue",
        "sl_target_percent",
        "Service-level target",
        Kind.FLOAT,
        "above 0 % and at most 100 %",
        low=0,
        low_open=True,
        high=100,
        unit="%",
        flag="--sl-target",
    ),
    SetupField(
        "queue",
        "threshold_seconds",
        "Answer threshold",
        Kind.INT,
        "a whole number of seconds from 1 to 3600",
        low=1,
        high=3600,
        unit="s",
        flag="--threshold",
    ),
    SetupField(
        "queue",
        "short_abandon_seconds",
        "Short-abandon time",
        Kind.INT,
        "a whole number of seconds from 0 to 600",
        low=0,
        high=600,
        unit="s",
        flag="--short-abandon",
    ),
    SetupField(
        "queue",
        "patience_seconds",
        "Callers' patience",
        Kind.FLOAT,
        "above 0 and at most 3600 seconds; empty: nobody hangs up (Erlang C)",
        low=0,
        low_open=True,
        high=3600,
        optional=True,
        unit="s",
        flag="--patience",
    ),
    SetupField(
        "queue",
        "shrinkage_percent",
        "Shrinkage",
        Kind.FLOAT,
        "from 0 % to 95 % of paid time away from contacts",
        low=0,
        high=95,
        unit="%",
        flag="--shrinkage",
    ),
    SetupField(
        "queue",
        "occupancy_cap_percent",
        "Occupancy cap",
        Kind.FLOAT,
        "above 0 % and at most 100 %",
        low=0,
        low_open=True,
        high=100,
        unit="%",
        flag="--occupancy-cap",
    ),
    _limit("queue", "waiting_amber", "Waiting amber", "", 10_000, "0 to 10000 contacts"),
    _limit("queue", "waiting_red", "Waiting red", "", 10_000, "0 to 10000 contacts"),
    _limit(
        "queue",
        "longest_wait_amber_seconds",
        "Longest wait amber",
        "s",
        86_400,
        "0 to 86400 seconds",
        "--longest-wait-amber",
    ),
    _limit(
        "queue",
        "longest_wait_red_seconds",
        "Longest wait red",
        "s",
        86_400,
        "0 to 86400 seconds",
        "--longest-wait-red",
    ),
    _limit(
        "queue",
        "service_level_amber_pct",
        "Service level amber",
        "%",
        100,
        "0 % to 100 %",
        "--sl-amber",
    ),
    _limit(
        "queue",
        "service_level_red_pct",
        "Service level red",
        "%",
        100,
        "0 % to 100 %",
        "--sl-red",
    ),
)

TEAM_FIELDS: tuple[SetupField, ...] = (_name("team", "Team name"),)

AGENT_FIELDS: tuple[SetupField, ...] = (
    _name("agent", "Agent name"),
    SetupField(
        "agent",
        "employee_code",
        "Employee code",
        Kind.TEXT,
        "1 to 40 characters, unique",
        max_length=40,
        flag="--code",
    ),
    SetupField(
        "agent",
        "hourly_cost",
        "Hourly cost",
        Kind.FLOAT,
        "from 0 to 1000 per hour",
        low=0,
        high=1000,
    ),
    SetupField(
        "agent",
        "contracted_weekly_hours",
        "Contracted hours",
        Kind.FLOAT,
        "from 0 to 80 hours a week",
        low=0,
        high=80,
        unit="h",
        flag="--contracted-hours",
    ),
)

SKILL_FIELDS: tuple[SetupField, ...] = (
    SetupField(
        "skill",
        "proficiency",
        "Proficiency",
        Kind.INT,
        "a whole number from 1 (learning) to 10 (expert)",
        low=1,
        high=10,
    ),
)

_DAY = 24 * 60
RULE_FIELDS: tuple[SetupField, ...] = (
    SetupField(
        "rules",
        "min_shift_minutes",
        "Shortest shift",
        Kind.INT,
        "a whole number of minutes from 1 to 1440",
        low=1,
        high=_DAY,
        unit="min",
        flag="--min-shift",
    ),
    SetupField(
        "rules",
        "max_shift_minutes",
        "Longest shift",
        Kind.INT,
        "a whole number of minutes from 1 to 1440, not below the shortest shift",
        low=1,
        high=_DAY,
        unit="min",
        flag="--max-shift",
    ),
    SetupField(
        "rules",
        "min_rest_minutes",
        "Rest between shifts",
        Kind.INT,
        "a whole number of minutes from 0 to 1440",
        low=0,
        high=_DAY,
        unit="min",
        flag="--min-rest",
    ),
    SetupField(
        "rules",
        "weekly_tolerance_minutes",
        "Weekly hours tolerance",
        Kind.INT,
        "a whole number of minutes from 0 to 1440 above the contract",
        low=0,
        high=_DAY,
        unit="min",
        flag="--weekly-tolerance",
    ),
    SetupField("rules", "lunch_is_paid", "Lunch is paid", Kind.BOOL, "yes or no"),
)

FIELDS: dict[str, tuple[SetupField, ...]] = {
    "site": SITE_FIELDS,
    "queue": QUEUE_FIELDS,
    "team": TEAM_FIELDS,
    "agent": AGENT_FIELDS,
    "skill": SKILL_FIELDS,
    "rules": RULE_FIELDS,
}

# Queue fields that are effective-dated: a change asks "from which date".
DATED_QUEUE_FIELDS = frozenset({"sl_target_percent", "threshold_seconds", "short_abandon_seconds"})


def field(entity: str, name: str) -> SetupField:
    """The field ``name`` of ``entity``; a KeyError is a bug (the table is closed)."""
    for item in FIELDS[entity]:
        if item.name == name:
            return item
    raise KeyError(f"{entity}.{name}")


def check_all(entity: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Every value of ``values`` checked by its field; then the checks across fields."""
    checked = {name: field(entity, name).check(value) for name, value in values.items()}
    check_across(entity, checked)
    return checked


def check_across(entity: str, values: Mapping[str, Any]) -> None:
    """The rules between fields, on a whole record: a FieldError naming the second field.

    Alerts: the red limit is the worse one (more waiting, a longer wait, a lower
    service level), so it can't be on the better side of amber. Rules: the longest
    shift can't be shorter than the shortest.
    """
    if entity == "queue":
        for amber, red, higher_is_worse in (
            ("waiting_amber", "waiting_red", True),
            ("longest_wait_amber_seconds", "longest_wait_red_seconds", True),
            ("service_level_amber_pct", "service_level_red_pct", False),
        ):
            a, r = values.get(amber), values.get(red)
            if a is None or r is None:
                continue
            if (r < a) if higher_is_worse else (r > a):
                side = "at or above" if higher_is_worse else "at or below"
                red_field = field("queue", red)
                raise FieldError(
                    red_field,
                    f"{red_field.label} {r:g} refused: it must be {side} the amber limit ({a:g})",
                )
    if entity == "rules":
        low, high = values.get("min_shift_minutes"), values.get("max_shift_minutes")
        if low is not None and high is not None and high < low:
            longest = field("rules", "max_shift_minutes")
            raise FieldError(
                longest,
                f"{longest.label} {high} min refused: it must not be below the shortest "
                f"shift ({low} min)",
            )
