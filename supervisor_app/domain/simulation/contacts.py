"""Contacts as the event loop takes them: one column per attribute, sorted by arrival.

Whoever generates contacts (the demo's day profiles, or a planner's forecast)
draws every random attribute here in bulk; the loop itself draws nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

INF = float("inf")  # a patience or a wait that never runs out


@dataclass(frozen=True, slots=True)
class Arrivals:
    """A batch of contacts sorted by arrival time, column by column."""

    t: np.ndarray  # arrival, UTC epoch seconds
    queue: np.ndarray  # index into the roster's queues
    handle: np.ndarray  # conversation seconds at average proficiency
    wrap: np.ndarray
    abandon_after: np.ndarray  # seconds of waiting before the contact leaves; INF never
    timed_out: np.ndarray  # leaving is the queue's maximum wait, not the customer's choice
    transfer: np.ndarray
    escalate: np.ndarray
    survey: np.ndarray
    customer: np.ndarray
    z_csat: np.ndarray  # standard normal mood of a survey answer
    z_nps: np.ndarray
    comment: np.ndarray  # uniform draw choosing a comment, or -1 for none
    reason: np.ndarray  # index into outcomes.ESCALATIONS
    severity: np.ndarray
    take_delay: np.ndarray
    resolve_delay: np.ndarray

    def __len__(self) -> int:
        return len(self.t)

    def slice(self, lo: int, hi: int) -> Arrivals:
        return Arrivals(*(getattr(self, f.name)[lo:hi] for f in fields(self)))
