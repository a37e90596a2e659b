"""Answer waits and handle times of a stretch's contacts, sorted per rollup cell, with numpy.

A rollup cell keeps its contacts' values sorted so that any union of cells
gives exact percentiles (``kpi_rollup_read``). A month of a large center is
half a million answered contacts: placing each in its cells one by one in
Python cost seconds, so the values come back as columns, every cell key is
computed for all rows at once, and one ``lexsort`` per grain orders the rows
by (cell, value); each cell is then a slice of that order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

Cells = dict[tuple[Any, ...], np.ndarray]
NO_AGENT = -1  # an unanswered contact's agent in a key array (None in the cell key)


def column(values: Sequence[Any], *, missing: float | int = np.nan) -> np.ndarray:
    """A fetched column as an array, ``missing`` for None (ints) or NaN (floats)."""
    if isinstance(missing, int):
        return np.fromiter((missing if v is None else v for v in values), np.int64, len(values))
    return np.fromiter((np.nan if v is None else float(v) for v in values), np.float64, len(values))


def sorted_cells(keys: Sequence[np.ndarray], values: np.ndarray) -> Cells:
    """The non-NaN ``values`` sorted, per distinct tuple of ``keys`` (parallel int arrays);
    ``NO_AGENT`` in a key becomes None."""
    present = ~np.isnan(values)
    keys = [k[present] for k in keys]
    values = values[present]
    if not len(values):
        return {}
    order = np.lexsort((values, *reversed(keys)))  # the last key given sorts first
    keys = [k[order] for k in keys]
    values = values[order]
    change = np.zeros(len(values), dtype=bool)
    change[0] = True
    for k in keys:
        change[1:] |= k[1:] != k[:-1]
    starts = np.flatnonzero(change)
    ends = np.append(starts[1:], len(values))
    columns = [k[starts].tolist() for k in keys]
    out: Cells = {}
    for i, (a, b) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        key = tuple(None if c[i] == NO_AGENT else c[i] for c in columns)
        out[key] = values[a:b]
    return out
