"""What can be translated: every object a resident reads, and the paths of its texts.

A path names one text of an object: a field (`title`), an item of a list (`guiding_principles.2`,
`links.1.title`) or a part of a sign-up question, keyed by the question's stable id
(`questions.interpreting.label`, `questions.interpreting.options.0`). Paths are what the staff console,
the XLIFF/CSV files and a public answer's `untranslated` speak of.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm.attributes import set_committed_value

_TOKEN = re.compile(r"\[id\]|\[\]|[a-z_]+")
EACH, BY_ID = "[]", "[id]"  # every item of a list; every item, by its `id`


@dataclass(frozen=True)
class Translatable:
    """Declared on a model as `__translatable__`: what its texts are called and where they are."""

    subject: str  # the name staff, files and the API use: event, group, ...
    fields: tuple[str, ...]  # path patterns: "title", "links[].title", "questions[id].options[]"
    title: str  # the attribute staff recognise the object by in a list
    children: str | None = None  # a relationship whose objects are translated with it (a process's phases)


@dataclass(frozen=True)
class Subject:
    name: str
    model: type
    spec: Translatable

    @property
    def fields(self) -> tuple[str, ...]:
        return self.spec.fields

    def title(self, obj: Any) -> str:
        return str(getattr(obj, self.spec.title))

    def children(self, obj: Any) -> list[Any]:
        return list(getattr(obj, self.spec.children)) if self.spec.children else []

    def texts_of(self, obj: Any) -> dict[str, str]:
        """Every non-empty text of the object, by path, in the original language."""
        found: dict[str, str] = {}
        for pattern in self.fields:
            tokens = _TOKEN.findall(pattern)
            found.update(_walk(getattr(obj, tokens[0]), tokens[1:], tokens[0]))
        return found

    def shown(self, obj: Any, texts: dict[str, str]) -> dict[str, Any]:
        """The object's translatable attributes with `texts` put in, by attribute name (the object itself is
        left alone); sign-up questions keep their options and gain `option_labels`."""
        values: dict[str, Any] = {}
        for name in {_TOKEN.findall(pattern)[0] for pattern in self.fields}:
            patterns = [_TOKEN.findall(p)[1:] for p in self.fields if _TOKEN.findall(p)[0] == name]
            value = getattr(obj, name)
            for tokens in patterns:
                value = _replaced(value, tokens, name, texts)
            if name == "questions":
                value = _with_option_labels(getattr(obj, name), value)
            values[name] = value
        return values

    def show(self, obj: Any, texts: dict[str, str], untranslated: dict[str, str]) -> None:
        """Puts the translated texts into the loaded object for this request's answer only: the values are
        set as if loaded from the database, so nothing is ever written back. Only for answers that change
        nothing: a write in the same transaction must not read a translation as the original."""
        for name, value in self.shown(obj, texts).items():
            set_committed_value(obj, name, value)
        obj.untranslated = untranslated  # read by the public answers' `untranslated`


def _walk(value: Any, tokens: list[str], prefix: str) -> Iterator[tuple[str, str]]:
    if not tokens:
        if isinstance(value, str) and value.strip():
            yield prefix, value
        return
    step, rest = tokens[0], tokens[1:]
    if step == EACH:
        for index, item in enumerate(value or []):
            yield from _walk(item, rest, f"{prefix}.{index}")
    elif step == BY_ID:
        for item in value or []:
            yield from _walk(item, rest, f"{prefix}.{item['id']}")
    else:
        yield from _walk((value or {}).get(step), rest, f"{prefix}.{step}")


def _replaced(value: Any, tokens: list[str], prefix: str, texts: dict[str, str]) -> Any:
    if not tokens:
        return texts.get(prefix, value) if isinstance(value, str) else value
    step, rest = tokens[0], tokens[1:]
    if step == EACH:
        return [_replaced(item, rest, f"{prefix}.{index}", texts) for index, item in enumerate(value or [])]
    if step == BY_ID:
        return [_replaced(item, rest, f"{prefix}.{item['id']}", texts) for item in value or []]
    if not isinstance(value, dict):
        return value
    return {**value, step: _replaced(value.get(step), rest, f"{prefix}.{step}", texts)}


def _with_option_labels(original: list[dict[str, Any]], shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # A sign-up answer names the option as the city wrote it, so the options stay; the reader sees labels.
    return [
        {**question, "options": before.get("options", []), "option_labels": question.get("options", [])}
        for before, question in zip(original, shown, strict=True)
    ]


def _declared() -> dict[str, Subject]:
    # Found on the mapped classes, so this shared machinery imports no domain: each domain declares its own.
    from api.db import Base

    found = {}
    for mapper in Base.registry.mappers:
        spec = mapper.class_.__dict__.get("__translatable__")
        if isinstance(spec, Translatable):
            found[spec.subject] = Subject(spec.subject, mapper.class_, spec)
    return found


class _Registry:
    """The subjects, looked up once every model is imported (api.models)."""

    _by_name: dict[str, Subject] | None = None

    def by_name(self) -> dict[str, Subject]:
        if self._by_name is None:
            self._by_name = _declared()
        return self._by_name

    def of(self, obj: Any) -> Subject | None:
        spec = type(obj).__dict__.get("__translatable__")
        return self.by_name().get(spec.subject) if isinstance(spec, Translatable) else None


SUBJECTS = _Registry()
