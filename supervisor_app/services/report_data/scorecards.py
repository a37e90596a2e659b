"""Escalations per agent for the scorecards, beside ``analytics_scorecard``'s figures.

``agent_scorecards`` has no escalation figure; this sums escalated contacts
per answering agent with the KPI sums query (``contact_sums.grouped_sums``),
and the rate comes from ``domain.kpi.escalation_rate``.
"""

from __future__ import annotations

from datetime import date

from supervisor_app.domain.kpi import ContactSums
from supervisor_app.services.contact_sums import grouped_sums
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import range_bounds
from supervisor_app.services.sites import site_parts
from supervisor_app.store.models import Contact


def agent_contact_sums(
    db: Database, first: date, last: date, *, site_id: int | None = None
) -> dict[int, ContactSums]:
    """Sums of the contacts each agent answered at ``site_id`` (None: all sites), arrived
    on local ``first``..``last`` (each site's own local dates)."""
    out: dict[int, ContactSums] = {}
    with db.sessions() as session:
        for part in site_parts(session, site_id):
            start, end = range_bounds(first, last, part.zone)
            rows = grouped_sums(
                session,
                [Contact.agent_id],
                Contact.arrived_at >= start,
                Contact.arrived_at < end,
                Contact.answered_at.is_not(None),
                Contact.agent_id.is_not(None),
                *part.on(Contact.queue_id),
            )
            for (agent_id,), sums, _ in rows:
                key = int(agent_id)
                out[key] = out[key] + sums if key in out else sums
    return out
