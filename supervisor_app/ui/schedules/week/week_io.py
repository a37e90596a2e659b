"""The tab's database work as ops for ``Workers``: each runs on a pool thread, calls
services only and returns plain values.

Services are imported inside the ops, not at the top: importing the GUI must not
load SQLAlchemy and the drivers (start-up time; ``tests/ui/test_app.py`` checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from supervisor_app.domain.schedule_diff import Cell
from supervisor_app.domain.schedule_rules import RuleSettings
from supervisor_app.domain.schedule_types import ScheduleWeek, ShiftTemplate, TimeOffBand
from supervisor_app.ui.common.workers import Op, Report

if TYPE_CHECKING:
    from supervisor_app.services.database import Database
    from supervisor_app.services.schedules import SaveResult


@dataclass(frozen=True)
class Loaded:
    week: ScheduleWeek
    settings: RuleSettings


@dataclass(frozen=True)
class Saved:
    result: SaveResult
    fresh: ScheduleWeek  # the week as committed after the save


def actor() -> str:
    """``login@host`` of the person at this workstation, as audit rows name them."""
    from supervisor_app.services.audit import current_actor

    return current_actor()


def load_op(db: Database, week_start: date, site_id: int | None = None) -> Op[Loaded]:
    """The week of ``site_id`` (None: the database's only site) and that site's rules."""

    def op(_report: Report) -> Loaded:
        from supervisor_app.services.schedules import load_rule_settings, load_week

        week = load_week(db, week_start, site_id=site_id)
        return Loaded(week, load_rule_settings(db, week.site_id))

    return op


def save_op(
    db: Database,
    original: ScheduleWeek,
    edited: ScheduleWeek,
    *,
    user: str | None = None,
    overwrite: frozenset[Cell] = frozenset(),
    reason: str | None = None,
) -> Op[Saved]:
    who = user or actor()

    def op(_report: Report) -> Saved:
        from supervisor_app.services.schedules import load_week, save_week

        result = save_week(db, original, edited, who, overwrite=overwrite, overwrite_reason=reason)
        return Saved(result, load_week(db, original.week_start, site_id=original.site_id))

    return op


def reload_op(db: Database, week_start: date, site_id: int | None = None) -> Op[ScheduleWeek]:
    def op(_report: Report) -> ScheduleWeek:
        from supervisor_app.services.schedules import load_week

        return load_week(db, week_start, site_id=site_id)

    return op


def publish_op(
    db: Database, week_start: date, user: str, reason: str | None, site_id: int | None = None
) -> Op[object]:
    def op(_report: Report) -> object:
        from supervisor_app.services.schedules import publish_week

        return publish_week(db, week_start, user, reason, site_id)

    return op


def history_op(db: Database, agent_id: int | None, week_start: date | None) -> Op[object]:
    def op(_report: Report) -> object:
        from supervisor_app.services.schedules import history

        return history(db, agent_id=agent_id, week_start=week_start)

    return op


def templates_op(db: Database, site_id: int | None = None) -> Op[object]:
    def op(_report: Report) -> object:
        from supervisor_app.services.schedules import list_templates

        return list_templates(db, site_id)

    return op


def save_template_op(
    db: Database, template: ShiftTemplate, user: str, site_id: int | None = None
) -> Op[object]:
    def op(_report: Report) -> object:
        from supervisor_app.services.schedules import save_template

        return save_template(db, template, user, site_id)

    return op


def delete_template_op(db: Database, template: ShiftTemplate, user: str) -> Op[object]:
    def op(_report: Report) -> object:
        from supervisor_app.services.schedules import delete_template

        assert template.id is not None and template.version is not None
        return delete_template(db, template.id, template.version, user)

    return op


def request_time_off_op(
    db: Database, agent_id: int, start: datetime, end: datetime, user: str, reason: str | None
) -> Op[object]:
    def op(_report: Report) -> object:
        from supervisor_app.services.schedules import request_time_off

        return request_time_off(db, agent_id, start, end, user, reason)

    return op


def decide_time_off_op(db: Database, band: TimeOffBand, approve: bool, user: str) -> Op[object]:
    def op(_report: Report) -> object:
        from supervisor_app.services.schedules import approve_time_off, refuse_time_off

        decide = approve_time_off if approve else refuse_time_off
        assert band.id is not None and band.version is not None
        return decide(db, band.id, band.version, user)

    return op
