"""How a figure of a ``Kind`` reads (Analytics, the agent profile), and what Ctrl+C copies.

Counts with thousands separators, fractions as percentages, seconds as
m:ss (h:mm:ss from an hour), NPS as signed points. The copy text is what a
spreadsheet parses into a number (``0:02:45`` is a time, ``78.4%`` a percentage).
What kind a figure is comes from the KPI catalogue (``domain.kpi_catalogue``).
"""

from __future__ import annotations

from supervisor_app.domain.kpi_catalogue import Figure, Kind

NO_DATA = "—"


def display(kind: Kind, value: float | None) -> str:
    if value is None:
        return NO_DATA
    if kind is Kind.COUNT:
        return f"{int(value):,}"
    if kind is Kind.PERCENT:
        return f"{100.0 * value:.1f}%"
    if kind is Kind.POINTS:
        return f"{value:+.1f}"
    return clock(value, short=True)


def copy_text(kind: Kind, value: float | None) -> str:
    if value is None:
        return ""
    if kind is Kind.COUNT:
        return str(int(value))
    if kind is Kind.SECONDS:
        return clock(value, short=False)
    return display(kind, value)


def clock(seconds: float, *, short: bool) -> str:
    """``2:45`` (short, under an hour) or ``0:02:45``; rounded to the second."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if short and hours == 0:
        return f"{minutes}:{secs:02d}"
    return f"{hours}:{minutes:02d}:{secs:02d}"


def explained(figure: Figure) -> str:
    """A heading's tooltip: the figure's name in words, then its definition."""
    name = figure.term or figure.title
    return f"{name[:1].upper()}{name[1:]}: {figure.definition}"
