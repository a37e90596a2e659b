"""Medians and ranks for agent scorecards: where an agent stands against their team.

A performance review compares an agent with the team's middle, not its mean,
so one new starter's slow month doesn't move the bar for everyone. Missing
figures (``None``: nothing to divide by) are left out of the median and get no
rank. Ties share the best rank ("1, 2, 2, 4"), as league tables do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from supervisor_app.domain.kpi import percentile

K = TypeVar("K")


def median(values: Sequence[float | None]) -> float | None:
    """The middle of the known values (mean of the two middle ones); None when none are known."""
    return percentile(sorted(v for v in values if v is not None), 0.5)


def ranks(
    values: Mapping[K, float | None], *, higher_is_better: bool = True
) -> dict[K, int | None]:
    """Competition rank of each key's value (1 is best); None for a missing value."""
    known = [v for v in values.values() if v is not None]
    out: dict[K, int | None] = {}
    for key, value in values.items():
        if value is None:
            out[key] = None
        elif higher_is_better:
            out[key] = 1 + sum(1 for other in known if other > value)
        else:
            out[key] = 1 + sum(1 for other in known if other < value)
    return out
