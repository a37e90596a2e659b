"""``qa form add|show|list``, ``qa evaluate``, ``qa list``, ``qa calibration``: quality.

A form is read from a small JSON or TOML file (its ``name`` and ``sections``,
each with ``questions``: ``key``, ``text``, ``weight``, ``type`` yes_no or
scale, ``auto_fail``). Adding a form that exists adds its next version; old
evaluations keep the version they were scored with. Evaluations are audited.
"""

from __future__ import annotations

import argparse
import json
import tomllib
from pathlib import Path
from typing import Any

from supervisor_app.cli.args import add_date_range
from supervisor_app.cli.opened import opened_database
from supervisor_app.cli.registry import CommandGroups
from supervisor_app.cli.setup_common import add_format, emit, pick
from supervisor_app.domain.errors import UsageError, UserError

FORM_COLUMNS = ("name", "versions", "questions", "evaluations")
QUESTION_COLUMNS = ("section", "key", "text", "weight", "type", "auto_fail")
LINE_COLUMNS = (
    "evaluation_id",
    "evaluated_at",
    "agent",
    "evaluator",
    "form",
    "version",
    "contact",
    "queue",
    "score_pct",
    "auto_failed",
)
CALIBRATION_COLUMNS = ("contact", "queue", "agent", "scores", "evaluators", "range", "std_dev")


def register(groups: CommandGroups) -> None:
    qa = groups.top.add_parser("qa", help="quality forms, evaluations and calibration (audited)")
    actions = qa.add_subparsers(dest="qa_command", metavar="ACTION", required=True)
    form = actions.add_parser("form", help="add, show or list evaluation forms")
    form_actions = form.add_subparsers(dest="form_command", metavar="ACTION", required=True)
    add = form_actions.add_parser("add", help="a form from a JSON or TOML file (a new version)")
    add.add_argument("file", metavar="FILE", type=Path)
    add.add_argument("--name", help="the form's name (default: the file's name field)")
    show = form_actions.add_parser("show", help="a form's questions")
    show.add_argument("form_name", metavar="NAME")
    show.add_argument("--version", type=int, help="a version number (default the newest)")
    add_format(show)
    add_format(form_actions.add_parser("list", help="every form, its versions and use"))
    ev = actions.add_parser("evaluate", help="score an agent's contact with a form")
    ev.add_argument("--agent", required=True, metavar="CODE", help="the agent's employee code")
    ev.add_argument("--form", required=True, metavar="NAME")
    ev.add_argument("--contact", metavar="EXTERNAL_ID", help="the contact evaluated")
    given = ev.add_mutually_exclusive_group(required=True)
    given.add_argument("--answers", type=Path, metavar="FILE", help="JSON or TOML: key = answer")
    given.add_argument(
        "--answer", action="append", metavar="Q=V", help="one answer (yes, partial, no, 1-5, na)"
    )
    listing = actions.add_parser("list", help="evaluations in a range of local days")
    listing.add_argument("--agent", metavar="CODE", help="one agent (default every agent)")
    add_date_range(listing)
    add_format(listing)
    cal = actions.add_parser("calibration", help="contacts scored by several evaluators")
    add_date_range(cal)
    add_format(cal)
    groups.add("qa", "form", _form)
    groups.add("qa", "evaluate", _evaluate)
    groups.add("qa", "list", _list)
    groups.add("qa", "calibration", _calibration)


def _form(args: argparse.Namespace) -> int:
    return {"add": _form_add, "show": _form_show, "list": _form_list}[args.form_command](args)


def read_mapping(path: Path) -> dict[str, Any]:
    """A JSON or TOML file as a mapping (by its suffix; TOML unless ``.json``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path.name}: not valid {path.suffix[1:] or 'TOML'}: {exc}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path.name}: expected a table of names and values")
    return data


def _form_add(args: argparse.Namespace) -> int:
    from supervisor_app.domain.quality import FormDefinition
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.people import save_form

    data = read_mapping(args.file)
    name = args.name or str(data.get("name", "")).strip()
    if not name:
        raise UsageError(f"{args.file.name}: no form name (give --name or a name field)")
    try:
        definition = FormDefinition.from_dict(data)
    except UserError as exc:
        raise UsageError(f"{args.file.name}: {exc}") from None
    with opened_database(args.db) as db:
        saved = save_form(db, name, definition, current_actor())
    count = len(saved.definition.questions)
    print(f"form {saved.name}: version {saved.number}, {count} questions")
    return 0


def _form_show(args: argparse.Namespace) -> int:
    from supervisor_app.services.people import form_version

    with opened_database(args.db, upgrade=False) as db:
        version = form_version(db, args.form_name, args.version)
    rows = [
        {
            "section": s.title,
            "key": q.key,
            "text": q.text,
            "weight": q.weight,
            "type": q.answer.value,
            "auto_fail": q.auto_fail,
        }
        for s in version.definition.sections
        for q in s.questions
    ]
    if args.format == "table":
        print(f"{version.name}, version {version.number} ({version.created_by})")
    emit(rows, QUESTION_COLUMNS, args.format)
    return 0


def _form_list(args: argparse.Namespace) -> int:
    from supervisor_app.services.people import list_forms

    with opened_database(args.db, upgrade=False) as db:
        rows = [
            {"name": f.name, "versions": f.versions, "questions": f.questions,
             "evaluations": f.evaluations}
            for f in list_forms(db)
        ]  # fmt: skip
    emit(rows, FORM_COLUMNS, args.format)
    return 0


def _answers(args: argparse.Namespace) -> dict[str, str]:
    if args.answers is not None:
        return {str(k): str(v) for k, v in read_mapping(args.answers).items()}
    out = {}
    for item in args.answer:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--answer {item!r}: write QUESTION=ANSWER")
        out[key.strip()] = value.strip()
    return out


def _evaluate(args: argparse.Namespace) -> int:
    from supervisor_app.services.audit import current_actor
    from supervisor_app.services.people import evaluate, find_contact_ref, form_version
    from supervisor_app.services.setup import list_agents

    answers = _answers(args)
    with opened_database(args.db) as db:
        agent = pick(list_agents(db), args.agent, "agent with employee code", _code)
        version = form_version(db, args.form)
        contact_id = None
        if args.contact:
            contact = find_contact_ref(db, args.contact)
            if contact.agent_id is not None and contact.agent_id != agent.id:
                raise UsageError(f"contact {args.contact} was handled by another agent")
            contact_id = contact.contact_id
        line = evaluate(
            db,
            agent_id=int(agent.id),
            form_version_id=version.version_id,
            answers=answers,
            actor=current_actor(),
            contact_id=contact_id,
        )
    failed = " (auto-fail)" if line.auto_failed else ""
    print(
        f"{line.agent_name}: {line.score_pct:.1f} %{failed} on {line.form_name} "
        f"version {line.form_version}, evaluation {line.evaluation_id}"
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    from supervisor_app.services.people import evaluations_in
    from supervisor_app.services.setup import list_agents

    with opened_database(args.db, upgrade=False) as db:
        ids = None
        if args.agent:
            ids = [int(pick(list_agents(db), args.agent, "agent with employee code", _code).id)]
        lines = evaluations_in(db, agent_ids=ids, start=args.first, end=args.last)
    rows = [
        {
            "evaluation_id": e.evaluation_id,
            "evaluated_at": e.evaluated_at.isoformat(timespec="seconds"),
            "agent": e.agent_name,
            "evaluator": e.evaluator,
            "form": e.form_name,
            "version": e.form_version,
            "contact": e.contact_ref or "",
            "queue": e.queue_name or "",
            "score_pct": round(e.score_pct, 1),
            "auto_failed": e.auto_failed,
        }
        for e in lines
    ]
    emit(rows, LINE_COLUMNS, args.format)
    return 0


def _calibration(args: argparse.Namespace) -> int:
    from supervisor_app.services.people import calibration

    with opened_database(args.db, upgrade=False) as db:
        found = calibration(db, args.first, args.last)
    rows = [
        {
            "contact": c.contact_ref,
            "queue": c.queue_name or "",
            "agent": c.agent_name,
            "scores": ", ".join(f"{s:.1f}" for _, s in c.scores),
            "evaluators": ", ".join(e for e, _ in c.scores),
            "range": round(c.spread.range, 2),
            "std_dev": round(c.spread.std_dev, 2),
        }
        for c in found
    ]
    emit(rows, CALIBRATION_COLUMNS, args.format)
    return 0


def _code(agent: Any) -> str:
    return str(agent.employee_code)
