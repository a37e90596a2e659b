"""The demo's quality evaluations: a default form and a few scored contacts per agent.

Scores follow the simulated agents: an agent whose customers are more satisfied
and whose handle time is shorter than the floor's scores higher (their answers
are drawn with a better chance of "yes" and higher 1–5 marks), with noise, so
``qa_score`` correlates with CSAT and AHT in the scorecards as it would in a
real centre. A few contacts are scored by three evaluators for calibration.
Deterministic for the seed; answers are scored by ``domain.quality`` like any.
"""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from datetime import datetime, timedelta

from supervisor_app.domain.quality import AnswerType, FormDefinition, Question, Section, score
from supervisor_app.services.database import Database
from supervisor_app.services.people import ReviewCandidate, review_candidates, save_form
from supervisor_app.services.writers.files import EvaluationFileRow, write_evaluations

DEMO_FORM = "Voice quality"
EVALUATORS = ("maria.lopez", "tom.becker", "aisha.khan")
PER_AGENT = 4
CALIBRATED = 3  # contacts every evaluator scores
REVIEW_DAYS = 14

DEFAULT_FORM = FormDefinition(
    (
        Section(
            "Opening",
            (
                Question("greeting", "Greeted the customer and gave their name", 1.0),
                Question("verify", "Verified the customer's identity", 3.0, auto_fail=True),
            ),
        ),
        Section(
            "Handling",
            (
                Question("listen", "Listened and understood the need", 2.0, AnswerType.SCALE),
                Question("resolve", "Resolved the request or set a clear next step", 4.0),
                Question("hold", "Used hold and transfer correctly", 1.0),
            ),
        ),
        Section(
            "Closing",
            (
                Question("tone", "Tone and courtesy", 2.0, AnswerType.SCALE),
                Question("summary", "Summarised and offered further help", 1.0),
            ),
        ),
    )
)


def seed_quality(db: Database, *, seed: int, until: datetime, days: int) -> int:
    """Write the default form and the demo's evaluations of the last days; how many."""
    version = save_form(db, DEMO_FORM, DEFAULT_FORM, "demo seed")
    start = until - timedelta(days=min(days, REVIEW_DAYS))
    found = review_candidates(db, start, until, every=7)
    if not found:
        return 0
    rng = random.Random(seed * 7919 + 18)
    by_agent: dict[int, list[ReviewCandidate]] = defaultdict(list)
    for c in found:
        by_agent[c.agent_id].append(c)
    quality = _agent_quality(by_agent)
    rows = []
    for agent_id, contacts in sorted(by_agent.items()):
        for c in rng.sample(contacts, min(PER_AGENT, len(contacts))):
            rows.append(_row(rng, version.version_id, c, quality[agent_id], rng.choice(EVALUATORS)))
    for c in rng.sample(found, min(CALIBRATED, len(found))):
        rows.extend(
            _row(rng, version.version_id, c, quality[c.agent_id], who) for who in EVALUATORS
        )
    return write_evaluations(db, [r for r in rows if r.evaluated_at <= until], "demo seed", None)


def _agent_quality(by_agent: dict[int, list[ReviewCandidate]]) -> dict[int, float]:
    """0..1 per agent: 0.8 on the floor's average, up with CSAT, down with handle time."""
    aht = {a: statistics.fmean(c.handle_seconds for c in cs) for a, cs in by_agent.items()}
    csat = {
        a: statistics.fmean([c.csat for c in cs if c.csat is not None] or [4.0])
        for a, cs in by_agent.items()
    }
    return {a: min(0.98, max(0.35, 0.8 + 0.1 * _z(csat, a) - 0.07 * _z(aht, a))) for a in by_agent}


def _z(values: dict[int, float], key: int) -> float:
    if len(values) < 2:
        return 0.0
    spread = statistics.pstdev(values.values()) or 1.0
    return (values[key] - statistics.fmean(values.values())) / spread


def _row(
    rng: random.Random, version_id: int, c: ReviewCandidate, q: float, evaluator: str
) -> EvaluationFileRow:
    answers = {}
    for question in DEFAULT_FORM.questions:
        if question.auto_fail:
            answers[question.key] = "no" if rng.random() < 0.03 else "yes"
        elif question.answer is AnswerType.SCALE:
            mark = round(1 + 4 * q + rng.gauss(0, 0.6))
            answers[question.key] = str(min(5, max(1, mark)))
        else:
            roll = rng.random()
            answers[question.key] = "yes" if roll < q else "partial" if roll < (1 + q) / 2 else "no"
    result = score(DEFAULT_FORM, answers)
    return EvaluationFileRow(
        agent_id=c.agent_id,
        form_version_id=version_id,
        contact_id=c.contact_id,
        queue_id=c.queue_id,
        evaluator=evaluator,
        evaluated_at=c.ended_at + timedelta(hours=rng.uniform(2, 30)),
        answers=answers,
        score_pct=round(result.pct, 4),
        auto_failed=result.auto_failed,
    )
