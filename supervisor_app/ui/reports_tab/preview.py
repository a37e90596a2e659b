"""The headline figures a report's cover will show, shown before it is written."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from supervisor_app.reports.cover import Headline
from supervisor_app.reports.styles import CellKind


def shown(value: Any, kind: CellKind) -> str:
    """A figure as a reader expects it; "–" for no data (nothing to divide by)."""
    if value is None:
        return "–"
    if kind is CellKind.PERCENT:
        return f"{100.0 * value:.1f}%"
    if kind is CellKind.POINTS:
        return f"{value:+.1f}"
    if kind is CellKind.DURATION:
        seconds = round(value)
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if kind in (CellKind.MONEY, CellKind.HOURS, CellKind.NUMBER):
        return f"{value:,.2f}" if kind is not CellKind.NUMBER else f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


class PreviewPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Headline figures", parent)
        self.setObjectName("reportPreview")
        self._form = QFormLayout(self)
        self.status = QLabel(
            self.tr("Open a database to preview a report."), objectName="reportPreviewStatus"
        )
        self.status.setWordWrap(True)
        self._form.addRow(self.status)
        self.figures: dict[str, str] = {}

    def _clear(self) -> None:
        while self._form.rowCount() > 1:
            self._form.removeRow(1)
        self.figures = {}

    def show_status(self, text: str) -> None:
        self._clear()
        self.status.setText(text)

    def show_headline(self, headline: tuple[Headline, ...]) -> None:
        self._clear()
        self.status.setText(self.tr("As the workbook's cover will show them:"))
        for figure in headline:
            text = shown(figure.value, figure.kind)
            value = QLabel(text)
            value.setObjectName("reportPreviewValue")
            self._form.addRow(f"{figure.label}:", value)
            self.figures[figure.label] = text
