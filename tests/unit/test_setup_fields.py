"""The one field table: what each setup field accepts, and the reason it gives otherwise."""

from __future__ import annotations

import pytest

from supervisor_app.domain.setup_fields import FIELDS, FieldError, check_across, field


@pytest.mark.parametrize(
    ("entity", "name", "text", "value"),
    [
        ("queue", "sl_target_percent", "100", 100.0),  # the upper bound is allowed
        ("queue", "sl_target_percent", " 80.5 ", 80.5),
        ("queue", "threshold_seconds", "1", 1),
        ("queue", "short_abandon_seconds", "0", 0),
        ("queue", "patience_seconds", "", None),  # empty: Erlang C
        ("queue", "waiting_red", "", None),  # empty: no alert
        ("site", "interval_minutes", "30", "30"),
        ("site", "timezone", "America/New_York", "America/New_York"),
        ("rules", "lunch_is_paid", "yes", True),
        ("skill", "proficiency", "10", 10),
    ],
)
def test_accepted(entity: str, name: str, text: str, value: object) -> None:
    assert field(entity, name).parse(text) == value


@pytest.mark.parametrize(
    ("entity", "name", "text", "message"),
    [
        (
            "queue",
            "sl_target_percent",
            "150",
            "Service-level target 150 % refused: above 0 % and at most 100 %",
        ),
        (
            "queue",
            "sl_target_percent",
            "0",
            "Service-level target 0 % refused: above 0 % and at most 100 %",
        ),  # open below
        (
            "queue",
            "threshold_seconds",
            "-5",
            "Answer threshold -5 s refused: a whole number of seconds from 1 to 3600",
        ),
        (
            "queue",
            "threshold_seconds",
            "2.5",
            "Answer threshold '2.5' is not a whole number: "
            "a whole number of seconds from 1 to 3600",
        ),
        ("site", "interval_minutes", "20", "Interval '20' refused: 15 or 30 minutes"),
        ("site", "name", "", "Site name '' refused: 1 to 120 characters"),
        (
            "skill",
            "proficiency",
            "0",
            "Proficiency 0 refused: a whole number from 1 (learning) to 10 (expert)",
        ),
    ],
)
def test_refused_with_the_field_and_the_range(
    entity: str, name: str, text: str, message: str
) -> None:
    with pytest.raises(FieldError) as refused:
        field(entity, name).parse(text)
    assert str(refused.value) == message
    assert refused.value.field.name == name


def test_red_must_be_on_the_worse_side_of_amber() -> None:
    check_across("queue", {"waiting_amber": 3, "waiting_red": 3})  # equal is allowed
    with pytest.raises(FieldError, match="Waiting red 2 refused: it must be at or above"):
        check_across("queue", {"waiting_amber": 3, "waiting_red": 2})
    # A service level is worse when lower: red 90 % above amber 80 % makes no sense.
    with pytest.raises(FieldError, match="Service level red 90 refused: it must be at or below"):
        check_across("queue", {"service_level_amber_pct": 80.0, "service_level_red_pct": 90.0})


def test_every_field_has_a_label_a_reason_and_a_distinct_option() -> None:
    for entity, fields in FIELDS.items():
        options = [f.option for f in fields]
        assert len(options) == len(set(options)), entity
        for item in fields:
            assert item.label and item.reason and item.entity == entity
