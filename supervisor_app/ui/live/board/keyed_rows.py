"""Rows keyed by id, kept sorted and filtered, that report each change as it happens.

The plain collection behind the live tables (after napari's evented lists): it
knows nothing of Qt, and tells a listener "rows first..last are about to be
inserted / removed", "rows changed", "the order changed" around each mutation,
which the item model turns into ``beginInsertRows`` and friends. Sorting and
filtering live here rather than in a QSortFilterProxyModel because the proxy
re-checks every row's position by calling Python ``data()`` whenever the sorted
column changes, ticking clocks included; here a sort key is a cached tuple.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from supervisor_app.ui.live.board.cells import Cells

Accept = Callable[[Cells], bool]


class RowsListener(Protocol):
    def rows_inserting(self, first: int, last: int) -> None: ...
    def rows_inserted(self) -> None: ...
    def rows_removing(self, first: int, last: int) -> None: ...
    def rows_removed(self) -> None: ...
    def rows_changed(self, first: int, last: int) -> None: ...
    def rows_reordering(self) -> None: ...
    def rows_reordered(self, new_row_of: list[int]) -> None: ...


class _Descending:
    """Inverts comparisons so one ascending list and ``bisect`` serve both directions."""

    __slots__ = ("key",)

    def __init__(self, key: tuple[Any, ...]) -> None:
        self.key = key

    def __lt__(self, other: _Descending) -> bool:
        return bool(other.key < self.key)


def _accept_all(_cells: Cells) -> bool:
    return True


class KeyedRows:
    """All rows by key; the shown ones in order. Never a reset: inserts, removals, moves."""

    def __init__(self, listener: RowsListener) -> None:
        self._listener = listener
        self._all: dict[int, Cells] = {}
        self._shown: list[Cells] = []
        self._keys: list[Any] = []  # sort keys of _shown, ascending
        self._accept: Accept = _accept_all
        self.sort_column: int | None = 0  # None: by ``Cells.order`` alone
        self.descending = False

    # -- reading -----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._shown)

    def at(self, row: int) -> Cells:
        return self._shown[row]

    def shown(self) -> list[Cells]:
        return self._shown

    def all(self) -> dict[int, Cells]:
        return self._all

    def row_of(self, key: int) -> int | None:
        cells = self._all.get(key)
        if cells is None:
            return None
        i = bisect.bisect_left(self._keys, self._key(cells))
        return i if i < len(self._shown) and self._shown[i] is cells else None

    def _key(self, cells: Cells) -> Any:
        """Muted rows (offline agents) come after the others whatever the sort: the working
        floor stays at the top and the offline agents fold together at the end."""
        column = self.sort_column
        key = cells.order if column is None else (cells.sort[column], cells.order)
        return (cells.muted, _Descending(key) if self.descending else key)

    # -- changing ----------------------------------------------------------------------
    def update(self, rows: Iterable[Cells]) -> None:
        """Make the rows these: removals, then changes in place, then a re-sort, then inserts."""
        old, accept = self._all, self._accept
        merged: dict[int, Cells] = {}
        changed: set[int] = set()
        for cells in rows:
            prev = old.get(cells.key)
            if prev is not None and prev.signature == cells.signature:
                merged[cells.key] = prev
            else:
                merged[cells.key] = cells
                if prev is not None:
                    changed.add(cells.key)
        self._all = merged
        gone = [
            i
            for i, c in enumerate(self._shown)
            if c.key not in merged or (c.key in changed and not accept(merged[c.key]))
        ]
        self._remove(gone)
        self._replace(changed)
        shown = {c.key for c in self._shown}
        entering = [
            c for k, c in merged.items() if k not in shown and (k not in old or k in changed)
        ]
        self._insert([c for c in entering if accept(c)])

    def set_filter(self, accept: Accept | None) -> None:
        """A new filter: rows that fail it leave, rows that pass it enter, the rest stay put."""
        self._accept = accept or _accept_all
        self._remove([i for i, c in enumerate(self._shown) if not self._accept(c)])
        shown = {c.key for c in self._shown}
        self._insert([c for k, c in self._all.items() if k not in shown and self._accept(c)])

    def sort(self, column: int | None, descending: bool) -> None:
        self.sort_column, self.descending = column, descending
        self._keys = [self._key(c) for c in self._shown]
        self._resort()

    # -- the mutations, each wrapped in its announcements ------------------------------
    def _remove(self, rows: list[int]) -> None:
        for first, last in reversed(_runs(rows)):
            self._listener.rows_removing(first, last)
            del self._shown[first : last + 1]
            del self._keys[first : last + 1]
            self._listener.rows_removed()

    def _replace(self, keys: set[int]) -> None:
        if not keys:
            return
        rows = [i for i, c in enumerate(self._shown) if c.key in keys]
        out_of_order = False
        for i in rows:
            cells = self._all[self._shown[i].key]
            self._shown[i] = cells
            self._keys[i] = key = self._key(cells)
            before = i > 0 and key < self._keys[i - 1]
            after = i + 1 < len(self._keys) and self._keys[i + 1] < key
            out_of_order = out_of_order or before or after
        for first, last in _runs(rows):
            self._listener.rows_changed(first, last)
        if out_of_order:
            self._resort()

    def _resort(self) -> None:
        order = sorted(range(len(self._shown)), key=self._keys.__getitem__)
        if order == list(range(len(order))):
            return
        self._listener.rows_reordering()
        new_row_of = [0] * len(order)
        for new, old in enumerate(order):
            new_row_of[old] = new
        self._shown = [self._shown[i] for i in order]
        self._keys = [self._keys[i] for i in order]
        self._listener.rows_reordered(new_row_of)

    def _insert(self, entering: list[Cells]) -> None:
        pending = sorted(((self._key(c), c) for c in entering), key=lambda kc: kc[0])
        i = 0
        while i < len(pending):
            at = bisect.bisect_left(self._keys, pending[i][0])
            j = i + 1
            while j < len(pending) and (at == len(self._keys) or pending[j][0] < self._keys[at]):
                j += 1
            run = pending[i:j]
            self._listener.rows_inserting(at, at + len(run) - 1)
            self._shown[at:at] = [c for _, c in run]
            self._keys[at:at] = [k for k, _ in run]
            self._listener.rows_inserted()
            i = j


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as contiguous (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
