"""Turning one cell into a date, a time, a duration or a number, whatever the file gave.

Each parser takes what a CSV gives (text, read with the mapping's format) and
what a spreadsheet gives (``datetime``, ``time``, numbers: Excel stores a time
as a fraction of a day and a date as days since 1899-12-30). A failure raises
``ValueError`` with a message fit for the row's error line.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from supervisor_app.ingest.files.table import Cell

EXCEL_EPOCH = date(1899, 12, 30)
SECONDS_PER_DAY = 86_400
DURATION_UNITS = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0, "days": 86_400.0}


def is_empty(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell)


def text_of(cell: Cell) -> str:
    """A cell as the text a user typed: ``12.0`` from a spreadsheet reads ``12``."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell)


def parse_date(cell: Cell, fmt: str | None) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        try:
            return EXCEL_EPOCH + timedelta(days=int(cell))
        except (OverflowError, ValueError):
            raise ValueError(f"{cell!r} is not a date (an Excel serial day number)") from None
    text = text_of(cell)
    try:
        return datetime.strptime(text, fmt).date() if fmt else date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date{_shape(fmt)}") from None


def parse_time(cell: Cell, fmt: str | None) -> time:
    """A time of day: text in ``fmt`` (e.g. ``%I:%M:%S %p``) or an Excel day fraction."""
    if isinstance(cell, datetime):
        return cell.time()
    if isinstance(cell, time):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if not 0 <= cell < 1:
            raise ValueError(f"{cell!r} is not a time of day (an Excel time is 0 to 1)")
        seconds = round(cell * SECONDS_PER_DAY)
        return (datetime.min + timedelta(seconds=min(seconds, SECONDS_PER_DAY - 1))).time()
    text = text_of(cell)
    try:
        if fmt:
            return datetime.strptime(text.upper() if "%p" in fmt else text, fmt).time()
        return time.fromisoformat(text)
    except ValueError:
        pass
    try:  # an Excel day fraction exported as text
        return parse_time(float(text), None)
    except ValueError:
        raise ValueError(f"{text!r} is not a time{_shape(fmt)}") from None


def parse_datetime(cell: Cell, fmt: str | None) -> datetime:
    """A date and time in one cell; naive unless the text carries an offset."""
    if isinstance(cell, datetime):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        try:
            return datetime.combine(EXCEL_EPOCH, time()) + timedelta(days=float(cell))
        except (OverflowError, ValueError):
            raise ValueError(f"{cell!r} is not a date and time (an Excel serial)") from None
    text = text_of(cell)
    try:
        if fmt:
            return datetime.strptime(text, fmt)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time{_shape(fmt)}") from None


def parse_duration(cell: Cell, unit: str) -> timedelta:
    """A duration in ``unit``; a ``time`` cell or ``H:MM:SS`` text is hours-minutes-seconds."""
    if isinstance(cell, time):
        return timedelta(hours=cell.hour, minutes=cell.minute, seconds=cell.second)
    if isinstance(cell, timedelta):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        value = float(cell)
    else:
        text = text_of(cell)
        if ":" in text:
            parts = text.split(":")
            try:
                numbers = [float(p) for p in parts]
            except ValueError:
                raise ValueError(f"{text!r} is not a duration") from None
            if len(numbers) > 3:
                raise ValueError(f"{text!r} is not a duration")
            value = sum(n * 60**i for i, n in enumerate(reversed(numbers)))
            unit = "seconds"
        else:
            try:
                value = float(text.replace(",", "."))
            except ValueError:
                raise ValueError(f"{text!r} is not a duration in {unit}") from None
    if not 0 <= value < 1e9:  # also refuses NaN and infinity
        raise ValueError(f"{text_of(cell)!r} is not a duration of zero or more {unit}")
    return timedelta(seconds=value * DURATION_UNITS[unit])


def parse_number(cell: Cell) -> float:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    text = text_of(cell).replace("\u00a0", "").replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a decimal comma, as European exports write it
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{text_of(cell)!r} is not a number") from None


def parse_int(cell: Cell, low: int, high: int) -> int:
    value = parse_number(cell)
    if not value.is_integer() or not low <= value <= high:
        raise ValueError(f"{text_of(cell)!r} is not a whole number from {low} to {high}")
    return int(value)


def _shape(fmt: str | None) -> str:
    return f" (expected {fmt})" if fmt else " (expected ISO 8601, e.g. 2024-03-01 09:30:00)"
