"""Every field the Setup window and the setup commands edit, described once.

One table: each field's name, its label, its kind, the range or choices it
allows and the reason shown when a value is refused. The services validate
with it before anything is written, the command line prints its reason as the
one-line exit-2 message, and the Setup window checks each field as the user
types — so the three can never disagree about what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from supervisor_app.domain.setup_fields.setup_field import (
    FieldError,
    Kind,
    SetupField,
    available_zones,
    value_text,
)
from supervisor_app.domain.setup_fields.tables import (
    AGENT_FIELDS,
    QUEUE_FIELDS,
    RULE_FIELDS,
    SITE_FIELDS,
    SKILL_FIELDS,
    TEAM_FIELDS,
)

__all__ = [
    "AGENT_FIELDS",
    "DATED_QUEUE_FIELDS",
    "FIELDS",
    "QUEUE_FIELDS",
    "RULE_FIELDS",
    "SITE_FIELDS",
    "SKILL_FIELDS",
    "TEAM_FIELDS",
    "FieldError",
    "Kind",
    "SetupField",
    "available_zones",
    "check_across",
    "check_all",
    "field",
    "require",
    "value_text",
]

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


def require(entity: str, values: Mapping[str, Any], names: Iterable[str]) -> None:
    """A FieldError naming the first of ``names`` missing from ``values``: what an add needs."""
    for name in names:
        if name not in values:
            raise field(entity, name).refuse("(missing)")


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
