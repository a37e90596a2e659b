"""Refilling a filter's choices without losing what the user picked.

A filter combo (queue, team, agent…) starts with an "All …" choice and is
refilled whenever the setup it lists may have changed. The user's pick stays
picked where it still exists, else the filter falls back to "All …"; no signal
fires, because refilling is not the user choosing something.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, everything: str, choices: Iterable[tuple[str, object]]) -> None:
    """``everything`` (data None) first, then each (text, data) of ``choices``."""
    kept = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem(everything, None)
        for text, data in choices:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(kept), 0) if kept is not None else 0)
    finally:
        combo.blockSignals(False)
