"""Escalations raised by people: by hand, from a contact, or listed for the command line.

The simulator raises escalations as its callers ask for a supervisor; a real
floor needs a supervisor to raise one too (a customer on the phone, an email
that needs a call back). Each is one transaction with its audit row and a
change announcement, so every console's Escalations list shows it within the
live latency.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from supervisor_app.domain.enums import EscalationStatus
from supervisor_app.domain.errors import UserError
from supervisor_app.domain.escalation_fields import PRIORITIES, EscalationDraft, field_errors
from supervisor_app.services import audit
from supervisor_app.services.database import Database
from supervisor_app.services.live.escalations import ENTITY, EscalationRow, row_of
from supervisor_app.services.live.stamp import database_stamp
from supervisor_app.store.changes import announce
from supervisor_app.store.models import Contact, Escalation, Queue, Site


class EscalationFieldError(UserError):
    """A field of the draft is wrong; ``field`` names it (queue, customer, reason, priority)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


def check_draft(draft: EscalationDraft) -> None:
    """Raise ``EscalationFieldError`` for the first wrong field, in the form's order."""
    errors = field_errors(draft)
    for field in ("queue", "customer", "reason", "priority"):
        if field in errors:
            raise EscalationFieldError(field, errors[field])


def queue_names(db: Database, site_id: int | None = None) -> list[str]:
    """Queues' names, for the dialog's choice (sorted, each once); the site's, if given."""
    query = select(Queue.name)
    if site_id is not None:
        query = query.where(Queue.site_id == site_id)
    with db.sessions() as session:
        names = session.scalars(query).all()
    return sorted(set(names), key=str.casefold)


def find_queue(session: Session, name: str, site_id: int | None = None) -> tuple[int, str]:
    """The queue named ``name`` (exact, else ignoring case), at ``site_id`` when given: two
    sites may both have a "Support voice", and the demo's do."""
    text = name.strip()
    query = select(Queue.id, Queue.name, Site.name).join(Site, Site.id == Queue.site_id)
    if site_id is not None:
        query = query.where(Queue.site_id == site_id)
    rows = session.execute(query).all()
    found = [r for r in rows if r[1] == text]
    found = found or [r for r in rows if r[1].casefold() == text.casefold()]
    if not found:
        known = ", ".join(sorted({r[1] for r in rows}, key=str.casefold)[:12]) or "none yet"
        raise EscalationFieldError("queue", f"no queue named {text!r} (queues: {known})")
    if len(found) > 1:
        sites = ", ".join(sorted(r[2] for r in found))
        raise EscalationFieldError(
            "queue", f"{text!r} is a queue at several sites ({sites}); choose the site"
        )
    return int(found[0][0]), str(found[0][1])


def raise_escalation(
    db: Database,
    draft: EscalationDraft,
    actor: str,
    *,
    contact_id: int | None = None,
    site_id: int | None = None,
) -> EscalationRow:
    """Store an open escalation raised by ``actor``; returns it as the list shows it.

    ``site_id`` picks the queue among the site's when another site has one of that name."""
    check_draft(draft)
    with db.sessions() as session:
        queue_id, queue = find_queue(session, draft.queue, site_id)
        esc = _new(session, queue_id, draft, actor, contact_id)
        session.commit()
        return row_of(esc, queue)


def raise_for_contact(
    db: Database, contact_id: int, reason: str, priority: str, actor: str
) -> EscalationRow:
    """Raise an escalation about a stored contact: its queue and customer come with it.

    The contact is marked escalated, as the simulator marks the ones it raises (on a
    shared PostgreSQL by the database, for a supervisor who may not write contacts).
    """
    with db.sessions() as session:
        found = session.execute(
            select(Contact, Queue.name)
            .join(Queue, Queue.id == Contact.queue_id)
            .where(Contact.id == contact_id)
        ).first()
        if found is None:
            raise UserError(f"contact {contact_id} no longer exists")
        contact, queue = found
        draft = EscalationDraft(
            queue, contact.customer_ref or f"contact {contact.external_id}", reason, priority
        )
        check_draft(draft)
        esc = _new(session, contact.queue_id, draft, actor, contact.id)
        # On PostgreSQL the escalation's insert marked the contact (0019): a supervisor
        # may not write contacts, and setting the flag it now has writes nothing.
        session.refresh(contact)
        contact.escalated = True
        session.commit()
        return row_of(esc, queue)


def _new(
    session: Session, queue_id: int, draft: EscalationDraft, actor: str, contact_id: int | None
) -> Escalation:
    """A new open escalation and its audit row; on a shared PostgreSQL who raised it and
    when are the database's (``database_stamp``), read back as stored."""
    actor, now = database_stamp(session, Escalation.__tablename__, actor)
    esc = Escalation(
        contact_id=contact_id,
        queue_id=queue_id,
        customer_ref=draft.customer_ref.strip(),
        reason=draft.reason.strip(),
        severity=PRIORITIES[draft.priority.strip().lower()],
        status=EscalationStatus.OPEN,
        raised_by=actor,
        created_at=now,
    )
    session.add(esc)
    session.flush()
    session.refresh(esc)
    audit.record(
        session,
        actor=actor,
        action="raise",
        entity=ENTITY,
        entity_id=esc.id,
        after={
            "queue": draft.queue.strip(),
            "customer_ref": esc.customer_ref,
            "reason": esc.reason,
            "priority": draft.priority.strip().lower(),
            "contact_id": contact_id,
        },
    )
    announce(session.connection(), ["escalations"])
    return esc


def list_escalations(
    db: Database,
    status: EscalationStatus | None = None,
    limit: int = 1000,
    *,
    site_id: int | None = None,
) -> list[EscalationRow]:
    """Escalations newest first (``status`` filters), at most ``limit``; of the site's
    queues and of no queue when ``site_id`` is given, as the Live tab lists them."""
    query = select(Escalation, Queue.name).outerjoin(Queue, Queue.id == Escalation.queue_id)
    if site_id is not None:
        query = query.where(or_(Escalation.queue_id.is_(None), Queue.site_id == site_id))
    if status is not None:
        query = query.where(Escalation.status == status)
    query = query.order_by(Escalation.created_at.desc(), Escalation.id.desc()).limit(limit)
    with db.sessions() as session:
        return [row_of(esc, queue) for esc, queue in session.execute(query)]
