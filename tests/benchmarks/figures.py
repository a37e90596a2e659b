"""The one record every benchmark group returns."""

from __future__ import annotations

from typing import NamedTuple


class Figure(NamedTuple):
    name: str
    value: float
    unit: str
