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
from functools import cache
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
    # Texts that must stay as written because an answer names them: (list attribute, key, key to show the
    # translations under), e.g. a sign-up question's options, shown translated as its `option_labels`.
    kept: tuple[tuple[str, str, str], ...] = ()


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
            name, *steps = _tokens(pattern)
            found.update(_walk(getattr(obj, name), steps, name))
        return found

    def shown(self, obj: Any, texts: dict[str, str]) -> dict[str, Any]:
        """The object's translatable attributes with `texts` put in, by attribute name (the object itself is
        left alone); kept texts stay as written, their translations shown beside them."""
        values: dict[str, Any] = {}
        for pattern in self.fields:
            name, *steps = _tokens(pattern)
            values[name] = _replaced(values.get(name, getattr(obj, name)), steps, name, texts)
        for name, key, label_key in self.spec.kept:
            values[name] = _kept(getattr(obj, name), values[name], key, label_key)
        return values

    def show(self, obj: Any, texts: dict[str, str], untranslated: dict[str, str]) -> None:
        """Puts the translated texts into the loaded object for this request's answer only: the values are
        set as if loaded from the database, so nothing is ever written back. Only for answers that change
        nothing: a write in the same transaction must not read a translation as the original."""
        if texts:
            for name, value in self.shown(obj, texts).items():
                set_committed_value(obj, name, value)
        obj.untranslated = untranslated  # read by the public answers' `untranslated`


@cache
def _tokens(pattern: str) -> tuple[str, ...]:
    """The steps of a pattern: `questions[id].options[]` → questions, [id], options, []."""
    return tuple(_TOKEN.findall(pattern))


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


def _kept(original: list[dict[str, Any]], shown: list[dict[str, Any]], key: str, label_key: str) -> list[Any]:
    return [
        {**item, key: before.get(key, []), label_key: item.get(key, [])}
        for before, item in zip(original or [], shown or [], strict=True)
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
