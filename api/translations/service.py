"""Translations of what residents read: shown in the reader's language with a per-text fallback, and
kept by staff side by side with the original, with what is missing or out of date."""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import utcnow
from api.errors import InvalidInput, NotFound
from api.i18n import fallbacks
from api.organizations.models import Organization
from api.translations.models import Translation
from api.translations.subjects import SUBJECTS, Subject


def digest(text: str) -> str:
    """A fingerprint of an original, to tell later whether it changed after it was translated."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- reading: the public answers ---------------------------------------------------------------------


def with_children(objects: Iterable[Any]) -> list[tuple[Subject, Any]]:
    """Each translatable object with its subject, followed by its parts (a process's phases)."""
    found: list[tuple[Subject, Any]] = []
    for obj in objects:
        subject = SUBJECTS.of(obj)
        if subject is None:
            continue
        found.append((subject, obj))
        found.extend(with_children(subject.children(obj)))
    return found


async def show_in(session: AsyncSession, organization: Organization, language: str, objects: Iterable[Any]) -> None:
    """Puts the texts of `objects` (and their parts, e.g. a process's phases) in `language` for this
    answer, each text falling back to the city's default where it has no translation, and notes on each
    object which texts are shown in another language (`untranslated`), so the site can mark them."""
    chain = _chain(organization, language)
    if not chain:
        return  # the city's own language: the originals as loaded, nothing untranslated (the answers' default)
    subjects = with_children(objects)
    stored = await _stored_in(session, organization, chain, {obj.id for _, obj in subjects})
    for subject, obj in subjects:
        found = _pick(subject.texts_of(obj), stored, obj.id, chain, organization.default_language)
        subject.show(obj, _translated(found, organization), _untranslated(found, language))


@dataclass(frozen=True)
class Shown:
    """One object's texts as a reader of some language sees them, without touching the object."""

    values: dict[str, Any]  # attribute → value with the translations in (questions with option_labels)
    untranslated: dict[str, str]  # path → the language a text is shown in, where not the one asked for


async def shown(session: AsyncSession, organization: Organization, language: str, obj: Any) -> Shown:
    """For answers inside a change (a manage page after a confirmation): the texts in `language` with the
    per-text fallback, as `show_in` would put them, but the loaded object keeps its originals."""
    found = await _found_in(session, organization, language, obj)
    values = _subject_of(obj).shown(obj, _translated(found, organization))
    return Shown(values=values, untranslated=_untranslated(found, language))


async def texts_in(session: AsyncSession, organization: Organization, language: str, obj: Any) -> dict[str, str]:
    """The texts of one object in `language` with the per-text fallback, without touching the object:
    for a mail to one person in the middle of a change that other mails also read."""
    return {path: text for path, (text, _) in (await _found_in(session, organization, language, obj)).items()}


# A text as a reader sees it: the words and the language they are in.
Found = dict[str, tuple[str, str]]
Stored = dict[tuple[uuid.UUID, str], dict[str, str]]  # (object, path) → language → translation


def _chain(organization: Organization, language: str) -> list[str]:
    """The translations to look for, best first; empty when the reader reads the city's own language."""
    return [
        code for code in fallbacks(language, organization.default_language) if code != organization.default_language
    ]


async def _found_in(session: AsyncSession, organization: Organization, language: str, obj: Any) -> Found:
    chain = _chain(organization, language)
    stored = await _stored_in(session, organization, chain, {obj.id}) if chain else {}
    return _pick(_subject_of(obj).texts_of(obj), stored, obj.id, chain, organization.default_language)


async def _stored_in(
    session: AsyncSession, organization: Organization, chain: list[str], ids: set[uuid.UUID]
) -> Stored:
    """Every translation of the objects into the languages of `chain`, in one query."""
    stored: Stored = defaultdict(dict)
    if not ids:
        return stored
    rows = await session.execute(
        select(Translation.subject_id, Translation.field, Translation.language, Translation.text).where(
            Translation.organization_id == organization.id,
            Translation.language.in_(chain),
            Translation.subject_id.in_(ids),
        )
    )
    for subject_id, path, code, text in rows:
        stored[subject_id, path][code] = text
    return stored


def _pick(originals: dict[str, str], stored: Stored, obj_id: uuid.UUID, chain: list[str], source: str) -> Found:
    """Per text, the first language of the chain it is translated into, else the original."""
    found: Found = {}
    for path, original in originals.items():
        by_language = stored.get((obj_id, path), {})
        code = next((code for code in chain if code in by_language), source)
        found[path] = (by_language[code] if code != source else original, code)
    return found


def _translated(found: Found, organization: Organization) -> dict[str, str]:
    return {path: text for path, (text, code) in found.items() if code != organization.default_language}


def _untranslated(found: Found, language: str) -> dict[str, str]:
    return {path: code for path, (_, code) in found.items() if code != language}


# --- the staff's sheet --------------------------------------------------------------------------------


@dataclass
class SheetItem:
    subject: str
    subject_id: uuid.UUID
    subject_title: str
    field: str
    source: str
    text: str | None
    state: str  # missing, stale, current
    updated_at: datetime | None


async def sheet(
    session: AsyncSession, organization: Organization, objects: Sequence[Any], language: str
) -> list[SheetItem]:
    """Every text of `objects` (and their parts) with its translation into `language`, and whether that is
    missing, stale (the original changed since) or current."""
    _check_target(organization, language)
    subjects = with_children(objects)
    stored = await _stored(session, organization, language, [obj.id for _, obj in subjects])
    items = []
    for subject, obj in subjects:
        for path, source in subject.texts_of(obj).items():
            row = stored.get((subject.name, obj.id, path))
            items.append(_item(subject, obj, path, source, row))
    return items


def _item(subject: Subject, obj: Any, path: str, source: str, row: Translation | None) -> SheetItem:
    state = "missing" if row is None else "current" if row.source_digest == digest(source) else "stale"
    return SheetItem(
        subject=subject.name,
        subject_id=obj.id,
        subject_title=subject.title(obj),
        field=path,
        source=source,
        text=row.text if row else None,
        state=state,
        updated_at=row.updated_at if row else None,
    )


async def _stored(
    session: AsyncSession, organization: Organization, language: str, ids: Sequence[uuid.UUID]
) -> dict[tuple[str, uuid.UUID, str], Translation]:
    if not ids:
        return {}
    rows = await session.scalars(
        select(Translation).where(
            Translation.organization_id == organization.id,
            Translation.language == language,
            Translation.subject_id.in_(ids),
        )
    )
    return {(row.subject, row.subject_id, row.field): row for row in rows}


def _check_target(organization: Organization, language: str) -> None:
    if language == organization.default_language:
        raise InvalidInput(
            "The city's default language is the original; translate into another language.",
            field="language",
            location="query",
            kind="not-a-choice",
        )
    if language not in organization.languages:
        raise InvalidInput(
            "The city's site does not offer this language; add it in the city's settings first.",
            field="language",
            location="query",
            kind="language-not-offered",
        )


# --- saving ---------------------------------------------------------------------------------------


async def subject_object(session: AsyncSession, organization: Organization, subject: str, subject_id: uuid.UUID) -> Any:
    """The object a translation belongs to, within the caller's city."""
    spec = SUBJECTS.by_name()[subject]
    obj = await session.get(spec.model, subject_id)
    owner = obj.id if isinstance(obj, Organization) else getattr(obj, "organization_id", None)
    if obj is None or owner != organization.id:
        raise NotFound("There is no such text to translate in your city.")
    return obj


def process_of(obj: Any) -> uuid.UUID | None:
    """The process an object belongs to (for permissions); None for the city's own texts."""
    if _subject_of(obj).name == "process":
        return obj.id
    return getattr(obj, "process_id", None)


def _subject_of(obj: Any) -> Subject:
    subject = SUBJECTS.of(obj)
    if subject is None:
        raise TypeError(f"{type(obj).__name__} has no translatable texts")
    return subject


async def save(
    session: AsyncSession,
    organization: Organization,
    obj: Any,
    path: str,
    language: str,
    text: str,
    staff_id: uuid.UUID | None,
) -> SheetItem:
    """Keeps the translation of one text, marked as made from the original as it reads now."""
    return (await save_all(session, organization, language, [(obj, path, text)], staff_id))[0]


async def save_all(
    session: AsyncSession,
    organization: Organization,
    language: str,
    entries: Sequence[tuple[Any, str, str]],
    staff_id: uuid.UUID | None,
) -> list[SheetItem]:
    """Keeps translations of (object, path, text), each marked as made from the original as it reads now:
    the stored ones read in one query and written in one flush, however long an agency's file."""
    _check_target(organization, language)
    stored = await _stored(session, organization, language, list({obj.id for obj, _, _ in entries}))
    items = []
    for obj, path, text in entries:
        subject = _subject_of(obj)
        source = subject.texts_of(obj).get(path)
        if source is None:
            raise InvalidInput(
                "This object has no such text (or its original is empty).", field="field", kind="not-found"
            )
        row = stored.get((subject.name, obj.id, path))
        if row is None:
            row = Translation(
                organization_id=organization.id, subject=subject.name, subject_id=obj.id, field=path, language=language
            )
            session.add(row)
            stored[subject.name, obj.id, path] = row
        row.text, row.source_digest, row.updated_at, row.updated_by = text, digest(source), utcnow(), staff_id
        items.append(_item(subject, obj, path, source, row))
    await session.flush()
    return items


async def remove(session: AsyncSession, obj: Any, path: str, language: str) -> None:
    subject = _subject_of(obj)
    await session.execute(
        delete(Translation).where(
            Translation.subject == subject.name,
            Translation.subject_id == obj.id,
            Translation.field == path,
            Translation.language == language,
        )
    )
