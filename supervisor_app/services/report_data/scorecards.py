"""Escalations per agent for the scorecards, beside ``analytics_scorecard``'s figures.

``agent_scorecards`` has no escalation figure; this sums escalated contacts
per answering agent with the KPI sums query (``contact_sums.grouped_sums``),
and the rate comes from ``domain.kpi.escalation_rate``.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from supervisor_app.domain.kpi import ContactSums
from supervisor_app.services.contact_sums import grouped_sums
from supervisor_app.services.database import Database
from supervisor_app.services.kpi import range_bounds
from supervisor_app.services.sites import the_site
from supervisor_app.store.models import Contact


def agent_contact_sums(db: Database, first: date, last: date) -> dict[int, ContactSums]:
    """Sums of the contacts each agent answered, arrived on local ``first``..``last``."""
    with db.sessions() as session:
        zone = ZoneInfo(the_site(session).timezone)
        start, end = range_bounds(first, last, zone)
        rows = grouped_sums(
            session,
            [Contact.agent_id],
            Contact.arrived_at >= start,
            Contact.arrived_at < end,
            Contact.answered_at.is_not(None),
            Contact.agent_id.is_not(None),
        )
    return {int(agent_id): sums for (agent_id,), sums, _ in rows}
