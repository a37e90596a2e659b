"""What the Analytics tab offers to pick from: the site's zone and today, queues, teams, agents.

Read once when a database opens (and again when those tables change), so the
range presets count days in the site's zone, not the computer's, and the
filters list names while the queries filter by id.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from supervisor_app.domain.timeutil import business_day_of
from supervisor_app.services.database import Database
from supervisor_app.services.sites import ALL_SITES_LABEL, Named, SitePart, site_parts
from supervisor_app.services.targets import QueueHistory, queue_histories
from supervisor_app.store.models import Agent, Queue, Team

__all__ = ["AnalyticsOptions", "SitePart", "analytics_options", "site_parts"]


@dataclass(frozen=True, slots=True)
class QueueOption:
    id: int
    name: str
    service_level_target: float  # fraction 0..1, in force today
    answer_threshold_seconds: int  # in force today
    # (local date, target fraction) from each change on, oldest first: history keeps
    # the target that was in force, so a chart of last month draws last month's line.
    target_history: tuple[tuple[date, float], ...] = ()

    def target_on(self, day: date) -> float:
        """The service-level target in force on local ``day``."""
        starts = [d for d, _ in self.target_history]
        if not starts:
            return self.service_level_target
        return self.target_history[max(bisect_right(starts, day) - 1, 0)][1]


@dataclass(frozen=True, slots=True)
class AgentOption:
    id: int
    name: str
    team_id: int | None


@dataclass(frozen=True, slots=True)
class AnalyticsOptions:
    site: str  # the site's name, or "All sites"
    timezone: str  # the site's (all sites: the first site's, for the range presets)
    interval_minutes: int
    today: date  # the site's local date at ``now``
    queues: tuple[QueueOption, ...]
    teams: tuple[Named, ...]
    agents: tuple[AgentOption, ...]
    site_id: int | None = None  # what the tab's queries read: the site, or None for all

    def service_level_target(
        self, queue_ids: frozenset[int] | None = None, on: date | None = None
    ) -> float | None:
        """The target of the chosen queues when they share one, else the strictest of them:
        in force on local day ``on``, or today."""
        chosen = [q for q in self.queues if not queue_ids or q.id in queue_ids]
        if on is None:
            return max((q.service_level_target for q in chosen), default=None)
        return max((q.target_on(on) for q in chosen), default=None)


def analytics_options(
    db: Database, site_id: int | None = None, now: datetime | None = None
) -> AnalyticsOptions:
    """What to pick from at ``site_id`` (None: every site's queues, teams and agents)."""
    now = now or datetime.now(UTC)
    with db.sessions() as session:
        parts = site_parts(session, site_id)
        ids = [p.site.site_id for p in parts]
        histories = queue_histories(session)
        today = business_day_of(now, parts[0].zone)
        queues = tuple(
            _queue_option(r.id, r.name, histories[r.id], today)
            for r in session.execute(
                select(Queue.id, Queue.name)
                .where(Queue.site_id.in_(ids))
                .order_by(Queue.name, Queue.id)
            )
        )
        teams = tuple(
            Named(r.id, r.name)
            for r in session.execute(
                select(Team.id, Team.name).where(Team.site_id.in_(ids)).order_by(Team.name, Team.id)
            )
        )
        agents = tuple(
            AgentOption(r.id, r.name, r.team_id)
            for r in session.execute(
                select(Agent.id, Agent.name, Agent.team_id)
                .where(Agent.site_id.in_(ids))
                .order_by(Agent.name, Agent.id)
            )
        )
    site = parts[0].site
    return AnalyticsOptions(
        site=site.name if site_id is not None else ALL_SITES_LABEL,
        timezone=site.timezone,
        interval_minutes=parts[0].interval_minutes,
        today=today,
        queues=queues,
        teams=teams,
        agents=agents,
        site_id=site_id,
    )


def _queue_option(queue_id: int, name: str, history: QueueHistory, today: date) -> QueueOption:
    now = history.on(today)
    return QueueOption(
        queue_id,
        name,
        now.service_level_target,
        now.threshold_seconds,
        tuple((r.effective_from, r.service_level_target) for r in history.rows),
    )
