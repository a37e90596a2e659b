"""``import queue-log FILE [--follow]``: Asterisk's queue_log into contacts and agent states."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.stopping import stop_on_signals
from supervisor_app.cli.summaries import keep_kpi_summaries

if TYPE_CHECKING:
    from supervisor_app.ingest.queue_log import ImportSummary
    from supervisor_app.services.database import Database
    from supervisor_app.services.writers.queue_log import WriteCounts


def zone(text: str) -> ZoneInfo:
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a time zone (IANA names, e.g. Europe/Paris)"
        ) from None


def register(groups: CommandGroups) -> None:
    parser = groups.imports.add_parser(
        "queue-log",
        help="an Asterisk queue_log file (plain or .gz), once or following it live",
        description="Reads Asterisk's queue_log (time|callid|queue|agent|event|data…, or a CSV "
        "export of the queue_log table from FreePBX, QueueMetrics, PBXware, VitalPBX and the "
        "like, its columns found from the header or named by --mapping; an epoch column is "
        "preferred to a date-time text one) into contacts (wait, talk, outcome, agent) and "
        "agent state spans (logged in, paused with reason, on a call), creating queues and "
        "agents as they first appear. A file already read adds nothing; a file that grew adds "
        "what is new. Malformed lines are skipped and counted (--strict: refused); unknown "
        "events are counted.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="queue_log, queue_log.1.gz, …")
    parser.add_argument(
        "--follow",
        action="store_true",
        help="keep reading as Asterisk writes (survives rotation; resumes after a restart) "
        "until Ctrl+C or SIGTERM",
    )
    parser.add_argument(
        "--site",
        metavar="NAME",
        help="site of the queues (created if missing; default: the only one)",
    )
    for flag, meaning in (
        ("--timezone", "time zone of a site this import creates (default UTC)"),
        ("--csv-timezone", "zone of the text times in a realtime table's CSV dump (default UTC)"),
    ):
        parser.add_argument(flag, type=zone, default=ZoneInfo("UTC"), metavar="ZONE", help=meaning)
    parser.add_argument(
        "--strict", action="store_true", help="refuse the file at its first malformed line"
    )
    parser.add_argument(
        "--mapping",
        metavar="NAME|PATH",
        help="the columns of a queue_log table export the header doesn't name: a mapping TOML "
        "file, or a shipped one (asterisk_realtime, queuemetrics, pbx_params)",
    )
    groups.add("import", "queue-log", _import)


def _import(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.queue_log import (
        ImportOptions,
        follow_queue_log,
        import_queue_log,
        load_mapping,
    )
    from supervisor_app.services.writers.queue_log import SiteChoice

    mapping = None if args.mapping is None else load_mapping(args.mapping)
    with opened_database(args.db) as db:
        site = _site_name(db, args.site)
        options = ImportOptions(
            SiteChoice(site, str(args.timezone)), args.csv_timezone, args.strict, mapping
        )
        if not args.follow:
            sys.stdout.write(render_summary(import_queue_log(db, args.file, options)))
            keep_kpi_summaries(db)
            return 0
        stop = stop_on_signals()
        print(f"{args.file}: following into {db.display_url} (Ctrl+C stops)", flush=True)

        def retrying(error: Exception, seconds: float) -> None:
            print(f"{error}; retrying in {seconds:g} s", file=sys.stderr, flush=True)

        counts = follow_queue_log(db, args.file, stop, options, on_error=retrying)
        print(f"{args.file}: stopped; {render_counts(counts)}", flush=True)
        return 0


def _site_name(db: Database, name: str | None) -> str | None:
    """``--site`` as the site is spelled (any case, as every command reads it; a new name
    creates a site). Without it: the only site, or none yet; several exit 2 naming them."""
    from supervisor_app.services.sites import resolve_import_site, site_names

    if name is None:
        resolve_import_site(db, None)
        return None
    wanted = name.strip().casefold()
    return next((n for n in site_names(db) if n.casefold() == wanted), name.strip())


def render_counts(counts: WriteCounts) -> str:
    text = (
        f"{counts.contacts_added} contact(s) added, {counts.contacts_updated} completed; "
        f"{counts.spans_added} agent state span(s) added, {counts.spans_updated} closed"
    )
    if counts.queues_added:
        text += f"; new queues: {', '.join(counts.queues_added)}"
    if counts.agents_added:
        text += f"; new agents: {', '.join(counts.agents_added)}"
    return text


def render_summary(summary: ImportSummary) -> str:
    """What a one-shot import read, counted and wrote, a few lines for a person."""
    if not summary.lines:
        lines = [
            f"{summary.path}: nothing new to read (already imported up to line "
            f"{summary.first_line - 1})"
            if summary.first_line > 1
            else f"{summary.path}: no complete line yet"
        ]
    else:
        last = summary.first_line + summary.lines - 1
        lines = [
            f"{summary.path}: read lines {summary.first_line}–{last} ({summary.format} format)"
        ]
    if summary.columns:
        lines.append(f"  columns: {summary.columns}")
    if summary.events:
        lines.append(
            "  events: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.events.items()))
        )
    if summary.unknown:
        lines.append(
            "  unknown events (counted, not used): "
            + ", ".join(f"{k} {v}" for k, v in sorted(summary.unknown.items()))
        )
    if summary.skipped:
        lines.append(f"  skipped {summary.skipped} malformed line(s):")
        lines += [f"    line {s.line}: {s.reason}" for s in summary.first_skips]
        if summary.skipped > len(summary.first_skips):
            lines.append(f"    … and {summary.skipped - len(summary.first_skips)} more")
    if summary.pending_bytes:
        lines.append(
            f"  the last line has no line end yet ({summary.pending_bytes} bytes); "
            "it is read next time"
        )
    lines.append("  " + render_counts(summary.counts))
    return "\n".join(lines) + "\n"
