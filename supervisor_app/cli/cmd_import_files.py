"""``import contacts`` and ``import agents``: contact exports and rosters from CSV or XLSX files."""

from __future__ import annotations

import argparse
import sys

from supervisor_app.cli.args import add_site_option
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.summaries import keep_kpi_summaries


def register(groups: CommandGroups) -> None:
    contacts = groups.imports.add_parser(
        "contacts",
        help="contacts from a CSV or XLSX file (our columns, or any export with --mapping)",
        description="Reads contacts from FILE, all or nothing: any invalid row stops the import "
        "with row numbers and reasons, and nothing is written. Without --mapping the file has "
        "our own columns (contact_id, queue, channel, arrived_at, answered_at, ended_at, "
        "wrap_ended_at, agent, outcome, customer_id, csat, nps, comment). Contacts already "
        "imported from the same source are left as they are.",
    )
    contacts.add_argument("file", metavar="FILE", help="a .csv (any delimiter/encoding) or .xlsx")
    contacts.add_argument(
        "--mapping",
        metavar="MAPPING",
        help="a mapping TOML file, or the name of a shipped one (anonymous_bank, "
        "pwc_call_center, simulated_call_centre)",
    )
    add_site_option(contacts)
    groups.add("import", "contacts", _contacts)
    agents = groups.imports.add_parser(
        "agents",
        help="the roster from a CSV or XLSX file (name, code, team, skills, cost, hours)",
        description="Creates or updates agents by code, all or nothing. Columns: name, code, "
        "team, skills (queue names separated by ';', each optionally ':proficiency' 1-10), "
        "hourly_cost, contracted_hours. Teams are created as they appear; skills must name "
        "existing queues.",
    )
    agents.add_argument("file", metavar="FILE", help="a .csv or .xlsx")
    add_site_option(agents)
    groups.add("import", "agents", _agents)


def _contacts(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.files import import_contacts, load_mapping
    from supervisor_app.services.sites import resolve_import_site

    mapping = load_mapping(args.mapping) if args.mapping else None
    with opened_database(args.db) as db:
        site_id = resolve_import_site(db, args.site)
        result = import_contacts(db, args.file, mapping, site_id=site_id)
        sys.stdout.write(result.summary() + "\n")
        keep_kpi_summaries(db)
    return 0


def _agents(args: argparse.Namespace) -> int:
    from supervisor_app.ingest.files import import_agents
    from supervisor_app.services.sites import resolve_import_site

    with opened_database(args.db) as db:
        site_id = resolve_import_site(db, args.site)
        result = import_agents(db, args.file, site_id=site_id)
    sys.stdout.write(result.summary() + "\n")
    return 0
