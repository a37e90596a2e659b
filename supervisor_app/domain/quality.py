"""Quality evaluations, pure: an evaluation form's shape, its score, and calibration spread.

A form version is a frozen list of sections of questions. Each question has a
weight and an answer type: ``yes_no`` (yes = 1 point, partial = 0.5, no = 0) or
``scale`` (1 to 5, worth (v − 1) ÷ 4). Any question may be answered "na" (not
applicable): it leaves both the points and the possible points. The score is
weighted points ÷ weighted possible points, as a percentage 0–100; an
"auto-fail" question (yes/no only) answered "no" makes the whole evaluation 0 %,
whatever else was answered — that is what auto-fail means on the floor (a
compliance miss voids the call).

The score is worked out once, when the evaluation is saved, and kept with the
form version it used, so editing a form never rewrites an old score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from supervisor_app.domain.errors import UserError

NOT_APPLICABLE = "na"
MAX_QUESTIONS = 200
MAX_WEIGHT = 100.0


class AnswerType(StrEnum):
    YES_NO = "yes_no"  # yes, partial, no
    SCALE = "scale"  # 1 to 5


_YES_NO_POINTS: dict[str, float] = {"yes": 1.0, "partial": 0.5, "no": 0.0}
_SCALE = ("1", "2", "3", "4", "5")


@dataclass(frozen=True, slots=True)
class Question:
    key: str  # short and stable within a form: what an answers file names
    text: str
    weight: float
    answer: AnswerType = AnswerType.YES_NO
    auto_fail: bool = False

    def choices(self) -> tuple[str, ...]:
        """The answers this question takes, "na" last."""
        own = tuple(_YES_NO_POINTS) if self.answer is AnswerType.YES_NO else _SCALE
        return (*own, NOT_APPLICABLE)

    def points(self, value: str) -> float | None:
        """Points 0..1 of an answer; None for "na". Raises ``UserError`` for anything else."""
        value = value.strip().lower()
        if value == NOT_APPLICABLE:
            return None
        if self.answer is AnswerType.YES_NO and value in _YES_NO_POINTS:
            return _YES_NO_POINTS[value]
        if self.answer is AnswerType.SCALE and value in _SCALE:
            return (int(value) - 1) / 4
        choices = ", ".join(self.choices())
        raise UserError(f"answer {value!r} to question {self.key!r} refused: one of {choices}")


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class FormDefinition:
    """What one version of a form asks, in order."""

    sections: tuple[Section, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, key: str) -> Question:
        for q in self.questions:
            if q.key == key:
                return q
        raise UserError(f"the form has no question {key!r}")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, as stored with the version and as ``qa form add`` reads it."""
        return {
            "sections": [
                {
                    "title": s.title,
                    "questions": [
                        {
                            "key": q.key,
                            "text": q.text,
                            "weight": q.weight,
                            "type": q.answer.value,
                            "auto_fail": q.auto_fail,
                        }
                        for q in s.questions
                    ],
                }
                for s in self.sections
            ]
        }

    @classmethod
    def from_dict(cls, data: Any) -> FormDefinition:
        """A definition from plain data, checked: names the first thing wrong."""
        if not isinstance(data, Mapping) or not isinstance(data.get("sections"), list):
            raise UserError("a form needs a list of sections")
        sections = []
        for i, raw in enumerate(data["sections"], start=1):
            if not isinstance(raw, Mapping) or not isinstance(raw.get("questions"), list):
                raise UserError(f"section {i} needs a title and a list of questions")
            title = str(raw.get("title", "")).strip()
            questions = tuple(_question(q, i) for q in raw["questions"])
            sections.append(Section(title or f"Section {i}", questions))
        return check(cls(tuple(sections)))


def _question(raw: Any, section: int) -> Question:
    if not isinstance(raw, Mapping):
        raise UserError(f"section {section}: a question must be a table of key, text, weight")
    key = str(raw.get("key", "")).strip()
    try:
        weight = float(raw.get("weight", 1))
        kind = AnswerType(str(raw.get("type", AnswerType.YES_NO.value)))
    except ValueError:
        raise UserError(
            f"question {key!r}: weight must be a number, type yes_no or scale"
        ) from None
    return Question(
        key, str(raw.get("text", key)).strip() or key, weight, kind, bool(raw.get("auto_fail"))
    )


def check(form: FormDefinition) -> FormDefinition:
    """``form`` if it can be scored; otherwise a ``UserError`` naming the first problem."""
    questions = form.questions
    if not questions:
        raise UserError("a form needs at least one question")
    if len(questions) > MAX_QUESTIONS:
        raise UserError(f"a form has at most {MAX_QUESTIONS} questions")
    seen: set[str] = set()
    for q in questions:
        if not q.key or len(q.key) > 40 or not q.key.replace("_", "").replace("-", "").isalnum():
            raise UserError(f"question key {q.key!r} refused: 1 to 40 letters, digits, - or _")
        if q.key in seen:
            raise UserError(f"question key {q.key!r} is used twice")
        seen.add(q.key)
        if not (math.isfinite(q.weight) and 0 < q.weight <= MAX_WEIGHT):
            raise UserError(f"question {q.key!r}: weight must be above 0 and at most 100")
        if q.auto_fail and q.answer is not AnswerType.YES_NO:
            raise UserError(f"question {q.key!r}: only a yes/no question can be auto-fail")
    if all(q.auto_fail for q in questions):
        raise UserError("a form needs at least one question that is not auto-fail")
    return form


@dataclass(frozen=True, slots=True)
class Score:
    pct: float  # 0..100
    auto_failed: bool


def score(form: FormDefinition, answers: Mapping[str, str]) -> Score:
    """The evaluation's percentage: weighted points ÷ weighted possible points × 100.

    Every question must be answered (use "na" where it does not apply) and no
    other key given; an auto-fail question answered "no" makes it 0 %.
    """
    unknown = sorted(set(answers) - {q.key for q in form.questions})
    if unknown:
        raise UserError(f"the form has no question {unknown[0]!r}")
    points = possible = 0.0
    failed = False
    for q in form.questions:
        if q.key not in answers:
            raise UserError(f"question {q.key!r} is not answered (answer na if it does not apply)")
        got = q.points(answers[q.key])
        if got is None:
            continue
        if q.auto_fail and got == 0.0:
            failed = True
        points += q.weight * got
        possible += q.weight
    if possible == 0:
        raise UserError("every scored question was answered na: nothing to score")
    return Score(0.0 if failed else 100.0 * points / possible, failed)


def partial_score(form: FormDefinition, answers: Mapping[str, str]) -> Score | None:
    """The score of the questions answered so far (the dialog's live read-out); None before
    any scored answer. Unanswered questions count as neither points nor possible."""
    given = {k: v for k, v in answers.items() if v}
    filled = {q.key: given.get(q.key, NOT_APPLICABLE) for q in form.questions}
    try:
        return score(form, filled)
    except UserError:
        return None


def mean_score(score_pct_total: float, evaluations: int) -> float | None:
    """``qa_score``: the mean of the evaluations' percentages, as a fraction 0..1 like the
    other percentages of a KPI row; None where there is no evaluation."""
    return None if evaluations == 0 else score_pct_total / evaluations / 100.0


@dataclass(frozen=True, slots=True)
class Spread:
    """How far evaluators of one contact disagree, in percentage points."""

    count: int
    mean: float
    range: float  # max − min
    std_dev: float  # population standard deviation: the evaluators are all there is


def spread(scores: Iterable[float]) -> Spread:
    values = list(scores)
    if not values:
        raise ValueError("spread of no scores")
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    return Spread(len(values), mean, max(values) - min(values), math.sqrt(variance))
