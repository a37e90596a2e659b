"""Light, dark or the system's look, for the widgets and the charts alike.

``apply_theme`` sets Qt's colour scheme (Qt 6.8+; the Fusion palette before), then
repaints every pyqtgraph chart already built; charts built later ask ``chart_colors``
for their background and ink. The style sheet uses palette roles, so it follows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from supervisor_app.ui.common.preferences import Theme
from supervisor_app.ui.common.resources import style_sheet

# Text on a light tint (a cell coloured for above/below target): dark in either theme,
# since the tint stays light.
INK_ON_TINT = "#1c2b3a"
LIGHT_CHART = ("#ffffff", "#303030")
DARK_CHART = ("#1e1f22", "#d8d8d8")


def is_dark() -> bool:
    """Is the window's background dark right now (whatever chose it)?"""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def chart_colors() -> tuple[str, str]:
    """(background, ink) for a chart in the current theme."""
    return DARK_CHART if is_dark() else LIGHT_CHART


def _dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#2b2d30"), QColor("#1e1f22"), QColor("#e6e6e6")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#26282b"),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#35373b"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.Highlight: QColor("#3d7cc9"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#78aef0"),
        QPalette.ColorRole.PlaceholderText: QColor("#9a9a9a"),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#808080"))
    return p


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Switch ``app`` to ``theme`` now, charts included."""
    hints = app.styleHints()
    scheme = {
        Theme.SYSTEM: Qt.ColorScheme.Unknown,
        Theme.LIGHT: Qt.ColorScheme.Light,
        Theme.DARK: Qt.ColorScheme.Dark,
    }[theme]
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(scheme)
    # Platforms without a dark style (offscreen, X11 without a platform theme) ignore the
    # scheme: a palette of our own then makes "dark" dark.
    if theme is Theme.DARK:
        app.setPalette(_dark_palette())
    else:
        app.setPalette(app.style().standardPalette())
    if app.styleSheet():  # already styled (a switch in Settings): the theme's colours now
        app.setStyleSheet(style_sheet(dark=is_dark()))
    recolour_charts(app)


def recolour_charts(app: QApplication) -> int:
    """Give every chart the current background and ink; returns how many were repainted."""
    import sys

    if "pyqtgraph" not in sys.modules:  # no chart built yet: nothing to repaint
        return 0
    import pyqtgraph as pg

    background, ink = chart_colors()
    pg.setConfigOption("background", background)
    pg.setConfigOption("foreground", ink)
    count = 0
    for widget in app.allWidgets():
        if isinstance(widget, pg.GraphicsView):
            widget.setBackground(background)
            for item in widget.scene().items():
                if isinstance(item, pg.AxisItem):
                    item.setPen(ink)
                    item.setTextPen(ink)
                elif isinstance(item, pg.LabelItem):
                    item.setText(item.text, color=ink)
            count += 1
    return count


TONES = ("heading", "body", "muted", "ok", "warn", "error")


def set_tone(widget: QWidget, tone: str) -> None:
    """Colour ``widget``'s text by what it says (``TONES``; "" for the default ink).

    The colours are the style sheet's (``resources/style.qss``, with
    ``style-dark.qss`` over it in the dark theme), so a label reads in either theme
    and follows a switch; a colour written into a widget's own sheet would not.
    """
    if tone and tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}")
    if widget.property("tone") == tone:
        return
    widget.setProperty("tone", tone)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style = widget.style()  # a property selector is only read again on a new polish
        style.unpolish(widget)
        style.polish(widget)
