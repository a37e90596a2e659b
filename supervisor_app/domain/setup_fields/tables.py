"""The fields of each setup entity (site, queue, team, agent, skill, labour rules).

The one list of what can be edited and what each field allows; the package's
face looks fields up here.
"""

from __future__ import annotations

from enum import StrEnum

from supervisor_app.domain.enums import Channel
from supervisor_app.domain.kpi import ServiceLevelVariant
from supervisor_app.domain.setup_fields.setup_field import Kind, SetupField


def _name(entity: str, label: str) -> SetupField:
    return SetupField(entity, "name", label, Kind.TEXT, "1 to 120 characters")


def _choice(entity: str, name: str, label: str, values: type[StrEnum]) -> SetupField:
    """A field whose value is one of an enum's values, listed in its reason."""
    allowed = tuple(v.value for v in values)
    return SetupField(
        entity, name, label, Kind.CHOICE, "one of " + ", ".join(allowed), choices=allowed
    )


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


def _share(entity: str, name: str, label: str, flag: str) -> SetupField:
    """A percentage that must be above 0 and at most 100 (a target, a cap)."""
    return SetupField(
        entity,
        name,
        label,
        Kind.FLOAT,
        "above 0 % and at most 100 %",
        low=0,
        low_open=True,
        high=100,
        unit="%",
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
    _choice("site", "service_level_variant", "Headline service level", ServiceLevelVariant),
)

QUEUE_FIELDS: tuple[SetupField, ...] = (
    _name("queue", "Queue name"),
    _choice("queue", "channel", "Channel", Channel),
    _share("queue", "sl_target_percent", "Service-level target", "--sl-target"),
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
    _share("queue", "occupancy_cap_percent", "Occupancy cap", "--occupancy-cap"),
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
    SetupField(
        "agent",
        "hire_date",
        "Hire date",
        Kind.DATE,
        "a date as YYYY-MM-DD from 1950 to 2099; empty when not known",
        low=1950,
        high=2099,
        optional=True,
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
