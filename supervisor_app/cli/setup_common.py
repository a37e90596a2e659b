"""What the setup commands share: options from the field table, one-line refusals, lists.

Options are made from ``domain.setup_fields`` and parsed as text by the same
field that checks the Setup window, so ``--sl-target 150`` gets the window's
reason. A bad value, an unknown name or a site left unchosen exits 2 with one
line naming the field and what is allowed; a change made meanwhile exits 1.
Nothing is written in either case.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from supervisor_app.cli.args import add_site_option
from supervisor_app.cli.list_text import LIST_FORMATS, render_rows
from supervisor_app.cli.registry import PROG, Handler
from supervisor_app.domain.errors import UsageError, UserError
from supervisor_app.domain.setup_fields import FieldError, field

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

FORMATS = LIST_FORMATS


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table for people, json or csv for programs (default table)",
    )


def add_list_parser(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    help_text: str,
    *,
    every_site: bool = False,
) -> argparse.ArgumentParser:
    """The ``list`` action of a setup command: ``--site NAME`` and ``--format``.

    With ``every_site``, ``--site all`` lists every site's rows, as the reports'
    ``--site all`` does (``--all-sites`` is still read, for scripts written for it).
    """
    listing = actions.add_parser("list", help=help_text)
    add_site_option(listing, allow_all=every_site)
    if every_site:
        listing.add_argument("--all-sites", action="store_true", help=argparse.SUPPRESS)
    add_format(listing)
    return listing


def listed_site_id(db: Database, args: argparse.Namespace) -> int | None:
    """The site a ``list`` shows; None for every site (``--site all``)."""
    from supervisor_app.services.sites import resolve_site_or_all

    if getattr(args, "all_sites", False):
        return None
    try:
        return resolve_site_or_all(db, args.site)
    except UserError as exc:
        raise UsageError(str(exc)) from None


def add_field_options(
    parser: argparse.ArgumentParser, entity: str, names: Iterable[str], *, required: bool = False
) -> None:
    """One option per field (``--threshold SECONDS``), its help the field's reason."""
    for name in names:
        item = field(entity, name)
        parser.add_argument(
            item.option,
            dest=f"f_{name}",
            metavar=item.unit.upper() if item.unit and item.unit != "%" else "VALUE",
            required=required,
            # argparse expands ``%`` in help text: "above 0 % and at most 100 %" must not
            # crash ``queue set --help``.
            help=f"{item.label}: {item.reason}".replace("%", "%%"),
        )


def field_values(args: argparse.Namespace, entity: str, names: Iterable[str]) -> dict[str, Any]:
    """The values given on the command line, each parsed by its field (a FieldError if bad)."""
    out: dict[str, Any] = {}
    for name in names:
        text = getattr(args, f"f_{name}", None)
        if text is not None:
            out[name] = field(entity, name).parse(text)
    return out


def refusals(handler: Handler) -> Handler:
    """Bad input becomes one line and exit 2; a conflict, one line and exit 1."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except FieldError as exc:
            print(f"{PROG}: error: {exc.field.option}: {exc}", file=sys.stderr)
            return 2

    return run


def site_id(db: Database, name: str | None) -> int:
    """``--site`` resolved; an unknown or missing site is bad input (exit 2)."""
    from supervisor_app.services.sites import resolve_site

    try:
        return resolve_site(db, name)
    except UserError as exc:
        raise UsageError(str(exc)) from None


def pick(items: Sequence[Any], name: str, what: str, key: Callable[[Any], str]) -> Any:
    """The item whose ``key`` is ``name`` (case-insensitive); exit 2 listing them if none."""
    wanted = name.strip().casefold()
    for item in items:
        if key(item).casefold() == wanted:
            return item
    listed = ", ".join(key(i) for i in items) or "none"
    raise UsageError(f"no {what} {name!r}: the {what}s are {listed}")


def emit(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: str) -> None:
    """Print ``rows`` as an aligned table, a JSON array or CSV with a header."""
    sys.stdout.write(render_rows(rows, columns, fmt))
