"""How an evaluation reads in a table, the same in the profile's Quality section and the
Analytics drill-down behind a quality score: its score (with "auto-fail" when a
must-pass question failed it), the form with the version it was scored with, the
contact with its queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from supervisor_app.services.people import EvaluationLine

_CONTEXT = "EvaluationText"


def score_text(line: EvaluationLine) -> str:
    text = f"{line.score_pct:.1f} %"
    if line.auto_failed:
        text += " " + QCoreApplication.translate(_CONTEXT, "(auto-fail)")
    return text


def form_text(line: EvaluationLine) -> str:
    return QCoreApplication.translate(_CONTEXT, "{name} v{number}").format(
        name=line.form_name, number=line.form_version
    )


def contact_text(line: EvaluationLine) -> str:
    contact = line.contact_ref or ""
    return f"{contact} ({line.queue_name})" if line.queue_name else contact
