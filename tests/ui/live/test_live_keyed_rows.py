"""KeyedRows, the plain collection behind the live tables: what it announces, and when."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_app.ui.live.board.cells import Cells
from supervisor_app.ui.live.board.keyed_rows import KeyedRows


def row(key: int, value: int, label: str = "") -> Cells:
    """A one-column row sorted by ``value``; ``label`` changes what it shows, not its order."""
    text = [f"{value}{label}"]
    return Cells(key, (value, label), text, list(text), (value,), (key,))


class Recorder:
    """Replays every announcement on a mirror list, as a view would, and logs it."""

    def __init__(self, rows: KeyedRows | None = None) -> None:
        self.rows = rows
        self.log: list[tuple[Any, ...]] = []
        self.mirror: list[int] = []
        self._pending: tuple[Any, ...] | None = None

    def rows_inserting(self, first: int, last: int) -> None:
        self._pending = ("insert", first, last)

    def rows_inserted(self) -> None:
        assert self.rows is not None and self._pending is not None
        _, first, last = self._pending
        self.mirror[first:first] = [self.rows.at(i).key for i in range(first, last + 1)]
        self.log.append(self._pending)

    def rows_removing(self, first: int, last: int) -> None:
        del self.mirror[first : last + 1]
        self.log.append(("remove", first, last))

    def rows_removed(self) -> None:
        pass

    def rows_changed(self, first: int, last: int) -> None:
        self.log.append(("change", first, last))

    def rows_reordering(self) -> None:
        self.log.append(("reorder",))

    def rows_reordered(self, new_row_of: list[int]) -> None:
        moved = [0] * len(self.mirror)
        for old, key in enumerate(self.mirror):
            moved[new_row_of[old]] = key
        self.mirror = moved


def make() -> tuple[KeyedRows, Recorder]:
    recorder = Recorder()
    rows = KeyedRows(recorder)
    recorder.rows = rows
    return rows, recorder


def keys(rows: KeyedRows) -> list[int]:
    return [c.key for c in rows.shown()]


def test_first_update_is_one_insert_in_sort_order() -> None:
    rows, rec = make()
    rows.update([row(1, 30), row(2, 10), row(3, 20)])
    assert keys(rows) == [2, 3, 1]
    assert rec.log == [("insert", 0, 2)]


def test_a_change_that_keeps_the_order_is_one_change_of_that_row() -> None:
    rows, rec = make()
    rows.update([row(1, 10), row(2, 20), row(3, 30)])
    rec.log.clear()
    rows.update([row(1, 10), row(2, 20, "!"), row(3, 30)])
    assert rec.log == [("change", 1, 1)]
    assert rows.at(1).text == ["20!"]


def test_unchanged_rows_keep_their_cells_object() -> None:
    rows, rec = make()
    first = row(1, 10)
    rows.update([first])
    rows.update([row(1, 10)])
    assert rows.at(0) is first, "clock columns tick in place; an equal row must not replace them"
    assert rec.log == [("insert", 0, 0)]


def test_a_change_that_moves_a_row_is_a_change_then_one_reorder() -> None:
    rows, rec = make()
    rows.update([row(1, 10), row(2, 20), row(3, 30)])
    rec.log.clear()
    rows.update([row(1, 40), row(2, 20), row(3, 30)])
    assert keys(rows) == [2, 3, 1]
    assert rec.log == [("change", 0, 0), ("reorder",)]
    assert rec.mirror == [2, 3, 1]


def test_appearing_and_disappearing_rows_are_inserts_and_removals() -> None:
    rows, rec = make()
    rows.update([row(1, 10), row(2, 20), row(3, 30), row(4, 40)])
    rec.log.clear()
    rows.update([row(1, 10), row(4, 40), row(5, 25)])
    assert keys(rows) == [1, 5, 4]
    assert rec.log == [("remove", 1, 2), ("insert", 1, 1)]


def test_filter_and_descending_sort() -> None:
    rows, rec = make()
    rows.update([row(k, k * 10) for k in range(1, 7)])
    rows.set_filter(lambda c: c.key % 2 == 0)
    assert keys(rows) == [2, 4, 6]
    rows.sort(0, descending=True)
    assert keys(rows) == [6, 4, 2]
    rows.set_filter(None)
    assert keys(rows) == [6, 5, 4, 3, 2, 1]
    assert rows.row_of(3) == 3 and rows.row_of(99) is None
    assert rec.mirror == keys(rows)


def test_a_row_leaving_the_filter_on_refresh_is_removed() -> None:
    rows, rec = make()
    rows.set_filter(lambda c: c.text[0].endswith("ok"))
    rows.update([row(1, 10, "ok"), row(2, 20, "ok")])
    rec.log.clear()
    rows.update([row(1, 10, "no"), row(2, 20, "ok")])
    assert keys(rows) == [2]
    assert rec.log == [("remove", 0, 0)]


updates = st.lists(
    st.dictionaries(
        st.integers(1, 25), st.tuples(st.integers(0, 6), st.sampled_from(["", "x"])), max_size=20
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(updates, st.booleans(), st.integers(0, 2))
def test_any_sequence_of_updates_keeps_order_filter_and_announcements_consistent(
    batches: list[dict[int, tuple[int, str]]], descending: bool, modulo: int
) -> None:
    rows, rec = make()
    rows.sort(0, descending)
    if modulo:
        rows.set_filter(lambda c: c.key % (modulo + 1) != 0)
    for batch in batches:
        rows.update([row(k, v, label) for k, (v, label) in batch.items()])
        expected = sorted(
            (k for k in batch if not modulo or k % (modulo + 1) != 0),
            key=lambda k: (batch[k][0], (k,)),
            reverse=descending,
        )
        assert keys(rows) == expected
        assert rec.mirror == expected, "a view replaying the announcements sees the same rows"
