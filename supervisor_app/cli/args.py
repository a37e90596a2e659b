"""Argument types shared by the subcommands: each turns bad text into argparse's usage error."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date


def positive_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low}..{high}")
        return value

    return parse


def speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 10_000:
        raise argparse.ArgumentTypeError(f"speed {value} must be above 0 and at most 10000")
    return value


def local_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_date_range(parser: argparse.ArgumentParser) -> None:
    """``--from``/``--to`` as local dates of the site, ``--to`` included."""
    parser.add_argument(
        "--from",
        dest="first",
        type=local_date,
        required=True,
        metavar="DATE",
        help="first local date, YYYY-MM-DD",
    )
    parser.add_argument(
        "--to",
        dest="last",
        type=local_date,
        required=True,
        metavar="DATE",
        help="last local date, included",
    )


def add_site_option(parser: argparse.ArgumentParser, allow_all: bool = False) -> None:
    """``--site NAME``: optional with one site; with several, the command must name one.

    ``allow_all`` also accepts ``--site all`` (every site, totals from sums) where a
    report can span sites.
    """
    more = "; 'all' for every site, totals from sums" if allow_all else ""
    parser.add_argument(
        "--site",
        metavar="NAME",
        default=None,
        help=f"the site (optional when the database has one){more}",
    )
