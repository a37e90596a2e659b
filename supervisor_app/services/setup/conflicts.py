"""A save that finds the row changed since it was read: what changed, who changed it.

The setup services compare the record the user saw with the row as it is now;
a newer version refuses the save (nothing is written) and the error names the
fields another workstation changed, with their values then and now, and the
audit trail's last author — so the user can reload knowingly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from supervisor_app.domain.errors import UserError
from supervisor_app.domain.setup_fields import FIELDS, value_text
from supervisor_app.store.models import AuditEntry


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    label: str
    seen: Any
    now: Any


class SetupConflict(UserError):
    """The row changed since the user read it; nothing was saved."""

    def __init__(
        self,
        what: str,
        changes: list[Change],
        by: str | None,
        at: datetime | None,
    ) -> None:
        self.what, self.changes, self.by, self.at = what, changes, by, at
        who = f" by {by}" if by else ""
        when = f" at {at:%Y-%m-%d %H:%M} UTC" if at else ""
        listed = "; ".join(f"{c.label}: {_text(c.seen)} → {_text(c.now)}" for c in changes)
        detail = f": {listed}" if listed else ""
        super().__init__(
            f"{what} was changed meanwhile{who}{when}{detail}. Nothing was saved; "
            "reload to see the new values."
        )


def _text(value: Any) -> str:
    return value_text(None if value == "" else value, none="(none)")


def _label(entity: str, name: str) -> str:
    for item in FIELDS.get(entity, ()):
        if item.name == name:
            return item.label
    return name.replace("_", " ").capitalize()


def changed_fields(entity: str, seen: Mapping[str, Any], now: Mapping[str, Any]) -> list[Change]:
    """The fields whose value differs between what the user saw and the row now."""
    return [
        Change(name, _label(entity, name), seen.get(name), now.get(name))
        for name in now
        if seen.get(name) != now.get(name)
    ]


def last_author(
    session: Session, entity: str, entity_id: int | str
) -> tuple[str | None, datetime | None]:
    """Who wrote the newest audit row of this entity, and when (None when none)."""
    row = session.execute(
        select(AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else (None, None)


def refuse_if_changed(
    session: Session,
    *,
    entity: str,
    entity_id: int,
    what: str,
    seen_version: int,
    now_version: int,
    seen: Mapping[str, Any],
    now: Mapping[str, Any],
) -> None:
    """Raise ``SetupConflict`` when the row's version moved since the user read it."""
    if seen_version == now_version:
        return
    by, at = last_author(session, entity, entity_id)
    raise SetupConflict(what, changed_fields(entity, seen, now), by, at)
