"""The answers to an event's own questions: checked against each question's kind, options and need."""

from __future__ import annotations

from typing import Any

from api.errors import InvalidInput
from api.events.models import QuestionKind
from api.schemas import printable

# What an answer of each kind of question must be: whole sentences, so that each language words them its way.
_EXPECTED = {
    QuestionKind.yes_no: "Please answer with yes or no (true/false).",
    QuestionKind.text: "Please answer with a text.",
    QuestionKind.choice: "Please answer with one of: {options}.",
    QuestionKind.multi_choice: "Please answer with a list of distinct options from: {options}.",
}


def check_answers(questions: list[dict[str, Any]], answers: dict[str, Any]) -> dict[str, Any]:
    """The answers, checked against the event's questions; the first wrong one is named."""
    by_id = {question["id"]: question for question in questions}
    for key in answers:
        if key not in by_id:
            raise InvalidInput("This event has no such question.", field=f"answers.{key}", kind="no-such-question")
    checked: dict[str, Any] = {}
    for question in questions:
        value = answers.get(question["id"])
        field = f"answers.{question['id']}"
        if value is None or value == "" or value == []:
            if question.get("required"):
                raise InvalidInput("Please answer this question.", field=field, kind="answer-required")
            continue
        checked[question["id"]] = _checked_answer(question, value, field)
    return checked


def _checked_answer(question: dict[str, Any], value: Any, field: str) -> Any:
    kind, options = question["kind"], question.get("options") or []
    if kind == QuestionKind.yes_no and isinstance(value, bool):
        return value
    if kind == QuestionKind.text and isinstance(value, str):
        value = value.strip()
        if len(value) > question.get("max_length", 500):
            limit = question.get("max_length", 500)
            raise InvalidInput(
                "Please answer in at most {limit} characters.",
                params={"limit": limit},
                field=field,
                kind="too-long",
                limit=limit,
            )
        try:
            return printable(value)
        except ValueError as exc:
            # printable's own words (declared in api/problem_texts.py), so they are translated too.
            raise InvalidInput(str(exc), field=field, kind="not-text") from exc
    if kind == QuestionKind.choice and isinstance(value, str) and value in options:
        return value
    if kind == QuestionKind.multi_choice and _distinct_options(value, options):
        return value
    raise InvalidInput(_EXPECTED[kind], params={"options": ", ".join(options)}, field=field, kind="not-a-choice")


def _distinct_options(value: Any, options: list[str]) -> bool:
    return (
        isinstance(value, list)
        and all(isinstance(item, str) and item in options for item in value)
        and len(set(value)) == len(value)
    )
