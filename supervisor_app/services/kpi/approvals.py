"""Approved adherence exceptions in the KPI history: mismatched time a supervisor excused.

Approvals are few (a supervisor writes each one), so each is looked at on its
own: the agent's out-of-adherence pieces inside it are fetched and their
seconds counted as adherent, in the groups they fall in. The live day view
excuses an exception only when one approval covers it whole; over a range, the
part inside an approval counts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from supervisor_app.domain.periods import BUCKET_SECONDS, Grouping
from supervisor_app.services.kpi.people import Totals, Window, merge
from supervisor_app.store.models import AdherenceApproval, Agent

# (start, stop, agent id) → a query of (a_at, b_at): that agent's mismatched pieces.
Mismatched = Callable[[datetime, datetime, int], Select[Any]]


def approved_seconds(session: Session, w: Window, mismatched: Mismatched) -> Totals:
    """``adherent_seconds`` per group: mismatched time inside supervisors' approvals."""
    found = session.execute(
        select(AdherenceApproval.agent_id, AdherenceApproval.starts_at, AdherenceApproval.ends_at)
        .where(
            AdherenceApproval.starts_at < w.stop,
            AdherenceApproval.ends_at > w.start,
            *w.narrow.agents(AdherenceApproval.agent_id),
        )
        .order_by(AdherenceApproval.agent_id, AdherenceApproval.starts_at)
    ).all()
    out: Totals = {}
    groups = w.layout.bucket_groups() if w.layout is not None and found else []
    for agent_id, a, b in _merged(found):
        a, b = max(a, w.start), min(b, w.stop)
        rows = session.execute(mismatched(a, b, agent_id)).all()
        stretches = [(max(p, a), min(q, b)) for p, q in rows if min(q, b) > max(p, a)]
        if not stretches:
            continue
        if w.days is not None:
            merge(out, _by_day(w, agent_id, stretches))
        elif w.layout is None:
            merge(out, {_key(session, w, agent_id): {"adherent_seconds": _total(stretches)}})
        else:
            merge(out, _by_bucket(w, groups, stretches))
    return out


def _merged(rows: Iterable[Any]) -> list[tuple[int, datetime, datetime]]:
    """Approvals per agent with overlaps merged, so no second is approved twice."""
    out: list[tuple[int, datetime, datetime]] = []
    for agent_id, a, b in rows:
        if out and out[-1][0] == agent_id and a <= out[-1][2]:
            out[-1] = (agent_id, out[-1][1], max(b, out[-1][2]))
        else:
            out.append((agent_id, a, b))
    return out


def _key(session: Session, w: Window, agent_id: int) -> tuple[Any, ...]:
    if w.by is Grouping.AGENT:
        return (agent_id,)
    if w.by is Grouping.TEAM:
        return (session.scalar(select(Agent.team_id).where(Agent.id == agent_id)),)
    return ()


def _total(stretches: list[tuple[datetime, datetime]]) -> float:
    return sum((q - p).total_seconds() for p, q in stretches)


def _by_day(w: Window, agent_id: int, stretches: list[tuple[datetime, datetime]]) -> Totals:
    """Each stretch cut at the window's local days: keys (agent, day index)."""
    assert w.days is not None
    starts = w.days.starts
    out: Totals = {}
    for p, q in stretches:
        s, e = (p - w.start).total_seconds(), (q - w.start).total_seconds()
        for k in range(max(bisect_right(starts, s) - 1, 0), len(starts) - 1):
            lo, hi = max(s, starts[k]), min(e, starts[k + 1])
            if hi <= lo:
                if starts[k] >= e:
                    break
                continue
            cell = out.setdefault((agent_id, k), {"adherent_seconds": 0.0})
            cell["adherent_seconds"] += hi - lo
    return out


def _by_bucket(w: Window, groups: list[int], stretches: list[tuple[datetime, datetime]]) -> Totals:
    """Each stretch cut at UTC quarter-hours and added to the time group of each."""
    out: Totals = {}
    for p, q in stretches:
        s, e = (p - w.start).total_seconds(), (q - w.start).total_seconds()
        k = int(s // BUCKET_SECONDS)
        while k * BUCKET_SECONDS < e and k < len(groups):
            lo, hi = max(s, k * BUCKET_SECONDS), min(e, (k + 1) * BUCKET_SECONDS)
            cell = out.setdefault((groups[k],), {"adherent_seconds": 0.0})
            cell["adherent_seconds"] += hi - lo
            k += 1
    return out
